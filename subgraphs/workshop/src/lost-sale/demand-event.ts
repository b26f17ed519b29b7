/**
 * `workshop.demand` (docs/internal-contracts.md): one event per line of demand
 * the counter or the workshop saw — requisition line, counter-sale line, lost
 * sale — written in the caller's transaction through the workshop outbox.
 * Procurement turns them into demand history and the first-time fill rate.
 * Requisitions emit theirs with `appendDemandEvents(tx, now, lines)` too.
 */
import type { EntityManager } from 'typeorm';
import { appendEvents } from '../../../shared/src';

export type DemandSource = 'REQUISITION' | 'COUNTER_SALE' | 'LOST_SALE';

export interface DemandLine {
  stationId: string;
  partId: string;
  /** What was asked for. */
  requested: number;
  /** Issued from stock at that moment. */
  issued: number;
  /** The customer left without it. */
  lost: number;
  /** Bought in an emergency instead of served from stock. */
  emergency: number;
  source: DemandSource;
}

/** "YYYY-MM" of an instant, UTC (the month the demand is counted in). */
export const demandMonth = (at: Date) => at.toISOString().slice(0, 7);

export async function appendDemandEvents(tx: EntityManager, at: Date, lines: DemandLine[]): Promise<void> {
  await appendEvents(tx, 'workshop', lines.map((l) => ({ type: 'workshop.demand', payload: { ...l, month: demandMonth(at) } })));
}
