/**
 * Monthly demand forecasts suited to the demand class (需求预测), seasonal
 * indices (季节指数) and the forecast-error variance the safety stock needs.
 *
 * Method per class:
 * - SMOOTH / ERRATIC: simple exponential smoothing (SES); damped Holt only when
 *   a Mann–Kendall test on the (deseasonalised) series finds a trend at 5 %.
 *   α is chosen per part by minimising the one-step-ahead squared error on the
 *   part's own history over the grid ALPHA_GRID (bounds 0.05 … 0.5). Holt's β
 *   (0.1) and damping φ (0.9) are fixed.
 * - INTERMITTENT / LUMPY: Croston with the Syntetos–Boylan approximation (SBA).
 *   Where demand is dying out (a long silence for the part's interval, or the
 *   last year's demand frequency below a third of the earlier one) TSB
 *   (Teunter–Syntetos–Babai), whose demand probability decays every empty
 *   month, so an obsolescent part's forecast falls instead of freezing.
 *   Their smoothing constants are FIXED (α = 0.1 size/interval, TSB β = 0.2):
 *   with a handful of non-zero months an error-minimising α mostly fits noise.
 * - NEW: the demand since the first one spread over at least
 *   NEW_PART_PRIOR_MONTHS months (a single first month of 500 is not 500 a
 *   month), with a conservative variance (at least mean + mean², i.e. a
 *   monthly CV of at least 1).
 * - Variance for the safety stock (`monthVariance`): the one-step error for
 *   SES/Holt; from the current state for Croston/TSB, so that a dying part's
 *   decayed forecast does not carry its busy past's variance.
 *
 * Seasonality: with ≥ 24 months since the first demand and ≥ 24 units, the
 * correlation of each month with the same month a year later must reach
 * max(0.4, 2.33/√(n−12)) (one-sided 1 % for n−12 pairs) and the indices
 * must swing by at least 0.4; then multiplicative indices per calendar month
 * (month mean / overall mean, circularly smoothed ¼-½-¼, mean 1, floor 0.1)
 * deseasonalise the series before smoothing. Otherwise all indices are 1.
 *
 * Pure: data in, numbers out.
 */
import type { DemandClass, DemandStats } from './demand-classification';
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { abs, max, min, sign, sqrt } = Math;


export type ForecastMethod = 'SES' | 'DAMPED_HOLT' | 'CROSTON_SBA' | 'TSB' | 'NEW_AVERAGE' | 'NO_DEMAND';

export const ALPHA_GRID = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5] as const;
export const CROSTON_ALPHA = 0.1;
export const TSB_ALPHA = 0.1;
export const TSB_BETA = 0.2;
export const HOLT_BETA = 0.1;
export const HOLT_PHI = 0.9;
export const SEASONAL_MIN_MONTHS = 24;
/** No demand for this many months — and for OBSOLETE_INTERVALS of the part's intervals between demands — is obsolete (呆滞): no stock is recommended. */
export const OBSOLETE_AFTER_MONTHS = 12;
/**
 * How long a silence makes a part obsolete (呆滞): `intervals` of the part's
 * own intervals between demands (and at least OBSOLETE_AFTER_MONTHS), or
 * `singleDemandMonths` for a part used only once (no interval to measure).
 * A station with its own past derives them from the months before the
 * origin (obsolescence-rule.ts: the shortest thresholds whose comebacks carry
 * at most 0.2 % of the demand).
 */
export interface ObsolescenceRule {
  intervals: number;
  singleDemandMonths: number;
}
/**
 * The thresholds without a station's own past: what obsolescence-rule.ts
 * derives from the 34 months of the carparts half BEFORE its replay (origin
 * 1998-01 + 34 months; ../shared/data/README.md): 10 intervals (8 missed
 * 0.25 % of the demand, 10 missed 0.18 %) and 18 months for a single demand
 * (12 missed 0.39 %, 18 missed 0.17 %). No replayed month is read.
 */
export const OBSOLETE_INTERVALS = 10;
/** A part demanded only once is obsolete after this many silent months (see OBSOLETE_INTERVALS). */
export const SINGLE_DEMAND_OBSOLETE_MONTHS = 18;
export const DEFAULT_OBSOLESCENCE: ObsolescenceRule = { intervals: OBSOLETE_INTERVALS, singleDemandMonths: SINGLE_DEMAND_OBSOLETE_MONTHS };

/**
 * Months between the part's demands, the silence since the last one left out
 * (null with a single demand: there is no interval yet). ADI counts the
 * open silence in, so 3 × ADI always exceeds the silence of a single-demand
 * part and could never call it obsolete.
 */
