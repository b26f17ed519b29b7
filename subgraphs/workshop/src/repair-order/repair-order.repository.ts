/**
 * The SQL of repair orders (workshop.repair_order) and their estimated parts
 * (预估材料): the service decides (repair-order.service.ts), this reads and
 * writes. Rows as the tables have them (numerics as text).
 */
import type { EntityManager } from 'typeorm';
import type { RepairOrderStatus } from './repair-order.type';
import type { RepairOrderStatusValue } from '../domain/repair-order-status';

type Db = Pick<EntityManager, 'query'>;

export interface RepairOrderRow {
  id: string;
  number: string;
  station_id: string;
  status: RepairOrderStatus;
  vin: string | null;
  plate: string | null;
  vehicle_model_id: string | null;
  opened_by: string;
  opened_at: Date;
  completed_at: Date | null;
  settled_at: Date | null;
  cancelled_at: Date | null;
}

export interface EstimatedPartRow {
  id: string;
  repair_order_id: string;
  part_id: string;
  quantity: string;
  warehouse_id: string | null;
  note: string | null;
  requisition_id: string | null;
  added_by: string;
  added_at: Date;
}

/** What a status change is decided on: the net quantity issued to the order, and requisitions or returns still in flight. */
export interface TransitionFacts { net: string; in_flight: string }

const STATUS_COLUMN: Record<'COMPLETED' | 'SETTLED' | 'CANCELLED', string> = { COMPLETED: 'completed_at', SETTLED: 'settled_at', CANCELLED: 'cancelled_at' };

export const repairOrderRepository = {
  byIds(db: Db, ids: string[]): Promise<RepairOrderRow[]> {
    return db.query(`SELECT * FROM workshop.repair_order WHERE id = ANY($1::uuid[])`, [ids]);
  },
  async byId(db: Db, id: string): Promise<RepairOrderRow | null> {
    const [row] = await db.query(`SELECT * FROM workshop.repair_order WHERE id = $1`, [id]);
    return row ?? null;
  },
  /**
   * FOR UPDATE for status changes, FOR SHARE for part changes (which may run side by side), FOR NO KEY UPDATE for a
   * requisition's final transaction (its line inserts take FOR KEY SHARE on the row: two requisitions of one order
   * holding that and then asking FOR UPDATE deadlocked, 40P01).
   */
  async lock(tx: Db, id: string, mode: 'UPDATE' | 'NO KEY UPDATE' | 'SHARE'): Promise<RepairOrderRow | null> {
    const [row] = await tx.query(`SELECT * FROM workshop.repair_order WHERE id = $1 FOR ${mode}`, [id]);
    return row ?? null;
  },
  /** Newest first, after the (opened_at, id) cursor. */
  list(db: Db, stationId: string | null, status: RepairOrderStatus | null, after: [string, string] | null, limit: number): Promise<RepairOrderRow[]> {
    return db.query(
      `SELECT * FROM workshop.repair_order WHERE ($1::uuid IS NULL OR station_id = $1) AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (opened_at, id) < ($3::timestamptz, $4::uuid))
       ORDER BY opened_at DESC, id DESC LIMIT $5`,
      [stationId, status, after?.[0] ?? null, after?.[1] ?? null, limit]);
  },
  async insert(tx: Db, o: { id: string; number: string; stationId: string; vin: string | null; plate: string | null; vehicleModelId: string | null; by: string; at: Date }): Promise<RepairOrderRow> {
    const [row] = await tx.query(
      `INSERT INTO workshop.repair_order (id, number, station_id, status, vin, plate, vehicle_model_id, opened_by, opened_at)
       VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8) RETURNING *`,
      [o.id, o.number, o.stationId, o.vin, o.plate, o.vehicleModelId, o.by, o.at]);
    return row;
  },
  async transitionFacts(tx: Db, id: string): Promise<TransitionFacts> {
    const [f] = await tx.query(
      `SELECT (SELECT COALESCE(SUM(issued - returned), 0) FROM workshop.requisition_line WHERE repair_order_id = $1) AS net,
              (SELECT count(*) FROM workshop.requisition WHERE repair_order_id = $1 AND status = 'PENDING')
            + (SELECT count(*) FROM workshop.requisition_return WHERE repair_order_id = $1 AND status = 'PENDING') AS in_flight`, [id]);
    return f;
  },
  /** The new status and the time it was reached (completed_at, settled_at or cancelled_at). */
  /** A status without a time of its own (the first requisition starts the work: OPEN → IN_PROGRESS). */
  async setStatusOnly(tx: Db, id: string, status: RepairOrderStatusValue): Promise<void> {
    await tx.query(`UPDATE workshop.repair_order SET status = $2 WHERE id = $1`, [id, status]);
  },
  async setStatus(tx: Db, id: string, status: keyof typeof STATUS_COLUMN, at: Date): Promise<RepairOrderRow> {
    const [[row]] = await tx.query(`UPDATE workshop.repair_order SET status = $2, ${STATUS_COLUMN[status]} = $3 WHERE id = $1 RETURNING *`, [id, status, at]);
    return row;
  },

  estimatesOf(db: Db, orderIds: readonly string[]): Promise<EstimatedPartRow[]> {
    return db.query(`SELECT * FROM workshop.estimated_part WHERE repair_order_id = ANY($1::uuid[]) ORDER BY added_at, id`, [orderIds]);
  },
  async orderOfEstimate(db: Db, estimatedPartId: string): Promise<string | null> {
    const [row] = await db.query(`SELECT repair_order_id FROM workshop.estimated_part WHERE id = $1`, [estimatedPartId]);
    return row?.repair_order_id ?? null;
  },
  async insertEstimate(tx: Db, e: { id: string; orderId: string; partId: string; quantity: number; warehouseId: string | null; note: string | null; by: string; at: Date }): Promise<EstimatedPartRow> {
    const [row] = await tx.query(
      `INSERT INTO workshop.estimated_part (id, repair_order_id, part_id, quantity, warehouse_id, note, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [e.id, e.orderId, e.partId, e.quantity, e.warehouseId, e.note, e.by, e.at]);
    return row;
  },
  /** Deletes the estimate unless a requisition took it: false then. */
  async deleteUnclaimedEstimate(tx: Db, estimatedPartId: string): Promise<boolean> {
    const [[gone]] = await tx.query(`DELETE FROM workshop.estimated_part WHERE id = $1 AND requisition_id IS NULL RETURNING id`, [estimatedPartId]);
    return !!gone;
  },
};
