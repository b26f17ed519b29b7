import { DEFAULT_SURPLUS_POLICY, judgeSurplus, monthsBetween, policyProblems, type PartPosition } from './surplus.rules';

const now = new Date('2026-11-23T00:00:00Z');
const monthsAgo = (m: number) => new Date(now.getTime() - m * (365.25 / 12) * 24 * 3600 * 1000);
const pos = (p: Partial<PartPosition>): PartPosition => ({ onHand: 10, available: 10, issuedInWindow: 0, lastIssueAt: null, lastReceiptAt: null, ...p });
const policy = DEFAULT_SURPLUS_POLICY; // 6 months of cover, 6 months without issue, 12-month window

describe('judgeSurplus', () => {
  it.each([
    // [case, position, expected reason | null, excess, listable]
    ['never issued, no receipt on record: dormant, all of it', pos({ onHand: 12, available: 12 }), 'NO_ISSUE', 12, 12],
    ['last issue 8 months ago, 2 issued in the window: dormant, keeps 6 × 2/12 = 1', pos({ onHand: 12, available: 12, issuedInWindow: 2, lastIssueAt: monthsAgo(8) }), 'NO_ISSUE', 11, 11],
    ['issued last month, 24 a year → 2/month, 30 on hand = 15 months: excess over 12 kept', pos({ onHand: 30, available: 30, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), 'EXCESS_COVER', 18, 18],
    ['issued last month, 3 months of cover: not surplus', pos({ onHand: 6, available: 6, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), null, 0, 0],
    ['exactly the threshold of cover: not surplus', pos({ onHand: 12, available: 12, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), null, 0, 0],
    ['received 2 months ago, never issued: too new to judge', pos({ onHand: 5, available: 5, lastReceiptAt: monthsAgo(2) }), null, 0, 0],
    ['received 9 months ago, never issued: dormant', pos({ onHand: 5, available: 5, lastReceiptAt: monthsAgo(9) }), 'NO_ISSUE', 5, 5],
    ['reserved stock is not listable', pos({ onHand: 12, available: 4 }), 'NO_ISSUE', 12, 4],
    ['what is listed already is not listable again', pos({ onHand: 30, available: 20, listed: 10, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), 'EXCESS_COVER', 18, 8],
    ['returns exceeding issues count as no demand', pos({ onHand: 3, available: 3, issuedInWindow: -2, lastIssueAt: monthsAgo(7) }), 'NO_ISSUE', 3, 3],
    ['nothing on hand', pos({ onHand: 0, available: 0 }), null, 0, 0],
  ])('%s', (_name, p, reason, excess, listable) => {
    const j = judgeSurplus(p, policy, now);
    if (reason === null) return expect(j).toBeNull();
    expect(j).toMatchObject({ reason, excessQuantity: excess, listableQuantity: listable });
  });

  it('keeps whole units for pieces and rounds listable down to the unit precision', () => {
    const j = judgeSurplus(pos({ onHand: 20, available: 20, issuedInWindow: 5, lastIssueAt: monthsAgo(1) }), policy, now, 0)!;
    expect(j.keepQuantity).toBe(3); // 6 × 5/12 = 2.5 → 3
    expect(j.excessQuantity).toBe(17);
    const litres = judgeSurplus(pos({ onHand: 20.55, available: 20.55, issuedInWindow: 5, lastIssueAt: monthsAgo(1) }), policy, now, 1)!;
    expect(litres.keepQuantity).toBe(2.5);
    expect(litres.excessQuantity).toBe(18.05);
    expect(litres.listableQuantity).toBe(18);
  });

  it('reports demand, cover and age', () => {
    const j = judgeSurplus(pos({ onHand: 30, available: 30, issuedInWindow: 24, lastIssueAt: monthsAgo(1), lastReceiptAt: monthsAgo(3) }), policy, now)!;
    expect(j.monthlyDemand).toBe(2);
    expect(j.monthsOfCover).toBe(15);
    expect(j.ageMonths).toBe(1);
    expect(j.explanation).toBe('15 months of cover at 2 a month (threshold 6); 30 on hand, keep 12, 18 excess.');
    expect(judgeSurplus(pos({}), policy, now)!.explanation).toBe('Never issued (threshold 6); 10 on hand, keep 0, 10 excess.');
    expect(judgeSurplus(pos({}), policy, now)!.monthsOfCover).toBeNull();
    expect(judgeSurplus(pos({}), policy, now)!.ageMonths).toBeNull();
  });

  it('follows the station\'s thresholds', () => {
    const p = pos({ onHand: 30, available: 30, issuedInWindow: 24, lastIssueAt: monthsAgo(1) });
    expect(judgeSurplus(p, { ...policy, minMonthsOfCover: 18 }, now)).toBeNull();
    expect(judgeSurplus(pos({ lastIssueAt: monthsAgo(4) }), { ...policy, noIssueMonths: 3 }, now)?.reason).toBe('NO_ISSUE');
    expect(judgeSurplus(pos({ lastIssueAt: monthsAgo(4), issuedInWindow: 100 }), { ...policy, noIssueMonths: 6 }, now)).toBeNull();
  });
});

describe('policyProblems', () => {
  it('accepts sane thresholds and names each bad field', () => {
    expect(policyProblems(policy)).toEqual({});
    expect(Object.keys(policyProblems({ minMonthsOfCover: 0, noIssueMonths: 1.5, demandWindowMonths: 40 })).sort()).toEqual(['demandWindowMonths', 'minMonthsOfCover', 'noIssueMonths']);
  });
});

describe('months', () => {
  it('months between', () => expect(monthsBetween(monthsAgo(6), now)).toBe(6));
});

describe('judgeSurplus reasons (SurplusCandidate.reasons)', () => {
  const reasons = (p: PartPosition) => judgeSurplus(p, policy, now)!.reasons.map((r) => r.reason);
  it.each([
    ['never issued', pos({ onHand: 12, available: 12 }), ['SURPLUS_NEVER_ISSUED', 'SURPLUS_KEEP']],
    ['dormant for 8 months, and 72 months of cover at 2 a year', pos({ onHand: 12, available: 12, issuedInWindow: 2, lastIssueAt: monthsAgo(8) }), ['SURPLUS_NO_ISSUE', 'SURPLUS_EXCESS_COVER', 'SURPLUS_KEEP']],
    ['15 months of cover', pos({ onHand: 30, available: 30, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), ['SURPLUS_EXCESS_COVER', 'SURPLUS_KEEP']],
    ['part of it reserved', pos({ onHand: 12, available: 4 }), ['SURPLUS_NEVER_ISSUED', 'SURPLUS_KEEP', 'SURPLUS_RESERVED']],
    ['some of it listed already', pos({ onHand: 30, available: 30, listed: 10, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), ['SURPLUS_EXCESS_COVER', 'SURPLUS_KEEP', 'SURPLUS_ALREADY_LISTED']],
  ])('%s', (_name, p, expected) => expect(reasons(p)).toEqual(expected));

  it('carries the figures a text needs', () => {
    const j = judgeSurplus(pos({ onHand: 30, available: 30, issuedInWindow: 24, lastIssueAt: monthsAgo(1) }), policy, now)!;
    expect(j.reasons[0]).toEqual({ reason: 'SURPLUS_EXCESS_COVER', params: { monthsOfCover: 15, monthlyDemand: 2, thresholdMonths: 6, windowMonths: 12 } });
    expect(j.reasons[1].params).toMatchObject({ onHand: 30, keepQuantity: 12, excessQuantity: 18, coverMonths: 6 });
    const dormant = judgeSurplus(pos({ onHand: 12, available: 12, issuedInWindow: 2, lastIssueAt: monthsAgo(8) }), policy, now)!;
    expect(dormant.reasons[0]).toEqual({ reason: 'SURPLUS_NO_ISSUE', params: { monthsSinceLastIssue: 8, thresholdMonths: 6 } });
  });
});
