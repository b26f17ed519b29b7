/**
 * Inventory KPIs of a station (库存周转 / 库龄 / 呆滞): inventory value and
 * its month-end history, stock turns, age buckets by months without an
 * issue, and obsolescence candidates.
 *
 * Money is exact: amounts travel as strings ("128.50") and are summed in
 * cents. Values are at the current internal price (the catalog keeps no
 * price history), so the month-end inventory values are rebuilt from today's
 * value by walking the ledger's net movement value backwards.
 *
 * Pure: no I/O, no clock (`asOf` is passed in).
 */
import { formatCents, toCents as centsOf } from '../../../shared/src/money';

export const AGE_BUCKETS = [
  { label: '0-3', fromMonths: 0, toMonths: 3 },
  { label: '3-6', fromMonths: 3, toMonths: 6 },
  { label: '6-12', fromMonths: 6, toMonths: 12 },
  { label: '>12', fromMonths: 12, toMonths: null },
] as const;

/** No issue and no demand for this many months: an obsolescence (呆滞) candidate; the forecast's OBSOLETE_AFTER_MONTHS is the same 12. */
export const OBSOLETE_MONTHS = 12;

const MS_PER_MONTH = (365.25 / 12) * 24 * 3600 * 1000;

/** Report sums are plain numbers of cents (exact below 2^53); parsing and printing are the money module's. */
const toCents = (money: string | null | undefined): number => Number(centsOf(money));
const fromCents = (cents: number): string => formatCents(BigInt(Math.round(cents)));

/** Whole and fractional months from `from` to `asOf` (average month length), never negative. */
export function monthsSince(from: Date, asOf: Date): number {
  return Math.max(0, (asOf.getTime() - from.getTime()) / MS_PER_MONTH);
}

/** The instant a history month ("YYYY-MM") ends: an issue in that month happened at the latest then. */
export function endOfMonth(month: string): Date {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1) - 1);
}

export interface StockedPart {
  partId: string;
  stationId: string;
  onHand: number;
  /** Value at the internal price, "123.40". */
  value: string;
  /** The last ISSUE of the part at the station (ledger or consumption history), null when none on record. */
  lastIssueAt: Date | null;
  /** First stock movement on record (arrival); the age clock of a part never issued starts here. */
  firstMovementAt: Date | null;
  /** Demand (issued + unmet + lost + emergency) in the last OBSOLETE_MONTHS months. */
  recentDemand: number;
}

/**
 * Months the stock has sat without an issue: since the last issue, else since
 * it arrived; null when neither is on record (stock older than the ledger),
 * which the buckets count as more than 12 months.
 */
export function monthsWithoutIssue(p: Pick<StockedPart, 'lastIssueAt' | 'firstMovementAt'>, asOf: Date): number | null {
  const since = p.lastIssueAt ?? p.firstMovementAt;
  return since ? Math.round(monthsSince(since, asOf) * 100) / 100 : null;
}

export interface AgeBucket {
  label: string;
  fromMonths: number;
  toMonths: number | null;
  parts: number;
  value: string;
  /** Share of the inventory value, 0..1 (null when the inventory is worth nothing). */
  share: number | null;
}

export function ageBuckets(parts: readonly StockedPart[], asOf: Date): AgeBucket[] {
  const totals = AGE_BUCKETS.map(() => ({ parts: 0, cents: 0 }));
  let all = 0;
  for (const p of parts) {
    if (p.onHand <= 0) continue;
    const age = monthsWithoutIssue(p, asOf);
    const i = age === null ? AGE_BUCKETS.length - 1 : AGE_BUCKETS.findIndex((b) => b.toMonths === null || age < b.toMonths);
    const cents = toCents(p.value);
    totals[i].parts++;
    totals[i].cents += cents;
    all += cents;
  }
  return AGE_BUCKETS.map((b, i) => ({
    label: b.label, fromMonths: b.fromMonths, toMonths: b.toMonths, parts: totals[i].parts, value: fromCents(totals[i].cents),
    share: all > 0 ? Math.round((totals[i].cents / all) * 1e6) / 1e6 : null,
  }));
}

export function inventoryValue(parts: readonly StockedPart[]): string {
  return fromCents(parts.reduce((s, p) => s + (p.onHand > 0 ? toCents(p.value) : 0), 0));
}

export interface ObsolescenceCandidate {
  partId: string;
  stationId: string;
  onHand: number;
  value: string;
  monthsWithoutIssue: number | null;
}

/** Stock with no issue and no demand at all for OBSOLETE_MONTHS months, most valuable first. */
export function obsolescenceCandidates(parts: readonly StockedPart[], asOf: Date, limit = 50): ObsolescenceCandidate[] {
  return parts
    .filter((p) => p.onHand > 0 && p.recentDemand <= 0)
    .map((p) => ({ p, age: monthsWithoutIssue(p, asOf) }))
    .filter(({ age }) => age === null || age >= OBSOLETE_MONTHS)
    .sort((a, b) => toCents(b.p.value) - toCents(a.p.value) || a.p.partId.localeCompare(b.p.partId) || a.p.stationId.localeCompare(b.p.stationId))
    .slice(0, limit)
    .map(({ p, age }) => ({ partId: p.partId, stationId: p.stationId, onHand: p.onHand, value: p.value, monthsWithoutIssue: age }));
}

export interface LedgerMonth {
  month: string;
  /** Value of the month's issues net of returns, at the internal price. */
  issueValue: string;
  /** Value of every stock movement of the month, signed (+ in, − out). */
  netValue: string;
}

export interface TurnsResult {
  /** Month-end inventory value. */
  inventoryValueByMonth: { month: string; value: number }[];
  issueValueByMonth: { month: string; value: number }[];
  /** Annualised: the month's issue value × 12 ÷ the month's average inventory value; null without inventory. */
  turnsByMonth: { month: string; value: number | null }[];
  /** Over the window: issue value per year ÷ average of the month-end values (opening included). */
  turns: number | null;
}

/**
 * Stock turns (库存周转次数) over `months` (oldest first). `currentValue` is
 * today's inventory value; `netValueAfter` the net movement value after the
 * window's last month up to today.
 */
export function stockTurns(months: readonly LedgerMonth[], currentValue: string, netValueAfter: string): TurnsResult {
  const n = months.length;
  const ends = new Array<number>(n);
  let end = toCents(currentValue) - toCents(netValueAfter);
  for (let i = n - 1; i >= 0; i--) {
    ends[i] = end;
    end -= toCents(months[i].netValue);
  }
  const opening = end;
  const issue = months.map((m) => toCents(m.issueValue));
  const turnsByMonth = months.map((m, i) => {
    const avg = ((i === 0 ? opening : ends[i - 1]) + ends[i]) / 2;
    return { month: m.month, value: avg > 0 ? Math.round(((issue[i] * 12) / avg) * 1000) / 1000 : null };
  });
  const avgAll = n ? [opening, ...ends].reduce((s, v) => s + v, 0) / (n + 1) : 0;
  const yearly = n ? (issue.reduce((s, v) => s + v, 0) * 12) / n : 0;
  return {
    inventoryValueByMonth: months.map((m, i) => ({ month: m.month, value: ends[i] / 100 })),
    issueValueByMonth: months.map((m, i) => ({ month: m.month, value: issue[i] / 100 })),
    turnsByMonth,
    turns: avgAll > 0 ? Math.round((yearly / avgAll) * 1000) / 1000 : null,
  };
}
