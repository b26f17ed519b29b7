import { compareMoney, formatCents, formatMoney, lineAmount, lineCents, toCents } from './money';

describe('money (integer cents)', () => {
  it.each([
    ['128.50', 12850n],
    ['128.5', 12850n],
    ['128', 12800n],
    [' 7.25 ', 725n],
    ['0.105', 11n], // a stored value with a third decimal rounds half-up once
    ['0.104', 10n],
    ['-12.34', -1234n],
    [12.5, 1250n],
    ['', 0n],
  ] as const)('%p is %p cents', (money, cents) => expect(toCents(money)).toBe(cents));

  it.each([
    [12850n, '128.50'],
    [5n, '0.05'],
    [-1234n, '-12.34'],
    [0n, '0.00'],
  ])('%p cents read %p', (cents, text) => expect(formatCents(cents)).toBe(text));

  it.each([
    [3, '12.50', '37.50'],
    [0.333, '3.00', '1.00'],
    [1.005, '10.00', '10.05'],
    [1.005, '1.00', '1.01'],
    [1.5, '19.99', '29.99'],
    [3, '0.10', '0.30'],
    [0.001, '4.99', '0.00'],
    [7, '0', '0.00'],
    [1_000_000, '999999999999.99', '999999999999990000.00'], // the largest quantity × the largest price stays exact
  ])('%d × %s = %s, rounded half-up once', (q, p, amount) => {
    expect(lineAmount(q, p)).toBe(amount);
    expect(formatCents(lineCents(q, p))).toBe(amount);
  });

  it('formats and compares canonically', () => {
    expect(formatMoney('12.5000')).toBe('12.50');
    expect(formatMoney('12.5')).toBe('12.50');
    expect(compareMoney('10.00', '10')).toBe(0);
    expect(compareMoney('10.01', '10.00')).toBe(1);
    expect(compareMoney('9.99', '10.00')).toBe(-1);
  });
});
