import { acceptsPartChanges, afterRequisition, decideTransition, returnable } from './repair-order-status';

describe('repair order status', () => {
  it.each([
    ['COMPLETE', 'OPEN', 0, 0, { status: 'COMPLETED' }],
    ['COMPLETE', 'IN_PROGRESS', 3, 0, { status: 'COMPLETED' }],
    ['COMPLETE', 'SETTLED', 0, 0, 'refused'],
    ['SETTLE', 'COMPLETED', 2, 0, { status: 'SETTLED' }],
    ['SETTLE', 'IN_PROGRESS', 2, 0, 'refused'],
    ['SETTLE', 'COMPLETED', 2, 1, 'refused'],
    ['CANCEL', 'OPEN', 0, 0, { status: 'CANCELLED' }],
    ['CANCEL', 'IN_PROGRESS', 0, 0, { status: 'CANCELLED' }],
    ['CANCEL', 'IN_PROGRESS', 0.5, 0, 'refused'],
    ['CANCEL', 'COMPLETED', 0, 0, 'refused'],
  ] as const)('%s from %s (net issued %d, in flight %d)', (t, status, netIssued, inFlight, expected) => {
    const d = decideTransition(t, { status, netIssued, inFlight });
    if (expected === 'refused') expect(d).toHaveProperty('refused');
    else expect(d).toEqual(expected);
  });

  it('freezes parts after settlement and cancellation; the first requisition starts the work', () => {
    expect(['OPEN', 'IN_PROGRESS', 'COMPLETED', 'SETTLED', 'CANCELLED'].map((s) => acceptsPartChanges(s as any))).toEqual([true, true, true, false, false]);
    expect(afterRequisition('OPEN')).toBe('IN_PROGRESS');
    expect(afterRequisition('COMPLETED')).toBe('COMPLETED');
    expect(returnable(2.3, 1.1)).toBe(1.2);
  });
});
