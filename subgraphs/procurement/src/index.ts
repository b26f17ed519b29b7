/** The procurement subgraph: suppliers, purchase orders, receiving, damage claims, shortages, consumption history and reorder recommendations. */
import { commandHandlers, startPendingSweep, type SubgraphDefinition } from '../../shared/src';
import { buildProcurementSchema } from './schema';
import { migrations } from './migrations';
import { SupplierEntity } from './supplier/supplier.entity';
import { shortageService } from './shortage/shortage.service';
import { directPurchase } from './purchase-order/direct-purchase.command';
import { stockEventsConsumer } from './consumption/stock-events.consumer';
import { workshopDemandConsumer } from './demand/workshop-demand.consumer';
import { pendingStockPostings } from './receiving/stock-posting.service';
import { pendingDepotCommands, startBackorderSweep } from './depot/depot.service';
import { pendingDamageReturns } from './damage-claim/damage-claim-return.service';

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
  // The pending-command sweep finishes stock postings and depot confirmations / shipments a crash left
  // PENDING (at start-up, then every 3 s); the back-order sweep confirms what the depot now has stock for.
  start: async (rt) => {
    const stops = [startPendingSweep(rt, [pendingStockPostings, pendingDepotCommands, pendingDamageReturns], { everyMs: 3000, minAgeMs: 2000 }), startBackorderSweep(rt)];
    return () => stops.forEach((s) => s());
  },
};

export { purchaseOrderService } from './purchase-order/purchase-order.service';
export { shortageService, shortageLoader, toShortage } from './shortage/shortage.service';
export { reorderPolicyService } from './reorder-policy/reorder-policy.service';
