/** The stock subgraph: stations, warehouses, bins, levels, the movement ledger, transfers, stocktakes, write-offs and surplus exchange. */
import { commandHandlers, type SubgraphDefinition } from '../../shared/src';
import { buildStockSchema } from './schema';
import { migrations } from './migrations';
import { BinEntity, StationEntity, WarehouseEntity } from './station/station.entity';
import { inventoryProfile } from './kpi/inventory-profile.command';
import { surplusOffered } from './surplus/surplus-offered.command';
import { issueStock } from './commands/issue-stock.command';
import { receiveStock } from './commands/receive-stock.command';
import { returnStock } from './commands/return-stock.command';
import { returnToSupplier } from './commands/return-to-supplier.command';
import { stockSnapshot } from './commands/stock-snapshot.command';
import { partFactConsumer } from './part-fact/part-fact.projection';
import { networkTotals, reserveDepotStock, shipDepotStock, surplusValues } from './depot/depot-stock.command';

export const stock: SubgraphDefinition = {
  name: 'stock',
  buildSchema: buildStockSchema,
  entities: [StationEntity, WarehouseEntity, BinEntity],
  migrations,
  // docs/internal-contracts.md: the ledger commands (commands/), procurement's parts KPIs (kpi/), networkSurplus (surplus/)
  commands: () => commandHandlers('stock', { issueStock, receiveStock, returnStock, returnToSupplier, stockSnapshot, inventoryProfile, surplusOffered, reserveDepotStock, shipDepotStock, networkTotals, surplusValues }),
  // The catalog facts lines are checked against (unit precision, barcode), projected from catalog.part_changed.
  consumers: (rt) => [partFactConsumer(rt)],
  subscriptions: true, // Subscription.swapRequests over graphql-ws (surplus/)
};
