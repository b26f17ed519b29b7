/**
 * The SQL of lost sales (workshop.lost_sale, 未满足需求登记): the service
 * decides (lost-sale.service.ts), this reads and writes. Rows as the table
 * has them (numerics as text).
 */
import type { EntityManager } from 'typeorm';
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
  /** Newest first, after the keyset (recorded_at, id) of the previous page's last row. */
  list(db: Db, stationId: string | null, after: [string, string] | null, limit: number): Promise<LostSaleRow[]> {
    return db.query(
      `SELECT * FROM workshop.lost_sale WHERE ($1::uuid IS NULL OR station_id = $1)
         AND ($2::timestamptz IS NULL OR (recorded_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY recorded_at DESC, id DESC LIMIT $4`,
      [stationId, after?.[0] ?? null, after?.[1] ?? null, limit]);
  },
};
