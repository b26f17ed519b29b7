import { buildFederatedSchema, type Context } from '../../shared/src';
import { PartResolver } from './part/part.resolver';
import { VehicleModelResolver } from './vehicle-model/vehicle-model.resolver';
import { SearchResolver } from './search/search.resolver';
import { VinPatternResolver } from './vin-pattern/vin-pattern.resolver';
import { vehicleModelLoader } from './vehicle-model/vehicle-model.loader';
import { partLoader } from './part/part.loader';

export const buildCatalogSchema = () =>
  buildFederatedSchema({
    resolvers: [PartResolver, VehicleModelResolver, SearchResolver, VinPatternResolver],
    references: {
      Part: (ref, ctx) => partLoader(ctx).load(ref.id),
      VehicleModel: (ref, ctx: Context) => vehicleModelLoader(ctx).load(ref.id),
    },
  });
