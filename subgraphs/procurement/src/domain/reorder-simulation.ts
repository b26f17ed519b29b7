/**
 * Backtest simulator (回测) for reorder policies: replays a part's monthly
 * history day by day. Pure and deterministic (its own seeded PRNG, no clock).
 *
 * Rules of the replay:
 * - At the start of each month the policy may look only at the months before
 *   it; it answers an order-up-to level for a review on a given day.
 * - A month's recorded demand arrives as requisitions on uniformly random
 *   days: one unit each for parts counted in whole units, jobs of up to 4
 *   units (an oil change, a coolant flush) for liquids. Monthly data cannot
 *   show finer lumpiness, so the replay does not invent it.
 * - Reviews every `reviewPeriodDays` days: position = on hand + on order −
 *   backorders; below S → order S − position rounded up to packs / MOQ; it
 *   arrives `leadTimeDays` later.
 * - Unmet demand is BACKORDERED (the customer's car waits; the shortage is
 *   filled first when goods arrive). Fill rate = units served from stock at
 *   the time of demand / units demanded.
 * - Each policy starts the first simulated month with on hand = its own S and
 *   nothing on order; the first `warmupMonths` are not measured.
 * - Inventory value = mean over measured days of end-of-day on hand × unit cost.
 */
import { roundUpToLot } from './order-quantity';

export interface SimPart {
  id: string;
  /** Group label for the report (e.g. the generator's demand profile). */
  label: string;
  /** The station: the fill-rate allocation is per station. */
  group: string;
  /** Monthly demand, oldest first; history[0] is in calendar month firstCalendarMonth (0 = January). */
  history: readonly number[];
  firstCalendarMonth: number;
  leadTimeDays: number;
  unitCost: number;
  packSize: number;
  minOrderQty: number;
  unitPrecision: number;
}

/** Order-up-to level for a review in month `m` (history[0..m) known) on `dayOfMonth` (1-based). */
export type OrderUpToFn = (m: number, dayOfMonth: number) => number;

export interface SimOptions {
  /** First simulated month (months before are history only). */
  startMonth: number;
  warmupMonths: number;
  reviewPeriodDays: number;
  seed: number;
}

export interface SimResult {
  demand: number;
  filled: number;
  /** Σ over measured days of on hand × unit cost. */
  valueDays: number;
  days: number;
  orders: number;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** mulberry32 — enough for splitting demand over days. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Demand per day of month m: the same for every policy (seeded by part, month and seed). */
export function dailyDemand(part: SimPart, m: number, seed: number): Float64Array {
  const days = DAYS_IN_MONTH[(part.firstCalendarMonth + m) % 12];
  const out = new Float64Array(days);
  const q = part.history[m];
  if (!(q > 0)) return out;
  const rnd = prng(hashId(part.id) ^ Math.imul(m + 1, 0x9e3779b1) ^ seed);
  const jobSize = part.unitPrecision > 0 ? 4 : 1;
  const jobs = Math.max(1, Math.ceil(q / jobSize - 1e-9));
  const each = q / jobs;
  for (let i = 0; i < jobs; i++) out[Math.floor(rnd() * days)] += each;
  return out;
}

/** `onMonth`: each measured month's demand and the part of it served from stock (for the fill calibration). */
export function simulatePart(part: SimPart, orderUpTo: OrderUpToFn, o: SimOptions, onMonth?: (m: number, demand: number, filled: number) => void): SimResult {
  const step = 10 ** -part.unitPrecision;
  const months = part.history.length;
  const res: SimResult = { demand: 0, filled: 0, valueDays: 0, days: 0, orders: 0 };
  let onHand = Math.max(0, orderUpTo(o.startMonth, 1));
  let backorders = 0;
  const pipeDay: number[] = [];
  const pipeQty: number[] = [];
  let onOrder = 0;
  let day = 0;
  for (let m = o.startMonth; m < months; m++) {
    const measured = m >= o.startMonth + o.warmupMonths;
    const demand = dailyDemand(part, m, o.seed);
    const demandBefore = res.demand;
    const filledBefore = res.filled;
    for (let d = 0; d < demand.length; d++, day++) {
      // Arrivals first; they fill backorders before anything else.
      while (pipeDay.length && pipeDay[0] <= day) {
        const q = pipeQty.shift()!;
        pipeDay.shift();
        onOrder -= q;
        onHand += q;
      }
      if (backorders > 0 && onHand > 0) {
        const x = Math.min(backorders, onHand);
        backorders -= x;
        onHand -= x;
      }
      if (day % o.reviewPeriodDays === 0) {
        const S = orderUpTo(m, d + 1);
        const position = onHand + onOrder - backorders;
        if (position < S - 1e-9) {
          const q = roundUpToLot(S - position, part.packSize, part.minOrderQty, step);
          if (q > 0) {
            pipeDay.push(day + Math.max(1, Math.round(part.leadTimeDays)));
            pipeQty.push(q);
            onOrder += q;
            if (measured) res.orders++;
          }
        }
      }
      const q = demand[d];
      if (q > 0) {
        const served = Math.min(onHand, q);
        onHand -= served;
        backorders += q - served;
        if (measured) {
          res.demand += q;
          res.filled += served;
        }
      }
      if (measured) {
        res.valueDays += onHand * part.unitCost;
        res.days++;
      }
    }
    if (onMonth && measured) onMonth(m, res.demand - demandBefore, res.filled - filledBefore);
  }
  return res;
}

export function addResults(a: SimResult, b: SimResult): SimResult {
  return { demand: a.demand + b.demand, filled: a.filled + b.filled, valueDays: a.valueDays + b.valueDays, days: Math.max(a.days, b.days), orders: a.orders + b.orders };
}

/** Windows (months) of the naive rules the backtest compares with: N × the average of the last k months. */
export const BASELINE_WINDOWS = [3, 6, 12, 24] as const;

/** The naive rule: order up to N × the average of the last k months (3 is what the station manuals imply). */
export function baselineOrderUpTo(part: SimPart, n: number, window = 3): OrderUpToFn {
  const step = 10 ** -part.unitPrecision;
  return (m) => {
    const k = Math.min(window, m);
    if (k === 0) return 0;
    let s = 0;
    for (let i = m - k; i < m; i++) s += part.history[i];
    return Math.ceil((n * s) / k / step - 1e-9) * step;
  };
}
