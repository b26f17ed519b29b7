/**
 * The structured explanation of a recommended reorder (API.md: `explanationItems`,
 * ExplanationItem { reason, params }): what a client translates — the console's
 * texts are in console/src/locales/explanations.ts, one line per reason and
 * language, `{{param}}` interpolation.
 *
 * Order: plain words for a purchaser first — the decision (order or not, how
 * much), why this level, what history it rests on, what would change it —
 * then the statistics, every reason starting `REORDER_STAT_`, which a client
 * folds away below the plain words.
 *
 * The values a station learnt from its own past (station-rules.ts) ride on
 * the items they decided: `forecastFactor` and `levelErrorWeight` on
 * REORDER_LEVEL_FOR_FILL and REORDER_STAT_METHOD (`perMonth` is the corrected
 * forecast), the thresholds on REORDER_OBSOLETE(_SINGLE_DEMAND) and
 * REORDER_CHANGE_OBSOLETE_IN, each with `learntFromMonths`; without them the
 * defaults were used. A part silent for QUIET_AFTER_MONTHS months or more has
 * its factor learnt among the class's parts as silent (fill-calibration.ts,
 * calibrationKey): REORDER_QUIET_FACTOR says so.
 *
 * Params are plain numbers (rounded: quantities and months to 2 decimals,
 * fill rates as percent with 1) and short codes; `unit` is the part's unit.
 *
 * Pure.
 */
import { ADI_CUTOFF, CV2_CUTOFF, MIN_HISTORY_MONTHS, type DemandStats } from './demand-classification';
import { demandGap, NEW_PART_PRIOR_MONTHS, OBSOLETE_AFTER_MONTHS, type Forecast } from './forecast';
import { QUIET_AFTER_MONTHS } from './fill-calibration';

export interface ExplanationItem {
  reason: string;
  params: Record<string, string | number | boolean | null>;
}

/** Every reason the reorder explanation can carry (the console must translate each; a test checks). */
export const REORDER_EXPLANATION_REASONS = [
  // the decision
  'REORDER_ORDER_NOW',
  'REORDER_TAKE_SURPLUS_FIRST',
  'REORDER_SURPLUS_UNKNOWN',
  'REORDER_ROUNDED_TO_PACKS',
  'REORDER_NO_ORDER_NEEDED',
  // why this level
  'REORDER_LEVEL_FOR_FILL',
  'REORDER_STATION_ALLOCATION',
  'REORDER_NOT_STOCKED_FOR_STATION',
  'REORDER_CAPPED_BY_COVER',
  'REORDER_CAPPED_NEW_PART',
  'REORDER_OBSOLETE',
  'REORDER_OBSOLETE_SINGLE_DEMAND',
  'REORDER_NO_HISTORY',
  // the history it rests on
  'REORDER_HISTORY',
  'REORDER_NEW_PART',
  'REORDER_DECLINING',
  'REORDER_QUIET_FACTOR',
  'REORDER_SEASONAL',
  // what would change it
  'REORDER_CHANGE_OBSOLETE_IN',
  'REORDER_CHANGE_REGULAR_IN',
  'REORDER_CHANGE_DRIVERS',
  // added by the service
  'REORDER_DEFAULT_LEAD_TIME',
  'REORDER_STOCK_FROM_PROJECTION',
  // statistics, folded below
  'REORDER_STAT_CLASS',
  'REORDER_STAT_METHOD',
  'REORDER_STAT_TREND',
  'REORDER_STAT_SEASONALITY',
  'REORDER_STAT_DISTRIBUTION',
  'REORDER_STAT_POSITION',
] as const;

export type ReorderExplanationReason = (typeof REORDER_EXPLANATION_REASONS)[number];

const r2 = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null);
const pct = (x: number) => Math.round(x * 1000) / 10;

export const item = (reason: ReorderExplanationReason, params: ExplanationItem['params'] = {}): ExplanationItem => ({ reason, params });

