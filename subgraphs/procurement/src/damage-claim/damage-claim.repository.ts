/**
 * The SQL of damage claims (procurement.damage_claim) and their lines: the
 * services decide (damage-claim.service.ts, damage-claim-return.service.ts),
 * this reads and writes. Rows as the table has them (numerics as text).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { returned, type ReturnToSupplierInput, type User } from '../../../shared/src';
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
  /** The returnDamagedGoods key that claimed the return (null: not claimed). */
  return_key: string | null;
  return_requested_at: Date | null;
  returned_at: Date | null;
  returned_by: string | null;
  /** The return as a pending command: PENDING until the claim records what stock moved, then DONE (null: not claimed). */
  return_status: 'PENDING' | 'DONE' | null;
  /** What stock's returnToSupplier is asked (set when claimed). */
  return_request: ReturnToSupplierInput | null;
  /** Who asked: the sweep finishes the return as them. */
  return_actor: User | null;
}

/** A claimed return, not finished yet: what driving it needs. */
export type PendingReturnRow = DamageClaimRow & {
  return_key: string; return_requested_at: Date; return_status: 'PENDING'; return_request: ReturnToSupplierInput; return_actor: User;
};

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
  /** The claim if `key` claimed its return. */
  async byReturnKey(db: Db, id: string, key: string): Promise<DamageClaimRow | undefined> {
    const [row] = await db.query(`SELECT * FROM procurement.damage_claim WHERE id = $1 AND return_key = $2`, [id, key]);
    return row;
  },
  /** Claims the return under `key`, PENDING with stock's request and the actor (the claim is locked by the caller). */
  async claimReturn(tx: EntityManager, id: string, r: { key: string; request: ReturnToSupplierInput; actor: User; at: Date }): Promise<PendingReturnRow> {
    return updated(await tx.query(
      `UPDATE procurement.damage_claim SET return_key = $2, return_status = 'PENDING', return_request = $3, return_actor = $4, return_requested_at = $5, returned_by = $6, updated_at = $5
        WHERE id = $1 RETURNING *`,
      [id, r.key, JSON.stringify(r.request), JSON.stringify(r.actor), r.at, r.actor.id])) as PendingReturnRow;
  },
  /** Stock refused the return: nothing moved, the claim is free to be returned again. */
  async releaseReturn(db: Db, id: string, key: string): Promise<void> {
    await db.query(
      `UPDATE procurement.damage_claim SET return_key = NULL, return_status = NULL, return_request = NULL, return_actor = NULL, return_requested_at = NULL, returned_by = NULL
        WHERE id = $1 AND return_key = $2 AND return_status = 'PENDING'`,
      [id, key]);
  },
  /** Stock moved the goods: the claim says returned, once. */
  async finishReturn(db: Db, id: string, at: Date): Promise<void> {
    await db.query(`UPDATE procurement.damage_claim SET return_status = 'DONE', returned_at = $2, updated_at = $2 WHERE id = $1 AND return_status = 'PENDING'`, [id, at]);
  },
  /** Claimed returns PENDING for at least `minAgeMs`, oldest first. */
  pendingReturns(db: Db, minAgeMs: number, limit: number): Promise<PendingReturnRow[]> {
    return db.query(
      `SELECT * FROM procurement.damage_claim WHERE return_status = 'PENDING' AND return_requested_at <= now() - make_interval(secs => $1::float / 1000)
        ORDER BY return_requested_at LIMIT $2`, [minAgeMs, limit]);
  },
};
