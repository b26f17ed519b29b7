/**
 * The recommended reorder (推荐订货) for one part at one station, in three
 * steps so that the backtest can reuse the expensive ones:
 *
 * 1. `demandModel(history)` — class, forecast, seasonality, error variance
 *    (depends only on the history; once per part and month).
 * 2. `stockingPolicy(model, …)` — safety stock, reorder point and order-up-to
 *    level for a fill rate, lead time, review period and pack size.
 * 3. `recommendReorder(…)` — the order against the current position, surplus
 *    first, and the explanation staff read.
 *
 * Conventions (documented in the GraphQL schema as well):
 * - `forecastPerMonth` is the deseasonalised monthly forecast; the coming
 *   weeks' demand is forecastPerMonth × seasonalIndex.
 * - `orderUpTo` S: at every review, order when the position is below S, up to
 *   S in whole packs. `reorderPoint` = expected lead-time demand + safety
 *   stock (= S − review-period demand): the alert level below which an order
 *   cannot wait for the next review.
 * - `safetyStock` = S − expected demand over lead time + review period; it is
 *   negative when whole packs alone already give the fill rate.
 * - A month is 30.44 days.
 */
import { classifyDemand, DEMAND_CLASS_ZH, type DemandClass, type DemandStats } from './demand-classification';
import { fitDistribution, type DistributionKind } from './demand-distribution';
import { DEFAULT_OBSOLESCENCE, forecastDemand, METHOD_ZH, OBSOLETE_AFTER_MONTHS, type Forecast, type ObsolescenceRule } from './forecast';
import { explanationItems as buildItems, type ExplainFacts, type ExplanationItem } from './reorder-explanation';
import { ceilToStep, expectedFillRate, roundToStep, solveOrderUpTo, type FillRateProblem } from './fill-rate';
import { decideOrder, orderLot, type OrderDecision, type PositionInput } from './order-quantity';
import { FILL_LADDER, type LadderPoint } from './fill-rate-allocation';
import { NO_CORRECTION, type LevelCorrection } from './forecast-correction';
import { QUIET_AFTER_MONTHS } from './fill-calibration';
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { abs, ceil, floor, max, min } = Math;


export const DAYS_PER_MONTH = 30.44;
/**
 * Weight of the level-estimate error in the variance over a span (see
 * spanVariance) when no correction from the station's past is given: 1, the
 * textbook value (the level is as uncertain as the smoothing says). With a
 * class correction (forecast-correction.ts) the weight is estimated from the
 * months before the origin instead.
 */
export const LEVEL_ERROR_WEIGHT = 1;

export interface DemandModel {
  demandClass: DemandClass;
  stats: DemandStats;
  forecast: Forecast;
}

/** `history`: dense monthly demand (issued + unmet), oldest first, ending with the last complete month; history[0] is in calendar month `firstCalendarMonth` (0 = January). */
export function demandModel(history: readonly number[], firstCalendarMonth: number, obsolescence: ObsolescenceRule = DEFAULT_OBSOLESCENCE): DemandModel {
  const { demandClass, stats } = classifyDemand(history);
  return { demandClass, stats, forecast: forecastDemand(history, firstCalendarMonth, demandClass, stats, obsolescence) };
}

export interface PolicyInput {
  targetFillRate: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  /** Calendar month (0 = January) and day (1–31) of the review, for the seasonal index of the weeks ahead. */
  calendarMonth: number;
  dayOfMonth: number;
  unitPrecision: number;
  packSize: number;
  minOrderQty: number;
}

export interface StockingPolicy {
  distribution: DistributionKind;
  /** Seasonal index over lead time + review period. */
  seasonalIndex: number;
  leadTimeDemand: number;
  protectionDemand: number;
  reviewDemand: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  /** The fill rate the model expects at orderUpTo. */
  modelFillRate: number;
}

