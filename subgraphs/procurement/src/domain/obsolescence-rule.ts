/**
 * The obsolescence thresholds (呆滞判定) from a station's own past, ONLY from
 * the months before the origin.
 *
 * Spare parts come back after long silences. A threshold is too short when
 * the parts it would have called obsolete still carried demand: every month
 * before the origin where a part was demanded again after a silence of at
 * least OBSOLETE_AFTER_MONTHS counts as a comeback, with the silence measured
 * in the part's own intervals between demands (or in months, for a part used
 * once before). For each threshold the comebacks it would have missed carry a
 * share of all the units demanded in those months; the rule takes the
 * shortest threshold whose share is at most OBSOLETE_MAX_DEMAND_SHARE.
 *
 * OBSOLETE_MAX_DEMAND_SHARE is set from the targets, not from data: the
 * highest fill target (98 %) leaves 2 % of demand to be short, and the rule
 * may take at most a tenth of that (0.2 %).
 *
 * Pure: histories in, a rule out.
 */
import { OBSOLETE_AFTER_MONTHS, type ObsolescenceRule } from './forecast';

/** Units of the months before the origin that the parts a threshold calls obsolete may carry (a tenth of the 2 % a 98 % target leaves short). */
export const OBSOLETE_MAX_DEMAND_SHARE = 0.002;
/** Thresholds tried, in the part's intervals between demands. */
export const OBSOLETE_INTERVAL_GRID = [3, 4, 5, 6, 7, 8, 10, 12, 16, 24] as const;
/** Thresholds tried for a part used once, in silent months. */
export const SINGLE_DEMAND_MONTH_GRID = [12, 18, 24, 30, 36, 48] as const;

export interface ObsolescenceEvidence {
  rule: ObsolescenceRule;
  /** Units demanded in the months before the origin. */
  demand: number;
  /** Units of the comebacks each threshold would have missed. */
  missedByIntervals: Map<number, number>;
  missedBySingleDemandMonths: Map<number, number>;
}

/** `histories`: dense monthly demand, oldest first; only months [0, origin) are read. */
export function deriveObsolescence(histories: Iterable<readonly number[]>, origin: number): ObsolescenceEvidence {
  const comebacks: [number, number][] = []; // [silence in intervals, units]
  const singles: [number, number][] = []; // [silent months, units]
  let demand = 0;
  for (const h of histories) {
    let first = -1;
    let last = -1;
    let count = 0;
    const end = Math.min(origin, h.length);
    for (let m = 0; m < end; m++) {
      const d = h[m];
      if (!(d > 0)) continue;
      demand += d;
      if (count >= 1) {
        const silence = m - 1 - last;
        if (silence >= OBSOLETE_AFTER_MONTHS) {
          if (count === 1) singles.push([silence, d]);
          else comebacks.push([silence / ((m - first - 1 - silence) / (count - 1)), d]); // demandGap at month m
        }
      }
      if (first < 0) first = m;
      last = m;
      count++;
    }
  }
  const missed = (events: [number, number][], grid: readonly number[]) =>
    new Map(grid.map((t) => [t, events.reduce((a, [x, d]) => (x >= t ? a + d : a), 0)]));
  const missedByIntervals = missed(comebacks, OBSOLETE_INTERVAL_GRID);
  const missedBySingleDemandMonths = missed(singles, SINGLE_DEMAND_MONTH_GRID);
  const pick = (grid: readonly number[], m: Map<number, number>) =>
    grid.find((t) => m.get(t)! <= OBSOLETE_MAX_DEMAND_SHARE * demand) ?? grid[grid.length - 1];
  return {
    rule: { intervals: pick(OBSOLETE_INTERVAL_GRID, missedByIntervals), singleDemandMonths: pick(SINGLE_DEMAND_MONTH_GRID, missedBySingleDemandMonths) },
    demand, missedByIntervals, missedBySingleDemandMonths,
  };
}
