/**
 * Receiving goods (验收入库): one transaction writes the receipt, the order's
 * received/accepted/damaged counters and status, and — when anything is
 * damaged — one damage claim (货损单) at the order's prices and one
 * replacement order (补发订单, "P…") for the damaged quantities, plus the
 * pending stock posting. Stock is then asked to book accepted goods into
 * bins and damaged goods into quarantine (see stock-posting.service.ts).
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf, appendEvent, assertStationAccess, checkIdempotencyKey, claimCommand, conflict, faultPoint, groupedByKey, type Context, byId, idInput, idOrRefuse, rowOrRefuse
} from '../../../shared/src';
import { ref, BinLocation, Part, Warehouse } from '../stub/entity-stubs';
import { formatCents } from '../../../shared/src/money';
import { nextDocumentNumber } from '../purchase-order/document-number';
import { purchaseOrderService } from '../purchase-order/purchase-order.service';
import { RECEIVABLE } from '../purchase-order/purchase-order.rules';
import { PurchaseOrderKind } from '../purchase-order/purchase-order.type';
import { planReceipt, type OrderLineState, type ReceiptPlan } from './receiving.rules';
import { orderChanged } from '../purchase-order/purchase-order.events';
import { GoodsReceipt, GoodsReceiptLine, type ReceiveGoodsArgs } from './receiving.type';
import { postToStock, type ReceiveStockRequest } from './stock-posting.service';
import { stockPostingRepository } from './stock-posting.repository';
import { receivingRepository, type ReceiptLineRow, type ReceiptRow } from './receiving.repository';
import { purchaseOrderRepository, UNKNOWN_PURCHASE_ORDER } from '../purchase-order/purchase-order.repository';

export function toReceipt(r: ReceiptRow): GoodsReceipt {
  return Object.assign(new GoodsReceipt(), {
    id: r.id,
    number: r.number,
    warehouse: ref(Warehouse, r.warehouse_id),
    receivedAt: r.received_at,
    receivedBy: r.received_by,
    stockPosted: r.posting_status === 'DONE',
    purchaseOrderId: r.purchase_order_id,
    damageClaimId: r.damage_claim_id,
    stationId: r.station_id,
  });
}

export function toReceiptLine(r: ReceiptLineRow): GoodsReceiptLine {
  return Object.assign(new GoodsReceiptLine(), {
    id: r.id,
    goodsReceiptId: r.goods_receipt_id,
    purchaseOrderLineId: r.purchase_order_line_id,
    part: ref(Part, r.part_id),
    received: Number(r.received),
    accepted: Number(r.accepted),
    damaged: Number(r.damaged),
    damageReason: r.damage_reason,
    bin: ref(BinLocation, r.bin_id),
    quarantineBin: ref(BinLocation, r.quarantine_bin_id),
  });
}

export const receiptLinesLoader = (ctx: Context) =>
  groupedByKey<string, ReceiptLineRow>(ctx, 'receiptLines', (ids) => receivingRepository.linesOf(ctx.db, ids), (r) => r.goods_receipt_id);

export const receiptsByOrderLoader = (ctx: Context) =>
  groupedByKey<string, ReceiptRow>(ctx, 'receiptsByOrder', (ids) => receivingRepository.byOrders(ctx.db, ids), (r) => r.purchase_order_id);

export const receiptLoader = (ctx: Context) =>
  byId<ReceiptRow>(ctx, 'receipt', (ids) => receivingRepository.byIds(ctx.db, ids), (r) => r.id);

interface ReceiptWrite {
  stationId: string;
  order: { id: string; number: string; supplier_id: string };
  warehouseId: string;
  idempotencyKey: string;
  fingerprint: string;
  plan: ReceiptPlan;
}

/** Writes the receipt and everything it implies in `tx`; returns the receipt id. */
async function writeReceipt(tx: EntityManager, ctx: Context, w: ReceiptWrite): Promise<string> {
  const now = ctx.now();
  const receiptId = randomUUID();
  const receiptNumber = await nextDocumentNumber(tx, w.stationId, 'RK', now);
  await receivingRepository.insert(tx, {
    id: receiptId, number: receiptNumber, stationId: w.stationId, orderId: w.order.id, warehouseId: w.warehouseId, idempotencyKey: w.idempotencyKey, fingerprint: w.fingerprint, receivedBy: ctx.user.id, receivedAt: now,
  });
  const lines = w.plan.lines.map((l) => ({ ...l, id: randomUUID() }));
  const rows = lines.map((l) => ({
    id: l.id, orderLineId: l.orderLine.id, partId: l.orderLine.partId, received: l.received, accepted: l.accepted, damaged: l.damaged,
    damageReason: l.damageReason, unitPrice: l.orderLine.unitPrice, binId: l.binId,
  }));
  await receivingRepository.insertLines(tx, receiptId, rows);
  await receivingRepository.addToOrderLines(tx, rows);
  await receivingRepository.setOrderStatus(tx, w.order.id, w.plan.status, now);
  await orderChanged(tx, [w.order.id], w.plan.status);

  const damaged = lines.filter((l) => l.damaged > 0);
  let claimId: string | null = null;
  if (damaged.length) {
    // The replacement (补发) order goes straight to the supplier: it is the supplier's obligation, not a new purchase.
    const replacementId = await purchaseOrderService.insert(tx, ctx, {
      stationId: w.stationId,
      supplierId: w.order.supplier_id,
      kind: PurchaseOrderKind.REPLACEMENT,
      status: 'SUBMITTED',
      note: `Replacement for goods damaged on receipt ${receiptNumber} of ${w.order.number}`,
      lines: damaged.map((l) => ({ partId: l.orderLine.partId, quantity: l.damaged, unitPrice: l.orderLine.unitPrice, unitPrecision: l.orderLine.unitPrecision, category: l.orderLine.category })),
    });
    claimId = randomUUID();
    await receivingRepository.insertDamageClaim(tx, {
      id: claimId, number: await nextDocumentNumber(tx, w.stationId, 'HS', now), stationId: w.stationId, supplierId: w.order.supplier_id, orderId: w.order.id,
      replacementOrderId: replacementId, receiptId, amount: formatCents(w.plan.claimCents), at: now,
    }, damaged.map((l) => ({
      receiptLineId: l.id, partId: l.orderLine.partId, quantity: l.damaged, unitPrice: l.orderLine.unitPrice, amount: formatCents(l.damageCents), reason: l.damageReason,
    })));
  }

  const request: ReceiveStockRequest = {
    idempotencyKey: `goods-receipt:${receiptId}`,
    stationId: w.stationId,
    warehouseId: w.warehouseId,
    reference: `${receiptNumber} ${w.order.number}`,
    lines: lines.flatMap((l) => [
      ...(l.accepted > 0 ? [{ lineKey: `${l.id}:accepted`, partId: l.orderLine.partId, quantity: l.accepted, ...(l.binId ? { binId: l.binId } : {}) }] : []),
      ...(l.damaged > 0 ? [{ lineKey: `${l.id}:damaged`, partId: l.orderLine.partId, quantity: l.damaged, quarantine: true }] : []),
    ]),
  };
  await stockPostingRepository.insertPending(tx, receiptId, request, actorOf(ctx));
  await appendEvent(tx, 'procurement', 'procurement.goods_received', {
    goodsReceiptId: receiptId, number: receiptNumber, purchaseOrderId: w.order.id, stationId: w.stationId, warehouseId: w.warehouseId, damageClaimId: claimId, receivedAt: now.toISOString(),
    lines: lines.map((l) => ({ partId: l.orderLine.partId, received: l.received, accepted: l.accepted, damaged: l.damaged, unitPrice: l.orderLine.unitPrice })),
  });
  return receiptId;
}

