/**
 * The SQL of requisitions (workshop.requisition, 领料单) and their lines: the
 * saga in requisition.service.ts decides, this reads and writes. Rows as the
 * tables have them (numerics as text). Line-level returns and price changes
 * are in requisition-line.repository.ts.
 */
import type { EntityManager } from 'typeorm';
import type { User } from '../../../shared/src';
import { documentNumberCte } from '../document-number';
import type { RequisitionLineRow } from './requisition-line.repository';

type Db = Pick<EntityManager, 'query'>;

/** What a PENDING row remembers so that anyone can finish it: the decided lines (prices fixed at request time). */
export interface RequestLine {
  lineNo: number;
  partId: string;
  quantity: number;
  warehouseId: string | null;
  binId: string | null;
  unitPrecision: number;
  tierPrice: string;
  hqCap: string | null;
}
export interface RequestBody {
  lines: RequestLine[];
  estimatedPartIds: string[];
  purchase?: { supplierId: string | null; unitPrice: string | null };
  /** The repair order's number, known when the row is claimed (rows claimed before it was kept: read again). */
  repairOrderNumber?: string;
}

export interface RequisitionRow {
  id: string;
  repair_order_id: string;
  station_id: string;
  /** LL2026-000001; null while PENDING. */
  number: string | null;
  kind: 'ISSUE' | 'PURCHASE_AND_ISSUE';
  status: 'PENDING' | 'DONE';
  idempotency_key: string;
  fingerprint: string;
  allow_partial: boolean;
  request: RequestBody;
  actor: User;
  purchase_order_id: string | null;
  requested_by: string;
  requested_at: Date;
  /** When stock issued (出库时间); null while PENDING. */
  completed_at: Date | null;
}

export interface PriceChangeRow { id: string; line_id: string; from_price: string; to_price: string; changed_by: string; changed_at: Date }

/** A line as the final transaction writes it. */
export interface NewLine {
  id: string; requisitionId: string; orderId: string; lineNo: number; partId: string; unitPrecision: number; warehouseId: string | null;
  requested: number; issued: number; shortfall: number; tierPrice: string; hqCap: string | null; binId: string | null;
  allocations: { binId: string; quantity: number }[]; shortageId: string | null; purchaseOrderId: string | null;
}

const INSERT_PENDING = `INSERT INTO workshop.requisition AS r (id, repair_order_id, station_id, kind, status, idempotency_key, fingerprint, allow_partial, request, actor, requested_by, requested_at)
  VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7, $8, $9, $10, $11)`;

const pendingValues = (r: Omit<RequisitionRow, 'number' | 'status' | 'purchase_order_id' | 'completed_at'>) =>
  [r.id, r.repair_order_id, r.station_id, r.kind, r.idempotency_key, r.fingerprint, r.allow_partial, JSON.stringify(r.request), JSON.stringify(r.actor), r.requested_by, r.requested_at];