export function demandGap(stats: DemandStats): number | null {
  if (stats.demandMonths < 2) return null;
  return (stats.windowMonths - 1 - stats.monthsSinceLastDemand) / (stats.demandMonths - 1);
}

/**
 * Obsolete (呆滞): no demand for OBSOLETE_AFTER_MONTHS months and for
 * `rule.intervals` of the part's intervals between demands; a part demanded
 * only once (no interval to measure) after `rule.singleDemandMonths` silent
 * months. No stock is recommended; it is ordered when a job needs it.
 */
export function isObsolete(stats: DemandStats, rule: ObsolescenceRule = DEFAULT_OBSOLESCENCE): boolean {
  if (stats.demandMonths === 0 || stats.monthsSinceLastDemand < OBSOLETE_AFTER_MONTHS) return false;
  const gap = demandGap(stats);
  return gap === null ? stats.monthsSinceLastDemand >= rule.singleDemandMonths : stats.monthsSinceLastDemand >= rule.intervals * gap;
}

/** A new part's rate is its demand so far spread over at least this many months (a first order is often a one-off). */
export const NEW_PART_PRIOR_MONTHS = 6;

export interface Seasonality {
  seasonal: boolean;
  /** Index per calendar month, 0 = January; all 1 when not seasonal. */
  indices: number[];
  /** Correlation of y_t with y_t+12 (NaN when too little history). */
  r12: number;
}

export interface Forecast {
  method: ForecastMethod;
  /** Deseasonalised demand per month for the coming months. */
  level: number;
  /** One-step-ahead mean squared error per month (deseasonalised units), over the whole window. */
  mse: number;
  /**
   * Variance of one month's demand now (deseasonalised units²), what the safety
   * stock rests on. SES/Holt: the one-step MSE. Croston/TSB: from the current
   * state — demand probability π and size z with the window's size CV²:
   * π·z²(1 + CV²) − (π·z)² — so a decayed TSB forecast carries a decayed
   * variance, not the busy past's. NEW: at least mean + mean².
   */
  monthVariance: number;
  /** The smoothing constant that weighs the level (for the variance of the level estimate). */
  alpha: number;
  seasonality: Seasonality;
  /** Demand is dying out (TSB chosen). */
  declining: boolean;
  /** Obsolete by `obsolescence` (isObsolete). */
  obsolete: boolean;
  /** The thresholds the part was judged by (the explanation names them). */
  obsolescence: ObsolescenceRule;
  /** Mann–Kendall Z of the trend test (0 when not run). */
  trendZ: number;
}

const FLAT = (): number[] => new Array<number>(12).fill(1);

// ---------------------------------------------------------------------------
// Seasonality
// ---------------------------------------------------------------------------

/** `history[i]` falls in calendar month (firstCalendarMonth + i) mod 12. */
export function detectSeasonality(history: readonly number[], firstCalendarMonth: number, stats: DemandStats): Seasonality {
  const n = min(stats.windowMonths, 48);
  if (n < SEASONAL_MIN_MONTHS) return { seasonal: false, indices: FLAT(), r12: NaN };
  const start = history.length - n;
  let sum = 0;
  for (let i = start; i < history.length; i++) sum += history[i];
  const mean = sum / n;
  if (sum < 24) return { seasonal: false, indices: FLAT(), r12: NaN };
  // Pearson correlation of the pairs (y_t, y_t+12): unlike the lag-12 autocorrelation
  // it can reach 1 with only 24 months (12 pairs).
  let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, pairs = 0;
  for (let i = start; i + 12 < history.length; i++) {
    const x = history[i];
    const y = history[i + 12];
    sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y; pairs++;
  }
  const cov = sxy - (sx * sy) / pairs;
  const vx = sxx - (sx * sx) / pairs;
  const vy = syy - (sy * sy) / pairs;
  const r12 = vx > 0 && vy > 0 ? cov / sqrt(vx * vy) : 0;
  const monthSum = new Array<number>(12).fill(0);
  const monthCount = new Array<number>(12).fill(0);
  for (let i = start; i < history.length; i++) {
    const c = (firstCalendarMonth + i) % 12;
    monthSum[c] += history[i];
    monthCount[c]++;
  }
  const raw = monthSum.map((s, c) => (monthCount[c] ? s / monthCount[c] / mean : 1));
  const smoothed = raw.map((_, c) => 0.25 * raw[(c + 11) % 12] + 0.5 * raw[c] + 0.25 * raw[(c + 1) % 12]);
  const floored = smoothed.map((v) => max(0.1, v));
  const avg = floored.reduce((a, b) => a + b, 0) / 12;
  const indices = floored.map((v) => v / avg);
  const swing = max(...indices) - min(...indices);
  const threshold = max(0.4, 2.33 / sqrt(n - 12));
  if (r12 < threshold || swing < 0.4) return { seasonal: false, indices: FLAT(), r12 };
  return { seasonal: true, indices, r12 };
}

