/**
 * Workshop's pending commands (subgraphs/shared/src/pending-command.ts):
 * requisitions (purchase-and-issue included), requisition returns, counter
 * sales and counter-sale returns. What a crash or a lost answer leaves
 * PENDING is finished by a retry with the same key, or by this sweep — at
 * start-up and then every few seconds for rows older than the grace period.
 * Safe next to live retries and on several replicas at once: every remote
 * step is idempotent by a key derived from the row.
 */
import { startPendingSweep, sweepPending, type SubgraphRuntime } from '../../shared/src';
import { pendingCounterSaleReturns, pendingCounterSales } from './counter-sale/counter-sale.service';
import { pendingReturns } from './requisition/requisition-line.service';
import { pendingRequisitions } from './requisition/requisition.service';

export const workshopCommands = [pendingRequisitions, pendingReturns, pendingCounterSales, pendingCounterSaleReturns];

/** One round of the sweep over rows older than `minAgeMs`; counts by kind ('requisition', 'requisition return', 'counter sale', 'counter-sale return'). */
export const recoverPending = (rt: SubgraphRuntime, minAgeMs: number) => sweepPending(rt, workshopCommands, minAgeMs);

export const startRecoverySweep = (rt: SubgraphRuntime) => startPendingSweep(rt, workshopCommands, { everyMs: 10_000, minAgeMs: 30_000 });
