/**
 * Bin allocation (货位分配): which bins a quantity of one part is taken from.
 * Every place that draws stock — issues to requisitions and counter sales,
 * depot reservations, surplus reservations, transfer holds — picks its bins
 * here, so they agree: the part's default bin first, then the bins with the
 * most available, ties by bin id (the order the levels were locked in); a bin
 * with nothing available is skipped. Pure: the caller locks and reads the
 * levels, and writes what this decides.
 */

export interface BinStock {
  binId: string;
  /** on hand less reserved, at most 3 decimals */
  available: number;
  /** the part's default bin in its warehouse */
  isDefault?: boolean;
}

export interface BinTake {
  binId: string;
  quantity: number;
}

export interface BinAllocation {
  allocations: BinTake[];
  /** what the bins could not cover (0 when the whole quantity is allocated) */
  shortfall: number;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** The order bins are drawn from: default first, then most available, then bin id. */
export function drawOrder(a: BinStock, b: BinStock): number {
  return Number(!!b.isDefault) - Number(!!a.isDefault) || b.available - a.available || (a.binId < b.binId ? -1 : a.binId > b.binId ? 1 : 0);
}

/** Takes `quantity` from `bins` in draw order, as much of each as it has, until the quantity is covered. */
export function allocateBins(bins: readonly BinStock[], quantity: number): BinAllocation {
  let want = quantity;
  const allocations: BinTake[] = [];
  for (const bin of [...bins].sort(drawOrder)) {
    if (want <= 0) break;
    const take = round3(Math.min(want, bin.available));
    if (take <= 0) continue;
    allocations.push({ binId: bin.binId, quantity: take });
    want = round3(want - take);
  }
  return { allocations, shortfall: Math.max(0, round3(want)) };
}