// ---------------------------------------------------------------------------
// Trend test
// ---------------------------------------------------------------------------

/** Mann–Kendall Z statistic (no tie correction beyond ignoring ties in S). */
export function mannKendallZ(series: readonly number[]): number {
  const n = series.length;
  if (n < 4) return 0;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const x = series[i];
    for (let j = i + 1; j < n; j++) s += sign(series[j] - x);
  }
  const variance = (n * (n - 1) * (2 * n + 5)) / 18;
  if (s === 0) return 0;
  return (s - sign(s)) / sqrt(variance);
}

// ---------------------------------------------------------------------------
// Smoothing methods. Each returns the forecast for the next month and the
// mean squared one-step-ahead error over the series (errors from month 3 on).
// ---------------------------------------------------------------------------

const WARMUP = 3;

function initialLevel(series: readonly number[]): number {
  const m = min(6, series.length);
  let s = 0;
  for (let i = 0; i < m; i++) s += series[i];
  return m ? s / m : 0;
}

export function ses(series: readonly number[], alpha: number): { forecast: number; mse: number } {
  let level = initialLevel(series);
  let sse = 0;
  let count = 0;
  for (let t = 0; t < series.length; t++) {
    const e = series[t] - level;
    if (t >= WARMUP) { sse += e * e; count++; }
    level += alpha * e;
  }
  return { forecast: level, mse: count ? sse / count : NaN };
}

export function dampedHolt(series: readonly number[], alpha: number, beta = HOLT_BETA, phi = HOLT_PHI): { forecast: number; mse: number } {
  const n = series.length;
  let level = initialLevel(series);
  let trend = 0;
  if (n >= 12) {
    const first = initialLevel(series);
    let s = 0;
    for (let i = 6; i < 12; i++) s += series[i];
    trend = (s / 6 - first) / 6;
  }
  let sse = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    const f = level + phi * trend;
    const e = series[t] - f;
    if (t >= WARMUP) { sse += e * e; count++; }
    const newLevel = f + alpha * e;
    trend = phi * trend + beta * (newLevel - level - phi * trend);
    level = newLevel;
  }
  return { forecast: max(0, level + phi * trend), mse: count ? sse / count : NaN };
}

/** Croston–SBA, initialised with the window's mean demand size and interval (robust for short series). */
/** Variance of one month's demand for a demand probability π and a size z with squared CV cv2: E[D²] − E[D]². */
export function stateVariance(probability: number, size: number, cv2: number): number {
  const p = max(0, min(1, probability));
  return max(0, p * size * size * (1 + cv2) - p * p * size * size);
}

export interface IntermittentFit {
  forecast: number;
  mse: number;
  /** The current demand probability per month (1 / interval for Croston). */
  probability: number;
  /** The current demand size. */
  size: number;
}

export function crostonSba(series: readonly number[], alpha = CROSTON_ALPHA): IntermittentFit {
  let k = 0;
  let total = 0;
  for (const d of series) if (d > 0) { k++; total += d; }
  if (k === 0) return { forecast: 0, mse: 0, probability: 0, size: 0 };
  let size = total / k;
  let interval = series.length / k;
  let sinceLast = 0;
  let sse = 0;
  let count = 0;
  for (let t = 0; t < series.length; t++) {
    const f = (1 - alpha / 2) * size / interval;
    const d = series[t];
    if (t >= WARMUP) { sse += (d - f) * (d - f); count++; }
    sinceLast++;
    if (d > 0) {
      size += alpha * (d - size);
      interval += alpha * (sinceLast - interval);
      sinceLast = 0;
    }
  }
  return { forecast: (1 - alpha / 2) * size / interval, mse: count ? sse / count : 0, probability: min(1, 1 / interval), size };
}

