/**
 * What procurement learns from the workshop's `workshop.demand` events
 * (docs/internal-contracts.md), applied exactly once in the cursor's
 * transaction: each requisition line, counter-sale line and lost-sale record
 * becomes a `demand_line` (the first-time fill rate counts them), and lost or
 * emergency-bought units join the month's consumption history as demand.
 * Issued units and unmet shortfalls reach the history on their own paths
 * (stock.movement, recordShortage), so they are not added again here.
 *
 * This is procurement's one consumer of source 'workshop' (the cursor is per
 * source): handlers for other workshop events belong in this definition.
 */
import type { EntityManager } from 'typeorm';
import { isUuid, type ConsumerDefinition, type OutboxEvent } from '../../../shared/src';

export interface WorkshopDemandPayload {
  stationId: string;
  partId: string;
  month: string;
  requested: number;
  issued: number;
  lost: number;
  emergency: number;
  source: 'REQUISITION' | 'COUNTER_SALE' | 'LOST_SALE';
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SOURCES = new Set(['REQUISITION', 'COUNTER_SALE', 'LOST_SALE']);
const qty = (v: unknown) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Math.round(Number(v) * 1000) / 1000 : 0);

/** A malformed event cannot be fixed by retrying; it is skipped (and logged by the caller) rather than blocking the feed. */
export function parseDemand(p: any): WorkshopDemandPayload | null {
  if (!p || !isUuid(p.stationId) || !isUuid(p.partId) || !MONTH.test(String(p.month)) || !SOURCES.has(p.source)) return null;
  return { stationId: p.stationId, partId: p.partId, month: p.month, source: p.source, requested: qty(p.requested), issued: qty(p.issued), lost: qty(p.lost), emergency: qty(p.emergency) };
}

export async function applyDemand(tx: EntityManager, e: OutboxEvent): Promise<boolean> {
  const d = parseDemand(e.payload);
  if (!d) return false;
  await tx.query(
    `INSERT INTO procurement.demand_line (source_seq, station_id, part_id, month, source, requested, issued, lost, emergency, recorded_at)
     VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9, $10) ON CONFLICT (source_seq) DO NOTHING`,
    [e.seq, d.stationId, d.partId, `${d.month}-01`, d.source, d.requested, d.issued, d.lost, d.emergency, new Date(e.occurredAt)]);
  if (d.lost > 0 || d.emergency > 0) {
    await tx.query(
      `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity, lost, emergency) VALUES ($1, $2, $3::date, 0, $4, $5)
       ON CONFLICT (station_id, part_id, month) DO UPDATE SET lost = monthly_consumption.lost + EXCLUDED.lost, emergency = monthly_consumption.emergency + EXCLUDED.emergency`,
      [d.stationId, d.partId, `${d.month}-01`, d.lost, d.emergency]);
  }
  return true;
}

export const workshopDemandConsumer = (log?: { warn: (o: object, m: string) => void }): ConsumerDefinition => ({
  source: 'workshop',
  // Demand history and the fill rate are read by people, not by a waiting request: fetched in batches (shared/consumer.ts).
  settleMs: 250,
  handlers: {
    'workshop.demand': async (tx, e) => {
      if (!(await applyDemand(tx, e))) log?.warn({ seq: e.seq }, 'skipped a malformed workshop.demand event');
    },
  },
});