/** Mean seasonal index over `days` days starting `offsetDays` after the review day. */
function seasonalOver(indices: readonly number[], calendarMonth: number, dayOfMonth: number, offsetDays: number, days: number): number {
  if (days <= 0) return indices[calendarMonth];
  let total = 0;
  const whole = ceil(days);
  for (let d = 0; d < whole; d++) {
    const monthsAhead = floor((dayOfMonth - 1 + offsetDays + d) / DAYS_PER_MONTH);
    total += indices[(calendarMonth + monthsAhead) % 12] * min(1, days - d);
  }
  return total / days;
}

/** What a stocking decision for one part rests on: the demand distributions and the order lot. Built once, solved for any fill level. */
export interface PolicyProblem {
  base: Pick<StockingPolicy, 'distribution' | 'seasonalIndex' | 'leadTimeDemand' | 'protectionDemand' | 'reviewDemand'>;
  /** null: nothing to stock (no forecast demand, or obsolete). */
  problem: FillRateProblem | null;
  step: number;
  /** The most this part may be stocked to (months of cover, new-part multiple); Infinity when uncapped. */
  cap: number;
  capReason: CapReason | null;
}

/** Why a part's order-up-to level is capped below what its fill level asks for. */
export type CapReason = 'COVER_CAP' | 'NEW_PART_CAP';

/** Stock never covers more than this many months of the forecast (at least one order lot): the cap a purchaser sees named. */
export const MAX_COVER_MONTHS = 24;
/** A new part (NEW: under 6 months since its first demand) is never stocked to more than this multiple of all its demand so far. */
export const NEW_PART_MAX_MULTIPLE = 2;

/**
 * `correction`: the class's forecast correction from the months before the
 * origin (forecast-correction.ts), applied to the level and the variance
 * before the caps; none by default.
 */
/**
 * The two parts of a part's demand variance (deseasonalised units², one
 * month): `noise`, the demand's own variability around the rate, and
 * `levelError`, the variance of the level estimate as a share of it (SES:
 * α/(2−α) of the one-step error variance; the intermittent methods at least
 * 1/k, k = months with demand: their level is about as uncertain as a mean of
 * k draws). A correction's level factor scales the noise with the rate (a
 * rate off by b gives counts whose variance is off by about b).
 */
export function varianceParts(model: DemandModel, unitPrecision: number, levelFactor = 1): { noise: number; levelError: number } {
  const f = model.forecast;
  const noise = max(f.monthVariance * levelFactor, unitPrecision === 0 ? f.level * levelFactor : 1e-9);
  const fewOccurrences = f.method === 'CROSTON_SBA' || f.method === 'TSB' || f.method === 'NEW_AVERAGE';
  const levelError = max(f.alpha / (2 - f.alpha), fewOccurrences ? 1 / max(1, model.stats.demandMonths) : 0);
  return { noise, levelError };
}

/**
 * Variance of demand over a span of m months at seasonal index s: the noise
 * grows with m (independent increments, ∝ seasonal index as for counts of
 * jobs), the level error with m² (one estimate carried over the span),
 * weighted by the correction's levelErrorWeight.
 */
export function spanVariance(model: DemandModel, unitPrecision: number, correction: LevelCorrection = NO_CORRECTION): (m: number, s: number) => number {
  const { noise, levelError } = varianceParts(model, unitPrecision, correction.level);
  const w = correction.levelErrorWeight;
  return (m, s) => m * noise * s + m * m * noise * s * s * levelError * w;
}

