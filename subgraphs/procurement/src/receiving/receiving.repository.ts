/**
 * The SQL of goods receipts (procurement.goods_receipt) and their lines, and
 * of what a receipt writes in the same transaction: the order lines'
 * received/accepted/damaged counters, the order's status, the damage claim
 * of damaged goods (the pending stock posting is stock-posting.repository.ts'). receiving.service.ts
 * decides, this reads and writes. Rows as the table has them (numerics as text).
 */
import type { DataSource, EntityManager } from 'typeorm';

type Db = Pick<DataSource | EntityManager, 'query'>;

/** A receipt with its stock posting's status (null before the posting row exists). */
export interface ReceiptRow {
  id: string;
  number: string;
  station_id: string;
  purchase_order_id: string;
  warehouse_id: string;
  idempotency_key: string;
  damage_claim_id: string | null;
  received_by: string;
  received_at: Date;
  posting_status: string | null;
}

export interface ReceiptLineRow {
  id: string;
  goods_receipt_id: string;
  purchase_order_line_id: string;
  part_id: string;
  received: string;
  accepted: string;
  damaged: string;
  damage_reason: string | null;
  unit_price: string;
  requested_bin_id: string | null;
  bin_id: string | null;
  quarantine_bin_id: string | null;
}

export interface NewReceipt { id: string; number: string; stationId: string; orderId: string; warehouseId: string; idempotencyKey: string; fingerprint: string; receivedBy: string; receivedAt: Date }
export interface NewReceiptLine {
  id: string; orderLineId: string; partId: string; received: number; accepted: number; damaged: number; damageReason: string | null; unitPrice: string; binId: string | null;
}
export interface NewDamageClaim {
  id: string; number: string; stationId: string; supplierId: string; orderId: string; replacementOrderId: string; receiptId: string; amount: string; at: Date;
}
export interface NewDamageClaimLine { receiptLineId: string; partId: string; quantity: number; unitPrice: string; amount: string; reason: string | null }

const RECEIPT_SQL = `SELECT g.*, p.status AS posting_status FROM procurement.goods_receipt g LEFT JOIN procurement.stock_posting p ON p.goods_receipt_id = g.id`;

export const receivingRepository = {
  byIds(db: Db, ids: string[]): Promise<ReceiptRow[]> {
    return db.query(`${RECEIPT_SQL} WHERE g.id = ANY($1::uuid[])`, [ids]);
  },
  async byId(db: Db, id: string): Promise<ReceiptRow | null> {
    const [row] = await db.query(`${RECEIPT_SQL} WHERE g.id = $1`, [id]);
    return row ?? null;
  },
  /** Receipts of these orders, oldest first. */
  byOrders(db: Db, orderIds: readonly string[]): Promise<ReceiptRow[]> {
    return db.query(`${RECEIPT_SQL} WHERE g.purchase_order_id = ANY($1::uuid[]) ORDER BY g.received_at`, [orderIds]);
  },
  /** Lines of these receipts in their order lines' order. */
  linesOf(db: Db, receiptIds: readonly string[]): Promise<ReceiptLineRow[]> {
    return db.query(`SELECT g.* FROM procurement.goods_receipt_line g JOIN procurement.purchase_order_line l ON l.id = g.purchase_order_line_id
      WHERE g.goods_receipt_id = ANY($1::uuid[]) ORDER BY l.line_no`, [receiptIds]);
  },
  /** The receipt this key made at the station, with the fingerprint of its request (null for receipts made before it was kept). */
  async byKey(db: Db, stationId: string, key: string): Promise<{ id: string; fingerprint: string | null } | undefined> {
    const [r] = await db.query(`SELECT id, fingerprint FROM procurement.goods_receipt WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
    return r;
  },

  async insert(tx: EntityManager, r: NewReceipt): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.goods_receipt (id, number, station_id, purchase_order_id, warehouse_id, idempotency_key, fingerprint, received_by, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [r.id, r.number, r.stationId, r.orderId, r.warehouseId, r.idempotencyKey, r.fingerprint, r.receivedBy, r.receivedAt]);
  },
  async insertLines(tx: EntityManager, receiptId: string, lines: NewReceiptLine[]): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.goods_receipt_line (id, goods_receipt_id, purchase_order_line_id, part_id, received, accepted, damaged, damage_reason, unit_price, requested_bin_id)
       SELECT id, $1, pol, part, rec, acc, dam, reason, price, bin
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::numeric[], $6::numeric[], $7::numeric[], $8::text[], $9::numeric[], $10::uuid[]) AS x(id, pol, part, rec, acc, dam, reason, price, bin)`,
      [receiptId, lines.map((l) => l.id), lines.map((l) => l.orderLineId), lines.map((l) => l.partId), lines.map((l) => l.received),
        lines.map((l) => l.accepted), lines.map((l) => l.damaged), lines.map((l) => l.damageReason), lines.map((l) => l.unitPrice), lines.map((l) => l.binId)]);
  },
  /** Adds the receipt's quantities to its order lines' counters. */
  async addToOrderLines(tx: EntityManager, lines: NewReceiptLine[]): Promise<void> {
    await tx.query(
      `UPDATE procurement.purchase_order_line l SET received = l.received + x.rec, accepted = l.accepted + x.acc, damaged = l.damaged + x.dam
         FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::numeric[]) AS x(id, rec, acc, dam) WHERE l.id = x.id`,
      [lines.map((l) => l.orderLineId), lines.map((l) => l.received), lines.map((l) => l.accepted), lines.map((l) => l.damaged)]);
  },
  /** The order's status after a receipt; `received_at` is stamped when it becomes RECEIVED. */
  async setOrderStatus(tx: EntityManager, orderId: string, status: string, at: Date): Promise<void> {
    await tx.query(`UPDATE procurement.purchase_order SET status = $2, received_at = CASE WHEN $2 = 'RECEIVED' THEN $3::timestamptz ELSE received_at END WHERE id = $1`,
      [orderId, status, at]);
  },
  /** The OPEN damage claim of a receipt's damaged goods, its lines, and the receipt's link to it. */
  async insertDamageClaim(tx: EntityManager, c: NewDamageClaim, lines: NewDamageClaimLine[]): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.damage_claim (id, number, station_id, supplier_id, purchase_order_id, replacement_order_id, goods_receipt_id, status, amount, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'OPEN', $8, $9, $9)`,
      [c.id, c.number, c.stationId, c.supplierId, c.orderId, c.replacementOrderId, c.receiptId, c.amount, c.at]);
    await tx.query(
      `INSERT INTO procurement.damage_claim_line (id, damage_claim_id, goods_receipt_line_id, part_id, quantity, unit_price, amount, reason)
       SELECT gen_random_uuid(), $1, grl, part, q, price, amount, reason FROM unnest($2::uuid[], $3::uuid[], $4::numeric[], $5::numeric[], $6::numeric[], $7::text[]) AS x(grl, part, q, price, amount, reason)`,
      [c.id, lines.map((l) => l.receiptLineId), lines.map((l) => l.partId), lines.map((l) => l.quantity), lines.map((l) => l.unitPrice), lines.map((l) => l.amount), lines.map((l) => l.reason)]);
    await tx.query(`UPDATE procurement.goods_receipt SET damage_claim_id = $2 WHERE id = $1`, [c.receiptId, c.id]);
  },
};
