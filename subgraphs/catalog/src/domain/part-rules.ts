/**
 * Catalog rules that need no database: price tiers under the HQ cap
 * (总部控制服务站备件售价), barcode check digits, supersession without cycles,
 * and whether an imported row changes anything. Pure.
 */
import { toCents } from '../../../shared/src/money';

export interface Prices {
  retail: string;
  wholesale: string;
  member: string;
  insurance: string;
  internal: string;
  hqCap?: string | null;
}

const TIERS = ['retail', 'wholesale', 'member', 'insurance', 'internal'] as const;

/** Field → problem, for every tier above the cap. Money strings compare as cents. */
export function priceProblems(p: Prices): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of TIERS) if (toCents(p[t]) < 0n) out[`prices.${t}`] = 'must not be negative';
  if (p.hqCap !== null && p.hqCap !== undefined) {
    if (toCents(p.hqCap) < 0n) out['prices.hqCap'] = 'must not be negative';
    for (const t of TIERS) if (toCents(p[t]) > toCents(p.hqCap)) out[`prices.${t}`] = `${p[t]} is above the HQ cap ${p.hqCap}`;
  }
  return out;
}

/** EAN-13 codes must carry a valid check digit; other lengths (EAN-8, UPC, GTIN-14) are taken as given. */
export function barcodeProblem(code: string | null | undefined): string | null {
  if (!code) return null;
  if (!/^\d{8,14}$/.test(code)) return 'barcode must be 8 to 14 digits';
  if (code.length === 13) {
    let sum = 0;
    for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
    if ((10 - (sum % 10)) % 10 !== Number(code[12])) return 'barcode is not a valid EAN-13 (check digit)';
  }
  return null;
}

/**
 * Would `partId` → `successorId` close a cycle? `successorOf` walks the
 * existing links (successorOf(x) = the part replacing x, or null).
 */
export function createsCycle(partId: string, successorId: string, successorOf: (id: string) => string | null | undefined): boolean {
  const seen = new Set<string>();
  for (let cur: string | null | undefined = successorId; cur; cur = successorOf(cur)) {
    if (cur === partId) return true;
    if (seen.has(cur)) return true;
    seen.add(cur);
  }
  return false;
}

/** Money equal as amounts ("12.5" = "12.50"). */
export const sameMoney = (a: string | null | undefined, b: string | null | undefined) =>
  (a === null || a === undefined) ? (b === null || b === undefined) : (b !== null && b !== undefined && toCents(a) === toCents(b));
