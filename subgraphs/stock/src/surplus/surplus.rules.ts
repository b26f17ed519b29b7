import { round3 } from '../../../shared/src';
/**
 * Pure rules of the surplus exchange (积压备件调剂): when a part's stock at a
 * station is surplus, how much of it, and the money arithmetic of listings
 * and swaps. No I/O; time is passed in.
 */

/** A station's thresholds (stock.surplus_policy); DEFAULT_SURPLUS_POLICY when it has set none. */
export interface SurplusPolicyValues {
  /** Stock covering more months than this at the recent demand rate is excess. */
  minMonthsOfCover: number;
  /** Stock with no issue for this many months is dormant (and all of it beyond the cover is surplus). */
  noIssueMonths: number;
  /** How many months of ledger history make "the recent demand rate". */
  demandWindowMonths: number;
}

export const DEFAULT_SURPLUS_POLICY: SurplusPolicyValues = { minMonthsOfCover: 6, noIssueMonths: 6, demandWindowMonths: 12 };

export type SurplusReason = 'NO_ISSUE' | 'EXCESS_COVER';

/**
 * Every reason a candidate's `reasons` (ExplanationItem { reason, params }) can
 * carry, in the order they appear: why it is surplus, how much, what stands
 * in the way of listing it. The console translates each
 * (console/src/locales/explanations.ts; a test checks).
 */
export const SURPLUS_EXPLANATION_REASONS = [
  'SURPLUS_NEVER_ISSUED',
  'SURPLUS_NO_ISSUE',
  'SURPLUS_EXCESS_COVER',
  'SURPLUS_KEEP',
  'SURPLUS_ALREADY_LISTED',
  'SURPLUS_RESERVED',
] as const;
export type SurplusExplanationReason = (typeof SURPLUS_EXPLANATION_REASONS)[number];
export interface SurplusExplanationItem { reason: SurplusExplanationReason; params: Record<string, string | number | boolean | null> }

/** What the ledger and the levels say about one part at one station. */
export interface PartPosition {
  onHand: number;
  available: number;
  /** Net issued (ISSUE − RETURN) within the demand window. */
  issuedInWindow: number;
  lastIssueAt: Date | null;
  /** Last stock coming in (receipt, transfer in). */
  lastReceiptAt: Date | null;
  /** Already on the exchange board (reserved by the station's own listings). */
  listed?: number;
}

export interface SurplusJudgement {
  reason: SurplusReason;
  explanation: string;
  monthlyDemand: number;
  /** null: no demand in the window (cover is unbounded). */
  monthsOfCover: number | null;
  /** Months since the last issue or receipt; null when the ledger has neither. */
  ageMonths: number | null;
  /** What the station keeps: minMonthsOfCover × monthlyDemand, rounded up to the unit. */
  keepQuantity: number;
  /** On hand beyond what the station keeps. */
  excessQuantity: number;
  /** What can be listed now: the excess not listed already, within what is not reserved. */
  listableQuantity: number;
  /** The judgement as reasons + params for a client to translate (API.md: SurplusCandidate.reasons). */
  reasons: SurplusExplanationItem[];
}

const MS_PER_MONTH = (365.25 / 12) * 24 * 3600 * 1000;

/** Months (one decimal) from `from` to `now`. */
export function monthsBetween(from: Date, now: Date): number {
  return Math.max(0, Math.round(((now.getTime() - from.getTime()) / MS_PER_MONTH) * 10) / 10);
}

const roundDown = (n: number, precision: number) => Math.floor(n * 10 ** precision + 1e-9) / 10 ** precision;
const roundUp = (n: number, precision: number) => Math.ceil(n * 10 ** precision - 1e-9) / 10 ** precision;

/**
 * Is this stock surplus, and why? Stock is surplus when it covers more than
 * `minMonthsOfCover` months at the recent rate (EXCESS_COVER), or when the part
 * has not been issued for `noIssueMonths` (NO_ISSUE — takes precedence as the
 * reason). Stock that came in within `noIssueMonths` and has no demand yet is
 * too new to judge (a part bought for a pending job is not surplus).
 */