export interface ExplainFacts {
  unit: string;
  stats: DemandStats;
  forecast: Forecast;
  demandClass: string;
  historyMonths: number;
  totalDemand: number;
  targetFillRate: number;
  partFillRate: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  seasonalIndex: number;
  distribution: string;
  leadTimeDemand: number;
  protectionDemand: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  modelFillRate: number;
  /** The cap that bound and the level the fill level asked for, when one did. */
  capped: { reason: 'COVER_CAP' | 'NEW_PART_CAP'; cap: number; wanted: number; maxCoverMonths: number; multiple: number } | null;
  position: { onHand: number; available: number; inTransit: number; onOrder: number; backorders: number };
  inventoryPosition: number;
  netRequirement: number;
  fromNetworkSurplus: number;
  networkSurplus: number;
  networkSurplusKnown: boolean;
  suggestedQuantity: number;
  packSize: number;
  minOrderQty: number;
  /** The class correction planned with (factor on the forecast level, weight of the level error). */
  correction: { level: number; levelErrorWeight: number };
  /** Months of the station's own forecasts the correction and the obsolescence thresholds were learnt from; null: defaults. */
  learntFromMonths: number | null;
}

export function explanationItems(f: ExplainFacts): ExplanationItem[] {
  const unit = f.unit;
  const s = f.stats;
  const fc = f.forecast;
  const out: ExplanationItem[] = [];

  // 1. The decision.
  if (f.netRequirement <= 0) {
    out.push(item('REORDER_NO_ORDER_NEEDED', { position: r2(f.inventoryPosition), orderUpTo: r2(f.orderUpTo), unit }));
  } else {
    if (f.fromNetworkSurplus > 0) out.push(item('REORDER_TAKE_SURPLUS_FIRST', { quantity: r2(f.fromNetworkSurplus), offered: r2(f.networkSurplus), unit }));
    if (!f.networkSurplusKnown) out.push(item('REORDER_SURPLUS_UNKNOWN'));
    if (f.suggestedQuantity > 0) {
      out.push(item('REORDER_ORDER_NOW', { quantity: r2(f.suggestedQuantity), position: r2(f.inventoryPosition), orderUpTo: r2(f.orderUpTo), unit }));
      if (f.suggestedQuantity > f.netRequirement - f.fromNetworkSurplus + 1e-9) out.push(item('REORDER_ROUNDED_TO_PACKS', { packSize: r2(f.packSize), minOrderQty: r2(f.minOrderQty), unit }));
    }
  }

  // 2. Why this level.
  // What the level is planned with: the forecast × the class's learnt factor (× the season).
  const perMonth = fc.level * f.correction.level * f.seasonalIndex;
  // The learnt values, named wherever they decided (absent when the defaults were used).
  const learnt: ExplanationItem['params'] = f.learntFromMonths === null ? {} : { learntFromMonths: f.learntFromMonths };
  const corrected: ExplanationItem['params'] = f.learntFromMonths === null ? {} : { ...learnt, forecastFactor: r2(f.correction.level), levelErrorWeight: r2(f.correction.levelErrorWeight) };
  if (s.demandMonths === 0) {
    out.push(item('REORDER_NO_HISTORY', { months: f.historyMonths }));
  } else if (fc.obsolete) {
    const gap = demandGap(s);
    if (gap === null) out.push(item('REORDER_OBSOLETE_SINGLE_DEMAND', { monthsSinceLastDemand: s.monthsSinceLastDemand, thresholdMonths: fc.obsolescence.singleDemandMonths, ...learnt }));
    else out.push(item('REORDER_OBSOLETE', { monthsSinceLastDemand: s.monthsSinceLastDemand, gapMonths: r2(gap), intervals: fc.obsolescence.intervals, minMonths: OBSOLETE_AFTER_MONTHS, ...learnt }));
  } else if (f.orderUpTo > 0) {
    out.push(item('REORDER_LEVEL_FOR_FILL', {
      orderUpTo: r2(f.orderUpTo), unit, fillRate: pct(f.partFillRate), perMonth: r2(perMonth),
      coverMonths: perMonth > 0 ? r2(f.orderUpTo / perMonth) : null, leadTimeDays: f.leadTimeDays, reviewPeriodDays: f.reviewPeriodDays, ...corrected,
    }));
    if (Math.abs(f.partFillRate - f.targetFillRate) > 1e-9) out.push(item('REORDER_STATION_ALLOCATION', { target: pct(f.targetFillRate), partFillRate: pct(f.partFillRate) }));
  } else if (f.protectionDemand > 0) {
    out.push(item('REORDER_NOT_STOCKED_FOR_STATION', { target: pct(f.targetFillRate), partFillRate: pct(f.partFillRate) }));
  }
  if (f.capped?.reason === 'COVER_CAP') out.push(item('REORDER_CAPPED_BY_COVER', { cap: r2(f.capped.cap), wanted: r2(f.capped.wanted), maxCoverMonths: f.capped.maxCoverMonths, perMonth: r2(perMonth), unit }));
  if (f.capped?.reason === 'NEW_PART_CAP') out.push(item('REORDER_CAPPED_NEW_PART', { cap: r2(f.capped.cap), wanted: r2(f.capped.wanted), multiple: f.capped.multiple, used: r2(f.totalDemand), unit }));

  // 3. The history it rests on.
  if (s.demandMonths > 0) {
    out.push(item('REORDER_HISTORY', { demandMonths: s.demandMonths, windowMonths: s.windowMonths, totalDemand: r2(f.totalDemand), monthsSinceLastDemand: s.monthsSinceLastDemand, unit }));
    if (f.demandClass === 'NEW') out.push(item('REORDER_NEW_PART', { windowMonths: s.windowMonths, priorMonths: NEW_PART_PRIOR_MONTHS, used: r2(f.totalDemand), perMonth: r2(fc.level), unit }));
    if (fc.method === 'TSB' && !fc.obsolete) out.push(item('REORDER_DECLINING', { monthsSinceLastDemand: s.monthsSinceLastDemand, perMonth: r2(fc.level), unit }));
    if (f.learntFromMonths !== null && !fc.obsolete && s.monthsSinceLastDemand >= QUIET_AFTER_MONTHS) {
      out.push(item('REORDER_QUIET_FACTOR', { monthsSinceLastDemand: s.monthsSinceLastDemand, quietAfterMonths: QUIET_AFTER_MONTHS, forecastFactor: r2(f.correction.level), learntFromMonths: f.learntFromMonths }));
    }
    if (fc.seasonality.seasonal) out.push(item('REORDER_SEASONAL', { index: r2(f.seasonalIndex) }));
  }

  // 4. What would change it.
  if (s.demandMonths > 0 && !fc.obsolete) {
    const gap = demandGap(s);
    const obsoleteAt = gap === null ? fc.obsolescence.singleDemandMonths : Math.max(OBSOLETE_AFTER_MONTHS, Math.ceil(fc.obsolescence.intervals * gap - 1e-9));
    out.push(item('REORDER_CHANGE_OBSOLETE_IN', {
      months: Math.max(1, obsoleteAt - s.monthsSinceLastDemand),
      ...(gap === null ? { thresholdMonths: fc.obsolescence.singleDemandMonths } : { intervals: fc.obsolescence.intervals }), ...learnt,
    }));
    if (f.demandClass === 'NEW') out.push(item('REORDER_CHANGE_REGULAR_IN', { months: Math.max(1, MIN_HISTORY_MONTHS - s.windowMonths) }));
    out.push(item('REORDER_CHANGE_DRIVERS'));
  }

  // 5. Statistics (folded).
  out.push(item('REORDER_STAT_CLASS', { demandClass: f.demandClass, adi: r2(s.adi), cv2: r2(s.cv2), adiCutoff: ADI_CUTOFF, cv2Cutoff: CV2_CUTOFF }));
  out.push(item('REORDER_STAT_METHOD', { method: fc.method, forecastPerMonth: r2(fc.level), alpha: r2(fc.alpha), monthVariance: r2(fc.monthVariance), ...corrected }));
  if (fc.method === 'DAMPED_HOLT') out.push(item('REORDER_STAT_TREND', { z: r2(fc.trendZ) }));
  if (fc.seasonality.seasonal) out.push(item('REORDER_STAT_SEASONALITY', { r12: r2(fc.seasonality.r12), index: r2(f.seasonalIndex) }));
  if (f.orderUpTo > 0 || f.capped) {
    out.push(item('REORDER_STAT_DISTRIBUTION', {
      distribution: f.distribution, leadTimeDemand: r2(f.leadTimeDemand), protectionDemand: r2(f.protectionDemand),
      safetyStock: r2(f.safetyStock), reorderPoint: r2(f.reorderPoint), modelFillRate: pct(f.modelFillRate),
    }));
  }
  const p = f.position;
  out.push(item('REORDER_STAT_POSITION', { onHand: r2(p.onHand), available: r2(p.available), inTransit: r2(p.inTransit), onOrder: r2(p.onOrder), backorders: r2(p.backorders), position: r2(f.inventoryPosition), unit }));
  return out;
}
