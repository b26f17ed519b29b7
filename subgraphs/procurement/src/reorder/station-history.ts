/**
 * A station's demand history as the reorder engine reads it: per part, the
 * complete months of the window packed as "offset:demand" cells (plan-memo's
 * `parseHistory`). Reading it aggregates every month of every part of the
 * station (about 170k rows for 10k parts), the largest single cost of a page
 * of recommendations, while it changes rarely: the current month is not
 * history yet.
 *
 * So the history is kept per station, keyed by the window and by the number of
 * `procurement.history_change` rows of the station (written by triggers on
 * `monthly_consumption`, see the migration). The count is read *before* the
 * history: a change that commits between the two reads is either in the copy
 * (and the next count re-reads it once more) or raises the next count. Per
 * process; a few stations are kept, the least recently used go first.
 */
import { LRUCache } from 'lru-cache';
import type { Context } from '../../../shared/src';

type Db = Context['db'];

/** Stations whose history is kept (about 2.5 MB each at 10k parts). */
export const HISTORY_STATIONS = 8;

interface Copy { key: string; histories: Map<string, string> }

const copies = new LRUCache<string, Copy>({ max: HISTORY_STATIONS });
export const historyReads = { cached: 0, read: 0 };

/** Part id → "offset:demand" cells for the `months` months from `firstMonth` (ISO date of the 1st); only parts with demand. */
export async function stationHistory(db: Db, stationId: string, firstMonth: string, start: number, months: number): Promise<Map<string, string>> {
  const [{ n }] = await db.query(
    `SELECT count(*)::int AS n FROM procurement.history_change WHERE station_id = $1 OR station_id IS NULL`, [stationId]);
  const key = `${firstMonth}|${months}|${n}`;
  const kept = copies.get(stationId);
  if (kept?.key === key) {
    historyReads.cached++;
    return kept.histories;
  }
  // In month order, so that the same history is the same text (plan-memo recognises it).
  const rows: { part_id: string; h: string }[] = await db.query(
    `SELECT part_id, string_agg(((extract(year FROM month)::int * 12 + extract(month FROM month)::int - 1) - $3::int)::text || ':' || demand::text, ',' ORDER BY month) AS h
       FROM procurement.monthly_consumption
      WHERE station_id = $1 AND month >= $2::date AND month < ($2::date + make_interval(months => $4::int)) AND demand > 0
      GROUP BY part_id`,
    [stationId, firstMonth, start, months]);
  const histories = new Map(rows.map((r) => [r.part_id, r.h]));
  historyReads.read++;
  copies.set(stationId, { key, histories });
  return histories;
}
