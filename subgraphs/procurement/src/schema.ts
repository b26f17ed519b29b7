/**
 * The procurement schema: resolvers and entity references. Other procurement
 * modules (e.g. reorder/) add their resolver to `resolvers` with one line.
 */
import type { NonEmptyArray } from 'type-graphql';
import { buildFederatedSchema } from '../../shared/src';
import { SupplierResolver } from './supplier/supplier.resolver';
import { supplierLoader } from './supplier/supplier.service';
import { PurchaseOrderLineResolver, PurchaseOrderResolver } from './purchase-order/purchase-order.resolver';
import { orderLoader, toOrder } from './purchase-order/purchase-order.service';
import { ReceivingResolver } from './receiving/receiving.resolver';
import { DamageClaimResolver } from './damage-claim/damage-claim.resolver';
import { ShortageResolver } from './shortage/shortage.resolver';
import { PartShortagesResolver } from './shortage/part-shortages.resolver';
import { ShortageAcknowledgementResolver } from './shortage/shortage-acknowledgement.resolver';
import { shortageLoader } from './shortage/shortage.service';
import { ReorderPolicyResolver } from './reorder-policy/reorder-policy.resolver';
import { ConsumptionResolver } from './consumption/consumption.resolver';
import { InboundStatisticsResolver } from './inbound/inbound-statistics.resolver';
import { ShortageAlertResolver } from './shortage-alert/shortage-alert.resolver';
import { KpiResolver } from './kpi/kpi.resolver';
import { ReorderResolver } from './reorder/reorder.resolver';
import { OrdersFromRecommendationsResolver } from './purchase-order/orders-from-recommendations.resolver';
import { PartOffersResolver, SupplierOfferResolver } from './supplier-offer/supplier-offer.resolver';
import { DepotResolver } from './depot/depot.resolver';
import { DepotReorderResolver } from './depot/depot-reorder.resolver';
import { BinLocation, Part, RepairOrder, Station, Warehouse } from './stub/entity-stubs';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const resolvers: NonEmptyArray<Function> = [
  SupplierResolver,
  PurchaseOrderResolver,
  PurchaseOrderLineResolver,
  ReceivingResolver,
  DamageClaimResolver,
  ShortageResolver,
  PartShortagesResolver,
  ShortageAcknowledgementResolver,
  ReorderPolicyResolver,
  ConsumptionResolver,
  InboundStatisticsResolver,
  ShortageAlertResolver,
  KpiResolver,
  ReorderResolver,
  SupplierOfferResolver,
  PartOffersResolver,
  OrdersFromRecommendationsResolver,
  DepotResolver,
  DepotReorderResolver,
];

export const buildProcurementSchema = () =>
  buildFederatedSchema({
    resolvers,
    orphanedTypes: [Part, Station, Warehouse, BinLocation, RepairOrder],
    references: {
      Part: (ref) => Object.assign(new Part(), { id: ref.id }),
      Supplier: (ref, ctx) => supplierLoader(ctx).load(ref.id),
      PurchaseOrder: async (ref, ctx) => {
        const row = await orderLoader(ctx).load(ref.id);
        if (!row) return null;
        // Orders of other stations are invisible, not an error, when reached through a reference.
        const u = ctx.user;
        if (!u.roles.includes('HQ_ADMIN') && !(u.roles.includes('SERVICE') && !u.stationId) && u.stationId !== row.station_id) return null;
        return toOrder(row);
      },
      Shortage: async (ref, ctx) => {
        const s = await shortageLoader(ctx).load(ref.id);
        const u = ctx.user;
        if (!s || (!u.roles.includes('HQ_ADMIN') && !(u.roles.includes('SERVICE') && !u.stationId) && u.stationId !== s.stationId)) return null;
        return s;
      },
    },
  });
