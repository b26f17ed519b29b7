/**
 * Fill calibration (满足率校准): the model's fill rate corrected by what the
 * station's own past shows, per demand class, estimated ONLY from the months
 * before the origin.
 *
 * Why: the fitted distributions are exact for their moments, not for real
 * demand. On the carparts data the forecasts of lumpy parts run about twice
 * the demand that follows (stocked for 90 %, they serve ~98 %), and dying
 * (TSB) parts come back more than their decayed forecast says (stocked for
 * 90 %, they serve ~80 %). A per-class map "model level → fill actually
 * served" corrects that without touching the part's own model.
 *
 * How: the last CALIBRATION_MONTHS months before the origin are replayed
 * (the same day-by-day replay as the backtest, reorder-simulation.ts), each
 * month planned from the months before it, once for every level of
 * CALIBRATION_LEVELS with every part held at that level. The fill served in a
 * month is credited to the class of the plan made the month before (the stock
 * it rests on). Per class this gives a non-decreasing curve level → served
 * fill; a class with too little demand in the window uses the curve of all
 * classes (and with too little overall the identity). Then:
 * - a part held at a target is planned for the level whose served fill is
 *   the target (`levelFor`);
 * - the station allocation ranks each part's candidate levels by the fill
 *   they are expected to serve (`servedFill`).
 * Deterministic: no randomised choice between two levels.
 *
 * Pure.
 */
import { simulatePart, type SimOptions, type SimPart } from './reorder-simulation';

/** Months before the origin the calibration replays (one year: every calendar month once). */
export const CALIBRATION_MONTHS = 12;
/** Model levels the calibration replays at. */
export const CALIBRATION_LEVELS = [0.3, 0.5, 0.6, 0.7, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.999] as const;
/** Units of demand a class needs in the window for its own curve (else the pooled curve). */
export const CALIBRATION_MIN_DEMAND = 100;

/** Calibration class of a plan: the demand class, dying parts (TSB) apart. */
export type CalibrationKey = string;

/** One point of a curve: the model level and the fill it served. */
export interface CalibrationPoint { level: number; served: number }

export interface FillCalibration {
  /** Curve per class (and 'ALL'), levels ascending, served non-decreasing; starts at (0, 0). */
  curves: Map<CalibrationKey, CalibrationPoint[]>;
  /** Units demanded per class in the window. */
  demand: Map<CalibrationKey, number>;
}

/** A part's plan for a month of the window: the S at a given model level and the plan's class. */
export interface CalibrationPlan {
  key: CalibrationKey;
  orderUpTo(level: number): number;
}

export interface CalibrationInput {
  part: SimPart;
  /** The plan made at month m (history[0..m) only); undefined before the part has any. */
  planAt(m: number): CalibrationPlan | undefined;
}

const IDENTITY: CalibrationPoint[] = [{ level: 0, served: 0 }, { level: 1, served: 1 }];

/**
 * Replays months [origin − months, origin) of every part at each level and
 * returns the per-class curves. Only history[0..origin) is read.
 */
export function calibrateFill(inputs: readonly CalibrationInput[], origin: number, o: Pick<SimOptions, 'reviewPeriodDays' | 'seed'>, months = CALIBRATION_MONTHS): FillCalibration {
  const from = Math.max(1, origin - months);
  const L = CALIBRATION_LEVELS.length;
  const served = new Map<CalibrationKey, { demand: number; filled: Float64Array }>();
  const cell = (key: CalibrationKey) => {
    let c = served.get(key);
    if (!c) served.set(key, (c = { demand: 0, filled: new Float64Array(L) }));
    return c;
  };
  if (origin - from >= 2) {
    for (const { part, planAt } of inputs) {
      const past: SimPart = { ...part, history: part.history.slice(0, origin) };
      const keys: (CalibrationKey | undefined)[] = [];
      for (let m = from; m < origin; m++) keys.push(planAt(m - 1)?.key);
      CALIBRATION_LEVELS.forEach((level, l) => {
        const S = (m: number) => planAt(m)?.orderUpTo(level) ?? 0;
        // The first month is served by the stock the replay starts with: credited like the others to the plan before it.
        simulatePart(past, (m) => S(m), { startMonth: from, warmupMonths: 0, reviewPeriodDays: o.reviewPeriodDays, seed: o.seed }, (m, demand, filled) => {
          const key = keys[m - from];
          if (!key || demand <= 0) return;
          for (const k of [key, 'ALL']) {
            const c = cell(k);
            if (l === 0) c.demand += demand;
            c.filled[l] += filled;
          }
        });
      });
    }
  }
  const curves = new Map<CalibrationKey, CalibrationPoint[]>();
  const demand = new Map<CalibrationKey, number>();
  for (const [key, c] of served) {
    demand.set(key, c.demand);
    if (c.demand < CALIBRATION_MIN_DEMAND) continue;
    const pts: CalibrationPoint[] = [{ level: 0, served: 0 }];
    let top = 0;
    CALIBRATION_LEVELS.forEach((level, l) => { top = Math.max(top, c.filled[l] / c.demand); pts.push({ level, served: top }); });
    curves.set(key, pts);
  }
  return { curves, demand };
}

