/**
 * The rules a station learns from its own past (站内历史校正), at one origin,
 * ONLY from the months before it — the same rules, the same way, as the
 * backtest learns them at each replayed month (reorder-backtest.ts, `plan`):
 *
 * - the obsolescence thresholds (obsolescence-rule.ts) from every part's
 *   months before the origin;
 * - per class, the forecast factor and the level error's weight
 *   (forecast-correction.ts) from the forecasts of the CORRECTION_MONTHS
 *   months before the origin against the demand that followed, on a fixed
 *   sample of at most CALIBRATION_MAX_PARTS parts by id; the model of each of
 *   those months m' reads history[0..m') and judges obsolescence by the
 *   thresholds learnt at m'.
 *
 * The live service learns them at "now" (the origin is the month after the
 * last complete one) and plans with them; a test checks they equal the
 * backtest's at its first replayed month.
 *
 * Pure: histories in, rules out.
 */
import type { ObsolescenceRule } from './forecast';
import { deriveObsolescence } from './obsolescence-rule';
import { demandModel, type DemandModel } from './reorder-recommendation';
import { CORRECTION_MONTHS, classCorrections, type ClassCorrections, type ForecastOutcome } from './forecast-correction';
import { CALIBRATION_MAX_PARTS, pastOutcomes } from './reorder-backtest';
import { hashId, type SimPart } from './reorder-simulation';

/** What learning reads of a part: its id (the sample), dense monthly demand oldest first, its first calendar month and unit precision. */
export type RulePart = Pick<SimPart, 'id' | 'history' | 'firstCalendarMonth' | 'unitPrecision'>;

export interface StationRules {
  /** The month index (into the histories) the rules were learnt at: only months before it were read. */
  origin: number;
  obsolescence: ObsolescenceRule;
  corrections: ClassCorrections;
  /** Parts whose forecasts were compared (the sample), and months compared. */
  sampledParts: number;
  correctionMonths: number;
}

/** The fixed sample of a station's parts the corrections replay (the backtest's: by id hash, at most CALIBRATION_MAX_PARTS). */
export function ruleSample<T extends { id: string }>(parts: readonly T[]): T[] {
  return parts.length <= CALIBRATION_MAX_PARTS ? [...parts] : [...parts].sort((a, b) => hashId(a.id) - hashId(b.id)).slice(0, CALIBRATION_MAX_PARTS);
}

export function learnStationRules(parts: readonly RulePart[], origin: number): StationRules {
  const histories = parts.map((p) => p.history);
  const rules = new Map<number, ObsolescenceRule>();
  const ruleAt = (m: number) => {
    let r = rules.get(m);
    if (!r) rules.set(m, (r = deriveObsolescence(histories, m).rule));
    return r;
  };
  const sample = ruleSample(parts);
  const outcomes: ForecastOutcome[] = [];
  for (const part of sample) {
    const modelAt = (mm: number): DemandModel => demandModel(part.history.slice(0, mm), part.firstCalendarMonth, ruleAt(mm));
    outcomes.push(...pastOutcomes(part, origin, modelAt));
  }
  return {
    origin,
    obsolescence: ruleAt(origin),
    corrections: classCorrections(outcomes),
    sampledParts: sample.length,
    correctionMonths: Math.min(CORRECTION_MONTHS, Math.max(0, origin - 1)),
  };
}
