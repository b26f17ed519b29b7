/**
 * The SQL of purchase orders (procurement.purchase_order) and their lines:
 * the service decides, this reads and writes. Rows come back as the table
 * has them (numerics as text); purchase-order.service.ts maps them.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { OrderStatus } from './purchase-order.rules';

type Db = Pick<DataSource | EntityManager, 'query'>;

export interface PurchaseOrderRow {
  id: string;
  number: string;
  kind: string;
  station_id: string;
  supplier_id: string;
  status: OrderStatus;
  idempotency_key: string | null;
  repair_order_id: string | null;
  note: string | null;
  created_by: string;
  created_at: Date;
  submitted_at: Date | null;
  shipped_at: Date | null;
  received_at: Date | null;
  closed_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  expected_at: Date | null;
  delivery_note_number: string | null;
}

export interface PurchaseOrderLineRow {
  id: string;
  purchase_order_id: string;
  line_no: number;
  part_id: string;
  quantity: string;
  unit_price: string;
  unit_precision: number;
  category: string | null;
  received: string;
  accepted: string;
  damaged: string;
  confirmed: string;
  backordered: string;
  eta: Date | null;
  shipped: string;
}

export interface NewOrderRow {
  id: string; number: string; kind: string; stationId: string; supplierId: string; status: OrderStatus;
  idempotencyKey: string | null; repairOrderId: string | null; note: string | null; createdBy: string; createdAt: Date;
}
export interface NewLineRow { partId: string; quantity: number; unitPrice: string; unitPrecision: number; category: string | null }

/** The order as a transition sees it, with its supplier's depot (null: an outside supplier). */
export interface LockedOrder { id: string; station_id: string; status: OrderStatus; number: string; depot_station_id: string | null }

/** The refusal of an order id that names no order (or is no id). */
export const UNKNOWN_PURCHASE_ORDER = { reason: 'PURCHASE_ORDER_NOT_FOUND', what: 'Purchase order' } as const;

