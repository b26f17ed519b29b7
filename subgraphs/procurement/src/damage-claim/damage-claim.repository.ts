/**
 * The SQL of damage claims (procurement.damage_claim) and their lines: the
 * services decide (damage-claim.service.ts, damage-claim-return.service.ts),
 * this reads and writes. Rows as the table has them (numerics as text).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { returned } from '../../../shared/src';
import type { DamageClaimStatus } from './damage-claim.type';

type Db = Pick<DataSource | EntityManager, 'query'>;

export interface DamageClaimRow {
  id: string;
  number: string;
  station_id: string;
  supplier_id: string;
  purchase_order_id: string;
  replacement_order_id: string | null;
  goods_receipt_id: string | null;
  status: DamageClaimStatus;
  amount: string;
  resolution_note: string | null;
  created_at: Date;
  updated_at: Date;
  return_key: string | null;
  return_requested_at: Date | null;
  returned_at: Date | null;
  returned_by: string | null;
}

export interface DamageClaimLineRow {
  id: string;
  damage_claim_id: string;
  goods_receipt_line_id: string;
  part_id: string;
  quantity: string;
  unit_price: string;
  amount: string;
  reason: string | null;
}

/** A claim line with the quarantine bin its goods were booked into (null until the receipt is posted to stock). */
export interface ReturnLine { id: string; part_id: string; quantity: string; quarantine_bin_id: string | null }

/** The row an UPDATE … RETURNING answered (the kernel's `returned` unpacks TypeORM's [rows, count]). */
const updated = (result: unknown): DamageClaimRow | null => returned<DamageClaimRow>(result)[0] ?? null;

export const damageClaimRepository = {
  byIds(db: Db, ids: string[]): Promise<DamageClaimRow[]> {
    return db.query(`SELECT * FROM procurement.damage_claim WHERE id = ANY($1::uuid[])`, [ids]);
  },
  async byId(db: Db, id: string): Promise<DamageClaimRow | null> {
    const [row] = await db.query(`SELECT * FROM procurement.damage_claim WHERE id = $1`, [id]);
    return row ?? null;
  },
  async lock(tx: EntityManager, id: string): Promise<DamageClaimRow | null> {
    const [row] = await tx.query(`SELECT * FROM procurement.damage_claim WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },
  byOrders(db: Db, orderIds: string[]): Promise<DamageClaimRow[]> {
    return db.query(`SELECT * FROM procurement.damage_claim WHERE purchase_order_id = ANY($1::uuid[]) ORDER BY created_at, number`, [orderIds]);
  },
  /** A station's claims (null: all), newest first, at most 1,000. */
  list(db: Db, stationId: string | null, status: string | null): Promise<DamageClaimRow[]> {
    return db.query(
      `SELECT * FROM procurement.damage_claim WHERE ($1::uuid IS NULL OR station_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, number DESC LIMIT 1000`,
      [stationId, status]);
  },
  linesOf(db: Db, claimIds: string[]): Promise<DamageClaimLineRow[]> {
    return db.query(`SELECT * FROM procurement.damage_claim_line WHERE damage_claim_id = ANY($1::uuid[]) ORDER BY id`, [claimIds]);
  },
  returnLines(db: Db, claimId: string): Promise<ReturnLine[]> {
    return db.query(
      `SELECT dl.id, dl.part_id, dl.quantity, gl.quarantine_bin_id FROM procurement.damage_claim_line dl
         JOIN procurement.goods_receipt_line gl ON gl.id = dl.goods_receipt_line_id WHERE dl.damage_claim_id = $1 ORDER BY dl.id`, [claimId]);
  },

  async setStatus(tx: EntityManager, id: string, to: DamageClaimStatus, note: string | null, at: Date): Promise<DamageClaimRow> {
    return updated(await tx.query(
      `UPDATE procurement.damage_claim SET status = $2, resolution_note = coalesce($3, resolution_note), updated_at = $4 WHERE id = $1 RETURNING *`,
      [id, to, note, at]))!;
  },
  /** Claims the return under `key` (the claim is locked by the caller). */
  async claimReturn(tx: EntityManager, id: string, key: string, by: string, at: Date): Promise<DamageClaimRow> {
    return updated(await tx.query(
      `UPDATE procurement.damage_claim SET return_key = $2, return_requested_at = $3, returned_by = $4, updated_at = $3 WHERE id = $1 RETURNING *`,
      [id, key, at, by]))!;
  },
  /** Stock refused the return: the claim is free to be returned again. */
  async releaseReturn(db: Db, id: string, key: string): Promise<void> {
    await db.query(
      `UPDATE procurement.damage_claim SET return_key = NULL, return_requested_at = NULL, returned_by = NULL WHERE id = $1 AND return_key = $2 AND returned_at IS NULL`,
      [id, key]);
  },
  async markReturned(db: Db, id: string, at: Date): Promise<void> {
    await db.query(`UPDATE procurement.damage_claim SET returned_at = $2, updated_at = $2 WHERE id = $1 AND returned_at IS NULL`, [id, at]);
  },
};
