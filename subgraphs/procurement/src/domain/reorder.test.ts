/** Tables of cases for the reorder domain: classification, forecasts, distributions, the fill-rate solver, order quantities, allocation, explanation. */
import { classifyDemand, demandStats } from './demand-classification';
import { fitDistribution, gammaQ, negativeBinomialDistribution, normalCdf, normalDistribution, normalLoss } from './demand-distribution';
import { crostonSba, detectSeasonality, forecastDemand, isObsolete, mannKendallZ, ses, tsb } from './forecast';
import { expectedFillRate, solveOrderUpTo } from './fill-rate';
import { decideOrder, orderLot, roundUpToLot } from './order-quantity';
import { allocateFillRates } from './fill-rate-allocation';
import { demandModel, policyLadder, policyProblem, recommendReorder, stockingPolicy } from './reorder-recommendation';

const rep = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

describe('demand classification (ADI 1.32 / CV² 0.49)', () => {
  it.each([
    ['every month, steady sizes', rep(24, (i) => 10 + (i % 3)), 'SMOOTH'],
    ['every month, wild sizes', rep(24, (i) => (i % 4 === 0 ? 40 : 3)), 'ERRATIC'],
    ['one month in three, size 1–2', rep(24, (i) => (i % 3 === 0 ? 1 + (i % 2) : 0)), 'INTERMITTENT'],
    ['one month in four, sizes 1 or 12', rep(24, (i) => (i % 4 === 0 ? (i % 8 === 0 ? 12 : 1) : 0)), 'LUMPY'],
    ['first demand 3 months ago', [...rep(21, () => 0), 2, 3, 1], 'NEW'],
    ['never demanded', rep(24, () => 0), 'NEW'],
  ])('%s (case %#)', (_name, history, expected) => expect(classifyDemand(history as number[]).demandClass).toBe(expected));

  it('measures ADI over the window since the first demand', () => {
    const s = demandStats([0, 0, 0, 0, 5, 0, 5, 0, 5, 0]);
    expect(s.windowMonths).toBe(6);
    expect(s.adi).toBe(2);
    expect(s.cv2).toBe(0);
    expect(s.monthsSinceLastDemand).toBe(1);
  });
});

