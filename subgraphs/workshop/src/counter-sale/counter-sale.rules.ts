/**
 * Counter-sale pricing (配件销售价格): the customer type picks one of the
 * catalog's price tiers, never above the HQ cap (总部控制服务站备件售价); a
 * manual price (调价) may be anything from zero up to the cap. Exact money:
 * amounts compared and multiplied as scaled integers, never floats. Pure.
 */
export type CustomerTypeValue = 'WALK_IN' | 'MEMBER' | 'WHOLESALE' | 'INSURANCE';
export type PriceTierValue = 'RETAIL' | 'MEMBER' | 'WHOLESALE' | 'INSURANCE';

export interface PriceFacts {
  prices: { retail: string; wholesale: string; member: string; insurance: string };
  hqCap: string | null;
}

const TIER: Record<CustomerTypeValue, PriceTierValue> = { WALK_IN: 'RETAIL', MEMBER: 'MEMBER', WHOLESALE: 'WHOLESALE', INSURANCE: 'INSURANCE' };

export const tierFor = (c: CustomerTypeValue): PriceTierValue => TIER[c];

/** Money as an integer of 1/10000 (prices keep up to 4 decimals). */
export function scaled(money: string): bigint {
  const s = money.trim();
  const neg = s.startsWith('-');
  const [i, f = ''] = (neg ? s.slice(1) : s).split('.');
  const v = BigInt(i || '0') * 10000n + BigInt((f + '0000').slice(0, 4));
  return neg ? -v : v;
}

export const compareMoney = (a: string, b: string) => (scaled(a) < scaled(b) ? -1 : scaled(a) > scaled(b) ? 1 : 0);

/** "12.5000" → "12.50"; 4 decimals kept when they matter. */
export function formatMoney(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const frac = (a % 10000n).toString().padStart(4, '0').replace(/0{1,2}$/, '');
  return `${neg ? '-' : ''}${a / 10000n}.${frac.length < 2 ? frac.padEnd(2, '0') : frac}`;
}

/** The tier's price for the customer type, capped at the HQ cap. */
export function tierPrice(f: PriceFacts, customerType: CustomerTypeValue): { tier: PriceTierValue; price: string } {
  const tier = tierFor(customerType);
  const list = f.prices[tier === 'RETAIL' ? 'retail' : tier === 'MEMBER' ? 'member' : tier === 'WHOLESALE' ? 'wholesale' : 'insurance'];
  const price = f.hqCap !== null && compareMoney(list, f.hqCap) > 0 ? f.hqCap : list;
  return { tier, price: formatMoney(scaled(price)) };
}

/** Why a manual price is refused, or null: never negative, never above the HQ cap. */
export function manualPriceProblem(price: string, hqCap: string | null): string | null {
  if (scaled(price) < 0n) return 'A price cannot be negative';
  if (hqCap !== null && compareMoney(price, hqCap) > 0) return `The price ${formatMoney(scaled(price))} is above the HQ cap ${formatMoney(scaled(hqCap))}`;
  return null;
}

/** Cents of quantity × unit price, rounded half-up once. */
export function amountCents(quantity: number, unitPrice: string): bigint {
  const q = BigInt(Math.round(quantity * 1000)); // scale 1e3
  const p = q * scaled(unitPrice); // scale 1e7
  const div = 100000n;
  return p >= 0n ? (p + div / 2n) / div : -((-p + div / 2n) / div);
}

export function centsToMoney(c: bigint): string {
  const neg = c < 0n;
  const a = neg ? -c : c;
  return `${neg ? '-' : ''}${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
}
