/**
 * Forecast correction per demand class (分类预测校正), estimated ONLY from the
 * months before the origin: how far each class's one-step forecasts missed
 * the demand that followed, over the last CORRECTION_MONTHS months.
 *
 * Why: on the carparts data the forecast of a class is off in the same
 * direction month after month — over the months before the replay (origins
 * 12–33 and 22–33), demand was 0.69–0.72 of the Croston-SBA forecast of
 * intermittent parts, 0.55–0.57 of lumpy, 0.67–0.70 of smooth, 0.68–0.72 of
 * erratic, and 2.3 × the decayed TSB forecast of dying parts. The fill the
 * model promises then misses in the same direction (lumpy parts held at 90 %
 * serve ~97 %, dying ~80 %). A station knows this from its own past; nothing
 * from the origin on is read.
 *
 * How: for every part and every month m' of the window, the forecast made
 * from history[0..m') (level × the month's seasonal index) and the demand of
 * month m'. Per class (the fill calibration's classes: the demand class,
 * dying parts apart, and the parts silent for QUIET_AFTER_MONTHS months or
 * more apart from the others — fill-calibration.ts, calibrationKey), the factor is
 *
 *   (Σ demand + PRIOR) / (Σ forecast + PRIOR)
 *
 * — a ratio of sums, so the parts weigh by their volume as the unit-weighted
 * fill does; PRIOR units of "forecast was right" shrink a class with little
 * volume towards 1; the factor is kept within [MIN_FACTOR, MAX_FACTOR]. It
 * scales the level the policy plans with (the expected demand and, with it,
 * the months-of-cover cap) and the noise variance in proportion (a rate that
 * is off by a factor b makes counts whose variance is off by about b). The
 * same outcomes give the weight of the level error (levelErrorWeight below).
 *
 * Pure.
 */

/** Months before the origin whose forecasts are compared with what followed. */
export const CORRECTION_MONTHS = 12;
/** Units of "forecast right" added to both sums (shrinks a class with little demand towards 1). */
export const CORRECTION_PRIOR_UNITS = 30;
export const CORRECTION_MIN_FACTOR = 0.25;
export const CORRECTION_MAX_FACTOR = 4;

/** What the policy plans with: a factor on the level (expected demand; the noise variance scales with it) and the weight of the level error. */
export interface LevelCorrection {
  level: number;
  levelErrorWeight: number;
}

/** Without a station's past: no factor, the textbook weight 1 (reorder-recommendation.ts, LEVEL_ERROR_WEIGHT). */
export const NO_CORRECTION: LevelCorrection = { level: 1, levelErrorWeight: 1 };

/** One past forecast: the class it was made in, the forecast for the month and the demand that came. */
export interface ForecastOutcome {
  key: string;
  forecast: number;
  actual: number;
  /**
   * Over the two months from the forecast (about lead time + review), when both are before the origin: the
   * forecast and demand of both months, and the model's variance parts (varianceParts: noise and level error, uncorrected).
   */
  span?: { forecast: number; actual: number; noise: number; levelError: number };
}

interface Totals { forecast: number; actual: number }

export interface ClassCorrections {
  byKey: Map<string, LevelCorrection>;
  /** Per class over the window: Σ forecast and Σ demand (one month). */
  totals: Map<string, Totals>;
  /** The weight of the level error estimated from the window (pooled over classes). */
  levelErrorWeight: number;
}

const clamp = (x: number) => Math.min(CORRECTION_MAX_FACTOR, Math.max(CORRECTION_MIN_FACTOR, x));

/**
 * The level error's weight from the window's errors: with noise n and level
 * error λ·n, the model's one- and two-month error variances are n(1 + λw) and
 * n(2 + 4λw). The ratio of the observed squared errors (two-month over
 * one-month, each forecast corrected by its class factor; pooled over classes
 * and parts) gives w: below 2 the months' errors cancel, above 2 they persist
 * (a level off for the whole span). Kept in [0, LEVEL_ERROR_MAX_WEIGHT]; the
 * textbook 1 when the window holds too few errors.
 */
export const LEVEL_ERROR_MAX_WEIGHT = 2;

function levelErrorWeight(sumE1: number, sumE2: number, sumNoise: number, sumLevelNoise: number): number {
  if (!(sumE1 > 0) || !(sumLevelNoise > 0)) return 1;
  const r = sumE2 / sumE1;
  if (r >= 4) return LEVEL_ERROR_MAX_WEIGHT;
  // sumE2 / sumE1 = (2N + 4x) / (N + x), x = w·Σλn  →  x = N (r − 2) / (4 − r)
  const w = (sumNoise * (r - 2)) / (4 - r) / sumLevelNoise;
  return Math.min(LEVEL_ERROR_MAX_WEIGHT, Math.max(0, w));
}

export function classCorrections(outcomes: readonly ForecastOutcome[]): ClassCorrections {
  const totals = new Map<string, Totals>();
  for (const o of outcomes) {
    if (!(o.forecast > 0) && !(o.actual > 0)) continue;
    let t = totals.get(o.key);
    if (!t) totals.set(o.key, (t = { forecast: 0, actual: 0 }));
    t.forecast += Math.max(0, o.forecast);
    t.actual += Math.max(0, o.actual);
  }
  const level = (key: string) => {
    const t = totals.get(key);
    return t ? clamp((t.actual + CORRECTION_PRIOR_UNITS) / (t.forecast + CORRECTION_PRIOR_UNITS)) : 1;
  };
  let e1 = 0, e2 = 0, noise = 0, levelNoise = 0;
  for (const o of outcomes) {
    if (!o.span || !(o.forecast > 0)) continue;
    const b = level(o.key);
    const d1 = o.actual - b * o.forecast;
    const d2 = o.span.actual - b * o.span.forecast;
    e1 += d1 * d1;
    e2 += d2 * d2;
    noise += b * o.span.noise;
    levelNoise += b * o.span.noise * o.span.levelError;
  }
  const w = levelErrorWeight(e1, e2, noise, levelNoise);
  const byKey = new Map<string, LevelCorrection>();
  for (const key of totals.keys()) byKey.set(key, { level: level(key), levelErrorWeight: w });
  return { byKey, totals, levelErrorWeight: w };
}

/** A class the window did not see gets no factor, but the window's weight. */
export function correctionFor(c: ClassCorrections | undefined, key: string): LevelCorrection {
  return c?.byKey.get(key) ?? (c ? { level: 1, levelErrorWeight: c.levelErrorWeight } : NO_CORRECTION);
}