describe('forecast methods', () => {
  it('SES on a constant series forecasts the constant with no error', () => {
    expect(ses(rep(12, () => 7), 0.3)).toEqual({ forecast: 7, mse: 0 });
  });
  it('Croston-SBA: size / interval, deflated by 1 − α/2', () => {
    // demand 4 every 2nd month: size 4, interval 2 → 2 × (1 − 0.05)
    expect(crostonSba(rep(24, (i) => (i % 2 === 1 ? 4 : 0)), 0.1).forecast).toBeCloseTo(1.9, 6);
  });
  it('TSB decays when demand stops; Croston does not', () => {
    const dying = [...rep(18, (i) => (i % 2 ? 2 : 0)), ...rep(8, () => 0)];
    expect(tsb(dying).forecast).toBeLessThan(0.25 * crostonSba(dying).forecast);
  });
  it.each([
    ['rising', rep(24, (i) => i), 1.96],
    ['flat', rep(24, (i) => (i % 2 ? 5 : 6)), -1],
  ])('Mann–Kendall on a %s series', (_, series, bound) => {
    const z = mannKendallZ(series);
    if (bound > 0) expect(z).toBeGreaterThan(bound);
    else expect(Math.abs(z)).toBeLessThan(1.96);
  });
  it('picks damped Holt only for a significant trend, TSB for dying demand, SES otherwise', () => {
    const f = (h: number[]) => forecastDemand(h, 0, classifyDemand(h).demandClass, classifyDemand(h).stats).method;
    expect(f(rep(24, (i) => 20 + 2 * i + (i % 3)))).toBe('DAMPED_HOLT');
    expect(f(rep(24, (i) => 20 + (i % 3)))).toBe('SES');
    expect(f(rep(24, (i) => (i % 3 === 0 ? 2 : 0)))).toBe('CROSTON_SBA');
    expect(f([...rep(16, (i) => (i % 2 ? 2 : 0)), ...rep(8, () => 0)])).toBe('TSB');
  });
  it('obsolete after 12 silent months and OBSOLETE_INTERVALS (10) intervals between demands', () => {
    const stats = (h: number[]) => demandStats(h);
    // demand every 2nd month: obsolete after max(12, 10 × 2) = 20 silent months
    expect(isObsolete(stats([...rep(12, (i) => (i % 2 ? 1 : 0)), ...rep(20, () => 0)]))).toBe(true);
    expect(isObsolete(stats([...rep(12, (i) => (i % 2 ? 1 : 0)), ...rep(19, () => 0)]))).toBe(false);
    expect(isObsolete(stats([...rep(12, (i) => (i % 2 ? 1 : 0)), ...rep(6, () => 0)]))).toBe(false);
    // A station's own thresholds (obsolescence-rule.ts) replace the defaults.
    expect(isObsolete(stats([...rep(12, (i) => (i % 2 ? 1 : 0)), ...rep(16, () => 0)]), { intervals: 8, singleDemandMonths: 30 })).toBe(true);
  });
  it('a part used once is obsolete after SINGLE_DEMAND_OBSOLETE_MONTHS (18) silent months (3 × ADI could never fire for it)', () => {
    const once = (silent: number) => demandStats([0, 0, 4, ...rep(silent, () => 0)]);
    expect(isObsolete(once(18))).toBe(true);
    expect(isObsolete(once(17))).toBe(false);
    expect(isObsolete(once(29), { intervals: 8, singleDemandMonths: 30 })).toBe(false);
  });
  it('finds a summer season with 24 months, not with 12, and not in noise', () => {
    const summer = [0.3, 0.3, 0.4, 0.6, 1.0, 2.2, 2.8, 2.4, 1.0, 0.5, 0.3, 0.3];
    const h = rep(24, (i) => Math.round(10 * summer[i % 12]));
    const s = detectSeasonality(h, 0, demandStats(h));
    expect(s.seasonal).toBe(true);
    expect(s.indices[6]).toBeGreaterThan(2);
    expect(s.indices[0]).toBeLessThan(0.6);
    expect(detectSeasonality(h.slice(12), 0, demandStats(h.slice(12))).seasonal).toBe(false);
    const flat = rep(24, (i) => 10 + ((i * 7) % 5) - 2);
    expect(detectSeasonality(flat, 0, demandStats(flat)).seasonal).toBe(false);
  });
});

describe('distributions and loss functions', () => {
  it.each([
    [0, 0.3989],
    [1, 0.0833],
    [-1, 1.0833],
    [2, 0.0085],
  ])('standard normal loss G(%d) = %d', (z, g) => expect(normalLoss(z)).toBeCloseTo(g, 3));
  it('Φ and the incomplete gamma agree with known values', () => {
    expect(normalCdf(1.645)).toBeCloseTo(0.95, 3);
    expect(gammaQ(1, 2)).toBeCloseTo(Math.exp(-2), 8); // exponential tail
    expect(gammaQ(3, 3)).toBeCloseTo(0.4232, 4);
  });
  it.each([
    ['normal', normalDistribution(10, 9)],
    ['gamma', fitDistribution('GAMMA', 10, 30)],
    ['negative binomial', negativeBinomialDistribution(3, 9)],
    ['poisson', negativeBinomialDistribution(3, 3)],
  ])('%s: loss1(0) ≈ mean, decreasing, averageLoss between the ends', (_, d) => {
    expect(d.loss1(0)).toBeCloseTo(d.mean, 1);
    expect(d.loss1(5)).toBeLessThan(d.loss1(2));
    const avg = d.averageLoss(2, 4);
    expect(avg).toBeLessThanOrEqual(d.loss1(2) + 1e-9);
    expect(avg).toBeGreaterThanOrEqual(d.loss1(6) - 1e-9);
  });
  it('negative binomial loss over integers matches a direct sum', () => {
    const d = negativeBinomialDistribution(2, 6);
    // E[(D−3)+] by brute force from the pmf
    const r = 4 / 4; const p = 2 / 6;
    let pmf = Math.pow(p, r); let direct = 0;
    for (let k = 0; k < 400; k++) { if (k > 3) direct += (k - 3) * pmf; pmf *= ((k + r) / (k + 1)) * (1 - p); }
    expect(d.loss1(3)).toBeCloseTo(direct, 6);
  });
});

