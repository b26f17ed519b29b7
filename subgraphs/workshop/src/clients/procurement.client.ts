/**
 * The procurement commands workshop sends (docs/internal-contracts.md), both
 * idempotent by key: `recordShortage` (a shortfall of a requisition or a
 * counter sale) and `directPurchase` (一进一出: a purchase order created and
 * received into stock in one step, so a retried requisition buys nothing twice).
 */
import { callCommand, type Context } from '../../../shared/src';

export interface DirectPurchaseResult {
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  binId: string;
  unitPrice: string;
}

export const recordShortage = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; partId: string; quantity: number; reference: string; repairOrderId?: string | null;
}) => callCommand<{ shortageId: string }>(ctx.runtime.urls.procurement, 'recordShortage', { ...input, kind: 'REQUISITION_SHORTFALL' }, ctx.user, ctx.runtime.internal);

export const directPurchase = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; warehouseId: string; partId: string; quantity: number; repairOrderId: string; supplierId?: string | null; unitPrice?: string | null;
}) => callCommand<DirectPurchaseResult>(ctx.runtime.urls.procurement, 'directPurchase', input, ctx.user, ctx.runtime.internal);
