/** The stock subgraph: stations, warehouses, bins, levels, the movement ledger, transfers, stocktakes, write-offs and surplus exchange. */
import type { SubgraphDefinition } from '../../shared/src';
import { buildStockSchema } from './schema';
import { migrations } from './migrations';
import { BinEntity, StationEntity, WarehouseEntity } from './station/station.entity';
import { inventoryProfile } from './kpi/inventory-profile.command';
import { surplusOffered } from './surplus/surplus-offered.command';

export const stock: SubgraphDefinition = {
  name: 'stock',
  buildSchema: buildStockSchema,
  entities: [StationEntity, WarehouseEntity, BinEntity],
  migrations,
  commands: () => ({ inventoryProfile, surplusOffered }), // read-only: procurement's parts KPIs (kpi/), networkSurplus (surplus/)
  subscriptions: true, // Subscription.swapRequests over graphql-ws (surplus/)
};