/** TSB: the demand probability is updated every month, the size when demand occurs. */
export function tsb(series: readonly number[], alpha = TSB_ALPHA, beta = TSB_BETA): IntermittentFit {
  let k = 0;
  let total = 0;
  for (const d of series) if (d > 0) { k++; total += d; }
  if (k === 0) return { forecast: 0, mse: 0, probability: 0, size: 0 };
  let size = total / k;
  let prob = k / series.length;
  let sse = 0;
  let count = 0;
  for (let t = 0; t < series.length; t++) {
    const d = series[t];
    const f = prob * size;
    if (t >= WARMUP) { sse += (d - f) * (d - f); count++; }
    prob += beta * ((d > 0 ? 1 : 0) - prob);
    if (d > 0) size += alpha * (d - size);
  }
  return { forecast: prob * size, mse: count ? sse / count : 0, probability: prob, size };
}

/** Demand is dying out: a silence long for the part's interval, or last year's frequency well below the earlier one. */
export function isDeclining(window: readonly number[], stats: DemandStats): boolean {
  if (stats.demandMonths === 0) return false;
  if (stats.monthsSinceLastDemand >= max(6, 2.5 * stats.adi)) return true;
  const n = window.length;
  if (n < 24) return false;
  let recent = 0;
  let earlier = 0;
  for (let i = 0; i < n; i++) if (window[i] > 0) (i >= n - 12 ? recent++ : earlier++);
  const earlierRate = earlier / (n - 12);
  return earlier >= 3 && recent / 12 < earlierRate / 3;
}

// ---------------------------------------------------------------------------
// The forecast for a part
// ---------------------------------------------------------------------------

export function forecastDemand(
  history: readonly number[],
  firstCalendarMonth: number,
  demandClass: DemandClass,
  stats: DemandStats,
  obsolescence: ObsolescenceRule = DEFAULT_OBSOLESCENCE,
): Forecast {
  const seasonality = detectSeasonality(history, firstCalendarMonth, stats);
  const obsolete = isObsolete(stats, obsolescence);
  const base = { seasonality, obsolete, obsolescence, declining: false, trendZ: 0 };
  if (stats.demandMonths === 0) return { ...base, method: 'NO_DEMAND', level: 0, mse: 0, monthVariance: 0, alpha: 0 };

  // The window since the first demand (at most 48 months), deseasonalised.
  const n = min(stats.windowMonths, 48);
  const start = history.length - n;
  const window = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const c = (firstCalendarMonth + start + i) % 12;
    window[i] = history[start + i] / seasonality.indices[c];
  }

  if (demandClass === 'NEW') {
    const spread = max(n, NEW_PART_PRIOR_MONTHS);
    const mean = window.reduce((a, b) => a + b, 0) / spread;
    let ss = 0;
    for (let i = 0; i < spread; i++) { const d = i < n ? window[i] : 0; ss += (d - mean) * (d - mean); }
    const mse = max(ss / (spread - 1), mean + mean * mean);
    return { ...base, method: 'NEW_AVERAGE', level: mean, mse, monthVariance: mse, alpha: 1 / spread };
  }

  if (demandClass === 'SMOOTH' || demandClass === 'ERRATIC') {
    const trendZ = n >= 18 ? mannKendallZ(window) : 0;
    const holt = abs(trendZ) > 1.96;
    let best = { forecast: 0, mse: Infinity, alpha: ALPHA_GRID[0] as number };
    for (const alpha of ALPHA_GRID) {
      const r = holt ? dampedHolt(window, alpha) : ses(window, alpha);
      if (r.mse < best.mse) best = { ...r, alpha };
    }
    if (!Number.isFinite(best.mse)) best = { ...best, mse: 0 };
    return { ...base, trendZ, method: holt ? 'DAMPED_HOLT' : 'SES', level: max(0, best.forecast), mse: best.mse, monthVariance: best.mse, alpha: best.alpha };
  }

  const declining = isDeclining(window, stats);
  const r = declining ? tsb(window) : crostonSba(window);
  const monthVariance = stateVariance(r.probability, r.size, stats.cv2);
  if (declining) return { ...base, declining, method: 'TSB', level: r.forecast, mse: r.mse, monthVariance, alpha: TSB_BETA };
  return { ...base, method: 'CROSTON_SBA', level: r.forecast, mse: r.mse, monthVariance, alpha: CROSTON_ALPHA };
}

export const METHOD_ZH: Record<ForecastMethod, string> = {
  SES: '指数平滑',
  DAMPED_HOLT: '阻尼趋势指数平滑',
  CROSTON_SBA: 'Croston-SBA 间断需求法',
  TSB: 'TSB 衰退需求法',
  NEW_AVERAGE: '新件平均法',
  NO_DEMAND: '无需求',
};