export const requisitionRepository = {
  async byKey(db: Db, stationId: string, key: string): Promise<RequisitionRow | undefined> {
    const [row] = await db.query(`SELECT * FROM workshop.requisition WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
    return row;
  },
  async byId(db: Db, id: string): Promise<RequisitionRow | undefined> {
    const [row] = await db.query(`SELECT * FROM workshop.requisition WHERE id = $1`, [id]);
    return row;
  },
  /** Step 1: the claim. */
  async insertPending(tx: Db, r: Omit<RequisitionRow, 'number' | 'status' | 'purchase_order_id' | 'completed_at'>): Promise<RequisitionRow> {
    const [row] = await tx.query(`${INSERT_PENDING} RETURNING *`, pendingValues(r));
    return row;
  },
  /**
   * The row again in the final transaction: put back if a concurrent attempt abandoned it after a refusal while this
   * one's issue went through; either way locked (ON CONFLICT DO UPDATE locks as FOR UPDATE would) and read, in one statement.
   */
  async reclaim(tx: Db, r: RequisitionRow): Promise<RequisitionRow> {
    const [row] = await tx.query(`${INSERT_PENDING} ON CONFLICT (id) DO UPDATE SET status = r.status RETURNING *`, pendingValues(r));
    return row;
  },
  /** Stock refused: the PENDING row goes, and its claim on estimates with it. */
  async abandon(tx: Db, id: string): Promise<void> {
    const [[gone]] = await tx.query(`DELETE FROM workshop.requisition WHERE id = $1 AND status = 'PENDING' RETURNING id`, [id]);
    if (gone) await tx.query(`UPDATE workshop.estimated_part SET requisition_id = NULL WHERE requisition_id = $1`, [id]);
  },
  /** Claims open estimates for the requisition: how many it got (fewer than asked: another requisition has some). */
  async claimEstimates(tx: Db, requisitionId: string, estimatedPartIds: string[]): Promise<number> {
    const [claimed] = await tx.query(`UPDATE workshop.estimated_part SET requisition_id = $1 WHERE id = ANY($2::uuid[]) AND requisition_id IS NULL RETURNING id`, [requisitionId, estimatedPartIds]);
    return claimed.length;
  },
  /** The same claim again in the final transaction (it may have been released by an abandon meanwhile). */
  async keepEstimates(tx: Db, requisitionId: string, estimatedPartIds: string[]): Promise<void> {
    await tx.query(`UPDATE workshop.estimated_part SET requisition_id = $1 WHERE id = ANY($2::uuid[]) AND (requisition_id IS NULL OR requisition_id = $1)`, [requisitionId, estimatedPartIds]);
  },
  async insertLine(tx: Db, l: NewLine): Promise<void> {
    await tx.query(
      `INSERT INTO workshop.requisition_line (id, requisition_id, repair_order_id, line_no, part_id, unit_precision, warehouse_id, requested, issued, shortfall,
         tier_price, hq_cap, unit_price, bin_id, allocations, shortage_id, purchase_order_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $11, $13, $14, $15, $16)`,
      [l.id, l.requisitionId, l.orderId, l.lineNo, l.partId, l.unitPrecision, l.warehouseId, l.requested, l.issued, l.shortfall,
        l.tierPrice, l.hqCap, l.binId, JSON.stringify(l.allocations), l.shortageId, l.purchaseOrderId]);
  },
  /** DONE, with its number drawn last (the station's number row is locked only for this statement and the commit). */
  async markDone(tx: Db, d: { id: string; stationId: string; year: number; issuedAt: Date; purchaseOrderId: string | null }): Promise<RequisitionRow> {
    const [[row]] = await tx.query(
      `WITH ${documentNumberCte('$2', "'LL'", '$3')}
       UPDATE workshop.requisition SET status = 'DONE', number = (SELECT number FROM doc_number), completed_at = $4, purchase_order_id = $5 WHERE id = $1 RETURNING *`,
      [d.id, d.stationId, d.year, d.issuedAt, d.purchaseOrderId]);
    return row;
  },
  pending(db: Db, minAgeMs: number, limit: number): Promise<RequisitionRow[]> {
    return db.query(`SELECT * FROM workshop.requisition WHERE status = 'PENDING' AND requested_at < now() - make_interval(secs => $1) ORDER BY requested_at LIMIT $2`, [minAgeMs / 1000, limit]);
  },

  // Reads of recorded requisitions (loaders: one statement per request).
  doneOfOrders(db: Db, orderIds: readonly string[]): Promise<RequisitionRow[]> {
    return db.query(`SELECT * FROM workshop.requisition WHERE repair_order_id = ANY($1::uuid[]) AND status = 'DONE' ORDER BY completed_at, number`, [orderIds]);
  },
  linesOfRequisitions(db: Db, ids: readonly string[]): Promise<RequisitionLineRow[]> {
    return db.query(`SELECT * FROM workshop.requisition_line WHERE requisition_id = ANY($1::uuid[]) ORDER BY line_no`, [ids]);
  },
  /** Every line of repair orders, in the order of their requisitions. */
  linesOfOrders(db: Db, orderIds: readonly string[]): Promise<RequisitionLineRow[]> {
    return db.query(
      `SELECT l.* FROM workshop.requisition_line l JOIN workshop.requisition r ON r.id = l.requisition_id
        WHERE l.repair_order_id = ANY($1::uuid[]) ORDER BY r.completed_at, r.number, l.line_no`, [orderIds]);
  },
  priceChangesOfLines(db: Db, lineIds: readonly string[]): Promise<PriceChangeRow[]> {
    return db.query(`SELECT * FROM workshop.requisition_price_change WHERE line_id = ANY($1::uuid[]) ORDER BY changed_at, id`, [lineIds]);
  },
};
