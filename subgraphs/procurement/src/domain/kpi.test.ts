/** The parts KPIs on a small example computed by hand (see the comments for the arithmetic). */
import { fillRate, fillRateByMonth, splitLine } from './kpi-fill-rate';
import { ageBuckets, inventoryValue, monthsWithoutIssue, obsolescenceCandidates, stockTurns, type StockedPart } from './kpi-inventory';
import { topShortageParts } from './kpi-shortage';

describe('first-time fill rate', () => {
  // October: a counter sale of 4 issued in full; a requisition of 5 with 3 issued (2 short);
  // a lost sale of 2; an emergency purchase of 1.
  const oct = [
    { month: '2026-10', requested: 4, issued: 4, lost: 0, emergency: 0 },
    { month: '2026-10', requested: 5, issued: 3, lost: 0, emergency: 0 },
    { month: '2026-10', requested: 2, issued: 0, lost: 2, emergency: 0 },
    { month: '2026-10', requested: 1, issued: 0, lost: 0, emergency: 1 },
  ];

  it('counts units: (demand 12 − emergency 1 − lost 2 − shortfall 2) ÷ 12 = 7/12', () => {
    const f = fillRate(oct);
    expect(f).toMatchObject({ demandUnits: 12, issuedUnits: 7, lostUnits: 2, emergencyUnits: 1, shortfallUnits: 2 });
    expect(f.unitFillRate).toBeCloseTo(7 / 12, 6);
  });

  it('counts lines: 1 of 4 lines filled in full at the first asking', () => {
    const f = fillRate(oct);
    expect(f).toMatchObject({ demandLines: 4, filledLines: 1, lostLines: 1, emergencyLines: 1, shortfallLines: 1, lineFillRate: 0.25 });
  });

  it('gives every month, null where there was no demand (a gap, not 100 %)', () => {
    const by = fillRateByMonth(oct, ['2026-09', '2026-10']);
    expect(by.map((m) => [m.month, m.figures.unitFillRate, m.figures.lineFillRate])).toEqual([['2026-09', null, null], ['2026-10', expect.closeTo(0.583333, 6), 0.25]]);
  });

  it.each([
    // requested, issued, lost, emergency → demand, shortfall
    [3, 3, 0, 0, 3, 0],
    [3, 1, 0, 0, 3, 2],
    [2, 0, 2, 0, 2, 0],
    [2, 0, 1, 0, 2, 1],
    [1.5, 0, 0, 1.5, 1.5, 0],
    [1, 5, 0, 0, 1, 0], // never more issued than asked
  ])('splits a line of %p asked, %p issued, %p lost, %p emergency', (requested, issued, lost, emergency, demand, shortfall) => {
    expect(splitLine({ month: 'x', requested, issued, lost, emergency })).toMatchObject({ demand, shortfall });
  });

  it('weighs a grouped fact as that many lines', () => {
    expect(fillRate([{ month: 'm', requested: 2, issued: 1, lost: 0, emergency: 0, lines: 3 }, { month: 'm', requested: 1, issued: 1, lost: 0, emergency: 0 }]))
      .toMatchObject({ demandLines: 4, filledLines: 1, demandUnits: 7, issuedUnits: 4, shortfallUnits: 3, lineFillRate: 0.25, unitFillRate: expect.closeTo(4 / 7, 6) });
  });

  it('is 100 % when everything was issued and null without demand', () => {
    expect(fillRate([{ month: 'm', requested: 2, issued: 2, lost: 0, emergency: 0 }])).toMatchObject({ unitFillRate: 1, lineFillRate: 1 });
    expect(fillRate([])).toMatchObject({ unitFillRate: null, lineFillRate: null, demandLines: 0 });
  });
});

