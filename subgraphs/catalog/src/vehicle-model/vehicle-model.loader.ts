/** Vehicle models by id, batched per request (entity references, VIN patterns, the model a VIN search resolved to). */
import { In } from 'typeorm';
import { byKey, isUuid, type Context } from '../../../shared/src';
import { VehicleModelEntity } from './vehicle-model.entity';

export const vehicleModelLoader = (ctx: Context) =>
  byKey<string, VehicleModelEntity>(ctx, 'vehicleModel', async (ids) => {
    const valid = ids.filter(isUuid);
    return valid.length ? ctx.db.getRepository(VehicleModelEntity).findBy({ id: In(valid) }) : [];
  }, (m) => m.id);