export function policyProblem(model: DemandModel, p: Omit<PolicyInput, 'targetFillRate'>, correction: LevelCorrection = NO_CORRECTION): PolicyProblem {
  const step = 10 ** -p.unitPrecision;
  const f = model.forecast;
  const level = f.level * correction.level;
  const review = max(1, p.reviewPeriodDays); // continuous review is approximated by a daily one
  const idx = f.seasonality.indices;
  const idxL = seasonalOver(idx, p.calendarMonth, p.dayOfMonth, 0, p.leadTimeDays);
  const idxR = seasonalOver(idx, p.calendarMonth, p.dayOfMonth, p.leadTimeDays, review);
  const L = p.leadTimeDays / DAYS_PER_MONTH;
  const R = review / DAYS_PER_MONTH;
  const seasonalIndex = (idxL * L + idxR * R) / (L + R);
  const leadTimeDemand = level * L * idxL;
  const reviewDemand = level * R * idxR;
  const protectionDemand = leadTimeDemand + reviewDemand;
  const base = { distribution: 'NONE' as DistributionKind, seasonalIndex, leadTimeDemand, protectionDemand, reviewDemand };
  if (f.obsolete || level <= 1e-9) return { base, problem: null, step, cap: 0, capReason: null };

  const varianceOver = spanVariance(model, p.unitPrecision, correction);
  const family = model.demandClass === 'SMOOTH' ? 'NORMAL'
    : model.demandClass === 'ERRATIC' || p.unitPrecision > 0 ? 'GAMMA'
      : 'NEGATIVE_BINOMIAL';
  const leadTime = fitDistribution(family, leadTimeDemand, varianceOver(L, idxL));
  const protection = fitDistribution(family, protectionDemand, varianceOver(L + R, seasonalIndex));
  const lot = orderLot(p.packSize, p.minOrderQty, step);
  const coverCap = max(lot, ceilToStep(MAX_COVER_MONTHS * level * seasonalIndex, step));
  const newCap = model.demandClass === 'NEW' ? max(lot, ceilToStep(NEW_PART_MAX_MULTIPLE * model.stats.meanPerMonth * model.stats.windowMonths, step)) : Infinity;
  return {
    base: { ...base, distribution: protection.kind },
    problem: { leadTime, protection, reviewDemand, targetFillRate: 0, lot, step },
    step,
    cap: min(coverCap, newCap),
    capReason: newCap <= coverCap ? 'NEW_PART_CAP' : 'COVER_CAP',
  };
}

/** The policy at a given order-up-to level S. */
export function policyAt(pp: PolicyProblem, orderUpTo: number): StockingPolicy {
  const { base, problem, step } = pp;
  if (!problem) return { ...base, safetyStock: 0, reorderPoint: 0, orderUpTo: 0, modelFillRate: 1 };
  return {
    ...base,
    safetyStock: roundToStep(orderUpTo - base.protectionDemand, step),
    reorderPoint: min(orderUpTo, max(0, ceilToStep(orderUpTo - base.reviewDemand, step))),
    orderUpTo,
    modelFillRate: expectedFillRate(problem, orderUpTo),
  };
}

/** The smallest S whose expected fill rate meets `fillRate`, within the part's cap. */
export function solveFor(pp: PolicyProblem, fillRate: number): number {
  return pp.problem ? min(pp.cap, solveOrderUpTo({ ...pp.problem, targetFillRate: fillRate }).orderUpTo) : 0;
}

/**
 * The S whose expected fill rate is nearest `fillRate` (whole units make most
 * slow parts jump from far below to far above a target: always rounding up
 * over-stocks a set of parts held "at the target" as a whole), within the cap.
 */
export function solveNearest(pp: PolicyProblem, fillRate: number): number {
  if (!pp.problem) return 0;
  const hi = solveFor(pp, fillRate);
  const lo = ceilToStep(max(0, hi - pp.problem.lot), pp.step);
  if (lo >= hi) return hi;
  const bHi = expectedFillRate(pp.problem, hi);
  const bLo = expectedFillRate(pp.problem, lo);
  return fillRate - bLo < bHi - fillRate ? lo : hi;
}

/** Safety stock, reorder point and order-up-to level for this part's own fill-rate target. */
export function stockingPolicy(model: DemandModel, p: PolicyInput): StockingPolicy {
  const pp = policyProblem(model, p);
  return policyAt(pp, solveFor(pp, p.targetFillRate));
}