describe('inventory value, age buckets and obsolescence', () => {
  const asOf = new Date('2026-11-15T00:00:00Z');
  const part = (partId: string, onHand: number, value: string, lastIssueAt: string | null, firstMovementAt: string | null, recentDemand = 0): StockedPart => ({
    partId, stationId: 's1', onHand, value,
    lastIssueAt: lastIssueAt ? new Date(lastIssueAt) : null, firstMovementAt: firstMovementAt ? new Date(firstMovementAt) : null, recentDemand,
  });
  const parts = [
    part('A', 10, '100.00', '2026-11-01T00:00:00Z', '2025-01-01T00:00:00Z', 8), // issued two weeks ago → 0-3
    part('B', 2, '50.50', '2026-06-15T00:00:00Z', null, 1), // 5 months → 3-6
    part('C', 1, '20.00', null, '2026-02-15T00:00:00Z'), // never issued, arrived 9 months ago → 6-12
    part('D', 3, '30.00', '2025-09-15T00:00:00Z', null), // 14 months, no demand → >12 and obsolete
    part('E', 5, '9.99', null, null, 1), // older than the ledger → >12, but a lost sale this year: not obsolete
    part('F', 0, '0.00', '2020-01-01T00:00:00Z', null), // nothing on hand: ignored
  ];

  it('values the inventory exactly: 100.00 + 50.50 + 20.00 + 30.00 + 9.99 = 210.49', () => {
    expect(inventoryValue(parts)).toBe('210.49');
  });

  it('buckets the value by months without an issue', () => {
    expect(monthsWithoutIssue(parts[1], asOf)).toBeCloseTo(5, 1);
    const b = ageBuckets(parts, asOf);
    expect(b.map((x) => [x.label, x.parts, x.value])).toEqual([['0-3', 1, '100.00'], ['3-6', 1, '50.50'], ['6-12', 1, '20.00'], ['>12', 2, '39.99']]);
    expect(b[0].share).toBeCloseTo(100 / 210.49, 6);
    expect(b.reduce((s, x) => s + x.share!, 0)).toBeCloseTo(1, 5);
  });

  it('names stock with neither issue nor demand for 12 months as obsolescence candidates', () => {
    expect(obsolescenceCandidates(parts, asOf)).toEqual([{ partId: 'D', stationId: 's1', onHand: 3, value: '30.00', monthsWithoutIssue: expect.closeTo(14, 0) }]);
  });
});

describe('stock turns', () => {
  // Today 200.00, nothing moved this month. October: issued 40.00 (net −40.00) → end of September 240.00.
  // September: received 120.00, issued 20.00 (net +100.00) → opening 140.00.
  const months = [
    { month: '2026-09', issueValue: '20.00', netValue: '100.00' },
    { month: '2026-10', issueValue: '40.00', netValue: '-40.00' },
  ];
  const t = stockTurns(months, '200.00', '0.00');

  it('rebuilds the month-end inventory value from today backwards', () => {
    expect(t.inventoryValueByMonth).toEqual([{ month: '2026-09', value: 240 }, { month: '2026-10', value: 200 }]);
    expect(t.issueValueByMonth).toEqual([{ month: '2026-09', value: 20 }, { month: '2026-10', value: 40 }]);
  });

  it('annualises each month: September 20×12 ÷ ((140+240)/2) = 1.263, October 40×12 ÷ ((240+200)/2) = 2.182', () => {
    expect(t.turnsByMonth).toEqual([{ month: '2026-09', value: 1.263 }, { month: '2026-10', value: 2.182 }]);
  });

  it('over the window: (60 × 12/2) ÷ mean(140, 240, 200) = 360 ÷ 193.33 = 1.862', () => {
    expect(t.turns).toBe(1.862);
  });

  it('takes the movements after the window off today\'s value, and has no turns without inventory', () => {
    expect(stockTurns(months, '200.00', '-10.00').inventoryValueByMonth[1].value).toBe(210);
    expect(stockTurns([{ month: '2026-10', issueValue: '0.00', netValue: '0.00' }], '0.00', '0.00')).toMatchObject({ turns: null, turnsByMonth: [{ month: '2026-10', value: null }] });
  });
});

describe('top shortage parts', () => {
  it('ranks by misses (shortages + lost sales + emergency purchases), then units', () => {
    const top = topShortageParts(
      [{ partId: 'P1', kind: 'REQUISITION_SHORTFALL', quantity: 2 }, { partId: 'P2', kind: 'OUT_OF_STOCK', quantity: 0 }, { partId: 'P1', kind: 'OUT_OF_STOCK', quantity: 0 }],
      [{ partId: 'P2', lost: 3, emergency: 0 }, { partId: 'P3', lost: 0, emergency: 1 }, { partId: 'P4', lost: 0, emergency: 0 }],
    );
    expect(top).toEqual([
      { partId: 'P2', misses: 2, shortages: 1, shortageQuantity: 0, lostSales: 1, lostQuantity: 3, emergencyPurchases: 0, emergencyQuantity: 0 },
      { partId: 'P1', misses: 2, shortages: 2, shortageQuantity: 2, lostSales: 0, lostQuantity: 0, emergencyPurchases: 0, emergencyQuantity: 0 },
      { partId: 'P3', misses: 1, shortages: 0, shortageQuantity: 0, lostSales: 0, lostQuantity: 0, emergencyPurchases: 1, emergencyQuantity: 1 },
    ]);
    expect(topShortageParts([{ partId: 'P1', kind: 'X', quantity: 1 }], [], 0)).toEqual([]);
  });
});
