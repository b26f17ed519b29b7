/**
 * Vehicle identification numbers (ISO 3779; GB 16735 makes the check digit
 * mandatory in China): 17 characters, digits and capital letters except I, O
 * and Q; position 9 is the check digit; position 10 the model year. HQ keeps
 * patterns — the WMI (3 characters) and a prefix of the VDS (positions 4–8) —
 * that name a vehicle model, optionally for a range of model years; the
 * longest matching prefix wins. Pure.
 */

export const VIN_LENGTH = 17;
const VIN_CHARS = /^[A-HJ-NPR-Z0-9]+$/;
const VALUES: Record<string, number> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8, J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9, S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** Upper case, spaces and dashes removed (people copy VINs with them). */
export const normaliseVin = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s-]+/g, '');

const value = (c: string) => (c >= '0' && c <= '9' ? Number(c) : VALUES[c]);

/** The check digit position 9 must carry ('0'–'9' or 'X'); the 9th character itself is ignored. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) if (i !== 8) sum += value(vin[i]) * WEIGHTS[i];
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export type VinProblem = 'length' | 'characters' | 'check digit';

/** What is wrong with a (normalised) VIN, or null. */
export function vinProblem(vin: string): VinProblem | null {
  if (vin.length !== VIN_LENGTH) return 'length';
  if (!VIN_CHARS.test(vin)) return 'characters';
  if (vin[8] !== vinCheckDigit(vin)) return 'check digit';
  return null;
}

/** A VIN made valid: `seventeen` with its 9th character replaced by the check digit (seeds and tests). */
export function withCheckDigit(seventeen: string): string {
  const v = normaliseVin(seventeen);
  return v.slice(0, 8) + vinCheckDigit(v) + v.slice(9);
}

const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

/** The model year from position 10 (a 30-year cycle from 1980): the latest year not after `currentYear` + 1; null for a character that codes no year. */
export function vinModelYear(vin: string, currentYear: number): number | null {
  const i = YEAR_CODES.indexOf(vin[9]);
  if (i < 0) return null;
  let y = 1980 + i;
  while (y + 30 <= currentYear + 1) y += 30;
  return y;
}

/** A pattern prefix: the WMI and up to the whole VDS (3–8 VIN characters). */
export function vinPrefixProblem(prefix: string): string | null {
  if (prefix.length < 3 || prefix.length > 8) return 'a prefix is 3 to 8 characters (the WMI and up to the whole VDS)';
  if (!VIN_CHARS.test(prefix)) return 'a prefix has digits and capital letters only, without I, O and Q';
  return null;
}

/** Every prefix of `vin` a pattern could have (for one indexed lookup). */
export const vinPrefixes = (vin: string) => Array.from({ length: 6 }, (_, i) => vin.slice(0, 3 + i));

export interface VinPatternRule {
  id: string;
  prefix: string;
  vehicleModelId: string;
  yearFrom: number | null;
  yearTo: number | null;
}

/**
 * The pattern for `vin`: the longest prefix that matches and whose year range
 * holds the model year (open bounds hold every year; an unknown year passes
 * every range); among equal prefixes, the one with the narrowest range, then id.
 */
export function pickVinPattern<T extends VinPatternRule>(vin: string, patterns: readonly T[], currentYear: number): T | null {
  const year = vinModelYear(vin, currentYear);
  const fits = patterns.filter((p) => vin.startsWith(p.prefix)
    && (year === null || ((p.yearFrom === null || year >= p.yearFrom) && (p.yearTo === null || year <= p.yearTo))));
  const span = (p: T) => (p.yearTo ?? 9999) - (p.yearFrom ?? 0);
  fits.sort((a, b) => b.prefix.length - a.prefix.length || span(a) - span(b) || a.id.localeCompare(b.id));
  return fits[0] ?? null;
}
