/**
 * The SQL of stock postings (procurement.stock_posting: one per goods
 * receipt, PENDING until stock booked it) and of undoing a receipt stock
 * refused. stock-posting.service.ts decides, this reads and writes.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { ReceiveStockInput, User } from '../../../shared/src';

type Db = Pick<DataSource | EntityManager, 'query'>;

export type PostingStatus = 'PENDING' | 'DONE' | 'FAILED';

export interface StockPostingRow { status: PostingStatus; request: ReceiveStockInput; actor: User }
export interface PendingPostingRow { goods_receipt_id: string; actor: User }
/** The receipt's claim with its replacement order's status, as compensation judges it. */
export interface ClaimToUndo { status: string; replacement_order_id: string | null; replacement_status: string | null }
export interface BookedBin { receiptLineId: string; binId: string }

export const stockPostingRepository = {
  async insertPending(tx: EntityManager, receiptId: string, request: ReceiveStockInput, actor: User): Promise<void> {
    await tx.query(`INSERT INTO procurement.stock_posting (goods_receipt_id, status, request, actor) VALUES ($1, 'PENDING', $2, $3)`,
      [receiptId, JSON.stringify(request), JSON.stringify(actor)]);
  },
  async byReceipt(db: Db, receiptId: string): Promise<StockPostingRow | null> {
    const [p] = await db.query(`SELECT status, request, actor FROM procurement.stock_posting WHERE goods_receipt_id = $1`, [receiptId]);
    return p ?? null;
  },
  /** PENDING postings at least `minAgeMs` old, oldest first. */
  pending(db: Db, minAgeMs: number, limit: number): Promise<PendingPostingRow[]> {
    return db.query(`SELECT goods_receipt_id, actor FROM procurement.stock_posting WHERE status = 'PENDING' AND created_at <= now() - make_interval(secs => $1::float / 1000)
     ORDER BY created_at LIMIT $2`, [minAgeMs, limit]);
  },
  /** Stock booked the receipt: the bins it chose on the receipt lines, and the posting DONE. */
  async markDone(tx: EntityManager, receiptId: string, accepted: BookedBin[], quarantined: BookedBin[]): Promise<void> {
    await tx.query(
      `UPDATE procurement.goods_receipt_line g SET bin_id = x.bin FROM unnest($1::uuid[], $2::uuid[]) AS x(id, bin) WHERE g.id = x.id`,
      [accepted.map((l) => l.receiptLineId), accepted.map((l) => l.binId)]);
    await tx.query(
      `UPDATE procurement.goods_receipt_line g SET quarantine_bin_id = x.bin FROM unnest($1::uuid[], $2::uuid[]) AS x(id, bin) WHERE g.id = x.id`,
      [quarantined.map((l) => l.receiptLineId), quarantined.map((l) => l.binId)]);
    await tx.query(`UPDATE procurement.stock_posting SET status = 'DONE', done_at = now(), attempts = attempts + 1, last_error = NULL WHERE goods_receipt_id = $1`, [receiptId]);
  },
  async recordAttempt(db: Db, receiptId: string, error: string): Promise<void> {
    await db.query(`UPDATE procurement.stock_posting SET attempts = attempts + 1, last_error = $2 WHERE goods_receipt_id = $1 AND status = 'PENDING'`, [receiptId, error]);
  },
  /** Parked for a person: the receipt cannot be undone any more. */
  async markFailed(tx: EntityManager, receiptId: string, error: string): Promise<void> {
    await tx.query(`UPDATE procurement.stock_posting SET status = 'FAILED', last_error = $2 WHERE goods_receipt_id = $1`, [receiptId, error]);
  },

  // ------------------------------------------------------------ undoing a refused receipt
  async receipt(tx: EntityManager, receiptId: string): Promise<{ purchase_order_id: string; damage_claim_id: string | null } | null> {
    const [r] = await tx.query(`SELECT * FROM procurement.goods_receipt WHERE id = $1`, [receiptId]);
    return r ?? null;
  },
  async lockOrder(tx: EntityManager, orderId: string): Promise<void> {
    await tx.query(`SELECT id FROM procurement.purchase_order WHERE id = $1 FOR UPDATE`, [orderId]);
  },
  async lockClaim(tx: EntityManager, claimId: string): Promise<ClaimToUndo> {
    const [c] = await tx.query(`SELECT c.status, c.replacement_order_id, o.status AS replacement_status FROM procurement.damage_claim c
      LEFT JOIN procurement.purchase_order o ON o.id = c.replacement_order_id WHERE c.id = $1 FOR UPDATE OF c`, [claimId]);
    return c;
  },
  /** Takes the receipt's quantities off its order lines; the order's lines (numerics as text) afterwards. */
  async subtractFromOrderLines(tx: EntityManager, receiptId: string, orderId: string): Promise<{ quantity: string; received: string }[]> {
    await tx.query(
      `UPDATE procurement.purchase_order_line l SET received = l.received - g.received, accepted = l.accepted - g.accepted, damaged = l.damaged - g.damaged
         FROM procurement.goods_receipt_line g WHERE g.goods_receipt_id = $1 AND g.purchase_order_line_id = l.id`, [receiptId]);
    return tx.query(`SELECT quantity, received FROM procurement.purchase_order_line WHERE purchase_order_id = $1`, [orderId]);
  },
  /** The order's status after the receipt is undone; `received_at` is kept only while it stays RECEIVED. */
  async setOrderStatus(tx: EntityManager, orderId: string, status: string): Promise<void> {
    await tx.query(`UPDATE procurement.purchase_order SET status = $2, received_at = CASE WHEN $2 = 'RECEIVED' THEN received_at END WHERE id = $1`, [orderId, status]);
  },
  /** Removes the receipt, its posting, and (when given) its claim and the untouched replacement order. */
  async deleteReceipt(tx: EntityManager, receiptId: string, claimId: string | null, replacementId: string | null): Promise<void> {
    await tx.query(`DELETE FROM procurement.stock_posting WHERE goods_receipt_id = $1`, [receiptId]);
    if (claimId) {
      await tx.query(`UPDATE procurement.goods_receipt SET damage_claim_id = NULL WHERE id = $1`, [receiptId]);
      await tx.query(`DELETE FROM procurement.damage_claim_line WHERE damage_claim_id = $1`, [claimId]);
      await tx.query(`DELETE FROM procurement.damage_claim WHERE id = $1`, [claimId]);
      if (replacementId) {
        await tx.query(`DELETE FROM procurement.purchase_order_line WHERE purchase_order_id = $1`, [replacementId]);
        await tx.query(`DELETE FROM procurement.purchase_order WHERE id = $1`, [replacementId]);
      }
    }
    await tx.query(`DELETE FROM procurement.goods_receipt_line WHERE goods_receipt_id = $1`, [receiptId]);
    await tx.query(`DELETE FROM procurement.goods_receipt WHERE id = $1`, [receiptId]);
  },
};