export interface RecommendationInput extends PolicyInput {
  history: readonly number[];
  firstCalendarMonth: number;
  position: PositionInput & { onHand: number };
  /** Offered by other stations' surplus listings (0 when unknown). */
  networkSurplus: number;
  /** False when the surplus listings could not be read (the explanation says so). */
  networkSurplusKnown: boolean;
  unit: string;
  /** The part's own fill level from the station allocation (fill-rate-allocation.ts); default targetFillRate. */
  partFillRate?: number;
  /** The obsolescence thresholds (a station's own, obsolescence-rule.ts); default forecast.ts's DEFAULT_OBSOLESCENCE. */
  obsolescence?: ObsolescenceRule;
  /** The class's forecast correction (a station's own, forecast-correction.ts); default none (factor 1, level-error weight 1). */
  correction?: LevelCorrection;
  /**
   * When the obsolescence thresholds and the correction were learnt from the station's own past (station-rules.ts): how
   * many months of forecasts were compared. The explanation names the learnt values; absent: they are the defaults.
   */
  learntFromMonths?: number;
}

export interface Recommendation extends StockingPolicy, OrderDecision {
  demandClass: DemandClass;
  method: Forecast['method'];
  adi: number;
  cv2: number;
  forecastPerMonth: number;
  seasonal: boolean;
  obsolete: boolean;
  leadTimeDays: number;
  reviewPeriodDays: number;
  targetFillRate: number;
  /** The fill level this part is stocked for (the station allocation's choice, or the target). */
  partFillRate: number;
  networkSurplus: number;
  /** The cap that bound (months of cover, new-part multiple), null when none did. */
  capReason: CapReason | null;
  /** What the fill level alone asked for, when a cap lowered it. */
  uncappedOrderUpTo: number | null;
  explanation: string;
  /** The structured explanation a client translates (reorder-explanation.ts). */
  explanationItems: ExplanationItem[];
}

