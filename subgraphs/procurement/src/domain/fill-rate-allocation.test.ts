/** The station allocation ranks by `rankFill` when given, and meets the target by the ladder's own fill. */
import { allocateFillRates, type AllocationItem } from './fill-rate-allocation';

const ladder = [{ orderUpTo: 0, fillRate: 0 }, { orderUpTo: 1, fillRate: 0.6 }, { orderUpTo: 2, fillRate: 0.9 }];
const a: AllocationItem = { reviewDemand: 1, unitCost: 1, ladder };
// Same model fill, but its class really served little at these levels.
const b: AllocationItem = { reviewDemand: 1, unitCost: 1, ladder: ladder.map((p) => ({ ...p })), rankFill: [0, 0.2, 0.3] };

describe('fill-rate allocation with a ranking fill', () => {
  it('stocks the part whose levels really served first; the station fill is the ladder\'s', () => {
    const plain = allocateFillRates([a, { ...b, rankFill: undefined }], 0.45);
    const ranked = allocateFillRates([a, b], 0.45);
    expect(plain.fillRate).toBeGreaterThanOrEqual(0.45);
    expect(ranked.fillRate).toBeGreaterThanOrEqual(0.45);
    expect(ranked.choice).toEqual([2, 0]); // all of the target from the part that serves
    expect(ranked.fillRate).toBeCloseTo(0.45, 9); // (0.9 + 0) / 2, by the ladders' fill
  });
});
