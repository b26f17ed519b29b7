/**
 * Exact money arithmetic for amounts = quantity × unit price. Quantities have
 * at most 3 decimals and prices at most 4, so both fit integers exactly and
 * the product is rounded half-up to cents once, never through floats.
 */
const QTY_SCALE = 1000n;
const PRICE_SCALE = 10000n;

function toScaled(value: string | number, scale: bigint, decimals: number): bigint {
  const s = typeof value === 'number' ? value.toFixed(decimals) : value.trim();
  const neg = s.startsWith('-');
  const [int, frac = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(int || '0') * scale + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
  return neg ? -v : v;
}

/** Cents of quantity × price, rounded half-up. */
export function lineAmountCents(quantity: number, unitPrice: string): bigint {
  const p = toScaled(quantity, QTY_SCALE, 3) * toScaled(unitPrice, PRICE_SCALE, 4); // scale 1e7
  const div = 100000n; // 1e7 / 1e2
  return (p + div / 2n) / div;
}

export function centsToString(cents: bigint): string {
  const neg = cents < 0n;
  const a = neg ? -cents : cents;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}

/** "12.5000" → "12.50", "12.3456" stays: money shows 2 decimals unless the price has more. */
export function formatMoney(value: string | number): string {
  const s = typeof value === 'number' ? value.toFixed(4) : value;
  const [int, frac = ''] = s.split('.');
  const trimmed = frac.replace(/0+$/, '');
  return `${int}.${trimmed.padEnd(2, '0')}`;
}