/** `prepared`: the model, problem and (from the allocation's ladder) S already found for this input. */
export function recommendReorder(input: RecommendationInput, prepared?: { model: DemandModel; problem: PolicyProblem; orderUpTo?: number }): Recommendation {
  if (!(input.targetFillRate > 0 && input.targetFillRate < 1)) throw new RangeError('targetFillRate must be in (0, 1)');
  if (!(input.reviewPeriodDays >= 0) || !(input.leadTimeDays >= 0)) throw new RangeError('reviewPeriodDays and leadTimeDays must be ≥ 0');
  const model = prepared?.model ?? demandModel(input.history, input.firstCalendarMonth, input.obsolescence);
  const partFillRate = input.partFillRate ?? input.targetFillRate;
  const correction = input.correction ?? NO_CORRECTION;
  const pp = prepared?.problem ?? policyProblem(model, input, correction);
  const policy = policyAt(pp, prepared?.orderUpTo ?? (partFillRate > 0 ? solveFor(pp, partFillRate) : 0));
  const step = 10 ** -input.unitPrecision;
  // Did a cap bind? Only when S sits on it: then what the fill level alone would ask for.
  let capReason: CapReason | null = null;
  let uncappedOrderUpTo: number | null = null;
  if (pp.problem && policy.orderUpTo > 0 && policy.orderUpTo >= pp.cap - 1e-9 && partFillRate > 0) {
    const wanted = solveOrderUpTo({ ...pp.problem, targetFillRate: partFillRate }).orderUpTo;
    if (wanted > pp.cap + 1e-9) { capReason = pp.capReason; uncappedOrderUpTo = wanted; }
  }
  const order = decideOrder(policy.orderUpTo, input.position, input.networkSurplus, input.packSize, input.minOrderQty, step);
  const rec: Omit<Recommendation, 'explanation' | 'explanationItems'> = {
    ...policy,
    capReason,
    uncappedOrderUpTo,
    ...order,
    demandClass: model.demandClass,
    method: model.forecast.method,
    adi: model.stats.adi,
    cv2: model.stats.cv2,
    forecastPerMonth: model.forecast.level,
    seasonal: model.forecast.seasonality.seasonal,
    obsolete: model.forecast.obsolete,
    leadTimeDays: input.leadTimeDays,
    reviewPeriodDays: input.reviewPeriodDays,
    targetFillRate: input.targetFillRate,
    partFillRate,
    networkSurplus: max(0, input.networkSurplus),
  };
  // The explanation (text and items) is built when it is read, once: a whole station's list or a page
  // reads it for few parts or none (the profile of a 9.7k-part station had it among the top self times).
  // Only these plain facts are kept for it — never the policy problem with its distribution tables.
  let totalDemand = 0;
  for (const d of input.history) if (d > 0) totalDemand += d;
  const facts: ExplainFacts = {
    unit: input.unit, stats: model.stats, forecast: model.forecast, demandClass: model.demandClass, historyMonths: input.history.length, totalDemand,
    targetFillRate: input.targetFillRate, partFillRate, leadTimeDays: input.leadTimeDays, reviewPeriodDays: input.reviewPeriodDays,
    seasonalIndex: policy.seasonalIndex, distribution: policy.distribution, leadTimeDemand: policy.leadTimeDemand, protectionDemand: policy.protectionDemand,
    safetyStock: policy.safetyStock, reorderPoint: policy.reorderPoint, orderUpTo: policy.orderUpTo, modelFillRate: policy.modelFillRate,
    capped: capReason && uncappedOrderUpTo !== null ? { reason: capReason, cap: pp.cap, wanted: uncappedOrderUpTo, maxCoverMonths: MAX_COVER_MONTHS, multiple: NEW_PART_MAX_MULTIPLE } : null,
    position: input.position, inventoryPosition: order.inventoryPosition, netRequirement: order.netRequirement, fromNetworkSurplus: order.fromNetworkSurplus,
    networkSurplus: max(0, input.networkSurplus), networkSurplusKnown: input.networkSurplusKnown, suggestedQuantity: order.suggestedQuantity,
    packSize: input.packSize, minOrderQty: input.minOrderQty,
    correction, learntFromMonths: input.learntFromMonths ?? null,
  };
  return withLazyExplanation(rec, model, input, facts);
}

/** A separate scope, so the getters hold `rec`, the model, the input and the facts only. */
function withLazyExplanation(rec: Omit<Recommendation, 'explanation' | 'explanationItems'>, model: DemandModel, input: RecommendationInput, facts: ExplainFacts): Recommendation {
  return lazyExplanation(rec, () => explain(rec, model, input), () => buildItems(facts));
}

/**
 * `rec` with `explanation` and `explanationItems` as memoised getters. They are
 * not enumerable, so spreading a recommendation copies the numbers only; read
 * them by name (or wrap a copy with this function again).
 */
export function lazyExplanation<T extends object>(rec: T, text: () => string, items: () => ExplanationItem[]): T & { explanation: string; explanationItems: ExplanationItem[] } {
  let t: string | undefined;
  let i: ExplanationItem[] | undefined;
  Object.defineProperty(rec, 'explanation', { get: () => (t ??= text()), enumerable: false, configurable: true });
  Object.defineProperty(rec, 'explanationItems', { get: () => (i ??= items()), enumerable: false, configurable: true });
  return rec as T & { explanation: string; explanationItems: ExplanationItem[] };
}

// ---------------------------------------------------------------------------
// Explanation (说明): Chinese, with the numbers, English terms in brackets.
// ---------------------------------------------------------------------------

const DIST_ZH: Record<DistributionKind, string> = {
  NORMAL: '正态分布',
  GAMMA: '伽马分布',
  NEGATIVE_BINOMIAL: '负二项分布',
  POISSON: '泊松分布',
  NONE: '—',
};

