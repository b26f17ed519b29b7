/**
 * First-time fill rate (一次满足率) of a station's parts counter, from demand
 * lines: every requisition line, counter-sale line and lost-sale record is one
 * line of demand with what was asked for and what happened at that moment.
 *
 *   demand      = issued + shortfall + lost + emergency      (what was wanted)
 *   fill rate   = (demand − emergency − lost − shortfall) ÷ demand
 *               = issued at the first asking ÷ demand
 *
 * counted on units and on lines (a line counts as filled only when all of it
 * was issued at once). An unmet requisition/counter shortfall is a miss at the
 * first asking just like a lost sale or an emergency purchase — counting a
 * backorder as "filled" would let a station that backorders everything look
 * perfect. The reorder engine's "share of demanded units served from stock"
 * (fill-rate.ts) is the same units figure.
 *
 * Pure: no I/O, no clock.
 */

export interface DemandLineFact {
  /** "YYYY-MM" */
  month: string;
  requested: number;
  /** Issued from stock when asked (returns later do not change it). */
  issued: number;
  /** Customer left without it (lost sale). */
  lost: number;
  /** Bought outside the normal supply because stock could not serve it (紧急采购). */
  emergency: number;
  /** How many identical lines this fact stands for (default 1): lets a reader group equal lines. */
  lines?: number;
}

export interface FillRateFigures {
  demandLines: number;
  filledLines: number;
  lostLines: number;
  emergencyLines: number;
  shortfallLines: number;
  demandUnits: number;
  issuedUnits: number;
  lostUnits: number;
  emergencyUnits: number;
  shortfallUnits: number;
  /** null when there was no demand (a chart shows a gap, not 100 %). */
  lineFillRate: number | null;
  unitFillRate: number | null;
}

export interface MonthValue {
  month: string;
  value: number | null;
}

const q3 = (n: number) => Math.round(n * 1000) / 1000;
const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 1e6) / 1e6 : null);

/** What part of a line was not met and why; shortfall is what is left after issue, lost and emergency. */
export function splitLine(l: DemandLineFact): { demand: number; issued: number; lost: number; emergency: number; shortfall: number } {
  const lost = Math.max(0, l.lost);
  const emergency = Math.max(0, l.emergency);
  const issued = Math.max(0, Math.min(l.issued, l.requested));
  const demand = Math.max(l.requested, issued + lost + emergency);
  return { demand, issued, lost, emergency, shortfall: Math.max(0, q3(demand - issued - lost - emergency)) };
}

/** Fill-rate figures over a set of demand lines. */
export function fillRate(lines: readonly DemandLineFact[]): FillRateFigures {
  const f = { demandLines: 0, filledLines: 0, lostLines: 0, emergencyLines: 0, shortfallLines: 0, demandUnits: 0, issuedUnits: 0, lostUnits: 0, emergencyUnits: 0, shortfallUnits: 0 };
  for (const l of lines) {
    const s = splitLine(l);
    const n = l.lines ?? 1;
    if (s.demand <= 0 || n <= 0) continue;
    f.demandLines += n;
    f.demandUnits += s.demand * n;
    f.issuedUnits += s.issued * n;
    f.lostUnits += s.lost * n;
    f.emergencyUnits += s.emergency * n;
    f.shortfallUnits += s.shortfall * n;
    if (s.lost > 0) f.lostLines += n;
    if (s.emergency > 0) f.emergencyLines += n;
    if (s.shortfall > 0) f.shortfallLines += n;
    if (s.issued >= s.demand - 1e-9) f.filledLines += n;
  }
  const units = {
    demandUnits: q3(f.demandUnits), issuedUnits: q3(f.issuedUnits), lostUnits: q3(f.lostUnits),
    emergencyUnits: q3(f.emergencyUnits), shortfallUnits: q3(f.shortfallUnits),
  };
  return {
    ...f,
    ...units,
    lineFillRate: ratio(f.filledLines, f.demandLines),
    // (demand − emergency − lost − shortfall) ÷ demand, on exact thousandths.
    unitFillRate: ratio(q3(units.demandUnits - units.emergencyUnits - units.lostUnits - units.shortfallUnits), units.demandUnits),
  };
}

/** Fill-rate figures per month of `months` (every month present, in the order given). */
export function fillRateByMonth(lines: readonly DemandLineFact[], months: readonly string[]): { month: string; figures: FillRateFigures }[] {
  const byMonth = new Map<string, DemandLineFact[]>(months.map((m) => [m, []]));
  for (const l of lines) byMonth.get(l.month)?.push(l);
  return months.map((month) => ({ month, figures: fillRate(byMonth.get(month)!) }));
}
