import { nextStatus, statusAfterReceipt, type OrderAction, type OrderStatus } from './purchase-order.rules';

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
