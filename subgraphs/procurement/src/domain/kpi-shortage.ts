/**
 * Top shortage parts (缺件排行): the parts a station most often could not
 * serve in a period — shortages opened (requisition and counter shortfalls,
 * out of stock, below reorder point) plus lost sales and emergency purchases
 * captured at the counter. Ranked by misses (occurrences), then by units.
 *
 * Pure: no I/O, no clock.
 */

export interface ShortageFact {
  partId: string;
  kind: string;
  quantity: number;
}

export interface CounterMissFact {
  partId: string;
  lost: number;
  emergency: number;
}

export interface TopShortagePart {
  partId: string;
  misses: number;
  shortages: number;
  shortageQuantity: number;
  lostSales: number;
  lostQuantity: number;
  emergencyPurchases: number;
  emergencyQuantity: number;
}

const q3 = (n: number) => Math.round(n * 1000) / 1000;

export function topShortageParts(shortages: readonly ShortageFact[], misses: readonly CounterMissFact[], limit = 20): TopShortagePart[] {
  const by = new Map<string, TopShortagePart>();
  const get = (partId: string) => {
    let t = by.get(partId);
    if (!t) by.set(partId, (t = { partId, misses: 0, shortages: 0, shortageQuantity: 0, lostSales: 0, lostQuantity: 0, emergencyPurchases: 0, emergencyQuantity: 0 }));
    return t;
  };
  for (const s of shortages) {
    const t = get(s.partId);
    t.shortages++;
    t.shortageQuantity = q3(t.shortageQuantity + Math.max(0, s.quantity));
  }
  for (const m of misses) {
    if (m.lost <= 0 && m.emergency <= 0) continue;
    const t = get(m.partId);
    if (m.lost > 0) { t.lostSales++; t.lostQuantity = q3(t.lostQuantity + m.lost); }
    if (m.emergency > 0) { t.emergencyPurchases++; t.emergencyQuantity = q3(t.emergencyQuantity + m.emergency); }
  }
  for (const t of by.values()) t.misses = t.shortages + t.lostSales + t.emergencyPurchases;
  const units = (t: TopShortagePart) => t.shortageQuantity + t.lostQuantity + t.emergencyQuantity;
  return [...by.values()]
    .sort((a, b) => b.misses - a.misses || units(b) - units(a) || a.partId.localeCompare(b.partId))
    .slice(0, Math.max(0, limit));
}
