/** The procurement subgraph: suppliers, purchase orders, receiving, damage claims, shortages, consumption history and reorder recommendations. */
import type { SubgraphDefinition } from '../../shared/src';
import { buildProcurementSchema } from './schema';
import { migrations } from './migrations';
import { SupplierEntity } from './supplier/supplier.entity';

export const procurement: SubgraphDefinition = {
  name: 'procurement',
  buildSchema: buildProcurementSchema,
  entities: [SupplierEntity],
  migrations,
};