export const receivingService = {
  /**
   * Receives goods against a shipped order, as a pending command
   * (subgraphs/shared/src/pending-command.ts): the same idempotency key again
   * returns the first receipt and changes nothing (it only finishes a stock
   * posting a crash left pending); with another request it is CONFLICT
   * (IDEMPOTENCY_KEY_REUSED).
   */
  async receive(ctx: Context, a: ReceiveGoodsArgs): Promise<GoodsReceipt> {
    const key = checkIdempotencyKey(a.idempotencyKey);
    idOrRefuse(a.purchaseOrderId, UNKNOWN_PURCHASE_ORDER);
    idInput(a.warehouseId, 'warehouseId');
    const order = await rowOrRefuse(a.purchaseOrderId, (id) => purchaseOrderRepository.byId(ctx.db, id), UNKNOWN_PURCHASE_ORDER);
    assertStationAccess(ctx, order.station_id);
    const stationId: string = order.station_id;
    const fingerprint = JSON.stringify({
      order: a.purchaseOrderId, warehouse: a.warehouseId, over: a.allowOverReceipt === true,
      lines: (a.lines ?? []).map((l) => [l.purchaseOrderLineId, Number(l.received), Number(l.damaged ?? 0), l.damageReason ?? null, l.binId ?? null]),
    });

    // Step 1 (the kernel's claim): the receipt this station's key made (same request → it; another → CONFLICT), or a new one.
    const receipt = await claimCommand(ctx, {
      what: 'goods receipt', lockKey: `goods-receipt:${stationId}:${key}`, fingerprint,
      find: (tx) => receivingRepository.byKey(tx, stationId, key),
      fingerprintOf: (r) => r.fingerprint, // null for receipts made before fingerprints were kept: answered as before
      insert: async (tx) => {
        // The order's row lock, inside the claim: two receipts (other keys) of the last open quantity cannot both pass.
        const locked = (await purchaseOrderRepository.lockForTransition(tx, order.id))!;
        if (!RECEIVABLE.includes(locked.status)) {
          throw conflict('WRONG_STATUS', `Purchase order ${order.number} is ${locked.status}; goods can be received only once it is SHIPPED (or partially received)`, { number: order.number, status: locked.status, expected: 'SHIPPED' });
        }
        const lines: OrderLineState[] = (await purchaseOrderRepository.linesOf(tx, [order.id]))
          .map((r) => ({ id: r.id, partId: r.part_id, quantity: Number(r.quantity), unitPrice: r.unit_price, unitPrecision: r.unit_precision, category: r.category, received: Number(r.received),
            // From HQ's depot only what it shipped can arrive.
            ...(locked.depot_station_id ? { shipped: Number(r.shipped) } : {}) }));
        const plan = planReceipt(lines, a.lines ?? [], a.allowOverReceipt === true);
        return { id: await writeReceipt(tx, ctx, { stationId, order, warehouseId: a.warehouseId, idempotencyKey: key, fingerprint, plan }), fingerprint };
      },
    });
    // Steps 2–3: stock's receiveStock, then the posting DONE (nothing to do when it is already).
    await faultPoint(ctx.runtime, 'stockPosting.beforeRemote', receipt.id);
    await postToStock(ctx.runtime, receipt.id, { rethrow: true });
    const row = await receivingRepository.byId(ctx.db, receipt.id);
    if (!row) throw conflict('CONCURRENT_CHANGE', 'The receipt was undone while it was being read; try again');
    return toReceipt(row);
  },

  async byId(ctx: Context, id: string): Promise<GoodsReceipt | null> {
    const row = await receiptLoader(ctx).load(id);
    if (!row) return null;
    assertStationAccess(ctx, row.station_id);
    return toReceipt(row);
  },
};