export function judgeSurplus(p: PartPosition, policy: SurplusPolicyValues, now: Date, unitPrecision = 0): SurplusJudgement | null {
  if (p.onHand <= 0) return null;
  const precision = Math.min(Math.max(unitPrecision, 0), 3);
  const monthlyDemand = Math.max(0, p.issuedInWindow) / policy.demandWindowMonths;
  const monthsOfCover = monthlyDemand > 0 ? Math.round((p.onHand / monthlyDemand) * 10) / 10 : null;
  const last = [p.lastIssueAt, p.lastReceiptAt].filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  const ageMonths = last ? monthsBetween(last, now) : null;
  const receivedRecently = p.lastReceiptAt !== null && monthsBetween(p.lastReceiptAt, now) < policy.noIssueMonths;
  const noIssue = (p.lastIssueAt === null || monthsBetween(p.lastIssueAt, now) >= policy.noIssueMonths) && !receivedRecently;
  const excessCover = monthlyDemand > 0 && p.onHand / monthlyDemand > policy.minMonthsOfCover;
  if (!noIssue && !excessCover) return null;
  const keepQuantity = Math.min(p.onHand, roundUp(policy.minMonthsOfCover * monthlyDemand, precision));
  const excessQuantity = round3(p.onHand - keepQuantity);
  if (excessQuantity <= 0) return null;
  const why = noIssue
    ? `${p.lastIssueAt ? `No issue for ${monthsBetween(p.lastIssueAt, now)} months` : 'Never issued'} (threshold ${policy.noIssueMonths})`
    : `${monthsOfCover} months of cover at ${round3(monthlyDemand)} a month (threshold ${policy.minMonthsOfCover})`;
  const listableQuantity = round3(roundDown(Math.max(0, Math.min(excessQuantity - (p.listed ?? 0), p.available)), precision));
  const reasons: SurplusExplanationItem[] = [];
  const window = { windowMonths: policy.demandWindowMonths };
  if (noIssue && p.lastIssueAt === null) reasons.push({ reason: 'SURPLUS_NEVER_ISSUED', params: { thresholdMonths: policy.noIssueMonths, ageMonths } });
  else if (noIssue) reasons.push({ reason: 'SURPLUS_NO_ISSUE', params: { monthsSinceLastIssue: monthsBetween(p.lastIssueAt!, now), thresholdMonths: policy.noIssueMonths } });
  if (excessCover) reasons.push({ reason: 'SURPLUS_EXCESS_COVER', params: { monthsOfCover, monthlyDemand: round3(monthlyDemand), thresholdMonths: policy.minMonthsOfCover, ...window } });
  reasons.push({ reason: 'SURPLUS_KEEP', params: { onHand: round3(p.onHand), keepQuantity: round3(keepQuantity), excessQuantity, coverMonths: policy.minMonthsOfCover, monthlyDemand: round3(monthlyDemand), ...window } });
  if ((p.listed ?? 0) > 0) reasons.push({ reason: 'SURPLUS_ALREADY_LISTED', params: { listed: round3(p.listed ?? 0), listableQuantity } });
  const reserved = round3(p.onHand - p.available);
  if (reserved > 0 && p.available < excessQuantity - (p.listed ?? 0)) reasons.push({ reason: 'SURPLUS_RESERVED', params: { reserved, available: round3(p.available), listableQuantity } });
  return {
    reasons,
    explanation: `${why}; ${p.onHand} on hand, keep ${round3(keepQuantity)}, ${excessQuantity} excess.`,
    reason: noIssue ? 'NO_ISSUE' : 'EXCESS_COVER',
    monthlyDemand: round3(monthlyDemand),
    monthsOfCover,
    ageMonths,
    keepQuantity: round3(keepQuantity),
    excessQuantity,
    listableQuantity,
  };
}

/** Checks thresholds a manager sets; returns field messages (empty when valid). */
export function policyProblems(p: SurplusPolicyValues): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Number.isFinite(p.minMonthsOfCover) || p.minMonthsOfCover <= 0 || p.minMonthsOfCover > 120) out.minMonthsOfCover = 'must be more than 0 and at most 120 months';
  if (!Number.isInteger(p.noIssueMonths) || p.noIssueMonths < 1 || p.noIssueMonths > 120) out.noIssueMonths = 'must be a whole number of months from 1 to 120';
  if (!Number.isInteger(p.demandWindowMonths) || p.demandWindowMonths < 1 || p.demandWindowMonths > 36) out.demandWindowMonths = 'must be a whole number of months from 1 to 36';
  return out;
}
