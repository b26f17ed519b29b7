/**
 * Demand classification (需求分类) of one part at one station from its monthly
 * history, after Syntetos–Boylan–Croston: the average demand interval (ADI)
 * and the squared coefficient of variation of the non-zero demand sizes (CV²),
 * cut at 1.32 and 0.49.
 *
 *              CV² < 0.49      CV² ≥ 0.49
 *  ADI < 1.32  SMOOTH 平稳型    ERRATIC 波动型
 *  ADI ≥ 1.32  INTERMITTENT 间断型  LUMPY 块状型
 *
 * The window starts at the part's first demand (months before a part was ever
 * used say nothing about its interval). Fewer than MIN_HISTORY_MONTHS months
 * since the first demand, or no demand at all, is NEW (新件/数据不足): too
 * little to measure ADI and CV², handled by the conservative rule in
 * forecast.ts.
 */
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { max } = Math;


export type DemandClass = 'SMOOTH' | 'ERRATIC' | 'INTERMITTENT' | 'LUMPY' | 'NEW';

export const ADI_CUTOFF = 1.32;
export const CV2_CUTOFF = 0.49;
export const MIN_HISTORY_MONTHS = 6;

export const DEMAND_CLASS_ZH: Record<DemandClass, string> = {
  SMOOTH: '平稳型',
  ERRATIC: '波动型',
  INTERMITTENT: '间断型',
  LUMPY: '块状型',
  NEW: '新件/数据不足',
};

export interface DemandStats {
  /** Months from the first demand to the end of the history (0 when never demanded). */
  windowMonths: number;
  /** Months with demand > 0. */
  demandMonths: number;
  adi: number;
  cv2: number;
  /** Mean demand per month over the window, zeros included. */
  meanPerMonth: number;
  /** Months since the last demand (0 = demand in the last month); equal to the history length when never demanded. */
  monthsSinceLastDemand: number;
}

/** ADI, CV² and friends; `history` is dense monthly demand, oldest first, ending with the last complete month. */
export function demandStats(history: readonly number[]): DemandStats {
  let first = -1;
  let last = -1;
  let k = 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < history.length; i++) {
    const d = history[i];
    if (d > 0) {
      if (first < 0) first = i;
      last = i;
      k++;
      sum += d;
      sumSq += d * d;
    }
  }
  if (k === 0) {
    return { windowMonths: 0, demandMonths: 0, adi: Infinity, cv2: 0, meanPerMonth: 0, monthsSinceLastDemand: history.length };
  }
  const windowMonths = history.length - first;
  const sizeMean = sum / k;
  const sizeVar = max(0, sumSq / k - sizeMean * sizeMean);
  return {
    windowMonths,
    demandMonths: k,
    adi: windowMonths / k,
    cv2: k > 1 ? sizeVar / (sizeMean * sizeMean) : 0,
    meanPerMonth: sum / windowMonths,
    monthsSinceLastDemand: history.length - 1 - last,
  };
}

export function classify(stats: DemandStats): DemandClass {
  if (stats.demandMonths === 0 || stats.windowMonths < MIN_HISTORY_MONTHS) return 'NEW';
  const frequent = stats.adi < ADI_CUTOFF;
  const variable = stats.cv2 >= CV2_CUTOFF;
  if (frequent) return variable ? 'ERRATIC' : 'SMOOTH';
  return variable ? 'LUMPY' : 'INTERMITTENT';
}

export function classifyDemand(history: readonly number[]): { demandClass: DemandClass; stats: DemandStats } {
  const stats = demandStats(history);
  return { demandClass: classify(stats), stats };
}
