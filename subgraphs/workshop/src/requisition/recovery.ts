/**
 * The recovery sweep of the requisition and return sagas: shortly after
 * start and then periodically, PENDING rows older than a grace period (the
 * caller died or gave up) are driven to the end. Safe next to live retries
 * and on several replicas at once: every step is idempotent by key.
 */
import type { SubgraphRuntime } from '../../../shared/src';
import { recoverPendingRequisitions } from './requisition.service';
import { recoverPendingReturns } from './requisition-line.service';

export async function recoverPending(rt: SubgraphRuntime, olderThanMs: number): Promise<{ requisitions: number; returns: number }> {
  return { requisitions: await recoverPendingRequisitions(rt, olderThanMs), returns: await recoverPendingReturns(rt, olderThanMs) };
}

/** Starts the sweep: first after `firstMs` (other subgraphs may still be starting), then every `everyMs`. Returns the stop function. */
export function startRecoverySweep(rt: SubgraphRuntime, o: { firstMs?: number; everyMs?: number; olderThanMs?: number } = {}): () => void {
  const olderThanMs = o.olderThanMs ?? 30_000;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const n = await recoverPending(rt, olderThanMs);
      if (n.requisitions || n.returns) rt.log.info(n, 'finished pending requisitions / returns');
    } catch (err) {
      rt.log.warn({ err }, 'recovery sweep failed; will try again');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, o.firstMs ?? 5_000);
  const every = setInterval(run, o.everyMs ?? 60_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
