/**
 * Money, the one implementation: amounts are integer cents (`bigint`), never
 * floats. A `Decimal` on the wire is a string such as "128.50" with at most 2
 * decimals (API.md); a stored value with more is rounded half-up to the cent
 * once, here. Pure: domain/ code may import this module.
 */

/** Cents of a money string or number ("128.5" → 12850n); more than 2 decimals round half-up. */
export function toCents(money: string | number | null | undefined): bigint {
  if (money === null || money === undefined || money === '') return 0n;
  const s = typeof money === 'number' ? money.toFixed(6) : money.trim();
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg || s.startsWith('+') ? s.slice(1) : s).split('.');
  const padded = (frac + '000').slice(0, 3);
  let cents = BigInt(int || '0') * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) cents += 1n;
  return neg ? -cents : cents;
}

/** 12850n → "128.50". */
export function formatCents(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** A money value in its canonical form: "12.5" → "12.50", "12.345" → "12.35". */
export const formatMoney = (money: string | number): string => formatCents(toCents(money));

/** -1, 0 or 1 as money a is less than, equal to or more than b. */
export function compareMoney(a: string | number, b: string | number): -1 | 0 | 1 {
  const x = toCents(a);
  const y = toCents(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Cents of quantity × unit price (quantity with up to 3 decimals), rounded half-up once. */
export function lineCents(quantity: number, unitPrice: string | number): bigint {
  const milli = BigInt(Math.round(quantity * 1000)); // quantities are exact to 3 decimals
  const p = milli * toCents(unitPrice); // 1/100000 of a unit
  return p >= 0n ? (p + 500n) / 1000n : -((-p + 500n) / 1000n);
}

/** quantity × unit price as a money string. */
export const lineAmount = (quantity: number, unitPrice: string | number): string => formatCents(lineCents(quantity, unitPrice));
