/**
 * The reorder engine on real series with known traps (test/fixtures/carparts-traps.ts: Hyndman's carparts,
 * expsmooth) and on random parameters: the fill curve is monotone in S for every fit, the solver lands on the
 * smallest S that meets the target (never on a table end), and slow, dying and new parts get the stock their
 * history supports — with the reason in the structured explanation.
 */
import fc from 'fast-check';
import { CARPARTS_SERIES } from '../../../../test/fixtures/carparts-traps';
import { fitDistribution, negativeBinomialDistribution } from './demand-distribution';
import { expectedFillRate, solveOrderUpTo, type FillRateProblem } from './fill-rate';
import {
  demandModel, MAX_COVER_MONTHS, NEW_PART_MAX_MULTIPLE, policyProblem, recommendReorder, solveFor, type PolicyProblem,
} from './reorder-recommendation';
import { SINGLE_DEMAND_OBSOLETE_MONTHS } from './forecast';

const MONTHLY = { leadTimeDays: 30, reviewPeriodDays: 30, calendarMonth: 0, dayOfMonth: 1, unitPrecision: 0, packSize: 1, minOrderQty: 1 };
const TARGETS = [0.9, 0.95, 0.98];
const dense = (h: readonly (number | null)[]) => h.map((x) => x ?? 0);

/** β(S) on S = 0 … upTo: never falls (tolerance for float noise). */
function expectMonotone(problem: FillRateProblem, upTo: number, label: string): void {
  let prev = -Infinity;
  for (let S = 0; S <= upTo; S++) {
    const b = expectedFillRate(problem, S);
    if (b < prev - 1e-9) throw new Error(`${label}: fill falls from ${prev} to ${b} at S=${S}`);
    prev = b;
  }
}

/** The solver's S is the smallest that meets the target. */
function expectMinimal(problem: FillRateProblem, target: number, label: string): number {
  const { orderUpTo: S, fillRate } = solveOrderUpTo({ ...problem, targetFillRate: target });
  expect(Number.isFinite(S)).toBe(true);
  if (fillRate < target - 1e-12) throw new Error(`${label}: S=${S} gives ${fillRate} < ${target}`);
  if (S >= 1 && expectedFillRate({ ...problem, targetFillRate: target }, S - 1) >= target) throw new Error(`${label}: S=${S} is not the smallest for ${target}`);
  return S;
}

