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
import { sendCommand, DomainError, faultPoint, type PendingCommand, type ReceiveStockResult, type SubgraphRuntime } from '../../../shared/src';
import { statusAfterReceipt } from '../purchase-order/purchase-order.rules';
import { stockPostingRepository, type PendingPostingRow } from './stock-posting.repository';

export type { ReceiveStockInput as ReceiveStockRequest } from '../../../shared/src';

export type PostingOutcome = 'DONE' | 'PENDING' | 'REFUSED';

async function markDone(rt: SubgraphRuntime, receiptId: string, result: ReceiveStockResult): Promise<void> {
  await rt.ds.transaction(async (tx) => {
    const booked = (suffix: string) => result.lines.filter((l) => l.lineKey.endsWith(suffix)).map((l) => ({ receiptLineId: l.lineKey.split(':')[0], binId: l.binId }));
    await stockPostingRepository.markDone(tx, receiptId, booked(':accepted'), booked(':damaged'));
  });
}

/**
 * Undoes a receipt stock refused: order line counters and status back, the
 * claim and the replacement order removed. Only while the replacement order
 * is untouched; otherwise the posting is parked as FAILED for a person.
 */
async function compensate(tx: EntityManager, receiptId: string, reason: string): Promise<boolean> {
  const r = await stockPostingRepository.receipt(tx, receiptId);
  if (!r) return true;
  await stockPostingRepository.lockOrder(tx, r.purchase_order_id);
  let replacementId: string | null = null;
  if (r.damage_claim_id) {
    const c = await stockPostingRepository.lockClaim(tx, r.damage_claim_id);
    if (c.status !== 'OPEN' || (c.replacement_order_id && c.replacement_status !== 'SUBMITTED')) {
      await stockPostingRepository.markFailed(tx, receiptId, reason);
      return false;
    }
    replacementId = c.replacement_order_id;
  }
  const lines = await stockPostingRepository.subtractFromOrderLines(tx, receiptId, r.purchase_order_id);
  const nothing = lines.every((l) => Number(l.received) === 0);
  const status = nothing ? 'SHIPPED' : statusAfterReceipt(lines.map((l) => ({ quantity: Number(l.quantity), received: Number(l.received) })));
  await stockPostingRepository.setOrderStatus(tx, r.purchase_order_id, status);
  await stockPostingRepository.deleteReceipt(tx, receiptId, r.damage_claim_id, replacementId);
  return true;
}

/**
 * Sends a PENDING posting to stock. DONE: stock booked it (now or before).
 * PENDING: stock could not be reached; the sweep will try again.
 * REFUSED: stock answered with a domain error, which is rethrown after the
 * receipt was undone (when `rethrow`).
 */
export async function postToStock(rt: SubgraphRuntime, receiptId: string, opts: { rethrow?: boolean } = {}): Promise<PostingOutcome> {
  const p = await stockPostingRepository.byReceipt(rt.ds, receiptId);
  if (!p) return 'REFUSED';
  if (p.status === 'DONE') return 'DONE';
  if (p.status === 'FAILED') return 'PENDING';
  let result: ReceiveStockResult;
  try {
    result = await sendCommand(rt, 'receiveStock', p.request, p.actor);
  } catch (err) {
    if (err instanceof DomainError) {
      rt.log.warn({ receiptId, code: err.extensions.code, err: err.message }, 'stock refused a goods receipt; undoing it');
      await rt.ds.transaction((tx) => compensate(tx, receiptId, `${String(err.extensions.code)}: ${err.message}`));
      if (opts.rethrow) throw err;
      return 'REFUSED';
    }
    rt.log.warn({ receiptId, err: (err as Error).message }, 'stock receipt not posted yet; will retry');
    await stockPostingRepository.recordAttempt(rt.ds, receiptId, (err as Error).message.slice(0, 500));
    return 'PENDING';
  }
  // A test's crash lands here: stock has the receipt, the posting is not DONE; a retry with the key or the sweep finishes it.
  await faultPoint(rt, 'stockPosting.afterRemote', receiptId);
  await markDone(rt, receiptId, result);
  return 'DONE';
}

/** The sweep's view of stock postings: PENDING ones are sent again as the user who received the goods (a refusal undoes the receipt). */
export const pendingStockPostings: PendingCommand<PendingPostingRow> = {
  name: 'stock posting',
  pending: (rt, minAgeMs, limit) => stockPostingRepository.pending(rt.ds, minAgeMs, limit),
  actor: (row) => row.actor,
  drive: async (ctx, row) => {
    if ((await postToStock(ctx.runtime, row.goods_receipt_id)) === 'PENDING') throw new Error('stock has not answered yet');
  },
  idOf: (row) => row.goods_receipt_id,
};
