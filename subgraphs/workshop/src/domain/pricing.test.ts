import { manualPriceProblem, tierPrice } from './pricing';

describe('counter-sale pricing', () => {
  const facts = { prices: { retail: '120.00', member: '110.00', wholesale: '90.00', insurance: '130.00' }, hqCap: '125.00' };

  it.each([
    ['WALK_IN', 'RETAIL', '120.00'],
    ['MEMBER', 'MEMBER', '110.00'],
    ['WHOLESALE', 'WHOLESALE', '90.00'],
    ['INSURANCE', 'INSURANCE', '125.00'], // 130.00 is above the cap: capped
  ] as const)('a %s customer pays the %s tier (%s)', (customer, tier, price) => {
    expect(tierPrice(facts, customer)).toEqual({ tier, price });
  });

  it('has no cap when HQ set none', () => {
    expect(tierPrice({ ...facts, hqCap: null }, 'INSURANCE').price).toBe('130.00');
  });

  it('refuses a manual price above the cap or below zero', () => {
    expect(manualPriceProblem('125.00', '125.00')).toBeNull();
    expect(manualPriceProblem('125.01', '125.00')).toMatch(/above the HQ cap/);
    expect(manualPriceProblem('-1', null)).toMatch(/negative/);
    expect(manualPriceProblem('9999', null)).toBeNull();
  });
});
