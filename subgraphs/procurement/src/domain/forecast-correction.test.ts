/**
 * The class forecast correction (forecast-correction.ts): the factor is the ratio of what came to what was
 * forecast, shrunk for little volume; the level error's weight is recovered from two- against one-month errors;
 * the backtest's outcomes read nothing from the origin on (real series: test/fixtures/carparts-traps.ts, Hyndman's
 * carparts, expsmooth).
 */
import { CARPARTS_SERIES } from '../../../../test/fixtures/carparts-traps';
import { classCorrections, CORRECTION_MAX_FACTOR, CORRECTION_MONTHS, CORRECTION_PRIOR_UNITS, correctionFor, NO_CORRECTION, type ForecastOutcome } from './forecast-correction';
import { pastOutcomes } from './reorder-backtest';
import { demandModel } from './reorder-recommendation';
import { prng, type SimPart } from './reorder-simulation';

/** Standard normal draws (Box–Muller) from the replay's seeded generator. */
function normal(rnd: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
}

/** Outcomes whose level is off by a persistent N(0, λ·w·n) over both months, plus N(0, n) noise each month. */
function synthetic(w: number, n = 1, levelError = 0.5, count = 40000): ForecastOutcome[] {
  const rnd = prng(19);
  return Array.from({ length: count }, () => {
    const f = 5;
    const offset = Math.sqrt(levelError * w * n) * normal(rnd);
    const a1 = f + offset + Math.sqrt(n) * normal(rnd);
    const a2 = f + offset + Math.sqrt(n) * normal(rnd);
    return { key: 'INTERMITTENT', forecast: f, actual: a1, span: { forecast: 2 * f, actual: a1 + a2, noise: n, levelError } };
  });
}

describe('class forecast correction', () => {
  it('is what came over what was forecast, shrunk towards 1 for little volume and kept within bounds', () => {
    const big = Array.from({ length: 1000 }, () => ({ key: 'LUMPY', forecast: 2, actual: 1 }));
    const small = [{ key: 'SMOOTH', forecast: 2, actual: 1 }];
    const c = classCorrections([...big, ...small, { key: 'DECLINING', forecast: 0.01, actual: 1000 }]);
    expect(c.byKey.get('LUMPY')!.level).toBeCloseTo((1000 + CORRECTION_PRIOR_UNITS) / (2000 + CORRECTION_PRIOR_UNITS), 9);
    expect(c.byKey.get('SMOOTH')!.level).toBeGreaterThan(0.95);
    expect(c.byKey.get('DECLINING')!.level).toBe(CORRECTION_MAX_FACTOR);
    // A class the window never saw: no factor.
    expect(correctionFor(c, 'ERRATIC').level).toBe(1);
    expect(correctionFor(undefined, 'ERRATIC')).toEqual(NO_CORRECTION);
  });

  it.each([0, 0.5, 1, 1.5])('recovers a level error weight of %p from two- against one-month errors', (w) => {
    expect(classCorrections(synthetic(w)).levelErrorWeight).toBeCloseTo(w, 1);
  });

  it('takes the textbook weight 1 when the window has no two-month errors', () => {
    expect(classCorrections([{ key: 'SMOOTH', forecast: 2, actual: 3 }]).levelErrorWeight).toBe(1);
  });
});

describe('the backtest\'s past outcomes on the carparts trap series', () => {
  const part = (history: readonly number[]): SimPart => ({
    id: 'p', label: 'x', group: 'station', history, firstCalendarMonth: 0, leadTimeDays: 30, unitCost: 1, packSize: 1, minOrderQty: 1, unitPrecision: 0,
  });
  const origin = 40;

  it.each(CARPARTS_SERIES.slice(0, 8).map((s) => [s.id, s.history.map((x) => x ?? 0)] as const))('%s: read only the months before the origin', (_, history) => {
    const outcomes = (h: readonly number[]) => pastOutcomes(part(h), origin, (mm) => demandModel(h.slice(0, mm), 0));
    const burst = history.map((x, m) => (m >= origin ? x + 500 : x));
    expect(outcomes(burst)).toEqual(outcomes(history));
    const o = outcomes(history);
    expect(o).toHaveLength(CORRECTION_MONTHS);
    // The last month before the origin has no two-month span (its second month is the origin).
    expect(o.at(-1)!.span).toBeUndefined();
    expect(o.slice(0, -1).every((x) => x.forecast === 0 || x.span !== undefined)).toBe(true);
  });
});