describe('fill-rate solver', () => {
  const problem = (target: number, lot = 1) => {
    const L = normalDistribution(20, 20);
    const LR = normalDistribution(30, 30);
    return { leadTime: L, protection: LR, reviewDemand: 10, targetFillRate: target, lot, step: 1 };
  };
  it.each([0.8, 0.9, 0.95, 0.98, 0.995])('the smallest S meeting %d', (target) => {
    const { orderUpTo, fillRate } = solveOrderUpTo(problem(target));
    expect(fillRate).toBeGreaterThanOrEqual(target);
    expect(expectedFillRate(problem(target), orderUpTo - 1)).toBeLessThan(target);
  });
  it('expected shortage per cycle is (1 − fill rate) × review-period demand', () => {
    const p = problem(0.95, 0); // lot 0: the position is exactly S
    const S = 36;
    const esc = p.protection.loss1(S) - p.leadTime.loss1(S);
    expect(expectedFillRate(p, S)).toBeCloseTo(1 - esc / 10, 10);
  });
  it('bigger packs need a lower S for the same fill rate', () => {
    expect(solveOrderUpTo(problem(0.95, 20)).orderUpTo).toBeLessThan(solveOrderUpTo(problem(0.95, 1)).orderUpTo);
  });
});

describe('order quantity', () => {
  it.each([
    [0, 10, 10, 1, 0],
    [3, 10, 10, 1, 10],
    [11, 10, 10, 1, 20],
    [3, 4, 12, 1, 12],
    [2.05, 0.5, 0, 0.1, 2.5],
    [7, 1, 5, 1, 7],
  ])('need %p, pack %p, MOQ %p, step %p → %p', (need, pack, moq, step, expected) => expect(roundUpToLot(need, pack, moq, step)).toBe(expected));
  it('takes surplus first, buys the rest in packs', () => {
    const d = decideOrder(30, { available: 5, inTransit: 0, onOrder: 4, backorders: 2 }, 6, 10, 10, 1);
    expect(d).toEqual({ inventoryPosition: 7, netRequirement: 23, fromNetworkSurplus: 6, suggestedQuantity: 20 });
    expect(decideOrder(30, { available: 5, inTransit: 0, onOrder: 4, backorders: 2 }, 50, 10, 10, 1).suggestedQuantity).toBe(0);
    expect(decideOrder(5, { available: 8, inTransit: 0, onOrder: 0, backorders: 0 }, 0, 1, 1, 1).netRequirement).toBe(0);
  });
  it('the lot is one pack, or the MOQ in packs when larger', () => {
    expect(orderLot(4, 12, 1)).toBe(12);
    expect(orderLot(10, 5, 1)).toBe(10);
  });
});

describe('station allocation', () => {
  const item = (demand: number, cost: number) => ({ reviewDemand: demand, unitCost: cost, ladder: [{ fillRate: 0, orderUpTo: 0 }, { fillRate: 0.9, orderUpTo: 5 }, { fillRate: 0.99, orderUpTo: 8 }] });
  it('meets the station target and favours cheap, fast parts', () => {
    const a = allocateFillRates([item(10, 1), item(1, 1000)], 0.9);
    expect(a.fillRate).toBeGreaterThanOrEqual(0.9);
    expect(a.choice[0]).toBe(2);
    expect(a.choice[1]).toBe(0);
  });
  it('returns the best reachable when the target cannot be met', () => {
    expect(allocateFillRates([item(1, 1)], 0.999).fillRate).toBeCloseTo(0.99, 9);
  });
});

