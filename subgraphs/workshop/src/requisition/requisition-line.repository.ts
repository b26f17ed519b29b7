/**
 * The SQL of what happens to a requisition line after the issue: returns
 * (workshop.requisition_return, 退料) and price changes (调价). The service
 * decides (requisition-line.service.ts); this reads and writes. Rows as the
 * tables have them (numerics as text).
 */
import type { EntityManager } from 'typeorm';
import type { User } from '../../../shared/src';

type Db = Pick<EntityManager, 'query'>;

export interface RequisitionLineRow {
  id: string;
  requisition_id: string;
  repair_order_id: string;
  line_no: number;
  part_id: string;
  unit_precision: number;
  warehouse_id: string | null;
  requested: string;
  issued: string;
  shortfall: string;
  returned: string;
  tier_price: string;
  hq_cap: string | null;
  unit_price: string;
  bin_id: string | null;
  allocations: { binId: string; quantity: number }[];
  shortage_id: string | null;
  purchase_order_id: string | null;
}

/** A line with its requisition's station (what a change to the line checks). */
export type StationLineRow = RequisitionLineRow & { station_id: string };

export interface ReturnRow {
  id: string;
  line_id: string;
  repair_order_id: string;
  idempotency_key: string;
  quantity: string;
  requested_bin_id: string | null;
  bin_id: string | null;
  status: 'PENDING' | 'DONE';
  actor: User;
  returned_by: string;
  returned_at: Date;
  reason: string | null;
  /** TL2026-000001; null for returns booked before returns were numbered. */
  number: string | null;
}

/** A return as listed: with the part of its line. */
export type ListedReturnRow = ReturnRow & { part_id: string };

const LISTED = `SELECT rr.*, l.part_id FROM workshop.requisition_return rr JOIN workshop.requisition_line l ON l.id = rr.line_id`;
const WITH_STATION = `SELECT l.*, r.station_id FROM workshop.requisition_line l JOIN workshop.requisition r ON r.id = l.requisition_id WHERE l.id = $1`;

export const requisitionLineRepository = {
  async line(db: Db, id: string): Promise<RequisitionLineRow | null> {
    const [row] = await db.query(`SELECT * FROM workshop.requisition_line WHERE id = $1`, [id]);
    return row ?? null;
  },
  async lineWithStation(db: Db, id: string): Promise<StationLineRow | null> {
    const [row] = await db.query(WITH_STATION, [id]);
    return row ?? null;
  },
  async lockLine(tx: Db, id: string): Promise<StationLineRow | null> {
    const [row] = await tx.query(`${WITH_STATION} FOR UPDATE OF l`, [id]);
    return row ?? null;
  },
  /** What stock's half of a return names: the part, its warehouse, the station and the repair order's number. */
  async returnTarget(db: Db, lineId: string): Promise<{ part_id: string; warehouse_id: string | null; station_id: string; number: string }> {
    const [row] = await db.query(
      `SELECT l.part_id, l.warehouse_id, r.station_id, o.number FROM workshop.requisition_line l JOIN workshop.requisition r ON r.id = l.requisition_id
         JOIN workshop.repair_order o ON o.id = l.repair_order_id WHERE l.id = $1`, [lineId]);
    return row;
  },
  /** Books (positive) or unbooks (negative) a returned quantity on the line. */
  async addReturned(tx: Db, lineId: string, quantity: number | string): Promise<void> {
    await tx.query(`UPDATE workshop.requisition_line SET returned = returned + $2 WHERE id = $1`, [lineId, quantity]);
  },
  async insertPriceChange(tx: Db, c: { id: string; lineId: string; from: string; to: string; by: string; at: Date }): Promise<void> {
    await tx.query(`INSERT INTO workshop.requisition_price_change (id, line_id, from_price, to_price, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, c.lineId, c.from, c.to, c.by, c.at]);
  },
  async setPrice(tx: Db, lineId: string, price: string, hqCap: string | null): Promise<RequisitionLineRow> {
    const [[row]] = await tx.query(`UPDATE workshop.requisition_line SET unit_price = $2, hq_cap = $3 WHERE id = $1 RETURNING *`, [lineId, price, hqCap]);
    return row;
  },

  // Returns.
  returnsOfLines(db: Db, lineIds: readonly string[]): Promise<ListedReturnRow[]> {
    return db.query(`${LISTED} WHERE rr.line_id = ANY($1::uuid[]) ORDER BY rr.returned_at, rr.id`, [lineIds]);
  },
  returnsOfOrders(db: Db, orderIds: readonly string[]): Promise<ListedReturnRow[]> {
    return db.query(`${LISTED} WHERE rr.repair_order_id = ANY($1::uuid[]) ORDER BY rr.returned_at, rr.id`, [orderIds]);
  },
  async returnByKey(db: Db, key: string): Promise<ReturnRow | undefined> {
    const [row] = await db.query(`SELECT * FROM workshop.requisition_return WHERE idempotency_key = $1`, [key]);
    return row;
  },
  async insertReturn(tx: Db, r: { id: string; lineId: string; orderId: string; key: string; quantity: number; binId: string | null; actor: User; by: string; at: Date; reason: string | null; number: string }): Promise<ReturnRow> {
    const [row] = await tx.query(
      `INSERT INTO workshop.requisition_return (id, line_id, repair_order_id, idempotency_key, quantity, requested_bin_id, status, actor, returned_by, returned_at, reason, number)
       VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8, $9, $10, $11) RETURNING *`,
      [r.id, r.lineId, r.orderId, r.key, r.quantity, r.binId, JSON.stringify(r.actor), r.by, r.at, r.reason, r.number]);
    return row;
  },
  /** The booking stock refused: gone, with the quantity it had booked (undefined when it was no longer pending). */
  async dropPendingReturn(tx: Db, id: string): Promise<string | undefined> {
    const [[gone]] = await tx.query(`DELETE FROM workshop.requisition_return WHERE id = $1 AND status = 'PENDING' RETURNING quantity`, [id]);
    return gone?.quantity;
  },
  async finishReturn(db: Db, id: string, binId: string | null): Promise<void> {
    await db.query(`UPDATE workshop.requisition_return SET status = 'DONE', bin_id = $2 WHERE id = $1`, [id, binId]);
  },
  pendingReturns(db: Db, minAgeMs: number, limit: number): Promise<ReturnRow[]> {
    return db.query(`SELECT * FROM workshop.requisition_return WHERE status = 'PENDING' AND returned_at < now() - make_interval(secs => $1) ORDER BY returned_at LIMIT $2`, [minAgeMs / 1000, limit]);
  },
};
