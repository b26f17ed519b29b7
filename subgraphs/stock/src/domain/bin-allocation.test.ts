import { allocateBins, type BinStock } from './bin-allocation';

const b = (binId: string, available: number, isDefault = false): BinStock => ({ binId, available, isDefault });

describe('allocateBins', () => {
  const cases: [string, BinStock[], number, [string, number][], number][] = [
    ['one bin covers it', [b('a', 10)], 4, [['a', 4]], 0],
    ['the default bin first, even when another has more', [b('a', 10), b('b', 3, true)], 5, [['b', 3], ['a', 2]], 0],
    ['most available first', [b('a', 2), b('b', 7), b('c', 5)], 9, [['b', 7], ['c', 2]], 0],
    ['ties by bin id', [b('c', 4), b('a', 4), b('b', 4)], 6, [['a', 4], ['b', 2]], 0],
    ['empty and negative bins are skipped', [b('a', 0), b('b', -1), b('c', 1)], 1, [['c', 1]], 0],
    ['a shortfall takes everything there is', [b('a', 1.5), b('b', 0.25)], 3, [['a', 1.5], ['b', 0.25]], 1.25],
    ['no bins at all', [], 2, [], 2],
    ['three decimals stay exact', [b('a', 0.1), b('b', 0.2)], 0.3, [['b', 0.2], ['a', 0.1]], 0],
    ['nothing asked, nothing taken', [b('a', 5)], 0, [], 0],
  ];
  it.each(cases)('%s', (_name, bins, quantity, takes, shortfall) => {
    const r = allocateBins(bins, quantity);
    expect(r.allocations.map((a) => [a.binId, a.quantity])).toEqual(takes);
    expect(r.shortfall).toBe(shortfall);
  });

  it('leaves its input as it was', () => {
    const bins = [b('a', 1), b('b', 2)];
    allocateBins(bins, 2);
    expect(bins.map((x) => x.binId)).toEqual(['a', 'b']);
  });
});