export const purchaseOrderRepository = {
  byIds(db: Db, ids: string[]): Promise<PurchaseOrderRow[]> {
    return db.query(`SELECT * FROM procurement.purchase_order WHERE id = ANY($1::uuid[])`, [ids]);
  },
  async byId(db: Db, id: string): Promise<PurchaseOrderRow | null> {
    const [row] = await db.query(`SELECT * FROM procurement.purchase_order WHERE id = $1`, [id]);
    return row ?? null;
  },
  /** A station's orders (null: all), newest first, at most 1,000. */
  list(db: Db, stationId: string | null, status: string | null): Promise<PurchaseOrderRow[]> {
    return db.query(
      `SELECT * FROM procurement.purchase_order WHERE ($1::uuid IS NULL OR station_id = $1) AND ($2::text IS NULL OR status = $2)
       ORDER BY created_at DESC, number DESC LIMIT 1000`,
      [stationId, status]);
  },
  /** The lines of these orders in line order. */
  linesOf(db: Db, orderIds: string[]): Promise<PurchaseOrderLineRow[]> {
    return db.query(`SELECT * FROM procurement.purchase_order_line WHERE purchase_order_id = ANY($1::uuid[]) ORDER BY line_no`, [orderIds]);
  },
  /** The order, locked for a transition. */
  async lockForTransition(tx: EntityManager, id: string): Promise<LockedOrder | null> {
    const [row] = await tx.query(
      `SELECT o.id, o.station_id, o.status, o.number, s.depot_station_id FROM procurement.purchase_order o JOIN procurement.supplier s ON s.id = o.supplier_id
        WHERE o.id = $1 FOR UPDATE OF o`, [id]);
    return row ?? null;
  },
  async lockStatus(tx: EntityManager, id: string): Promise<{ status: OrderStatus; number: string } | null> {
    const [row] = await tx.query(`SELECT status, number FROM procurement.purchase_order WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },
  /** Whether HQ's depot has confirmed stock for any line. */
  async hasConfirmedLines(db: Db, id: string): Promise<boolean> {
    const [held] = await db.query(`SELECT 1 FROM procurement.purchase_order_line WHERE purchase_order_id = $1 AND confirmed > 0 LIMIT 1`, [id]);
    return !!held;
  },

  async insert(tx: EntityManager, o: NewOrderRow): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.purchase_order (id, number, kind, station_id, supplier_id, status, idempotency_key, repair_order_id, note, created_by, created_at, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $6 <> 'DRAFT' THEN $11::timestamptz END)`,
      [o.id, o.number, o.kind, o.stationId, o.supplierId, o.status, o.idempotencyKey, o.repairOrderId, o.note, o.createdBy, o.createdAt]);
  },
  async insertLines(tx: EntityManager, orderId: string, lines: NewLineRow[]): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.purchase_order_line (id, purchase_order_id, line_no, part_id, quantity, unit_price, unit_precision, category)
       SELECT gen_random_uuid(), $1, n, p, q, u, pr, c FROM unnest($2::int[], $3::uuid[], $4::numeric[], $5::numeric[], $6::int[], $7::text[]) AS x(n, p, q, u, pr, c)`,
      [orderId, lines.map((_, i) => i + 1), lines.map((l) => l.partId), lines.map((l) => l.quantity), lines.map((l) => l.unitPrice), lines.map((l) => l.unitPrecision), lines.map((l) => l.category)]);
  },
  /** A draft's supplier, note and lines, replaced. */
  async replaceDraft(tx: EntityManager, id: string, supplierId: string, note: string | null, lines: NewLineRow[]): Promise<void> {
    await tx.query(`DELETE FROM procurement.purchase_order_line WHERE purchase_order_id = $1`, [id]);
    await this.insertLines(tx, id, lines);
    await tx.query(`UPDATE procurement.purchase_order SET supplier_id = $2, note = $3 WHERE id = $1`, [id, supplierId, note]);
  },
  /** The new status, its timestamp column (if it has one) and a cancellation's reason. */
  async setStatus(tx: EntityManager, id: string, to: OrderStatus, stamp: { column: string; at: Date } | null, cancelReason?: string | null): Promise<void> {
    const sets = ['status = $2'];
    const values: unknown[] = [id, to];
    if (stamp) sets.push(`${stamp.column} = $${values.push(stamp.at)}`);
    if (cancelReason !== undefined) sets.push(`cancel_reason = $${values.push(cancelReason)}`);
    await tx.query(`UPDATE procurement.purchase_order SET ${sets.join(', ')} WHERE id = $1`, values);
  },
  /** expectedAt := submittedAt + the longest lead time among the lines' offers from this supplier (the supplier's own where it has no offer). */
  async stampExpected(tx: EntityManager, orderId: string): Promise<void> {
    await tx.query(
      `UPDATE procurement.purchase_order o SET expected_at = o.submitted_at + make_interval(days => x.days)
         FROM (SELECT max(coalesce(sp.lead_time_days, s.lead_time_days)) AS days
                 FROM procurement.purchase_order po JOIN procurement.supplier s ON s.id = po.supplier_id
                 JOIN procurement.purchase_order_line l ON l.purchase_order_id = po.id
                 LEFT JOIN procurement.supplier_part sp ON sp.supplier_id = po.supplier_id AND sp.part_id = l.part_id
                WHERE po.id = $1) x
        WHERE o.id = $1 AND o.submitted_at IS NOT NULL AND x.days IS NOT NULL`, [orderId]);
  },

  /** The supplier an order goes to, with its depot station when it is HQ's depot. */
  async supplier(db: Db, supplierId: string): Promise<{ id: string; depot_station_id: string | null } | null> {
    const [row] = await db.query(`SELECT id, depot_station_id FROM procurement.supplier WHERE id = $1`, [supplierId]);
    return row ?? null;
  },
  /** The supplier's offered price per part. */
  async offeredPrices(db: Db, supplierId: string, partIds: string[]): Promise<Map<string, string>> {
    const rows: { part_id: string; unit_price: string }[] = await db.query(
      `SELECT part_id, unit_price FROM procurement.supplier_part WHERE supplier_id = $1 AND part_id = ANY($2::uuid[])`, [supplierId, partIds]);
    return new Map(rows.map((p) => [p.part_id, p.unit_price]));
  },
};
