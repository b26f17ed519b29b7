import { buildFederatedSchema, byKey, isUuid, type Context } from '../../shared/src';
import { In } from 'typeorm';
import { PartResolver } from './part/part.resolver';
import { VehicleModelResolver } from './vehicle-model/vehicle-model.resolver';
import { SearchResolver } from './search/search.resolver';
import { partLoader } from './part/part.loader';
import { VehicleModelEntity } from './vehicle-model/vehicle-model.entity';

export const buildCatalogSchema = () =>
  buildFederatedSchema({
    resolvers: [PartResolver, VehicleModelResolver, SearchResolver],
    references: {
      Part: (ref, ctx) => partLoader(ctx).load(ref.id),
      VehicleModel: (ref, ctx: Context) =>
        byKey<string, VehicleModelEntity>(ctx, 'vehicleModel', async (ids) => {
          const valid = ids.filter(isUuid);
          return valid.length ? ctx.db.getRepository(VehicleModelEntity).findBy({ id: In(valid) }) : [];
        }, (m) => m.id).load(ref.id),
    },
  });
