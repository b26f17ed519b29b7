/**
 * The rules the reorder service plans a station with, learnt from that
 * station's own history the way the backtest learns them at an origin
 * (domain/station-rules.ts): the obsolescence thresholds and, per demand
 * class, the forecast factor and the level error's weight — from the
 * complete months before now only (the current month is not history).
 *
 * Learning replays the forecasts of the last CORRECTION_MONTHS months for a
 * sample of the station's parts (about 24k model fits at 10k parts), so it is
 * kept per station with the history it was learnt from: it is learnt again
 * when the month changes (a new window) or a complete month changes (a new
 * history copy, station-history.ts), never for a write to the current month.
 * Per process; as many stations as station-history keeps.
 */
import { LRUCache } from 'lru-cache';
import { learnStationRules, type StationRules } from '../domain/station-rules';
import { parseHistory } from './plan-memo';
import { HISTORY_STATIONS } from './station-history';

interface Kept { histories: Map<string, string>; rules: StationRules }

const kept = new LRUCache<string, Kept>({ max: HISTORY_STATIONS });
export const ruleLearning = { cached: 0, learnt: 0 };

/**
 * `histories`: the station's copy from stationHistory (part id → "offset:demand" cells of the `months`-month window that
 * ends with the last complete month; its first month is in calendar month `firstCalendarMonth`). Learnt at the window's
 * end: every month read is before now. `unitPrecisionOf`: the part's decimals (the variance floor of whole units).
 * `parsed`, when given, receives each part's dense history when they are learnt from (read only: the plan memo takes
 * them instead of parsing the same texts again).
 */
export function learntRules(stationId: string, histories: Map<string, string>, months: number, firstCalendarMonth: number, unitPrecisionOf: (partId: string) => number, parsed?: Map<string, Float64Array>): StationRules {
  const k = kept.get(stationId);
  if (k?.histories === histories) {
    ruleLearning.cached++;
    return k.rules;
  }
  const parts = [...histories].map(([id, text]) => {
    const history = parseHistory(text, months);
    parsed?.set(id, history);
    return { id, history: history as unknown as number[], firstCalendarMonth, unitPrecision: unitPrecisionOf(id) };
  });
  const rules = learnStationRules(parts, months);
  ruleLearning.learnt++;
  kept.set(stationId, { histories, rules });
  return rules;
}