function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return '—';
  return String(Number(value.toFixed(digits)));
}

function explain(r: Omit<Recommendation, 'explanation' | 'explanationItems'>, model: DemandModel, input: RecommendationInput): string {
  const u = input.unit ? ` ${input.unit}` : '';
  const s = model.stats;
  const parts: string[] = [];
  if (s.demandMonths === 0) {
    parts.push(`近${input.history.length}个月无消耗记录，归为${DEMAND_CLASS_ZH.NEW}（NEW），不建议备货，有需求时按需订购。`);
  } else {
    const classText = r.demandClass === 'NEW'
      ? `首次消耗至今仅${s.windowMonths}个月，归为${DEMAND_CLASS_ZH.NEW}（NEW），按保守规则处理（按已有月份平均、加大波动估计）`
      : `需求类型：${DEMAND_CLASS_ZH[r.demandClass]}（${r.demandClass}，平均需求间隔 ADI ${fmt(r.adi)}，需求量变异系数平方 CV² ${fmt(r.cv2)}；分界 1.32 / 0.49）`;
    parts.push(`${classText}。`);
    let method = `预测方法：${METHOD_ZH[r.method]}（${r.method}），月均需求预测 ${fmt(r.forecastPerMonth)}${u}`;
    if (r.method === 'TSB') method += '；近期需求在减少，采用衰退法';
    if (r.method === 'DAMPED_HOLT') method += `；趋势检验显著（Z=${fmt(model.forecast.trendZ)}）`;
    parts.push(`${method}。`);
    if (input.learntFromMonths !== undefined) {
      const c = input.correction ?? NO_CORRECTION;
      const o = model.forecast.obsolescence;
      // Short: a whole station's list carries it ~10k times (the values are the station's, per class).
      const quiet = s.monthsSinceLastDemand >= QUIET_AFTER_MONTHS ? `（${QUIET_AFTER_MONTHS}个月以上无消耗件单独校正）` : '';
      parts.push(`本站前${input.learntFromMonths}个月自学：预测×${fmt(c.level)}${quiet}，水平误差权重${fmt(c.levelErrorWeight)}，呆滞阈值${o.intervals}倍间隔/单次${o.singleDemandMonths}个月。`);
    }
    parts.push(r.seasonal
      ? `季节性：明显（与去年同月的相关系数 ${fmt(model.forecast.seasonality.r12)}），未来交货期+检查期的季节指数 ${fmt(r.seasonalIndex)}。`
      : '季节性：不明显或历史不足24个月，季节指数 1.00。');
  }
  if (r.obsolete) {
    parts.push(s.demandMonths === 1
      ? `仅消耗过一次，已连续${s.monthsSinceLastDemand}个月（≥${model.forecast.obsolescence.singleDemandMonths}）无消耗，判为呆滞件，不建议备货，有需求时按需订购。`
      : `已连续${s.monthsSinceLastDemand}个月（≥${OBSOLETE_AFTER_MONTHS}，且超过平均需求间隔的${model.forecast.obsolescence.intervals}倍）无消耗，判为呆滞件，不建议备货，有需求时按需订购。`);
  } else if (r.orderUpTo > 0) {
    parts.push(`供应商交货期 ${r.leadTimeDays} 天，检查周期 ${r.reviewPeriodDays} 天，其间预计需求 ${fmt(r.protectionDemand)}${u}（交货期内 ${fmt(r.leadTimeDemand)}${u}）。`);
    const ssText = r.safetyStock >= 0
      ? `安全库存 ${fmt(r.safetyStock)}${u}`
      : `包装批量已提供足够缓冲，安全库存 ${fmt(r.safetyStock)}${u}`;
    const goal = abs(r.partFillRate - r.targetFillRate) < 1e-9
      ? `为达到目标满足率 ${fmt(r.targetFillRate * 100, 1)}%`
      : `服务站整体目标满足率 ${fmt(r.targetFillRate * 100, 1)}%，按各件成本与需求量分配（便宜快流件高、昂贵慢流件低），本件按满足率 ${fmt(r.partFillRate * 100, 1)}% 备货`;
    parts.push(`${goal}（按${DIST_ZH[r.distribution]}计算，模型满足率 ${fmt(r.modelFillRate * 100, 1)}%），${ssText}，再订货点 ${fmt(r.reorderPoint)}${u}，补货上限 ${fmt(r.orderUpTo)}${u}。`);
    if (r.capReason === 'COVER_CAP') parts.push(`补货上限以 ${MAX_COVER_MONTHS} 个月的预计用量封顶（按满足率本需 ${fmt(r.uncappedOrderUpTo ?? 0)}${u}）。`);
    if (r.capReason === 'NEW_PART_CAP') parts.push(`新件补货上限不超过迄今总用量的 ${NEW_PART_MAX_MULTIPLE} 倍（按满足率本需 ${fmt(r.uncappedOrderUpTo ?? 0)}${u}）。`);
  }
  else if (s.demandMonths > 0 && r.protectionDemand > 0) {
    parts.push(`服务站整体目标满足率 ${fmt(r.targetFillRate * 100, 1)}%：本件需求少而单价高，按成本与需求分配后不备库存（本件满足率约 ${fmt(r.partFillRate * 100, 1)}%），有需求时按需订购。`);
  }
  const pos = input.position;
  parts.push(`现有库存 ${fmt(pos.onHand)}${u}（可用 ${fmt(pos.available)}），在途调拨 ${fmt(pos.inTransit)}，已订未到 ${fmt(pos.onOrder)}，欠货（未结缺件）${fmt(pos.backorders)}，库存位置 ${fmt(r.inventoryPosition)}${u}。`);
  if (r.netRequirement <= 0) {
    parts.push('库存位置不低于补货上限，本次无需订货。');
  } else {
    const surplus = input.networkSurplusKnown
      ? `其他服务站积压可调剂 ${fmt(r.networkSurplus)}${u}，建议先调剂 ${fmt(r.fromNetworkSurplus)}${u}`
      : '其他服务站积压信息暂不可用（按 0 计）';
    const lot = `包装 ${fmt(input.packSize)}${u}、起订量 ${fmt(input.minOrderQty)}${u}`;
    parts.push(`需补 ${fmt(r.netRequirement)}${u}；${surplus}；建议新采购 ${fmt(r.suggestedQuantity)}${u}（按${lot}取整）。`);
  }
  return parts.join('');
}

