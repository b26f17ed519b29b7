/**
 * The order-up-to level for a target FILL RATE (满足率: the share of demanded
 * units served from stock), periodic review with backorders.
 *
 * At each review the inventory position is raised to S (rounded up to whole
 * packs / the MOQ, so after ordering it lies in [S, S + lot)). The order
 * arrives after the lead time L and must carry the station until the next
 * order arrives, L + R after the review. Units short in that cycle:
 *
 *   ESC(y) = E[(D_{L+R} − y)⁺] − E[(D_L − y)⁺]
 *
 * (the second term removes shortage already counted in the previous cycle),
 * averaged over the position y uniform in [S, S + lot). Fill rate:
 *
 *   β(S) = 1 − ESC / E[D_R]   — solved for the smallest S with β(S) ≥ target,
 *
 * i.e. expected shortage per cycle = (1 − target) × demand per review period.
 * This is the fill-rate ("P2") safety stock, not a z-score on the
 * probability of no stock-out.
 */
import type { DemandDistribution } from './demand-distribution';
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { ceil, floor, log10, max, min, round, sqrt } = Math;


export interface FillRateProblem {
  /** Demand over the lead time. */
  leadTime: DemandDistribution;
  /** Demand over lead time + review period. */
  protection: DemandDistribution;
  /** Expected demand per review period (> 0). */
  reviewDemand: number;
  targetFillRate: number;
  /** Smallest order step in units (pack size, or the MOQ when larger): the position after ordering spreads over it. */
  lot: number;
  /** Quantity grid, 10^-unitPrecision. */
  step: number;
}

/** Fill rate the model expects at order-up-to level S. */
export function expectedFillRate(p: FillRateProblem, S: number): number {
  if (p.reviewDemand <= 1e-12) return 1;
  const width = max(p.lot, 0);
  const esc = max(0, p.protection.averageLoss(S, width) - p.leadTime.averageLoss(S, width));
  return max(0, min(1, 1 - esc / p.reviewDemand));
}

/** The smallest S ≥ 0 on the quantity grid whose expected fill rate meets the target (binary search; β is non-decreasing in S). */
export function solveOrderUpTo(p: FillRateProblem, atLeast = 0): { orderUpTo: number; fillRate: number } {
  if (p.reviewDemand <= 1e-12 || p.protection.mean <= 1e-12) return { orderUpTo: 0, fillRate: 1 };
  const step = p.step;
  if (expectedFillRate(p, 0) >= p.targetFillRate) return { orderUpTo: 0, fillRate: expectedFillRate(p, 0) };
  const sd = sqrt(p.protection.variance);
  let hi = ceil((p.protection.mean + 10 * sd + 10 * step) / step);
  while (expectedFillRate(p, hi * step) < p.targetFillRate && hi < 1e9) hi *= 2;
  // A known lower bound (the S of a lower fill level) narrows the search: β(lo) < target ≤ β(hi).
  let lo = atLeast > 0 && atLeast < hi * step && expectedFillRate(p, atLeast) < p.targetFillRate ? floor(atLeast / step) : 0;
  while (hi - lo > 1) {
    const mid = floor((lo + hi) / 2);
    if (expectedFillRate(p, mid * step) >= p.targetFillRate) hi = mid;
    else lo = mid;
  }
  const S = roundToStep(hi * step, step);
  return { orderUpTo: S, fillRate: expectedFillRate(p, S) };
}

export function roundToStep(value: number, step: number): number {
  const decimals = max(0, round(-log10(step)));
  return Number((round(value / step) * step).toFixed(decimals));
}

/** Rounds up to the quantity grid (tolerating float noise). */
export function ceilToStep(value: number, step: number): number {
  return roundToStep(ceil(value / step - 1e-9) * step, step);
}
