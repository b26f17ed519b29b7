/**
 * `directPurchase` (一进一出, docs/internal-contracts.md): the workshop buys a
 * part it does not stock for one repair order — a purchase order created,
 * shipped and received in one step, the stock RECEIPT through receiveStock.
 * Idempotent: the order carries the key, the receipt uses "direct:<key>", so
 * a retry after any failure finishes the same order instead of buying twice.
 */
import { checkIdempotencyKey, badInput, notFound, scopeStation, type Context, type DirectPurchaseInput, type DirectPurchaseResult, idInput } from '../../../shared/src';
import { receivingService } from '../receiving/receiving.service';
import { formatMoney } from '../../../shared/src/money';
import { purchaseOrderService } from './purchase-order.service';
import { PurchaseOrderKind } from './purchase-order.type';

export async function directPurchase(ctx: Context, input: DirectPurchaseInput): Promise<DirectPurchaseResult> {
  const key = checkIdempotencyKey(input?.idempotencyKey);
  const stationId = scopeStation(ctx, input.stationId, true);
  idInput(stationId, 'stationId');
  idInput(input.warehouseId, 'warehouseId');
  if (input.repairOrderId != null) idInput(input.repairOrderId, 'repairOrderId');
  const orderKey = `direct:${key}`;

  let [order] = await ctx.db.query(`SELECT id FROM procurement.purchase_order WHERE station_id = $1 AND idempotency_key = $2`, [stationId, orderKey]);
  if (!order) {
    let supplierId = input.supplierId ?? null;
    if (supplierId === null) {
      idInput(input.partId, 'partId');
      // No supplier named: the cheapest one that lists the part.
      const [cheapest] = await ctx.db.query(
        `SELECT sp.supplier_id FROM procurement.supplier_part sp JOIN procurement.supplier s ON s.id = sp.supplier_id
          WHERE sp.part_id = $1 ORDER BY sp.unit_price, s.lead_time_days, s.code LIMIT 1`, [input.partId]);
      if (!cheapest) throw badInput('NO_SUPPLIER_FOR_PART', 'No supplier lists this part; name a supplier and a unit price', { field: 'supplierId' });
      supplierId = cheapest.supplier_id as string;
    }
    const lines = await purchaseOrderService.prepare(ctx, stationId, { supplierId, lines: [{ partId: input.partId, quantity: Number(input.quantity), unitPrice: input.unitPrice ?? null }] });
    try {
      await ctx.db.transaction(async (tx) => {
        const id = await purchaseOrderService.insert(tx, ctx, {
          stationId, supplierId: supplierId!, kind: PurchaseOrderKind.STANDARD, status: 'SHIPPED', lines,
          repairOrderId: input.repairOrderId ?? null, idempotencyKey: orderKey, note: '一进一出 direct purchase for a repair order',
        });
        await tx.query(`UPDATE procurement.purchase_order SET shipped_at = submitted_at WHERE id = $1`, [id]);
      });
    } catch (err) {
      if ((err as { code?: string }).code !== '23505') throw err; // a concurrent retry created it
    }
    [order] = await ctx.db.query(`SELECT id FROM procurement.purchase_order WHERE station_id = $1 AND idempotency_key = $2`, [stationId, orderKey]);
    if (!order) throw notFound('PURCHASE_ORDER_NOT_FOUND', 'Purchase order was not found');
  }
  const [line] = await ctx.db.query(`SELECT id, quantity, unit_price FROM procurement.purchase_order_line WHERE purchase_order_id = $1 ORDER BY line_no LIMIT 1`, [order.id]);
  const receipt = await receivingService.receive(ctx, {
    purchaseOrderId: order.id, warehouseId: input.warehouseId, idempotencyKey: orderKey,
    lines: [{ purchaseOrderLineId: line.id, received: Number(line.quantity), damaged: 0 }],
  });
  if (!receipt.stockPosted) {
    // Not a domain error: the caller should retry with the same key (the posting is also retried here).
    throw new Error('Stock did not confirm the receipt yet; retry with the same idempotencyKey');
  }
  const [rl] = await ctx.db.query(`SELECT bin_id FROM procurement.goods_receipt_line WHERE goods_receipt_id = $1`, [receipt.id]);
  const [po] = await ctx.db.query(`SELECT number FROM procurement.purchase_order WHERE id = $1`, [order.id]);
  return { purchaseOrderId: order.id, purchaseOrderNumber: po.number, binId: rl.bin_id, unitPrice: formatMoney(line.unit_price) };
}
