/**
 * Crash-safe hand-over of a receipt to stock. The receipt, its damage claim,
 * replacement order and a PENDING `stock_posting` row commit together; only
 * then is the stock subgraph's idempotent `receiveStock` called with
 * idempotencyKey = "goods-receipt:<receipt id>" and one lineKey per receipt
 * line and destination. If procurement dies between the two, the posting
 * stays PENDING and the pending-command sweep (at start-up and every few seconds) sends the
 * same request again; stock books it exactly once whatever the number of
 * attempts. A request stock refuses with a domain error (e.g. a bin of another
 * warehouse) can never succeed: the receipt is undone (compensated) so that a
 * refused receipt leaves nothing behind.
 */
import type { EntityManager } from 'typeorm';
import { sendCommand, DomainError, type Context, type PendingCommand, type ReceiveStockResult, type SubgraphRuntime, type User } from '../../../shared/src';
import { statusAfterReceipt } from '../purchase-order/purchase-order.rules';

export type { ReceiveStockInput as ReceiveStockRequest } from '../../../shared/src';

export type PostingOutcome = 'DONE' | 'PENDING' | 'REFUSED';

async function markDone(rt: SubgraphRuntime, receiptId: string, result: ReceiveStockResult): Promise<void> {
  await rt.ds.transaction(async (tx) => {
    const accepted = result.lines.filter((l) => l.lineKey.endsWith(':accepted'));
    const quarantined = result.lines.filter((l) => l.lineKey.endsWith(':damaged'));
    await tx.query(
      `UPDATE procurement.goods_receipt_line g SET bin_id = x.bin FROM unnest($1::uuid[], $2::uuid[]) AS x(id, bin) WHERE g.id = x.id`,
      [accepted.map((l) => l.lineKey.split(':')[0]), accepted.map((l) => l.binId)],
    );
    await tx.query(
      `UPDATE procurement.goods_receipt_line g SET quarantine_bin_id = x.bin FROM unnest($1::uuid[], $2::uuid[]) AS x(id, bin) WHERE g.id = x.id`,
      [quarantined.map((l) => l.lineKey.split(':')[0]), quarantined.map((l) => l.binId)],
    );
    await tx.query(`UPDATE procurement.stock_posting SET status = 'DONE', done_at = now(), attempts = attempts + 1, last_error = NULL WHERE goods_receipt_id = $1`, [receiptId]);
  });
}

/**
 * Undoes a receipt stock refused: order line counters and status back, the
 * claim and the replacement order removed. Only while the replacement order
 * is untouched; otherwise the posting is parked as FAILED for a person.
 */
async function compensate(tx: EntityManager, receiptId: string, reason: string): Promise<boolean> {
  const [r] = await tx.query(`SELECT * FROM procurement.goods_receipt WHERE id = $1`, [receiptId]);
  if (!r) return true;
  await tx.query(`SELECT id FROM procurement.purchase_order WHERE id = $1 FOR UPDATE`, [r.purchase_order_id]);
  let replacementId: string | null = null;
  if (r.damage_claim_id) {
    const [c] = await tx.query(`SELECT c.status, c.replacement_order_id, o.status AS replacement_status FROM procurement.damage_claim c
      LEFT JOIN procurement.purchase_order o ON o.id = c.replacement_order_id WHERE c.id = $1 FOR UPDATE OF c`, [r.damage_claim_id]);
    if (c.status !== 'OPEN' || (c.replacement_order_id && c.replacement_status !== 'SUBMITTED')) {
      await tx.query(`UPDATE procurement.stock_posting SET status = 'FAILED', last_error = $2 WHERE goods_receipt_id = $1`, [receiptId, reason]);
      return false;
    }
    replacementId = c.replacement_order_id;
  }
  await tx.query(
    `UPDATE procurement.purchase_order_line l SET received = l.received - g.received, accepted = l.accepted - g.accepted, damaged = l.damaged - g.damaged
       FROM procurement.goods_receipt_line g WHERE g.goods_receipt_id = $1 AND g.purchase_order_line_id = l.id`, [receiptId]);
  const lines = await tx.query(`SELECT quantity, received FROM procurement.purchase_order_line WHERE purchase_order_id = $1`, [r.purchase_order_id]);
  const nothing = lines.every((l: any) => Number(l.received) === 0);
  const status = nothing ? 'SHIPPED' : statusAfterReceipt(lines.map((l: any) => ({ quantity: Number(l.quantity), received: Number(l.received) })));
  await tx.query(`UPDATE procurement.purchase_order SET status = $2, received_at = CASE WHEN $2 = 'RECEIVED' THEN received_at END WHERE id = $1`, [r.purchase_order_id, status]);
  await tx.query(`DELETE FROM procurement.stock_posting WHERE goods_receipt_id = $1`, [receiptId]);
  if (r.damage_claim_id) {
    await tx.query(`UPDATE procurement.goods_receipt SET damage_claim_id = NULL WHERE id = $1`, [receiptId]);
    await tx.query(`DELETE FROM procurement.damage_claim_line WHERE damage_claim_id = $1`, [r.damage_claim_id]);
    await tx.query(`DELETE FROM procurement.damage_claim WHERE id = $1`, [r.damage_claim_id]);
    if (replacementId) {
      await tx.query(`DELETE FROM procurement.purchase_order_line WHERE purchase_order_id = $1`, [replacementId]);
      await tx.query(`DELETE FROM procurement.purchase_order WHERE id = $1`, [replacementId]);
    }
  }
  await tx.query(`DELETE FROM procurement.goods_receipt_line WHERE goods_receipt_id = $1`, [receiptId]);
  await tx.query(`DELETE FROM procurement.goods_receipt WHERE id = $1`, [receiptId]);
  return true;
}

