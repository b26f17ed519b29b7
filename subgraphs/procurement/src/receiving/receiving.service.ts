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
  checkIdempotencyKey, appendEvent, assertStationAccess, badInput, byKey, conflict, groupedByKey, isUuid, unknownId, type Context, faultPoint,
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
import { actorOf, postToStock, type ReceiveStockRequest } from './stock-posting.service';

export function toReceipt(r: any): GoodsReceipt {
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

export function toReceiptLine(r: any): GoodsReceiptLine {
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

const RECEIPT_SQL = `SELECT g.*, p.status AS posting_status FROM procurement.goods_receipt g LEFT JOIN procurement.stock_posting p ON p.goods_receipt_id = g.id`;

export const receiptLinesLoader = (ctx: Context) =>
  groupedByKey<string, any>(ctx, 'receiptLines', (ids) =>
    ctx.db.query(`SELECT g.* FROM procurement.goods_receipt_line g JOIN procurement.purchase_order_line l ON l.id = g.purchase_order_line_id
      WHERE g.goods_receipt_id = ANY($1::uuid[]) ORDER BY l.line_no`, [ids]), (r) => r.goods_receipt_id);

export const receiptsByOrderLoader = (ctx: Context) =>
  groupedByKey<string, any>(ctx, 'receiptsByOrder', (ids) =>
    ctx.db.query(`${RECEIPT_SQL} WHERE g.purchase_order_id = ANY($1::uuid[]) ORDER BY g.received_at`, [ids]), (r) => r.purchase_order_id);

export const receiptLoader = (ctx: Context) =>
  byKey<string, any>(ctx, 'receipt', (ids) => ctx.db.query(`${RECEIPT_SQL} WHERE g.id = ANY($1::uuid[])`, [ids.filter(isUuid)]), (r) => r.id);

interface ReceiptWrite {
  stationId: string;
  order: { id: string; number: string; supplier_id: string };
  warehouseId: string;
  idempotencyKey: string;
  plan: ReceiptPlan;
}

/** Writes the receipt and everything it implies in `tx`; returns the receipt id. */
async function writeReceipt(tx: EntityManager, ctx: Context, w: ReceiptWrite): Promise<string> {
  const now = ctx.now();
  const receiptId = randomUUID();
  const receiptNumber = await nextDocumentNumber(tx, w.stationId, 'RK', now);
  await tx.query(
    `INSERT INTO procurement.goods_receipt (id, number, station_id, purchase_order_id, warehouse_id, idempotency_key, received_by, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [receiptId, receiptNumber, w.stationId, w.order.id, w.warehouseId, w.idempotencyKey, ctx.user.id, now],
  );
  const lines = w.plan.lines.map((l) => ({ ...l, id: randomUUID() }));
  await tx.query(
    `INSERT INTO procurement.goods_receipt_line (id, goods_receipt_id, purchase_order_line_id, part_id, received, accepted, damaged, damage_reason, unit_price, requested_bin_id)
     SELECT id, $1, pol, part, rec, acc, dam, reason, price, bin
       FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::numeric[], $6::numeric[], $7::numeric[], $8::text[], $9::numeric[], $10::uuid[]) AS x(id, pol, part, rec, acc, dam, reason, price, bin)`,
    [receiptId, lines.map((l) => l.id), lines.map((l) => l.orderLine.id), lines.map((l) => l.orderLine.partId), lines.map((l) => l.received),
      lines.map((l) => l.accepted), lines.map((l) => l.damaged), lines.map((l) => l.damageReason), lines.map((l) => l.orderLine.unitPrice), lines.map((l) => l.binId)],
  );
  await tx.query(
    `UPDATE procurement.purchase_order_line l SET received = l.received + x.rec, accepted = l.accepted + x.acc, damaged = l.damaged + x.dam
       FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::numeric[]) AS x(id, rec, acc, dam) WHERE l.id = x.id`,
    [lines.map((l) => l.orderLine.id), lines.map((l) => l.received), lines.map((l) => l.accepted), lines.map((l) => l.damaged)],
  );
  await tx.query(`UPDATE procurement.purchase_order SET status = $2, received_at = CASE WHEN $2 = 'RECEIVED' THEN $3::timestamptz ELSE received_at END WHERE id = $1`,
    [w.order.id, w.plan.status, now]);
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
    await tx.query(
      `INSERT INTO procurement.damage_claim (id, number, station_id, supplier_id, purchase_order_id, replacement_order_id, goods_receipt_id, status, amount, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $9)`,
      [claimId, await nextDocumentNumber(tx, w.stationId, 'HS', now), w.stationId, w.order.supplier_id, w.order.id, replacementId, receiptId, formatCents(w.plan.claimCents), now],
    );
    await tx.query(
      `INSERT INTO procurement.damage_claim_line (id, damage_claim_id, goods_receipt_line_id, part_id, quantity, unit_price, amount, reason)
       SELECT gen_random_uuid(), $1, grl, part, q, price, amount, reason FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[]) AS x(grl, part, q, price, amount, reason)`,
      [claimId, damaged.map((l) => l.id), damaged.map((l) => l.orderLine.partId), damaged.map((l) => l.damaged), damaged.map((l) => l.orderLine.unitPrice),
        damaged.map((l) => formatCents(l.damageCents)), damaged.map((l) => l.damageReason)],
    );
    await tx.query(`UPDATE procurement.goods_receipt SET damage_claim_id = $2 WHERE id = $1`, [receiptId, claimId]);
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
  await tx.query(`INSERT INTO procurement.stock_posting (goods_receipt_id, status, request, actor) VALUES ($1, 'PENDING', $2, $3)`,
    [receiptId, JSON.stringify(request), JSON.stringify(actorOf(ctx))]);
  await appendEvent(tx, 'procurement', 'procurement.goods_received', {
    goodsReceiptId: receiptId, number: receiptNumber, purchaseOrderId: w.order.id, stationId: w.stationId, warehouseId: w.warehouseId, damageClaimId: claimId, receivedAt: now.toISOString(),
    lines: lines.map((l) => ({ partId: l.orderLine.partId, received: l.received, accepted: l.accepted, damaged: l.damaged, unitPrice: l.orderLine.unitPrice })),
  });
  return receiptId;
}

async function existingReceipt(ctx: Context, stationId: string, key: string): Promise<string | null> {
  const [r] = await ctx.db.query(`SELECT id FROM procurement.goods_receipt WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
  return r?.id ?? null;
}

