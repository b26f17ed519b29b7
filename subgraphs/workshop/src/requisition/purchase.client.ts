/**
 * procurement `directPurchase` (一进一出, docs/internal-contracts.md): a
 * purchase order created and received into stock in one step. Idempotent by
 * key, so a requisition saga that is retried buys nothing twice. The other
 * commands requisitions send (issueStock, returnStock, recordShortage,
 * partFacts) are shared with counter sales in counter-sale.clients.ts.
 */
import { callCommand, type Context } from '../../../shared/src';

export interface DirectPurchaseResult {
  purchaseOrderId: string;
  purchaseOrderNumber: string;
  binId: string;
  unitPrice: string;
}

export const directPurchase = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; warehouseId: string; partId: string; quantity: number; repairOrderId: string; supplierId?: string | null; unitPrice?: string | null;
}) => callCommand<DirectPurchaseResult>(ctx.runtime.urls.procurement, 'directPurchase', input, ctx.user, ctx.runtime.internal);
