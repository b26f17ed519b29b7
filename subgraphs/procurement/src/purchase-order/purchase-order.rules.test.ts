import { nextStatus, statusAfterReceipt, type OrderAction, type OrderStatus } from './purchase-order.rules';
import { centsToString, formatMoney, lineAmountCents } from './money';

describe('purchase-order lifecycle', () => {
  const cases: [OrderStatus, OrderAction, OrderStatus | null][] = [
    ['DRAFT', 'submit', 'SUBMITTED'],
    ['SUBMITTED', 'submit', null],
    ['SUBMITTED', 'ship', 'SHIPPED'],
    ['DRAFT', 'ship', null],
    ['DRAFT', 'cancel', 'CANCELLED'],
    ['SHIPPED', 'cancel', 'CANCELLED'],
    ['PARTIALLY_RECEIVED', 'cancel', null],
    ['RECEIVED', 'cancel', null],
    ['RECEIVED', 'close', 'CLOSED'],
    ['PARTIALLY_RECEIVED', 'close', 'CLOSED'],
    ['SHIPPED', 'close', null],
    ['CLOSED', 'close', null],
    ['CANCELLED', 'submit', null],
  ];
  it.each(cases)('%s --%s--> %s', (from, action, to) => expect(nextStatus(from, action)).toBe(to));

  it('is RECEIVED only when every line is complete', () => {
    expect(statusAfterReceipt([{ quantity: 5, received: 5 }, { quantity: 2, received: 1 }])).toBe('PARTIALLY_RECEIVED');
    expect(statusAfterReceipt([{ quantity: 5, received: 6 }, { quantity: 2, received: 2 }])).toBe('RECEIVED');
  });
});

describe('money', () => {
  it.each([
    [3, '12.50', '37.50'],
    [0.333, '3.00', '1.00'],
    [1.005, '1.00', '1.01'],
    [2, '0.1234', '0.25'],
    [1.5, '19.99', '29.99'],
  ])('%d × %s = %s', (q, p, amount) => expect(centsToString(lineAmountCents(q as number, p as string))).toBe(amount));
  it('formats', () => {
    expect(formatMoney('12.5000')).toBe('12.50');
    expect(formatMoney('12.3456')).toBe('12.3456');
  });
});
