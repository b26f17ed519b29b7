/**
 * The SQL of lost sales (workshop.lost_sale, 未满足需求登记): the service
 * decides (lost-sale.service.ts), this reads and writes. Rows as the table
 * has them (numerics as text).
 */
import type { EntityManager } from 'typeorm';
import { definePage, likePattern, type PageRequest, type PageResult } from '../../../shared/src';
import type { LostSaleReason } from './lost-sale.type';

type Db = Pick<EntityManager, 'query'>;

export interface LostSaleRow {
  id: string;
  station_id: string;
  part_id: string;
  quantity: string;
  reason: LostSaleReason;
  emergency_purchase: boolean;
  note: string | null;
  idempotency_key: string | null;
  recorded_by: string;
  recorded_at: Date;
}

export interface LostSaleFilters {
  stationId?: string | null;
  from?: Date | null;
  to?: Date | null;
  partId?: string | null;
  reason?: LostSaleReason | null;
  reasons?: LostSaleReason[] | null;
  emergencyPurchase?: boolean | null;
  query?: string | null;
}

/**
 * Lost sales, newest first (sort: recordedAt, quantity, reason); filters: station, recorded from/to, part, reason(s),
 * emergency purchase or lost, text (the part's number or name as workshop's part facts have it, or the note).
 */
export const lostSalePage = definePage<LostSaleFilters>({
  name: 'lostSales',
  from: `(SELECT ls.*, pf.facts->>'partNo' AS part_no, pf.facts->>'name' AS part_name FROM workshop.lost_sale ls LEFT JOIN workshop.part_fact pf ON pf.part_id = ls.part_id)`,
  sorts: {
    recordedAt: { sql: 'q.recorded_at', type: 'timestamptz', direction: 'DESC' },
    quantity: { sql: 'q.quantity', type: 'numeric', direction: 'DESC' },
    reason: { sql: 'q.reason', type: 'text', direction: 'ASC', then: [{ sql: 'q.recorded_at', type: 'timestamptz', opposite: true }] },
  },
  defaultSort: { field: 'recordedAt' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    from: (v, bind) => `q.recorded_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.recorded_at < ${bind(v)}::timestamptz`,
    partId: (v, bind) => `q.part_id = ${bind(v)}::uuid`,
    reason: (v, bind) => `q.reason = ${bind(v)}`,
    reasons: (v, bind) => (v.length ? `q.reason = ANY(${bind(v)}::text[])` : null),
    emergencyPurchase: (v, bind) => `q.emergency_purchase = ${bind(v)}::boolean`,
    query: (v, bind) => {
      const t = v.trim();
      if (!t) return null;
      const p = bind(likePattern(t));
      return `(q.part_no ILIKE ${p} OR q.part_name ILIKE ${p} OR q.note ILIKE ${p})`;
    },
  },
  ids: ['stationId', 'partId'],
});

export const lostSaleRepository = {
  async byKey(db: Db, stationId: string, key: string): Promise<LostSaleRow | undefined> {
    const [row] = await db.query(`SELECT * FROM workshop.lost_sale WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
    return row;
  },
  async insert(tx: Db, r: { id: string; stationId: string; partId: string; quantity: number; reason: LostSaleReason; emergency: boolean; note: string | null; key: string | null; by: string; at: Date }): Promise<LostSaleRow> {
    const [row] = await tx.query(
      `INSERT INTO workshop.lost_sale (id, station_id, part_id, quantity, reason, emergency_purchase, note, idempotency_key, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [r.id, r.stationId, r.partId, r.quantity, r.reason, r.emergency, r.note, r.key, r.by, r.at]);
    return row;
  },
  /** One page of lost sales (lostSalesPage; lostSales is its first page). */
  page<T>(db: Db, request: PageRequest<LostSaleFilters>, map: (r: LostSaleRow) => T): Promise<PageResult<T>> {
    return lostSalePage.run(db, request, (r: LostSaleRow & { part_no?: unknown; part_name?: unknown }) => {
      delete r.part_no;
      delete r.part_name;
      return map(r);
    });
  },
};
