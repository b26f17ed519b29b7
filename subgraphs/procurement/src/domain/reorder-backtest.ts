/**
 * The backtest (回测) of the recommended-reorder method against the strongest
 * naive rule "N × average of the last k months" (k ∈ {3, 6, 12, 24}, one N for
 * all parts), on any set of parts. Pure: the script `scripts/backtest.ts`
 * feeds it data and prints its tables.
 *
 * Every policy sees the same demand (same daily split), the same lead times,
 * review days, packs and MOQs. The method re-fits its model each month from
 * the months before (rolling origin); for each window k the naive N is tuned
 * by bisection to the method's achieved fill rate, and the window with the
 * least inventory at that fill is the one compared with ("at equal fill"). Each month the method
 * also learns from the months before it (never from the month itself or later): per-class forecast
 * factors and the level error's weight (forecast-correction.ts), the obsolescence thresholds
 * (obsolescence-rule.ts) and, for PART, the fill calibration (fill-calibration.ts). The method runs as
 * served (STATION: the station's fill rate allocated over its parts) and, for
 * comparison, with every part held at the target (PART).
 */
import type { LevelCorrection } from './forecast-correction';
import { DEFAULT_OBSOLESCENCE, type ObsolescenceRule } from './forecast';
import { deriveObsolescence } from './obsolescence-rule';
import { demandModel, policyLadder, policyProblem, solveFor, solveNearest, varianceParts, type DemandModel, type PolicyProblem } from './reorder-recommendation';
import { allocateFillRates, type AllocationItem, type LadderPoint } from './fill-rate-allocation';
import { CORRECTION_MONTHS, classCorrections, correctionFor, type ClassCorrections, type ForecastOutcome } from './forecast-correction';
import { CALIBRATION_MONTHS, calibrateFill, calibrationKey, levelFor, servedFill, type CalibrationPlan } from './fill-calibration';
import { addResults, hashId, BASELINE_WINDOWS, baselineOrderUpTo, dailyDemand, simulatePart, type OrderUpToFn, type SimOptions, type SimPart, type SimResult } from './reorder-simulation';

