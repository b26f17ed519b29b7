import { judgeLevel } from './shortage.rules';

describe('judgeLevel', () => {
  it.each([
    [0, null, ['OUT_OF_STOCK'], ['BELOW_REORDER_POINT']],
    [3, null, [], ['OUT_OF_STOCK', 'BELOW_REORDER_POINT']],
    [3, 5, ['BELOW_REORDER_POINT'], ['OUT_OF_STOCK']],
    [5, 5, [], ['OUT_OF_STOCK', 'BELOW_REORDER_POINT']],
    [0, 5, ['OUT_OF_STOCK', 'BELOW_REORDER_POINT'], []],
    [0, 0, ['OUT_OF_STOCK'], ['BELOW_REORDER_POINT']],
  ])('available %d, reorder point %p', (available, rp, open, resolve) => {
    const v = judgeLevel(available as number, rp === null ? null : { reorderPoint: rp as number });
    expect(v.open.map((o) => o.kind)).toEqual(open);
    expect(v.resolve).toEqual(resolve);
  });
  it('quantity is the distance to the reorder point', () => {
    expect(judgeLevel(1.5, { reorderPoint: 4 }).open[0].quantity).toBe(2.5);
  });
});