describe('recommendation', () => {
  const smooth = rep(24, (i) => 40 + ((i * 7) % 9) - 4);
  const input = {
    history: smooth, firstCalendarMonth: 0, targetFillRate: 0.95, leadTimeDays: 14, reviewPeriodDays: 7, calendarMonth: 0, dayOfMonth: 1,
    unitPrecision: 0, packSize: 10, minOrderQty: 10, position: { onHand: 12, available: 10, inTransit: 0, onOrder: 0, backorders: 1 },
    networkSurplus: 5, networkSurplusKnown: true, unit: '个',
  };
  it('fills every number consistently and explains them in Chinese', () => {
    const r = recommendReorder(input);
    expect(r.demandClass).toBe('SMOOTH');
    expect(r.method).toBe('SES');
    expect(Math.abs(r.orderUpTo - (r.protectionDemand + r.safetyStock))).toBeLessThanOrEqual(0.5); // safety stock shown in whole units
    expect(r.reorderPoint).toBeLessThanOrEqual(r.orderUpTo);
    expect(r.inventoryPosition).toBe(9);
    expect(r.fromNetworkSurplus).toBe(5);
    expect(r.suggestedQuantity % 10).toBe(0);
    expect(r.suggestedQuantity).toBeGreaterThanOrEqual(r.netRequirement - 5);
    for (const text of ['平稳型', '指数平滑', '交货期 14 天', '检查周期 7 天', `安全库存 ${r.safetyStock}`, '现有库存 12 个', '先调剂 5 个', `新采购 ${r.suggestedQuantity} 个`]) {
      expect(r.explanation).toContain(text);
    }
  });
  it('a higher target, a longer lead time or more noise raise the order-up-to level', () => {
    const S = (o: Partial<typeof input>) => recommendReorder({ ...input, ...o }).orderUpTo;
    expect(S({ targetFillRate: 0.99 })).toBeGreaterThan(S({ targetFillRate: 0.9 }));
    expect(S({ leadTimeDays: 30 })).toBeGreaterThan(S({ leadTimeDays: 3 }));
    expect(S({ history: rep(24, (i) => (i % 2 ? 70 : 10)) })).toBeGreaterThan(S({}));
  });
  it('seasonal parts stock up before the peak', () => {
    const summer = [0.3, 0.3, 0.4, 0.6, 1.0, 2.2, 2.8, 2.4, 1.0, 0.5, 0.3, 0.3];
    const h = rep(36, (i) => Math.round(20 * summer[i % 12]));
    const at = (month: number) => stockingPolicy(demandModel(h, 0), { ...input, calendarMonth: month, packSize: 1, minOrderQty: 1 });
    expect(at(6).seasonalIndex).toBeGreaterThan(2);
    expect(at(6).orderUpTo).toBeGreaterThan(3 * at(0).orderUpTo);
  });
  it('an obsolete part gets no stock and says why; no history says so too', () => {
    const r = recommendReorder({ ...input, history: [...rep(10, (i) => (i % 2 ? 1 : 0)), ...rep(20, () => 0)] });
    expect(r.orderUpTo).toBe(0);
    expect(r.explanation).toContain('呆滞');
    expect(recommendReorder({ ...input, history: rep(24, () => 0) }).explanation).toContain('无消耗记录');
  });
  it('refuses a fill rate outside (0, 1)', () => {
    expect(() => recommendReorder({ ...input, targetFillRate: 1 })).toThrow(RangeError);
    expect(() => recommendReorder({ ...input, targetFillRate: 0 })).toThrow(RangeError);
  });
  it('the ladder rises in S and fill rate', () => {
    const ladder = policyLadder(policyProblem(demandModel(smooth, 0), input));
    for (let i = 1; i < ladder.length; i++) {
      expect(ladder[i].orderUpTo).toBeGreaterThan(ladder[i - 1].orderUpTo);
      expect(ladder[i].fillRate).toBeGreaterThan(ladder[i - 1].fillRate);
    }
  });
});