export interface BacktestOptions extends SimOptions {
  targets: readonly number[];
  /** Windows k of the naive rules "N × average of the last k months" (default BASELINE_WINDOWS; [] skips them). */
  baselineWindows?: readonly number[];
  onProgress?: (phase: string, done: number, total: number) => void;
  /**
   * Plan through the fill calibration (fill-calibration.ts, from the months before each origin only): true in both
   * modes, 'PART' for the parts held at the target only (the station allocation then ranks by the model's fill),
   * 'RANK' as 'PART', and the station allocation ranks each part's candidate levels by the fill its class served at
   * them while the station target is still met by the model's fill; false not at all. Default DEFAULT_CALIBRATE.
   */
  calibrate?: boolean | 'PART' | 'RANK';
  /** Correct each class's forecast by how it missed over the months before each origin (forecast-correction.ts); default true. */
  correct?: boolean;
  /** Judge obsolescence by the thresholds the months before each origin support (obsolescence-rule.ts); default true (else forecast.ts's defaults). */
  deriveObsolescence?: boolean;
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

/** A naive rule "N × average of the last `window` months", N tuned so that its fill equals the method's. */
export interface NaiveMatch {
  window: number;
  n: number;
  /** False when no N up to NAIVE_MAX_N reaches the fill (then the best it gets). */
  reached: boolean;
  all: Metrics;
  byLabel: Map<string, Metrics>;
  /** Every window tried, each tuned to the same fill. */
  perWindow?: Omit<NaiveMatch, 'perWindow'>[];
}

export interface BacktestResult {
  parts: number;
  measuredDays: number;
  /** method[mode][target][label | 'ALL'] */
  method: Record<MethodMode, Map<number, Map<string, Metrics>>>;
  /** naive[mode][target]: the naive rule with the least inventory at the method's fill (each window's N tuned to it). */
  naive: Record<MethodMode, Map<number, NaiveMatch>>;
  labels: Map<string, number>;
  /** Per group: what the first replayed month learnt from the months before it (obsolescence thresholds, class corrections). */
  firstOrigin: Plan['firstOrigin'];
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
  level: Float64Array[][]; // [part][targetIndex][month - start]: STATION fill level (the model's, for re-solving)
  /** PART: the model level the part is planned at (the target through the fill calibration). */
  partLevel: Float64Array[][];
  stationS: Float64Array[][];
  partS: Float64Array[][];
  seasonalModels: (DemandModel | undefined)[][]; // [part][month - start]
  /** The class correction each seasonal model was planned with (re-solving on later review days uses it too). */
  seasonalCorrections: (LevelCorrection | undefined)[][];
  /** Per group, the obsolescence thresholds and class corrections the first replayed month was planned with (for the report). */
  firstOrigin: Map<string, { obsolescence: ObsolescenceRule; corrections?: ClassCorrections }>;
}

/** A part's plan at one month: its problem, calibration class and S per level (memoised: the calibration replays many levels). */
interface MonthPlan extends CalibrationPlan {
  model: DemandModel;
  pp: PolicyProblem;
  ladder: LadderPoint[];
}

function monthPlan(part: SimPart, m: number, reviewPeriodDays: number, model: DemandModel, correction: LevelCorrection): MonthPlan {
  const pp = policyProblem(model, policyInput(part, m, 1, reviewPeriodDays), correction);
  const memo = new Map<number, number>();
  let ladder: LadderPoint[] | undefined;
  return {
    model, pp, key: calibrationKey(model),
    get ladder() { return (ladder ??= policyLadder(pp)); },
    orderUpTo: (level) => {
      let S = memo.get(level);
      if (S === undefined) memo.set(level, (S = solveNearest(pp, level)));
      return S;
    },
  };
}

/**
 * A part's forecasts of the CORRECTION_MONTHS months before m against the demand that came (forecast-correction.ts):
 * the model of month m' reads history[0..m'), its demand is history[m'] (and history[m' + 1] for the two-month
 * span, only when that month is before m too). Nothing from m on is read.
 */
export function pastOutcomes(part: Pick<SimPart, 'history' | 'firstCalendarMonth' | 'unitPrecision'>, m: number, modelAt: (m: number) => DemandModel): ForecastOutcome[] {
  const out: ForecastOutcome[] = [];
  for (let mm = Math.max(1, m - CORRECTION_MONTHS); mm < m; mm++) {
    const model = modelAt(mm);
    const f = model.forecast;
    const key = calibrationKey(model);
    if (f.obsolete) { out.push({ key, forecast: 0, actual: part.history[mm] }); continue; }
    const idx = f.seasonality.indices;
    const s1 = idx[(part.firstCalendarMonth + mm) % 12];
    const s2 = idx[(part.firstCalendarMonth + mm + 1) % 12];
    const span = mm + 1 < m
      ? { forecast: f.level * (s1 + s2), actual: part.history[mm] + part.history[mm + 1], ...varianceParts(model, part.unitPrecision) }
      : undefined;
    out.push({ key, forecast: f.level * s1, actual: part.history[mm], span });
  }
  return out;
}

/** The calibration used when the options name none (see README, backtest: the choice that meets the most goals on the carparts replay). */
export const DEFAULT_CALIBRATE: boolean | 'PART' | 'RANK' = 'PART';

/** At most this many parts per station replay the calibration (a fixed sample by id: the curves need no more). */
export const CALIBRATION_MAX_PARTS = 2000;

function plan(parts: readonly SimPart[], o: BacktestOptions): Plan {
  const months = parts.reduce((mx, p) => Math.max(mx, p.history.length), 0);
  const span = Math.max(0, months - o.startMonth);
  const T = o.targets.length;
  const mk = () => parts.map(() => o.targets.map(() => new Float64Array(span)));
  const result: Plan = { level: mk(), partLevel: mk(), stationS: mk(), partS: mk(), seasonalModels: parts.map(() => new Array(span)), seasonalCorrections: parts.map(() => new Array(span)), firstOrigin: new Map() };
  const calibrate = o.calibrate ?? DEFAULT_CALIBRATE;
  const correct = o.correct ?? true;
  const first = calibrate ? Math.max(1, o.startMonth - CALIBRATION_MONTHS - 1) : o.startMonth;
  const groups = new Map<string, number[]>();
  const groupOf: string[] = parts.map((p) => p.group);
  parts.forEach((p, i) => {
    const g = groups.get(p.group);
    if (g) g.push(i);
    else groups.set(p.group, [i]);
  });
  const samples = new Map([...groups].map(([g, members]) => [g,
    members.length <= CALIBRATION_MAX_PARTS ? members : [...members].sort((a, b) => hashId(parts[a].id) - hashId(parts[b].id)).slice(0, CALIBRATION_MAX_PARTS)]));
  // Demand models by part and month (history[0..m) only), shared by the plans and the class corrections.
  const models: Map<number, DemandModel>[] = parts.map(() => new Map());
  // The obsolescence thresholds of a group at month m: from its histories before m.
  const derive = o.deriveObsolescence ?? true;
  const rules = new Map<string, ObsolescenceRule>();
  const ruleAt = (g: string, m: number): ObsolescenceRule => {
    if (!derive) return DEFAULT_OBSOLESCENCE;
    const id = `${g}|${m}`;
    let r = rules.get(id);
    if (!r) rules.set(id, (r = deriveObsolescence(groups.get(g)!.map((i) => parts[i].history), m).rule));
    return r;
  };
  const modelAt = (i: number, m: number) => {
    let model = models[i].get(m);
    if (!model) models[i].set(m, (model = demandModel(parts[i].history.slice(0, m), parts[i].firstCalendarMonth, ruleAt(groupOf[i], m))));
    return model;
  };
  // The class corrections a group's plans at month m use: the sample's forecasts of months [m − CORRECTION_MONTHS, m) against their demand.
  const corrections = new Map<string, ClassCorrections>();
  const correctionsAt = (g: string, m: number): ClassCorrections | undefined => {
    if (!correct) return undefined;
    const id = `${g}|${m}`;
    let c = corrections.get(id);
    if (!c) {
      const outcomes: ForecastOutcome[] = [];
      for (const i of samples.get(g)!) outcomes.push(...pastOutcomes(parts[i], m, (mm) => modelAt(i, mm)));
      corrections.set(id, (c = classCorrections(outcomes)));
    }
    return c;
  };
  const plans: MonthPlan[][] = parts.map(() => []);
  const planAt = (i: number, m: number) => {
    if (m < first || m >= months) return undefined;
    const model = modelAt(i, m);
    return (plans[i][m - first] ??= monthPlan(parts[i], m, o.reviewPeriodDays, model, correctionFor(correctionsAt(groupOf[i], m), calibrationKey(model))));
  };
  for (let m = o.startMonth; m < months; m++) {
    const j = m - o.startMonth;
    for (const [g, members] of groups) {
      if (m === o.startMonth) result.firstOrigin.set(g, { obsolescence: ruleAt(g, m), corrections: correctionsAt(g, m) });
      // Only months before m: the calibration replays history[0..m) with plans made before m.
      const sample = samples.get(g)!;
      const known = (mm: number) => mm < m && mm >= first;
      const partCal = calibrate
        ? calibrateFill(sample.map((i) => ({ part: parts[i], planAt: (mm: number) => (known(mm) ? planAt(i, mm) : undefined) })), m, o)
        : undefined;
      const items: AllocationItem[] = [];
      for (const i of members) {
        const part = parts[i];
        const mp = planAt(i, m)!;
        if (mp.model.forecast.seasonality.seasonal) {
          result.seasonalModels[i][j] = mp.model;
          result.seasonalCorrections[i][j] = correctionFor(correctionsAt(g, m), mp.key);
        }
        // The allocation ranks each candidate level by the fill its class served at that level (the model's fill when uncalibrated).
        // ('RANK': the model's fill still meets the station target, the served fill only ranks the candidate levels).
        const served = partCal && (calibrate === true || calibrate === 'RANK') ? mp.ladder.map((pt) => servedFill(partCal, mp.key, pt.fillRate)) : undefined;
        items.push(served && calibrate === 'RANK'
          ? { reviewDemand: mp.pp.base.reviewDemand, unitCost: part.unitCost, ladder: mp.ladder, rankFill: served }
          : { reviewDemand: mp.pp.base.reviewDemand, unitCost: part.unitCost, ladder: served ? mp.ladder.map((pt, k) => ({ orderUpTo: pt.orderUpTo, fillRate: served[k] })) : mp.ladder });
        for (let t = 0; t < T; t++) {
          const level = levelFor(partCal, mp.key, o.targets[t]);
          result.partLevel[i][t][j] = level;
          result.partS[i][t][j] = mp.orderUpTo(level);
        }
      }
      for (let t = 0; t < T; t++) {
        const alloc = allocateFillRates(items, o.targets[t]);
        members.forEach((i, k) => {
          const point = planAt(i, m)!.ladder[alloc.choice[k]];
          result.level[i][t][j] = point.fillRate;
          result.stationS[i][t][j] = point.orderUpTo;
        });
      }
    }
    // Plans of months no calibration window reaches any more are dropped (memory on large sets).
    const stale = m - CALIBRATION_MONTHS - 1 - first;
    if (stale >= 0) for (const pl of plans) if (pl[stale]) delete pl[stale];
    // Models no plan or correction window reads any more (the next month's correction starts at m + 1 − CORRECTION_MONTHS).
    const oldest = Math.min(first + Math.max(0, stale + 1), m + 1 - CORRECTION_MONTHS);
    for (const ms of models) for (const mm of ms.keys()) if (mm < oldest) ms.delete(mm);
    for (const id of corrections.keys()) if (Number(id.slice(id.lastIndexOf('|') + 1)) <= m) corrections.delete(id);
    o.onProgress?.('plan', m - o.startMonth + 1, span);
  }
  return result;
}

export function runBacktest(parts: readonly SimPart[], o: BacktestOptions): BacktestResult {
  const acc = (keys: readonly number[]) => new Map(keys.map((k) => [k, new Map<string, SimResult>()]));
  const methodAcc: Record<MethodMode, Map<number, Map<string, SimResult>>> = { STATION: acc(o.targets), PART: acc(o.targets) };
  const labels = new Map<string, number>();
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
            const pp = policyProblem(model, policyInput(part, m, day, o.reviewPeriodDays), p.seasonalCorrections[i][j]);
            S = mode === 'STATION' ? solveFor(pp, p.level[i][t][j]) : solveNearest(pp, p.partLevel[i][t][j]);
            cache.set(key, S);
          }
          return S;
        };
        const r = simulatePart(part, fn, o);
        measuredDays = r.days;
        addByLabel(methodAcc[mode].get(target)!, part.label, r);
      }
    });
    o.onProgress?.('simulate', i + 1, parts.length);
  });
  const convert = (m: Map<number, Map<string, SimResult>>) =>
    new Map([...m].map(([k, byLabel]) => [k, new Map([...byLabel].map(([l, r]) => [l, toMetrics(r)]))]));
  const method = { STATION: convert(methodAcc.STATION), PART: convert(methodAcc.PART) };
  const naive: Record<MethodMode, Map<number, NaiveMatch>> = { STATION: new Map(), PART: new Map() };
  const windows = o.baselineWindows ?? BASELINE_WINDOWS;
  if (windows.length) {
    const tuner = naiveTuner(parts, o);
    for (const mode of ['STATION', 'PART'] as const) {
      for (const target of o.targets) {
        const fill = method[mode].get(target)!.get('ALL')!.fillRate;
        const perWindow = windows.map((k) => tuner(k, fill));
        const reached = perWindow.filter((w) => w.reached);
        const best = (reached.length ? reached : perWindow).reduce((a, b) =>
          (reached.length ? b.all.inventoryValue < a.all.inventoryValue : b.all.fillRate > a.all.fillRate) ? b : a);
        naive[mode].set(target, { ...best, perWindow });
      }
    }
  }
  return { parts: parts.length, measuredDays, method, naive, labels, firstOrigin: p.firstOrigin };
}

