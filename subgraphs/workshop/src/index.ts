/** The workshop subgraph: repair orders, requisitions (领退料), returns and price adjustments. */
import type { SubgraphDefinition } from '../../shared/src';
import { buildWorkshopSchema } from './schema';
import { migrations } from './migrations';
import { RepairOrderEntity } from './repair-order/repair-order.entity';

export const workshop: SubgraphDefinition = {
  name: 'workshop',
  buildSchema: buildWorkshopSchema,
  entities: [RepairOrderEntity],
  migrations,
};
