/**
 * The backtest (回测) of the recommended-reorder method against the naive
 * "N × average of the last 3 months" rule, on any set of parts. Pure: the
 * script `scripts/backtest.ts` feeds it data and prints its tables.
 *
 * Every policy sees the same demand (same daily split), the same lead times,
 * review days, packs and MOQs. The method re-fits its model each month from
 * the months before; the baseline is run for a grid of N and interpolated to
 * the method's achieved fill rate ("at equal fill rate").
 */
import { demandModel, stockingPolicy, type DemandModel } from './reorder-recommendation';
import { addResults, baselineOrderUpTo, dailyDemand, simulatePart, type OrderUpToFn, type SimOptions, type SimPart, type SimResult } from './reorder-simulation';

export const BASELINE_GRID = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5, 6, 8, 10] as const;

export interface BacktestOptions extends SimOptions {
  targets: readonly number[];
  /** Baseline multipliers to run (default BASELINE_GRID; [] skips the baseline). */
  baselineGrid?: readonly number[];
  onPart?: (done: number, total: number) => void;
}

export interface Metrics {
  fillRate: number;
  /** Mean inventory value over the measured days. */
  inventoryValue: number;
  orders: number;
  demand: number;
}

export interface BacktestResult {
  parts: number;
  measuredDays: number;
  /** method[target][label | 'ALL'] */
  method: Map<number, Map<string, Metrics>>;
  /** baseline[N][label | 'ALL'] */
  baseline: Map<number, Map<string, Metrics>>;
  /** Parts per label and the demand class the method gave them at the start. */
  labels: Map<string, number>;
}

const EMPTY: SimResult = { demand: 0, filled: 0, valueDays: 0, days: 0, orders: 0 };

function toMetrics(r: SimResult): Metrics {
  return { fillRate: r.demand > 0 ? r.filled / r.demand : 1, inventoryValue: r.days ? r.valueDays / r.days : 0, orders: r.orders, demand: r.demand };
}

/** Order-up-to function of the method for one part and target; demand models are shared across targets. */
export function methodOrderUpTo(part: SimPart, target: number, reviewPeriodDays: number, models: (m: number) => DemandModel): OrderUpToFn {
  const cache = new Map<number, number>();
  return (m, dayOfMonth) => {
    const model = models(m);
    // Only a seasonal index makes the level depend on the day; otherwise one solve per month.
    const key = model.forecast.seasonality.seasonal ? m * 32 + dayOfMonth : m * 32;
    let S = cache.get(key);
    if (S === undefined) {
      S = stockingPolicy(model, {
        targetFillRate: target,
        leadTimeDays: part.leadTimeDays,
        reviewPeriodDays,
        calendarMonth: (part.firstCalendarMonth + m) % 12,
        dayOfMonth,
        unitPrecision: part.unitPrecision,
        packSize: part.packSize,
        minOrderQty: part.minOrderQty,
      }).orderUpTo;
      cache.set(key, S);
    }
    return S;
  };
}

export function runBacktest(parts: readonly SimPart[], o: BacktestOptions): BacktestResult {
  const grid = o.baselineGrid ?? BASELINE_GRID;
  const methodAcc = new Map(o.targets.map((t) => [t, new Map<string, SimResult>()]));
  const baseAcc = new Map(grid.map((n) => [n, new Map<string, SimResult>()]));
  const labels = new Map<string, number>();
  const add = (acc: Map<string, SimResult>, label: string, r: SimResult) => {
    acc.set(label, addResults(acc.get(label) ?? EMPTY, r));
    acc.set('ALL', addResults(acc.get('ALL') ?? EMPTY, r));
  };
  let measuredDays = 0;
  parts.forEach((part, i) => {
    labels.set(part.label, (labels.get(part.label) ?? 0) + 1);
    const modelCache = new Map<number, DemandModel>();
    const models = (m: number) => {
      let model = modelCache.get(m);
      if (!model) {
        model = demandModel(part.history.slice(0, m), part.firstCalendarMonth);
        modelCache.set(m, model);
      }
      return model;
    };
    for (const t of o.targets) {
      const r = simulatePart(part, methodOrderUpTo(part, t, o.reviewPeriodDays, models), o);
      measuredDays = r.days;
      add(methodAcc.get(t)!, part.label, r);
    }
    for (const n of grid) add(baseAcc.get(n)!, part.label, simulatePart(part, baselineOrderUpTo(part, n), o));
    o.onPart?.(i + 1, parts.length);
  });
  const convert = <K>(acc: Map<K, Map<string, SimResult>>) =>
    new Map([...acc].map(([k, byLabel]) => [k, new Map([...byLabel].map(([l, r]) => [l, toMetrics(r)]))]));
  return { parts: parts.length, measuredDays, method: convert(methodAcc), baseline: convert(baseAcc), labels };
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
