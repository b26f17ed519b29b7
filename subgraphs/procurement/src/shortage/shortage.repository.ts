/**
 * The SQL of shortages (procurement.shortage), the idempotency rows of the
 * recordShortage command (shortage_request) and acknowledgements: the
 * service and resolvers decide, this reads and writes. Rows as the table has
 * them (numerics and bigserials as text).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { returned } from '../../../shared/src';
import type { ShortageKind } from './shortage.type';

type Db = Pick<DataSource | EntityManager, 'query'>;

export interface ShortageRow {
  id: string;
  seq: string;
  station_id: string;
  part_id: string;
  kind: ShortageKind;
  quantity: string;
  repair_order_id: string | null;
  reference: string | null;
  opened_at: Date;
  resolved_at: Date | null;
}

export interface NewShortage {
  id: string;
  stationId: string;
  partId: string;
  kind: string;
  quantity: number;
  repairOrderId: string | null;
  reference: string | null;
  openedAt: Date;
}


export const shortageRepository = {
  byIds(db: Db, ids: string[]): Promise<ShortageRow[]> {
    return db.query(`SELECT * FROM procurement.shortage WHERE id = ANY($1::uuid[])`, [ids]);
  },
  /** Open shortages of these parts, at one station or (null) all, oldest first. */
  openOfParts(db: Db, partIds: string[], stationId: string | null): Promise<ShortageRow[]> {
    return db.query(
      `SELECT * FROM procurement.shortage WHERE resolved_at IS NULL AND part_id = ANY($1::uuid[]) AND ($2::uuid IS NULL OR station_id = $2) ORDER BY opened_at`,
      [partIds, stationId]);
  },
  /** Up to 1000 shortages, newest first; `open` null: open and resolved. */
  list(db: Db, stationId: string | null, open: boolean | null): Promise<ShortageRow[]> {
    return db.query(
      `SELECT * FROM procurement.shortage WHERE ($1::uuid IS NULL OR station_id = $1)
         AND ($2::boolean IS NULL OR (resolved_at IS NULL) = $2) ORDER BY opened_at DESC, seq DESC LIMIT 1000`,
      [stationId, open]);
  },
  /** Inserts unless one of the station, part and kind is open; the new row's id, seq and opening time, or null. */
  async insertIfNoneOpen(tx: EntityManager, s: NewShortage): Promise<Pick<ShortageRow, 'id' | 'seq' | 'opened_at'> | null> {
    const [row] = await tx.query(
      `INSERT INTO procurement.shortage (id, station_id, part_id, kind, quantity, repair_order_id, reference, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (station_id, part_id, kind) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id, seq, opened_at`,
      [s.id, s.stationId, s.partId, s.kind, s.quantity, s.repairOrderId, s.reference, s.openedAt]);
    return row ?? null;
  },
  /** Adds to (accumulate) or replaces the quantity of the open shortage; its id. */
  async updateOpenQuantity(tx: EntityManager, stationId: string, partId: string, kind: string, accumulate: boolean, quantity: number): Promise<string> {
    const [row] = returned<{ id: string }>(await tx.query(
      `UPDATE procurement.shortage SET quantity = CASE WHEN $4 THEN quantity + $5 ELSE $5 END
        WHERE station_id = $1 AND part_id = $2 AND kind = $3 AND resolved_at IS NULL RETURNING id`,
      [stationId, partId, kind, accumulate, quantity]));
    return row.id;
  },
  /** Resolves the open shortages of these kinds; the ids resolved. */
  async resolveOpen(tx: EntityManager, stationId: string, partId: string, kinds: string[], now: Date): Promise<string[]> {
    const rows = returned<{ id: string }>(await tx.query(
      `UPDATE procurement.shortage SET resolved_at = $4 WHERE station_id = $1 AND part_id = $2 AND kind = ANY($3::text[]) AND resolved_at IS NULL RETURNING id`,
      [stationId, partId, kinds, now]));
    return rows.map((r) => r.id);
  },
  /** The station's reorder point for the part (numeric as text), or null without a policy. */
  async reorderPoint(tx: EntityManager, stationId: string, partId: string): Promise<string | null> {
    const [p] = await tx.query(`SELECT reorder_point FROM procurement.reorder_policy WHERE station_id = $1 AND part_id = $2`, [stationId, partId]);
    return p ? p.reorder_point : null;
  },

  /** Serialises recordShortage calls of one key until the transaction ends. */
  async lockRequestKey(tx: EntityManager, key: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`shortage:${key}`]);
  },
  async shortageOfRequest(tx: EntityManager, key: string): Promise<string | null> {
    const [done] = await tx.query(`SELECT shortage_id FROM procurement.shortage_request WHERE idempotency_key = $1`, [key]);
    return done ? done.shortage_id : null;
  },
  async insertRequest(tx: EntityManager, key: string, shortageId: string): Promise<void> {
    await tx.query(`INSERT INTO procurement.shortage_request (idempotency_key, shortage_id) VALUES ($1, $2)`, [key, shortageId]);
  },
  /** The unmet quantity counts as demand in the month's consumption history. */
  async addMonthlyShortfall(tx: EntityManager, stationId: string, partId: string, at: Date, quantity: number): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity, shortfall) VALUES ($1, $2, date_trunc('month', $3::timestamptz AT TIME ZONE 'UTC')::date, 0, $4)
       ON CONFLICT (station_id, part_id, month) DO UPDATE SET shortfall = monthly_consumption.shortfall + EXCLUDED.shortfall`,
      [stationId, partId, at, quantity]);
  },

  acknowledgedBy(db: Db, userId: string, shortageIds: string[]): Promise<{ shortage_id: string }[]> {
    return db.query(`SELECT shortage_id FROM procurement.shortage_acknowledgement WHERE user_id = $1 AND shortage_id = ANY($2::uuid[])`, [userId, shortageIds]);
  },
  async acknowledge(db: Db, shortageId: string, userId: string, at: Date): Promise<void> {
    await db.query(`INSERT INTO procurement.shortage_acknowledgement (shortage_id, user_id, acknowledged_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [shortageId, userId, at]);
  },
};