/**
 * Candidate (S, fill rate) points for the station allocation: one search for
 * the S of the top level (99.9 %), then `points` levels of S from 0 up to it,
 * denser towards the top where the choice is made (S_j = S_max·(1 − (1 − j/J)²)),
 * each with its expected fill rate. ~40 fill-rate evaluations per part
 * instead of a search per preset level.
 */
export function policyLadder(pp: PolicyProblem, top = FILL_LADDER[FILL_LADDER.length - 1], points = 24): LadderPoint[] {
  if (!pp.problem) return [{ fillRate: 1, orderUpTo: 0 }];
  const problem = pp.problem;
  const sMax = min(pp.cap, solveOrderUpTo({ ...problem, targetFillRate: top }).orderUpTo);
  const out: LadderPoint[] = [{ fillRate: expectedFillRate(problem, 0), orderUpTo: 0 }];
  for (let j = 1; j <= points; j++) {
    const x = 1 - j / points;
    const S = j === points ? sMax : ceilToStep(sMax * (1 - x * x), pp.step);
    if (S <= out[out.length - 1].orderUpTo) continue;
    const fillRate = expectedFillRate(problem, S);
    if (fillRate > out[out.length - 1].fillRate) out.push({ fillRate, orderUpTo: S });
  }
  return out;
}
