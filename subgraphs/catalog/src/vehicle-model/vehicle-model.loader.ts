/** Vehicle models by id, batched per request (entity references, VIN patterns, the model a VIN search resolved to). */
import { In } from 'typeorm';
import { type Context, byId } from '../../../shared/src';
import { VehicleModelEntity } from './vehicle-model.entity';

export const vehicleModelLoader = (ctx: Context) =>
  byId<VehicleModelEntity>(ctx, 'vehicleModel', (ids) => ctx.db.getRepository(VehicleModelEntity).findBy({ id: In(ids) }), (m) => m.id);