/**
 * Sends a PENDING posting to stock. DONE: stock booked it (now or before).
 * PENDING: stock could not be reached; the sweep will try again.
 * REFUSED: stock answered with a domain error, which is rethrown after the
 * receipt was undone (when `rethrow`).
 */
export async function postToStock(rt: SubgraphRuntime, receiptId: string, opts: { rethrow?: boolean } = {}): Promise<PostingOutcome> {
  const [p] = await rt.ds.query(`SELECT status, request, actor FROM procurement.stock_posting WHERE goods_receipt_id = $1`, [receiptId]);
  if (!p) return 'REFUSED';
  if (p.status === 'DONE') return 'DONE';
  if (p.status === 'FAILED') return 'PENDING';
  try {
    const result = await sendCommand(rt, 'receiveStock', p.request, p.actor as User);
    await markDone(rt, receiptId, result);
    return 'DONE';
  } catch (err) {
    if (err instanceof DomainError) {
      rt.log.warn({ receiptId, code: err.extensions.code, err: err.message }, 'stock refused a goods receipt; undoing it');
      await rt.ds.transaction((tx) => compensate(tx, receiptId, `${String(err.extensions.code)}: ${err.message}`));
      if (opts.rethrow) throw err;
      return 'REFUSED';
    }
    rt.log.warn({ receiptId, err: (err as Error).message }, 'stock receipt not posted yet; will retry');
    await rt.ds.query(`UPDATE procurement.stock_posting SET attempts = attempts + 1, last_error = $2 WHERE goods_receipt_id = $1 AND status = 'PENDING'`, [receiptId, (err as Error).message.slice(0, 500)]);
    return 'PENDING';
  }
}

/** The sweep's view of stock postings: PENDING ones are sent again as the user who received the goods (a refusal undoes the receipt). */
export const pendingStockPostings: PendingCommand<{ goods_receipt_id: string; actor: User }> = {
  name: 'stock posting',
  pending: (rt, minAgeMs, limit) =>
    rt.ds.query(`SELECT goods_receipt_id, actor FROM procurement.stock_posting WHERE status = 'PENDING' AND created_at <= now() - make_interval(secs => $1::float / 1000)
     ORDER BY created_at LIMIT $2`, [minAgeMs, limit]),
  actor: (row) => row.actor,
  drive: async (ctx, row) => {
    if ((await postToStock(ctx.runtime, row.goods_receipt_id)) === 'PENDING') throw new Error('stock has not answered yet');
  },
  idOf: (row) => row.goods_receipt_id,
};

/** Who the posting acts for on retries: the user who received the goods. */
export const actorOf = (ctx: Context): User => ({ id: ctx.user.id, roles: [...ctx.user.roles], stationId: ctx.user.stationId });
