/** The workshop subgraph: repair orders, requisitions (领退料), returns and price adjustments, counter and lost sales. */
import type { SubgraphDefinition } from '../../shared/src';
import { buildWorkshopSchema } from './schema';
import { migrations } from './migrations';
import { RepairOrderEntity } from './repair-order/repair-order.entity';
import { startRecoverySweep } from './pending-commands';
import { partFactConsumer } from './part-fact/part-fact.projection';

export const workshop: SubgraphDefinition = {
  name: 'workshop',
  buildSchema: buildWorkshopSchema,
  entities: [RepairOrderEntity],
  migrations,
  // The catalog facts requisitions and sales are priced with, projected from catalog.part_changed (part-fact/).
  consumers: (rt) => [partFactConsumer(rt)],
  // Requisitions, returns and counter sales left PENDING by a crash are finished by the sweep (pending-commands.ts).
  start: async (rt) => startRecoverySweep(rt),
};