export const receivingService = {
  /**
   * Receives goods against a shipped order. The same idempotency key again
   * returns the first receipt and changes nothing (it only finishes a stock
   * posting a crash left pending).
   */
  async receive(ctx: Context, a: ReceiveGoodsArgs): Promise<GoodsReceipt> {
    const key = checkIdempotencyKey(a.idempotencyKey);
    if (!isUuid(a.purchaseOrderId)) throw unknownId('PURCHASE_ORDER_NOT_FOUND', 'Purchase order', a.purchaseOrderId);
    if (!isUuid(a.warehouseId)) throw badInput('INVALID_VALUE', 'warehouseId must be an id', { field: 'warehouseId' });
    const [order] = await ctx.db.query(`SELECT id, number, station_id, supplier_id FROM procurement.purchase_order WHERE id = $1`, [a.purchaseOrderId]);
    if (!order) throw unknownId('PURCHASE_ORDER_NOT_FOUND', 'Purchase order', a.purchaseOrderId);
    assertStationAccess(ctx, order.station_id);
    const stationId: string = order.station_id;

    let receiptId = await existingReceipt(ctx, stationId, key);
    if (!receiptId) {
      try {
        receiptId = await ctx.db.transaction(async (tx) => {
          const [locked] = await tx.query(
            `SELECT o.status, s.depot_station_id FROM procurement.purchase_order o JOIN procurement.supplier s ON s.id = o.supplier_id WHERE o.id = $1 FOR UPDATE OF o`, [order.id]);
          // A concurrent request with the same key may have committed while we waited for the lock.
          const [dup] = await tx.query(`SELECT id FROM procurement.goods_receipt WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
          if (dup) return dup.id as string;
          if (!RECEIVABLE.includes(locked.status)) {
            throw conflict('WRONG_STATUS', `Purchase order ${order.number} is ${locked.status}; goods can be received only once it is SHIPPED (or partially received)`, { number: order.number, status: locked.status, expected: 'SHIPPED' });
          }
          const lines: OrderLineState[] = (await tx.query(`SELECT * FROM procurement.purchase_order_line WHERE purchase_order_id = $1 ORDER BY line_no`, [order.id]))
            .map((r: any) => ({ id: r.id, partId: r.part_id, quantity: Number(r.quantity), unitPrice: r.unit_price, unitPrecision: r.unit_precision, category: r.category, received: Number(r.received),
              // From HQ's depot only what it shipped can arrive.
              ...(locked.depot_station_id ? { shipped: Number(r.shipped) } : {}) }));
          const plan = planReceipt(lines, a.lines ?? [], a.allowOverReceipt === true);
          return writeReceipt(tx, ctx, { stationId, order, warehouseId: a.warehouseId, idempotencyKey: key, plan });
        });
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
        receiptId = await existingReceipt(ctx, stationId, key);
        if (!receiptId) throw err;
      }
      await faultPoint(ctx.runtime, 'stockPosting.beforeRemote', receiptId);
    }
    await postToStock(ctx.runtime, receiptId, { rethrow: true });
    const [row] = await ctx.db.query(`${RECEIPT_SQL} WHERE g.id = $1`, [receiptId]);
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