function addByLabel(into: Map<string, SimResult>, label: string, r: SimResult): void {
  into.set(label, addResults(into.get(label) ?? EMPTY, r));
  into.set('ALL', addResults(into.get('ALL') ?? EMPTY, r));
}

/** The naive rule with window k and multiplier N, run on every part. */
export function runNaive(parts: readonly SimPart[], window: number, n: number, o: SimOptions): Map<string, Metrics> {
  const byLabel = new Map<string, SimResult>();
  for (const part of parts) addByLabel(byLabel, part.label, simulatePart(part, baselineOrderUpTo(part, n, window), o));
  return new Map([...byLabel].map(([l, r]) => [l, toMetrics(r)]));
}

/** Largest multiplier the tuning tries (N × the window's average). */
export const NAIVE_MAX_N = 64;

/**
 * The naive rule of window k tuned to a fill rate: one N for all parts, found
 * by bisection (fill is non-decreasing in N); the metrics are interpolated
 * linearly in fill between the N just below and just above, so the rule is
 * compared at exactly the method's fill. Evaluations are memoised per (k, N).
 */
export function naiveTuner(parts: readonly SimPart[], o: SimOptions): (window: number, fillRate: number) => Omit<NaiveMatch, 'perWindow'> {
  const memo = new Map<string, Map<string, Metrics>>();
  const at = (k: number, n: number) => {
    const key = `${k}:${n}`;
    let r = memo.get(key);
    if (!r) memo.set(key, (r = runNaive(parts, k, n, o)));
    return r;
  };
  return (window, fillRate) => {
    const fill = (n: number) => at(window, n).get('ALL')!.fillRate;
    let hi = 1;
    while (fill(hi) < fillRate && hi < NAIVE_MAX_N) hi = Math.min(NAIVE_MAX_N, hi * 2);
    if (fill(hi) < fillRate) return { window, n: hi, reached: false, all: at(window, hi).get('ALL')!, byLabel: at(window, hi) };
    let lo = 0;
    for (let i = 0; i < 18 && hi - lo > 1e-3; i++) {
      const mid = Math.round(((lo + hi) / 2) * 1e4) / 1e4;
      if (fill(mid) >= fillRate) hi = mid;
      else lo = mid;
    }
    const a = at(window, lo);
    const b = at(window, hi);
    const fa = a.get('ALL')!.fillRate;
    const fb = b.get('ALL')!.fillRate;
    const w = fb > fa ? Math.max(0, Math.min(1, (fillRate - fa) / (fb - fa))) : 1;
    const lerp = (x: number, y: number) => x + w * (y - x);
    const byLabel = new Map([...b].map(([label, mb]) => {
      const ma = a.get(label) ?? mb;
      return [label, { fillRate: lerp(ma.fillRate, mb.fillRate), inventoryValue: lerp(ma.inventoryValue, mb.inventoryValue), orders: lerp(ma.orders, mb.orders), demand: mb.demand }];
    }));
    return { window, n: lerp(lo, hi), reached: true, all: byLabel.get('ALL')!, byLabel };
  };
}

