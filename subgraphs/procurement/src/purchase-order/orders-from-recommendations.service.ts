/**
 * createPurchaseOrdersFromRecommendations (推荐订货 → 采购订单): the selected
 * parts' recommended new-buy quantities, one DRAFT per supplier — each part
 * goes to its preferred offer's supplier (the offer the reorder engine
 * planned, rounded and priced with). All drafts or none: a part nobody offers
 * refuses the whole request (reason NO_SUPPLIER_OFFER, naming the parts) so
 * that the purchaser adds the offer and tries again.
 */
import { badInput, ErrorCode, refusal, scopeStation, type Context, idOrRefuse, UNKNOWN_PART, UNKNOWN_STATION } from '../../../shared/src';
import { reorderService } from '../reorder/reorder.service';
import { purchaseOrderService, type NewOrderLine } from './purchase-order.service';
import { PurchaseOrderKind, type PurchaseOrder } from './purchase-order.type';

export interface OrdersFromRecommendationsArgs {
  stationId: string;
  partIds: string[];
  targetFillRate?: number | null;
  reviewPeriodDays?: number | null;
}

export async function createOrdersFromRecommendations(ctx: Context, args: OrdersFromRecommendationsArgs): Promise<PurchaseOrder[]> {
  const partIds = [...new Set(args.partIds ?? [])];
  if (!partIds.length) throw refusal(ErrorCode.BAD_USER_INPUT, 'NOTHING_SELECTED', 'partIds must name at least one part', { field: 'partIds' });
  if (partIds.length > 2000) throw refusal(ErrorCode.BAD_USER_INPUT, 'TOO_MANY_ROWS', 'At most 2000 parts per call', { field: 'partIds', max: 2000, count: partIds.length });
  for (const id of partIds) idOrRefuse(id, UNKNOWN_PART);
  const target = args.targetFillRate ?? 0.95;
  const review = args.reviewPeriodDays ?? 7;
  if (!Number.isFinite(target) || target <= 0 || target >= 1) throw badInput('INVALID_VALUE', 'targetFillRate must be between 0 and 1 (exclusive)', { targetFillRate: 'outside (0, 1)' });
  if (!Number.isInteger(review) || review < 0 || review > 365) throw badInput('INVALID_VALUE', 'reviewPeriodDays must be a whole number of days from 0 to 365', { reviewPeriodDays: 'outside 0…365' });
  const stationId = scopeStation(ctx, args.stationId, true);
  idOrRefuse(stationId, UNKNOWN_STATION);

  const recs = await reorderService.compute(ctx, stationId, target, review, partIds, null);
  const noOffer = recs.filter((r) => !r.view.supplierId);
  if (noOffer.length) {
    throw refusal(ErrorCode.BAD_USER_INPUT, 'NO_SUPPLIER_OFFER', `No supplier offers ${noOffer.length} of the parts: ${noOffer.map((r) => r.partNo).join(', ')}`,
      { partNos: noOffer.map((r) => r.partNo), partIds: noOffer.map((r) => r.partId) });
  }
  const toBuy = recs.filter((r) => r.rec.suggestedQuantity > 0);
  if (!toBuy.length) {
    throw refusal(ErrorCode.BAD_USER_INPUT, 'NOTHING_TO_ORDER', 'Nothing to order: none of the parts has a recommended quantity', { partNos: recs.map((r) => r.partNo) });
  }
  const bySupplier = new Map<string, { partId: string; quantity: number }[]>();
  for (const r of toBuy) {
    const list = bySupplier.get(r.view.supplierId!) ?? [];
    list.push({ partId: r.partId, quantity: r.rec.suggestedQuantity });
    bySupplier.set(r.view.supplierId!, list);
  }
  const note = `推荐订货生成（目标满足率 ${(target * 100).toFixed(1)}%，检查周期 ${review} 天）`;
  const prepared: { supplierId: string; lines: NewOrderLine[] }[] = [];
  for (const [supplierId, lines] of [...bySupplier.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    prepared.push({ supplierId, lines: await purchaseOrderService.prepare(ctx, stationId, { supplierId, lines }) });
  }
  const ids = await ctx.db.transaction(async (tx) => {
    const out: string[] = [];
    for (const p of prepared) out.push(await purchaseOrderService.insert(tx, ctx, { stationId, supplierId: p.supplierId, kind: PurchaseOrderKind.STANDARD, status: 'DRAFT', lines: p.lines, note }));
    return out;
  });
  return Promise.all(ids.map(async (id) => (await purchaseOrderService.byId(ctx, id))!));
}
