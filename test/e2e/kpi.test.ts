/**
 * Parts KPIs through the gateway, from events this file controls: the demo
 * seed has no demand lines, so this month's fill rate at station A is made of
 * exactly a counter sale at the wholesale price, a lost sale, an emergency
 * purchase and a requisition shortfall. Inventory figures are checked against
 * the seeded stock and the catalog's internal prices.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';

const KPIS = `station { id } fromMonth toMonth
  fillRate { lines units demandLines filledLines lostLines emergencyLines shortfallLines demandUnits issuedUnits lostUnits emergencyUnits shortfallUnits }
  fillRateLines { month value } fillRateUnits { month value } demandLines { month value } demandUnits { month value } lostUnits { month value } emergencyUnits { month value }
  inventoryValue inventoryValueByMonth { month value } issueValueByMonth { month value } stockTurns stockTurnsByMonth { month value }
  ageBuckets { label fromMonths toMonths parts value share }
  obsolescenceCandidates { part { id } station { id } onHand value monthsWithoutIssue }
  topShortageParts { part { id } misses shortages shortageQuantity lostSales lostQuantity emergencyPurchases emergencyQuantity }`;

describe('parts KPIs', () => {
  let p: Platform;
  let hq: string;
  let clerkA: string;
  let managerA: string;
  let managerB: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const month = new Date().toISOString().slice(0, 7);
  const atA = (partId: string) => data.stock.filter((l) => l.stationId === stationA.id && l.partId === partId);
  const single = data.stock.filter((l) => l.stationId === stationA.id && l.onHand >= 2 && l.onHand <= 20 && atA(l.partId).length === 1);
  const notStocked = data.parts.find((x) => !data.stock.some((l) => l.partId === x.id && l.stationId === stationA.id))!;
  const kpis = (vars: Record<string, unknown>, token: string) =>
    p.query(`query($s: ID, $m: String, $n: Int) { partsKpis(stationId: $s, month: $m, months: $n) { ${KPIS} } }`, vars, token);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerkA = await p.token('PARTS_CLERK', stationA.id);
    managerA = await p.token('STATION_MANAGER', stationA.id);
    managerB = await p.token('STATION_MANAGER', stationB.id);
  });
  afterAll(() => p?.stop());

  it('values the seeded inventory at the internal price and buckets it by months without an issue', async () => {
    const k = ok(await kpis({ s: stationB.id, n: 3 }, managerB)).partsKpis;
    // Sellable stock of station B (quarantine bins hold none in the seed) at the internal price, in cents.
    const cents = data.stock.filter((l) => l.stationId === stationB.id)
      .reduce((s, l) => s + Math.round(l.onHand * Number(data.parts.find((x) => x.id === l.partId)!.prices.internal) * 100), 0);
    expect(k.inventoryValue).toBe((cents / 100).toFixed(2));
    expect(k.ageBuckets.map((b: any) => b.label)).toEqual(['0-3', '3-6', '6-12', '>12']);
    const bucketCents = k.ageBuckets.reduce((s: number, b: any) => s + Math.round(Number(b.value) * 100), 0);
    expect(bucketCents).toBe(cents);
    expect(k.inventoryValueByMonth.map((m: any) => m.month)).toHaveLength(3);
    expect(k.inventoryValueByMonth[2].value).toBeCloseTo(cents / 100, 2); // nothing moved at B
    for (const c of k.obsolescenceCandidates) {
      expect(c.station).toEqual({ id: stationB.id });
      expect(c.monthsWithoutIssue === null || c.monthsWithoutIssue >= 12).toBe(true);
    }
    // The window without demand lines: rates are gaps, not 100 %.
    expect(k.fillRate).toMatchObject({ lines: null, units: null, demandLines: 0 });
    expect(k.fillRateUnits.every((m: any) => m.value === null)).toBe(true);
  });

  it('computes the first-time fill rate from exactly a wholesale counter sale, a lost sale, an emergency purchase and a requisition shortfall', async () => {
    // 1. A counter sale at the wholesale price: 2 asked, 2 issued.
    const soldLevel = single[0];
    const sale = ok(await p.query(`mutation($i: CounterSaleInput!) { sellOverCounter(input: $i, idempotencyKey: "kpi-sale") { lines { issued shortfall priceTier unitPrice } } }`,
      { i: { customerType: 'WHOLESALE', lines: [{ partId: soldLevel.partId, quantity: 2 }] } }, clerkA)).sellOverCounter;
    const part = data.parts.find((x) => x.id === soldLevel.partId)!;
    expect(sale.lines).toEqual([{ issued: 2, shortfall: 0, priceTier: 'WHOLESALE', unitPrice: Number(part.prices.hqCap !== null && Number(part.prices.wholesale) > Number(part.prices.hqCap) ? part.prices.hqCap : part.prices.wholesale).toFixed(2) }]);
    // 2. A lost sale of 3 and 3. an emergency purchase of 1 of a part the station does not stock.
    ok(await p.query(`mutation($i: LostSaleInput!) { recordLostSale(input: $i) { id } }`, { i: { partId: notStocked.id, quantity: 3, reason: 'NOT_STOCKED' } }, clerkA));
    ok(await p.query(`mutation($i: LostSaleInput!) { recordLostSale(input: $i) { id } }`, { i: { partId: notStocked.id, quantity: 1, reason: 'NOT_STOCKED', emergencyPurchase: true } }, clerkA));
    // 4. A requisition for a repair order asking 2 more than the bin holds.
    const reqLevel = single[1];
    const ro = ok(await p.query(`mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { id } }`, { i: { stationId: stationA.id, vin: 'LVVDB11B0KD000001', plate: '皖B12345' } }, clerkA)).openRepairOrder;
    const req = ok(await p.query(`mutation($ro: ID!, $l: [RequisitionLineInput!]!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: "kpi-req") { lines { issued shortfall } } }`,
      { ro: ro.id, l: [{ partId: reqLevel.partId, quantity: reqLevel.onHand + 2, warehouseId: reqLevel.warehouseId }] }, clerkA)).requisitionParts;
    expect(req.lines).toEqual([{ issued: reqLevel.onHand, shortfall: 2 }]);

    // demand = 2 + 3 + 1 + (a + 2); served at the first asking = 2 + a; lines: 1 of 4 filled in full.
    const a = reqLevel.onHand;
    const k = (await waitFor(async () => ok(await kpis({ n: 2 }, managerA)).partsKpis, (x: any) => x.fillRate.demandLines === 4, 15_000)) as any;
    expect(k.station).toEqual({ id: stationA.id });
    expect(k.toMonth).toBe(month);
    expect(k.fillRate).toEqual({
      lines: 0.25, units: expect.closeTo((2 + a) / (8 + a), 6), demandLines: 4, filledLines: 1, lostLines: 1, emergencyLines: 1, shortfallLines: 1,
      demandUnits: 8 + a, issuedUnits: 2 + a, lostUnits: 3, emergencyUnits: 1, shortfallUnits: 2,
    });
    expect(k.fillRateLines.at(-1)).toEqual({ month, value: 0.25 });
    expect(k.fillRateUnits.at(-1)).toEqual({ month, value: expect.closeTo((2 + a) / (8 + a), 6) });
    expect(k.fillRateUnits[0].value).toBeNull();
    expect(k.demandUnits.at(-1)).toEqual({ month, value: 8 + a });
    expect(k.lostUnits.at(-1)).toEqual({ month, value: 3 });
    expect(k.emergencyUnits.at(-1)).toEqual({ month, value: 1 });
    expect(k.topShortageParts.slice(0, 2)).toEqual(expect.arrayContaining([
      { part: { id: notStocked.id }, misses: 2, shortages: 0, shortageQuantity: 0, lostSales: 1, lostQuantity: 3, emergencyPurchases: 1, emergencyQuantity: 1 },
    ]));
    expect(k.topShortageParts.find((t: any) => t.part.id === reqLevel.partId)).toMatchObject({ shortages: expect.any(Number), shortageQuantity: expect.any(Number) });

    // The issue value of the month is the two issues at the internal price (net of nothing returned).
    const issueValue = 2 * Number(part.prices.internal) + a * Number(data.parts.find((x) => x.id === reqLevel.partId)!.prices.internal);
    const issued = await waitFor(async () => ok(await kpis({ n: 2 }, managerA)).partsKpis, (x: any) => x.issueValueByMonth.at(-1).value > 0, 15_000);
    expect(issued.issueValueByMonth.at(-1).value).toBeCloseTo(issueValue, 2);
    // Turns of the month, annualised: issue value × 12 ÷ the average of last month's and this month's closing value.
    const [prevEnd, end] = issued.inventoryValueByMonth.map((m: any) => m.value);
    expect(end).toBeCloseTo(Number(issued.inventoryValue), 2);
    expect(issued.stockTurnsByMonth.at(-1).value).toBeCloseTo((issued.issueValueByMonth.at(-1).value * 12) / ((prevEnd + end) / 2), 3);

    // Demand vs issue stay distinct in the history the reorder engine reads.
    const hist = ok(await p.query(`query($s: ID!, $p: ID!) { consumptionHistory(stationId: $s, partId: $p, months: 1) { quantity demand } }`, { s: stationA.id, p: notStocked.id }, managerA)).consumptionHistory;
    expect(hist).toEqual([{ quantity: 0, demand: 4 }]);

    // HQ across stations sees the same demand lines (only station A has any); station B sees none of them.
    const all = ok(await kpis({ n: 1 }, hq)).partsKpis;
    expect(all.station).toBeNull();
    expect(all.fillRate).toMatchObject({ demandLines: 4, lines: 0.25 });
    expect(ok(await kpis({ n: 1 }, managerB)).partsKpis.fillRate.demandLines).toBe(0);
  });

  it('is for managers and purchasers of their own station, with checked arguments', async () => {
    expect(codes(await kpis({}, clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await kpis({ s: stationA.id }, managerB))).toEqual(['FORBIDDEN']);
    expect(codes(await kpis({ m: '2026-13' }, managerA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await kpis({ n: 0 }, managerA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await kpis({ n: 37 }, managerA))).toEqual(['BAD_USER_INPUT']);
    const past = ok(await kpis({ m: '2026-06', n: 6 }, await p.token('PURCHASER', stationA.id))).partsKpis;
    expect([past.fromMonth, past.toMonth]).toEqual(['2026-01', '2026-06']);
  });
});
