/**
 * The backtest (回测) of the recommended-reorder method against the naive
 * "N × average of the last 3 months" rule, on any set of parts. Pure: the
 * script `scripts/backtest.ts` feeds it data and prints its tables.
 *
 * Every policy sees the same demand (same daily split), the same lead times,
 * review days, packs and MOQs. The method re-fits its model each month from
 * the months before; the baseline is run for a grid of N and interpolated to
 * the method's achieved fill rate ("at equal fill rate"). The method runs as
 * served (STATION: the station's fill rate allocated over its parts) and, for
 * comparison, with every part held at the target (PART).
 */
import { demandModel, policyLadder, policyProblem, solveFor, type DemandModel } from './reorder-recommendation';
import { allocateFillRates, type AllocationItem } from './fill-rate-allocation';
import { addResults, baselineOrderUpTo, dailyDemand, simulatePart, type OrderUpToFn, type SimOptions, type SimPart, type SimResult } from './reorder-simulation';

export const BASELINE_GRID = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10] as const;

export interface BacktestOptions extends SimOptions {
  targets: readonly number[];
  /** Baseline multipliers to run (default BASELINE_GRID; [] skips the baseline). */
  baselineGrid?: readonly number[];
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface Metrics {
  fillRate: number;
  /** Mean inventory value over the measured days. */
  inventoryValue: number;
  orders: number;
  demand: number;
}

/** STATION: the method as served (station fill rate allocated over parts); PART: every part held at the target itself. */
export type MethodMode = 'STATION' | 'PART';

export interface BacktestResult {
  parts: number;
  measuredDays: number;
  /** method[mode][target][label | 'ALL'] */
  method: Record<MethodMode, Map<number, Map<string, Metrics>>>;
  /** baseline[N][label | 'ALL'] */
  baseline: Map<number, Map<string, Metrics>>;
  labels: Map<string, number>;
}

const EMPTY: SimResult = { demand: 0, filled: 0, valueDays: 0, days: 0, orders: 0 };

function toMetrics(r: SimResult): Metrics {
  return { fillRate: r.demand > 0 ? r.filled / r.demand : 1, inventoryValue: r.days ? r.valueDays / r.days : 0, orders: r.orders, demand: r.demand };
}

function policyInput(part: SimPart, m: number, dayOfMonth: number, reviewPeriodDays: number) {
  return {
    leadTimeDays: part.leadTimeDays,
    reviewPeriodDays,
    calendarMonth: (part.firstCalendarMonth + m) % 12,
    dayOfMonth,
    unitPrecision: part.unitPrecision,
    packSize: part.packSize,
    minOrderQty: part.minOrderQty,
  };
}

/**
 * Month by month, with only the months before: each part's demand model and
 * ladder, then per station and target the allocation. Returns, per part,
 * target and month, the fill level chosen for it (STATION) and S for both modes
 * (seasonal parts re-solve S on each review day from the same fill level).
 */
interface Plan {
  level: Float64Array[][]; // [part][targetIndex][month - start]: STATION fill level
  stationS: Float64Array[][];
  partS: Float64Array[][];
  seasonalModels: (DemandModel | undefined)[][]; // [part][month - start]
}

function plan(parts: readonly SimPart[], o: BacktestOptions): Plan {
  const months = parts.reduce((mx, p) => Math.max(mx, p.history.length), 0);
  const span = Math.max(0, months - o.startMonth);
  const T = o.targets.length;
  const mk = () => parts.map(() => o.targets.map(() => new Float64Array(span)));
  const result: Plan = { level: mk(), stationS: mk(), partS: mk(), seasonalModels: parts.map(() => new Array(span)) };
  const groups = new Map<string, number[]>();
  parts.forEach((p, i) => {
    const g = groups.get(p.group);
    if (g) g.push(i);
    else groups.set(p.group, [i]);
  });
  for (let m = o.startMonth; m < months; m++) {
    const j = m - o.startMonth;
    for (const members of groups.values()) {
      const items: AllocationItem[] = [];
      for (const i of members) {
        const part = parts[i];
        const model = demandModel(part.history.slice(0, m), part.firstCalendarMonth);
        if (model.forecast.seasonality.seasonal) result.seasonalModels[i][j] = model;
        const pp = policyProblem(model, policyInput(part, m, 1, o.reviewPeriodDays));
        items.push({ reviewDemand: pp.base.reviewDemand, unitCost: part.unitCost, ladder: policyLadder(pp) });
        for (let t = 0; t < T; t++) result.partS[i][t][j] = solveFor(pp, o.targets[t]);
      }
      for (let t = 0; t < T; t++) {
        const alloc = allocateFillRates(items, o.targets[t]);
        members.forEach((i, k) => {
          const point = items[k].ladder[alloc.choice[k]];
          result.level[i][t][j] = point.fillRate;
          result.stationS[i][t][j] = point.orderUpTo;
        });
      }
    }
    o.onProgress?.('plan', m - o.startMonth + 1, span);
  }
  return result;
}

export function runBacktest(parts: readonly SimPart[], o: BacktestOptions): BacktestResult {
  const grid = o.baselineGrid ?? BASELINE_GRID;
  const acc = (keys: readonly number[]) => new Map(keys.map((k) => [k, new Map<string, SimResult>()]));
  const methodAcc: Record<MethodMode, Map<number, Map<string, SimResult>>> = { STATION: acc(o.targets), PART: acc(o.targets) };
  const baseAcc = acc(grid);
  const labels = new Map<string, number>();
  const add = (into: Map<string, SimResult>, label: string, r: SimResult) => {
    into.set(label, addResults(into.get(label) ?? EMPTY, r));
    into.set('ALL', addResults(into.get('ALL') ?? EMPTY, r));
  };
  const p = plan(parts, o);
  let measuredDays = 0;
  parts.forEach((part, i) => {
    labels.set(part.label, (labels.get(part.label) ?? 0) + 1);
    o.targets.forEach((target, t) => {
      for (const mode of ['STATION', 'PART'] as const) {
        const planned = mode === 'STATION' ? p.stationS[i][t] : p.partS[i][t];
        const cache = new Map<number, number>();
        const fn: OrderUpToFn = (m, day) => {
          const j = m - o.startMonth;
          const model = p.seasonalModels[i][j];
          if (!model || day === 1) return planned[j];
          const key = m * 32 + day;
          let S = cache.get(key);
          if (S === undefined) {
            const pp = policyProblem(model, policyInput(part, m, day, o.reviewPeriodDays));
            S = solveFor(pp, mode === 'STATION' ? p.level[i][t][j] : target);
            cache.set(key, S);
          }
          return S;
        };
        const r = simulatePart(part, fn, o);
        measuredDays = r.days;
        add(methodAcc[mode].get(target)!, part.label, r);
      }
    });
    for (const n of grid) add(baseAcc.get(n)!, part.label, simulatePart(part, baselineOrderUpTo(part, n), o));
    o.onProgress?.('simulate', i + 1, parts.length);
  });
  const convert = (m: Map<number, Map<string, SimResult>>) =>
    new Map([...m].map(([k, byLabel]) => [k, new Map([...byLabel].map(([l, r]) => [l, toMetrics(r)]))]));
  return { parts: parts.length, measuredDays, method: { STATION: convert(methodAcc.STATION), PART: convert(methodAcc.PART) }, baseline: convert(baseAcc), labels };
}

/**
 * The baseline at a given fill rate for one label, interpolating linearly
 * between the two grid points around it; `reached` is false when no N gets
 * there (then its best point is returned).
 */
export function baselineAt(result: BacktestResult, label: string, fillRate: number): Metrics & { n: number; reached: boolean } {
  const points = [...result.baseline].map(([n, byLabel]) => ({ n, ...(byLabel.get(label) ?? { fillRate: 1, inventoryValue: 0, orders: 0, demand: 0 }) }))
    .sort((a, b) => a.n - b.n);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.fillRate >= fillRate) {
      if (i === 0) return { ...p, reached: true };
      const q = points[i - 1];
      const w = p.fillRate === q.fillRate ? 1 : (fillRate - q.fillRate) / (p.fillRate - q.fillRate);
      const lerp = (a: number, b: number) => a + w * (b - a);
      return { n: lerp(q.n, p.n), fillRate, inventoryValue: lerp(q.inventoryValue, p.inventoryValue), orders: lerp(q.orders, p.orders), demand: p.demand, reached: true };
    }
  }
  const best = points.reduce((a, b) => (b.fillRate > a.fillRate ? b : a), points[0]);
  return { ...best, reached: false };
}

/** Demand of a part per day over the measured months (exposed for tests). */
export function measuredDemand(part: SimPart, o: SimOptions): number {
  let total = 0;
  for (let m = o.startMonth + o.warmupMonths; m < part.history.length; m++) total += dailyDemand(part, m, o.seed).reduce((a, b) => a + b, 0);
  return total;
}
