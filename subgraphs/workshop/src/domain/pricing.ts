/**
 * Parts pricing (配件销售价格), for counter sales and requisitions: the customer type picks one of the
 * catalog's price tiers, never above the HQ cap (总部控制服务站备件售价); a
 * manual price (调价) may be anything from zero up to the cap. Money is exact
 * (integer cents, subgraphs/shared/src/money.ts). Pure.
 */
import { compareMoney, formatMoney, toCents } from '../../../shared/src/money';

export type CustomerTypeValue = 'WALK_IN' | 'MEMBER' | 'WHOLESALE' | 'INSURANCE';
export type PriceTierValue = 'RETAIL' | 'MEMBER' | 'WHOLESALE' | 'INSURANCE';

export interface PriceFacts {
  prices: { retail: string; wholesale: string; member: string; insurance: string };
  hqCap: string | null;
}

const TIER: Record<CustomerTypeValue, PriceTierValue> = { WALK_IN: 'RETAIL', MEMBER: 'MEMBER', WHOLESALE: 'WHOLESALE', INSURANCE: 'INSURANCE' };

export const tierFor = (c: CustomerTypeValue): PriceTierValue => TIER[c];

/** The tier's price for the customer type, capped at the HQ cap. */
export function tierPrice(f: PriceFacts, customerType: CustomerTypeValue): { tier: PriceTierValue; price: string } {
  const tier = tierFor(customerType);
  const list = f.prices[tier === 'RETAIL' ? 'retail' : tier === 'MEMBER' ? 'member' : tier === 'WHOLESALE' ? 'wholesale' : 'insurance'];
  const price = f.hqCap !== null && compareMoney(list, f.hqCap) > 0 ? f.hqCap : list;
  return { tier, price: formatMoney(price) };
}

/** Why a manual price is refused, or null: never negative, never above the HQ cap. */
/** The refusal reason of a manual price that manualPriceProblem refuses. */
export const manualPriceReason = (price: string): 'MONEY_OUT_OF_RANGE' | 'PRICE_ABOVE_CAP' => (toCents(price) < 0n ? 'MONEY_OUT_OF_RANGE' : 'PRICE_ABOVE_CAP');

export function manualPriceProblem(price: string, hqCap: string | null): string | null {
  if (toCents(price) < 0n) return 'A price cannot be negative';
  if (hqCap !== null && compareMoney(price, hqCap) > 0) return `The price ${formatMoney(price)} is above the HQ cap ${formatMoney(hqCap)}`;
  return null;
}
