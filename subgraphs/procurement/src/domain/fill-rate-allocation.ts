/**
 * Station fill rate at least inventory (系统满足率分配).
 *
 * The fill rate a station is judged by is unit-weighted over all its parts.
 * Holding every part at the same fill rate wastes money: a unit of fill rate
 * costs little on a cheap fast mover and a lot on an expensive lumpy part.
 * The textbook remedy (Sherbrooke's marginal analysis, the Lagrangian
 * relaxation of "min Σ cᵢSᵢ s.t. Σ Dᵢβᵢ(Sᵢ) ≥ β*·ΣDᵢ"): one multiplier θ for
 * the station; each part takes the point of its ladder of candidate levels
 * that maximises θ·Dᵢ·βᵢ(S) − cᵢ·S, and θ is bisected so the station's
 * expected fill rate meets the target. Per-part fill rates then differ (high
 * for cheap fast movers, lower for expensive lumpy parts) while the station
 * meets its target with less money in stock.
 *
 * Pure.
 */
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { max, sqrt } = Math;


/** Fill levels each part is solved for; the allocation picks one per part (or no stock). */
export const FILL_LADDER = [0.3, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.995, 0.999] as const;

export interface LadderPoint {
  fillRate: number;
  orderUpTo: number;
}

export interface AllocationItem {
  /** Expected demand per review period (the weight of the part in the station fill rate). */
  reviewDemand: number;
  unitCost: number;
  /** Candidate points, S ascending (include S = 0 with its fill rate). */
  ladder: LadderPoint[];
  /**
   * The fill each ladder point is ranked by (parallel to `ladder`), when it differs from the fill the station target is
   * met by: e.g. what the part's class really served at that level in the months before (fill-calibration.ts), while
   * the station's total stays on the model's fill. Default: the ladder's own fill.
   */
  rankFill?: readonly number[];
}

export interface Allocation {
  /** Index into each item's ladder. */
  choice: number[];
  /** Expected station fill rate of the choice. */
  fillRate: number;
  theta: number;
}

function choose(items: readonly AllocationItem[], theta: number, choice: number[]): number {
  let served = 0;
  let demand = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    let best = 0;
    let bestScore = -Infinity;
    // A part with no cost still needs a price to rank: one cent per unit.
    const c = max(it.unitCost, 0.01);
    for (let k = 0; k < it.ladder.length; k++) {
      const p = it.ladder[k];
      const score = theta * it.reviewDemand * (it.rankFill ? it.rankFill[k] : p.fillRate) - c * p.orderUpTo;
      if (score > bestScore + 1e-12) { bestScore = score; best = k; }
    }
    choice[i] = best;
    served += it.reviewDemand * it.ladder[best].fillRate;
    demand += it.reviewDemand;
  }
  return demand > 0 ? served / demand : 1;
}

/** The cheapest choice (smallest θ) whose expected station fill rate meets `target`; the best reachable when none does. */
export function allocateFillRates(items: readonly AllocationItem[], target: number): Allocation {
  const choice = new Array<number>(items.length).fill(0);
  if (!items.length) return { choice, fillRate: 1, theta: 0 };
  let hi = 1;
  while (choose(items, hi, choice) < target && hi < 1e15) hi *= 16;
  if (hi >= 1e15) {
    const fillRate = choose(items, hi, choice);
    return { choice, fillRate, theta: hi };
  }
  let lo = 0;
  for (let i = 0; i < 60 && hi / max(lo, 1e-12) > 1.01; i++) { // θ to 1 %: the choices are discrete anyway
    const mid = lo === 0 ? hi / 1024 : sqrt(lo * hi);
    if (choose(items, mid, choice) >= target) hi = mid;
    else lo = mid;
  }
  const fillRate = choose(items, hi, choice);
  return { choice, fillRate, theta: hi };
}
