import { demandModel, policyLadder, policyProblem } from '../domain/reorder-recommendation';
import { parseHistory, PlanMemo, type ProblemInput } from './plan-memo';
import { NO_CORRECTION } from '../domain/forecast-correction';

const input: ProblemInput = { leadTimeDays: 30, reviewPeriodDays: 7, calendarMonth: 10, dayOfMonth: 3, unitPrecision: 0, packSize: 1, minOrderQty: 0 };
const fresh = (text: string, fcm: number, p: ProblemInput) => {
  const h = parseHistory(text, 48);
  const model = demandModel(h as unknown as number[], fcm);
  const pp = policyProblem(model, p);
  return { history: [...h], model, reviewDemand: pp.base.reviewDemand, ladder: policyLadder(pp), stocked: !!pp.problem, correction: NO_CORRECTION };
};
const plain = (x: ReturnType<PlanMemo['plan']>) => ({ ...x, history: [...x.history] });

describe('plan memo', () => {
  it('parses "offset:demand" cells in any order, summing repeated months', () => {
    expect([...parseHistory('3:2,0:1.5,3:1', 5)]).toEqual([1.5, 0, 0, 3, 0]);
    expect([...parseHistory('', 3)]).toEqual([0, 0, 0]);
  });

  it('answers exactly what a fresh computation gives, for the same and for changed inputs', () => {
    const memo = new PlanMemo();
    const texts = ['40:3,44:1,46:2', '10:1', '0:5,1:4,2:6,3:5,4:7,5:5,6:6,7:4,8:5,9:6,10:5,11:6,12:5,47:9', ''];
    for (const t of texts) {
      expect(plain(memo.plan('S', `p-${t}`, t, 48, 11, input))).toEqual(fresh(t, 11, input));
      expect(plain(memo.plan('S', `p-${t}`, t, 48, 11, input))).toEqual(fresh(t, 11, input)); // from the memo
    }
    expect(memo.hits).toBe(texts.length);
    // A changed history, calendar, lead time or pack is another key: recomputed, never the old plan.
    const busy = '0:5,1:4,2:6,3:5,4:7,5:5,6:6,7:4,8:5,9:6,10:5,11:6,12:5,47:9';
    const cases: [string, number, ProblemInput][] = [
      [`${busy},46:30`, 11, input],
      [busy, 2, input],
      [busy, 11, { ...input, leadTimeDays: 90 }],
      [busy, 11, { ...input, packSize: 12 }],
      [busy, 11, { ...input, dayOfMonth: 4 }],
    ];
    for (const [t, fcm, p] of cases) expect(plain(memo.plan('S', `p-${busy}`, t, 48, fcm, p))).toEqual(fresh(t, fcm, p));
    expect(memo.misses).toBe(texts.length + cases.length);
  });

  it('keeps stations apart and forgets the least recently used part beyond its capacity', () => {
    const memo = new PlanMemo(2);
    const a = memo.plan('S1', 'a', '47:1', 48, 0, input);
    memo.plan('S2', 'a', '47:2', 48, 0, input);
    expect(memo.plan('S1', 'a', '47:1', 48, 0, input)).toBe(a); // S1's own, not S2's
    memo.plan('S1', 'b', '47:3', 48, 0, input); // evicts S2:a, the least recently used
    expect(memo.size).toBe(2);
    const misses = memo.misses;
    memo.plan('S1', 'a', '47:1', 48, 0, input);
    expect(memo.misses).toBe(misses);
    memo.plan('S2', 'a', '47:2', 48, 0, input);
    expect(memo.misses).toBe(misses + 1);
  });
});
