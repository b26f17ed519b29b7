/** The procurement subgraph: suppliers, purchase orders, receiving, damage claims, shortages, consumption history and reorder recommendations. */
import { commandHandlers, type SubgraphDefinition } from '../../shared/src';
import { buildProcurementSchema } from './schema';
import { migrations } from './migrations';
import { SupplierEntity } from './supplier/supplier.entity';
import { shortageService } from './shortage/shortage.service';
import { directPurchase } from './purchase-order/direct-purchase.command';
import { stockEventsConsumer } from './consumption/stock-events.consumer';
import { workshopDemandConsumer } from './demand/workshop-demand.consumer';
import { startStockPostingRetrier } from './receiving/stock-posting.service';
import { startDepotSweeps } from './depot/depot.service';

export const procurement: SubgraphDefinition = {
  name: 'procurement',
  buildSchema: buildProcurementSchema,
  entities: [SupplierEntity],
  migrations,
  subscriptions: true, // Subscription.shortageAlerts over graphql-ws (shortage-alert/)
  commands: () => commandHandlers('procurement', {
    recordShortage: (ctx, input) => shortageService.record(ctx, input),
    directPurchase: (ctx, input) => directPurchase(ctx, input),
  }),
  consumers: (rt) => [stockEventsConsumer(rt), workshopDemandConsumer(rt.log)],
  // Finishes stock postings a crash left pending: at start-up, then every few seconds.
  // …and depot confirmations / shipments a crash left pending, and back-orders the depot now has stock for.
  start: async (rt) => {
    const stops = [startStockPostingRetrier(rt), startDepotSweeps(rt)];
    return () => stops.forEach((s) => s());
  },
};

export { purchaseOrderService } from './purchase-order/purchase-order.service';
export { shortageService, shortageLoader, toShortage } from './shortage/shortage.service';
export { reorderPolicyService } from './reorder-policy/reorder-policy.service';
