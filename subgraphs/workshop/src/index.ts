/** The workshop subgraph: repair orders, requisitions (领退料), returns and price adjustments, counter and lost sales. */
import type { SubgraphDefinition } from '../../shared/src';
import { buildWorkshopSchema } from './schema';
import { migrations } from './migrations';
import { RepairOrderEntity } from './repair-order/repair-order.entity';
import { startRecoverySweep } from './requisition/recovery';

export const workshop: SubgraphDefinition = {
  name: 'workshop',
  buildSchema: buildWorkshopSchema,
  entities: [RepairOrderEntity],
  migrations,
  // Requisitions and returns left PENDING by a crash are finished by the sweep (requisition/recovery.ts).
  start: async (rt) => startRecoverySweep(rt),
};