describe('every fit on the carparts series (each month of each series as a forecast origin)', () => {
  const cases: { label: string; pp: PolicyProblem }[] = [];
  for (const s of CARPARTS_SERIES) {
    const h = dense(s.history);
    for (let m = 6; m <= h.length; m += 3) cases.push({ label: `${s.id} (${s.trap}) at month ${m}`, pp: policyProblem(demandModel(h.slice(0, m), 0), MONTHLY) });
  }

  it('has the fill rate monotone in S and the solver on the smallest S, for 90 / 95 / 98 %', () => {
    let checked = 0;
    for (const { label, pp } of cases) {
      if (!pp.problem) continue;
      const top = solveOrderUpTo({ ...pp.problem, targetFillRate: 0.999 }).orderUpTo;
      expectMonotone(pp.problem, top + 5, label);
      let prev = 0;
      for (const t of TARGETS) {
        const S = expectMinimal(pp.problem, t, label);
        expect(S).toBeGreaterThanOrEqual(prev);
        prev = S;
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('never stocks more than the months-of-cover cap (or one unit), and names the cap when it binds', () => {
    const spanMonths = (MONTHLY.leadTimeDays + MONTHLY.reviewPeriodDays) / 30.44;
    for (const { pp } of cases) {
      if (!pp.problem) continue;
      const perMonth = pp.base.protectionDemand / spanMonths; // forecast × seasonal index
      const S = solveFor(pp, 0.98);
      expect(S).toBeLessThanOrEqual(pp.cap);
      expect(pp.cap).toBeLessThanOrEqual(Math.max(1, Math.ceil(MAX_COVER_MONTHS * perMonth - 1e-9)));
      if (S < solveOrderUpTo({ ...pp.problem, targetFillRate: 0.98 }).orderUpTo) expect(pp.capReason).not.toBeNull();
    }
  });
});

describe('random parameters (fast-check)', () => {
  const family = fc.constantFrom('NORMAL', 'GAMMA', 'NEGATIVE_BINOMIAL') as fc.Arbitrary<'NORMAL' | 'GAMMA' | 'NEGATIVE_BINOMIAL'>;
  // A month's mean and variance-to-mean ratio (1 … 10⁴: far beyond any fit), the level-error share, spans in months.
  const params = fc.record({
    family,
    mean: fc.double({ min: 1e-3, max: 500, noNaN: true }),
    dispersion: fc.double({ min: 1, max: 1e4, noNaN: true }),
    levelShare: fc.double({ min: 0, max: 1, noNaN: true }),
    L: fc.double({ min: 0.05, max: 3, noNaN: true }),
    R: fc.double({ min: 0.05, max: 3, noNaN: true }),
    lot: fc.constantFrom(1, 1, 2, 5, 10),
    target: fc.constantFrom(0.5, 0.8, 0.9, 0.95, 0.98, 0.99),
  });
  type Params = typeof params extends fc.Arbitrary<infer T> ? T : never;
  const problemOf = (p: Params): FillRateProblem => {
    // The service's variance model: m·noise + m²·levelVariance, noise ≥ mean (counts).
    const noise = p.mean * p.dispersion;
    const levelVar = noise * p.levelShare;
    const over = (m: number) => m * noise + m * m * levelVar;
    return {
      leadTime: fitDistribution(p.family, p.mean * p.L, over(p.L)),
      protection: fitDistribution(p.family, p.mean * (p.L + p.R), over(p.L + p.R)),
      reviewDemand: p.mean * p.R, targetFillRate: p.target, lot: p.lot, step: 1,
    };
  };

  it('fill rate is monotone in S and the solver finds the smallest S meeting the target', () => {
    fc.assert(fc.property(params, (p) => {
      const problem = problemOf(p);
      const S = expectMinimal(problem, p.target, JSON.stringify(p));
      expectMonotone(problem, Math.min(S + 20, 5000), JSON.stringify(p));
    }), { numRuns: 300, seed: 20261202 });
  });

  it('the negative binomial loss is exact far into a very spread tail (no cut-off): L(y) − L(y+1) = P(D > y) > 0', () => {
    fc.assert(fc.property(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 2, max: 5000, noNaN: true }), (mean, dispersion) => {
      const d = negativeBinomialDistribution(mean, mean * dispersion);
      // the old table stopped at mean + 12·sd + 10 and called the rest zero
      const beyond = Math.ceil(mean + 12 * Math.sqrt(mean * dispersion) + 10) + 5;
      expect(d.loss1(beyond)).toBeGreaterThan(0);
      expect(d.loss1(beyond)).toBeLessThan(d.loss1(beyond - 1));
      expect(d.loss1(0)).toBeCloseTo(mean, 9);
    }), { numRuns: 200, seed: 7 });
  });

  it('the issue\'s case: a spread fit at 0.10 a month no longer gets S = 188 at 90, 95 and 98 % alike', () => {
    const problem: FillRateProblem = {
      leadTime: negativeBinomialDistribution(0.1, 30), protection: negativeBinomialDistribution(0.2, 70),
      reviewDemand: 0.1, targetFillRate: 0, lot: 1, step: 1,
    };
    const S = TARGETS.map((t) => expectMinimal(problem, t, 'spread'));
    expect(S[0]).toBeLessThan(S[1]);
    expect(S[1]).toBeLessThan(S[2]);
    expectMonotone(problem, S[2] + 50, 'spread');
  });
});

describe('slow, dying and new parts on real series', () => {
  const byTrap = (trap: string) => CARPARTS_SERIES.filter((s) => s.trap === trap);
  const rec = (history: number[], target = 0.95) => recommendReorder({
    ...MONTHLY, targetFillRate: target, history, firstCalendarMonth: 0,
    position: { onHand: 0, available: 0, inTransit: 0, onOrder: 0, backorders: 0 }, networkSurplus: 0, networkSurplusKnown: true, unit: 'PC',
  });

  it('a single demand long ago gets no stock and the explanation says it was used once', () => {
    for (const s of byTrap('single-demand')) {
      const h = dense(s.history);
      const last = h.findIndex((x) => x > 0);
      const r = rec([...h, ...new Array(Math.max(0, SINGLE_DEMAND_OBSOLETE_MONTHS - (h.length - 1 - last))).fill(0)]);
      expect(r.orderUpTo).toBe(0);
      expect(r.explanationItems.map((i) => i.reason)).toContain('REORDER_OBSOLETE_SINGLE_DEMAND');
    }
  });

  it('a dying part\'s stock falls as its silence grows, and ends at none', () => {
    for (const s of byTrap('dying')) {
      const h = dense(s.history);
      const levels = [31, 36, 41, 46, 51].map((m) => rec(h.slice(0, m)).orderUpTo);
      for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeLessThanOrEqual(levels[i - 1]);
      expect(levels[levels.length - 1]).toBeLessThanOrEqual(1);
    }
  });

  it('a new part is never stocked to more than the stated multiple of all it has used', () => {
    for (const s of byTrap('new')) {
      const h = dense(s.history);
      const first = h.findIndex((x) => x > 0);
      for (let m = first + 1; m <= Math.min(h.length, first + 5); m++) {
        const used = h.slice(0, m).reduce((a, b) => a + b, 0);
        for (const t of TARGETS) expect(rec(h.slice(0, m), t).orderUpTo).toBeLessThanOrEqual(Math.max(1, NEW_PART_MAX_MULTIPLE * used));
      }
    }
    // the cases: one month of 3 units; a single month of 500
    expect(rec([...new Array(30).fill(0), 3], 0.98).orderUpTo).toBeLessThanOrEqual(6);
    const big = rec([...new Array(30).fill(0), 500], 0.98);
    expect(big.orderUpTo).toBeLessThanOrEqual(1000);
    expect(big.explanationItems.map((i) => i.reason)).toContain('REORDER_NEW_PART');
  });

  it('stock rises with the target for every series and month', () => {
    for (const s of CARPARTS_SERIES) {
      const h = dense(s.history);
      for (let m = 12; m <= h.length; m += 6) {
        const [a, b, c] = TARGETS.map((t) => rec(h.slice(0, m), t).orderUpTo);
        expect(a).toBeLessThanOrEqual(b);
        expect(b).toBeLessThanOrEqual(c);
      }
    }
  });
});
