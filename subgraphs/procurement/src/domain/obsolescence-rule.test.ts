/**
 * The obsolescence thresholds from a station's past (obsolescence-rule.ts): only the months before the origin
 * are read, the shortest threshold whose comebacks stay within the share is taken, and on the carparts trap
 * series (test/fixtures/carparts-traps.ts: Hyndman's carparts, expsmooth) a part called obsolete by the derived
 * rule says so with those thresholds in its explanation.
 */
import { CARPARTS_SERIES } from '../../../../test/fixtures/carparts-traps';
import { DEFAULT_OBSOLESCENCE, OBSOLETE_AFTER_MONTHS } from './forecast';
import { deriveObsolescence, OBSOLETE_INTERVAL_GRID, OBSOLETE_MAX_DEMAND_SHARE, SINGLE_DEMAND_MONTH_GRID } from './obsolescence-rule';
import { recommendReorder } from './reorder-recommendation';

const rep = <T,>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const series = CARPARTS_SERIES.map((s) => s.history.map((x) => x ?? 0));

describe('obsolescence thresholds from the months before the origin', () => {
  it('reads nothing from the origin on', () => {
    const origin = 36;
    const burst = series.map((h) => h.map((x, m) => (m >= origin ? x + 100 : x)));
    expect(deriveObsolescence(burst, origin)).toEqual(deriveObsolescence(series, origin));
  });

  it('takes the shortest thresholds whose comebacks carry at most the share of the demand', () => {
    // 999 steady parts (1 a month for 40 months) and one that comes back after 14 silent months with 100 units,
    // having been used every 2nd month before (7 intervals): thresholds ≤ 7 intervals would have missed 100 of 40,040 units.
    const steady = rep(999, () => rep(40, () => 1));
    const comeback = [...rep(14, (i) => (i % 2 ? 1 : 0)), ...rep(14, () => 0), 100];
    const e = deriveObsolescence([...steady, comeback], 40);
    expect(e.demand).toBe(999 * 40 + 7 + 100);
    expect(100 / e.demand).toBeGreaterThan(OBSOLETE_MAX_DEMAND_SHARE);
    expect(e.missedByIntervals.get(7)).toBe(100);
    expect(e.missedByIntervals.get(8)).toBe(0);
    expect(e.rule.intervals).toBe(OBSOLETE_INTERVAL_GRID.find((t) => t > 7));
    // No part used once came back: the shortest single-demand threshold.
    expect(e.rule.singleDemandMonths).toBe(SINGLE_DEMAND_MONTH_GRID[0]);
    // Without such a comeback the shortest interval threshold too.
    expect(deriveObsolescence(steady, 40).rule.intervals).toBe(OBSOLETE_INTERVAL_GRID[0]);
  });

  it('counts only silences of at least OBSOLETE_AFTER_MONTHS', () => {
    const short = [1, ...rep(OBSOLETE_AFTER_MONTHS - 1, () => 0), 50];
    expect(deriveObsolescence([short], 20).missedBySingleDemandMonths.get(SINGLE_DEMAND_MONTH_GRID[0])).toBe(0);
    const long = [1, ...rep(OBSOLETE_AFTER_MONTHS, () => 0), 50];
    expect(deriveObsolescence([long], 20).missedBySingleDemandMonths.get(SINGLE_DEMAND_MONTH_GRID[0])).toBe(50);
  });

  it('a real single-demand series judged by a derived rule says which threshold it used', () => {
    const single = CARPARTS_SERIES.find((s) => s.trap === 'single-demand')!;
    const h = single.history.map((x) => x ?? 0);
    const last = h.findLastIndex((x) => x > 0);
    const rule = { ...DEFAULT_OBSOLESCENCE, singleDemandMonths: 12 };
    const history = [...h.slice(0, last + 1), ...rep(12, () => 0)];
    const r = recommendReorder({
      targetFillRate: 0.95, leadTimeDays: 30, reviewPeriodDays: 30, calendarMonth: 0, dayOfMonth: 1, unitPrecision: 0, packSize: 1, minOrderQty: 1,
      history, firstCalendarMonth: 0, position: { onHand: 0, available: 0, inTransit: 0, onOrder: 0, backorders: 0 },
      networkSurplus: 0, networkSurplusKnown: true, unit: 'PC', obsolescence: rule,
    });
    expect(r.orderUpTo).toBe(0);
    expect(r.explanationItems.find((i) => i.reason === 'REORDER_OBSOLETE_SINGLE_DEMAND')!.params).toMatchObject({ thresholdMonths: 12 });
  });
});
