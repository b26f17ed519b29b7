/** The catalog subgraph: parts, vehicle models, prices, supersession and part search. */
import type { SubgraphDefinition } from '../../shared/src';
import { buildCatalogSchema } from './schema';
import { migrations } from './migrations';
import { PartEntity } from './part/part.entity';
import { VehicleModelEntity } from './vehicle-model/vehicle-model.entity';
import { partFacts } from './part/part-facts.command';

export const catalog: SubgraphDefinition = {
  name: 'catalog',
  buildSchema: buildCatalogSchema,
  entities: [PartEntity, VehicleModelEntity],
  migrations,
  commands: () => ({ partFacts }),
};