function curveOf(cal: FillCalibration | undefined, key: CalibrationKey): CalibrationPoint[] {
  return cal?.curves.get(key) ?? cal?.curves.get('ALL') ?? IDENTITY;
}

/** The fill a part of class `key` planned at model level `level` is expected to serve (linear between the replayed levels; flat above the top). */
export function servedFill(cal: FillCalibration | undefined, key: CalibrationKey, level: number): number {
  const c = curveOf(cal, key);
  if (level >= c[c.length - 1].level) return c[c.length - 1].served;
  let i = 1;
  while (c[i].level < level) i++;
  const a = c[i - 1];
  const b = c[i];
  return a.served + ((level - a.level) / (b.level - a.level)) * (b.served - a.served);
}

/**
 * A class that never served the target is planned at the lowest level that
 * served within this much of the most it ever served: where caps bind (dying
 * and new parts) the curve is flat near the top, and the top level only adds
 * stock that serves nothing more.
 */
export const CALIBRATION_PLATEAU = 0.005;

/**
 * The model level a part of class `key` is planned at so that the class serves
 * `target`: the lowest level whose served fill reaches it (linear between the
 * replayed levels); when the class never served it, the lowest level within
 * CALIBRATION_PLATEAU of its best.
 */
export function levelFor(cal: FillCalibration | undefined, key: CalibrationKey, target: number): number {
  const c = curveOf(cal, key);
  for (let i = 1; i < c.length; i++) {
    if (c[i].served >= target) {
      const a = c[i - 1];
      const b = c[i];
      return b.served > a.served ? a.level + ((target - a.served) / (b.served - a.served)) * (b.level - a.level) : b.level;
    }
  }
  const best = c[c.length - 1].served;
  return c.find((pt) => pt.served >= best - CALIBRATION_PLATEAU)!.level;
}

/**
 * A part silent for at least this many months (or never demanded) is a class of its own, QUIET (its demand class with `:QUIET`): its
 * forecast is kept apart in the class correction (forecast-correction.ts) and the fill calibration. Croston's forecast
 * only moves when demand comes, so a part in a long silence keeps the forecast of its last demand: on the carparts months
 * before the replay (months 22–33), demand was 0.45–0.62 of the forecast of intermittent parts silent for 3–11 months against 0.73
 * of those demanded within the last 3 (lumpy 0.33–0.37 against 0.67). Three months: longer than the lead time + review
 * (2 months) a plan covers, so the silence is no longer just the wait between orders.
 */
export const QUIET_AFTER_MONTHS = 3;
export const QUIET_SUFFIX = ':QUIET';

/** The calibration class of a demand model: its demand class, or DECLINING for a dying part (TSB); `:QUIET` after QUIET_AFTER_MONTHS silent months. */
export function calibrationKey(model: { demandClass: string; forecast: { method: string }; stats: { monthsSinceLastDemand: number } }): CalibrationKey {
  const base = model.forecast.method === 'TSB' ? 'DECLINING' : model.demandClass;
  return model.stats.monthsSinceLastDemand >= QUIET_AFTER_MONTHS ? base + QUIET_SUFFIX : base;
}
