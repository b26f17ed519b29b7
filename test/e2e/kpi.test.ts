/**
 * Parts KPIs through the gateway. The demo seed's demand lines end with last
 * month (its history ends there, whatever the day), so this month's fill rate
 * at station A is made of exactly what this file does: a counter sale at the
 * wholesale price, a lost sale, an emergency purchase and a requisition
 * shortfall. The seeded months' rates, inventory figures and the HQ depot's
 * scorecards for the month its page opens on (the last complete month) are
 * checked against the seeded lines, stock and the catalog's internal prices.
 */
import { historyMonths } from '../../seeds/generate';
import { lineCents } from '../../subgraphs/shared/src/money';
import type { Dataset } from '../../seeds/dataset';
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
  /**
   * Sellable stock of a station (quarantine bins hold none in the seed) at the internal price, in cents:
   * per part, its bins added first (stock values a part's on-hand, not each bin row).
   */
  const stockCents = (stationId: string) => {
    const onHand = new Map<string, number>();
    for (const l of data.stock.filter((x) => x.stationId === stationId)) onHand.set(l.partId, Math.round(((onHand.get(l.partId) ?? 0) + l.onHand) * 1000) / 1000);
    return [...onHand].reduce((n, [partId, q]) => n + Number(lineCents(q, data.parts.find((x) => x.id === partId)!.prices.internal)), 0);
  };
  /** What the seeded demand lines of a station and month make of the first-time fill rate on lines. */
  const seededLines = (d: Dataset, stationId: string, month: string) => (d.demandLines ?? []).filter((l) => l.stationId === stationId && l.month === month);
  const lineRate = (lines: { requested: number; issued: number }[]) => lines.filter((l) => l.issued >= l.requested).length / lines.length;
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
    const cents = stockCents(stationB.id);
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
    // This month has no demand lines yet: its rates are gaps, not 100 %; the two months before are the seeded lines.
    expect(k.fillRateUnits.at(-1)).toEqual({ month, value: null });
    expect(k.fillRateLines.at(-1)).toEqual({ month, value: null });
    const [before, last] = k.fillRateLines.slice(0, 2).map((m: any) => m.month);
    for (const [i, m] of [before, last].entries()) {
      const lines = seededLines(data, stationB.id, m);
      expect(lines.length).toBeGreaterThan(100);
      expect(k.fillRateLines[i].value).toBeCloseTo(lineRate(lines), 6);
      expect(k.demandLines[i].value).toBe(lines.length);
    }
    expect(k.fillRate.demandLines).toBe(seededLines(data, stationB.id, before).length + seededLines(data, stationB.id, last).length);
  });

  it('gives HQ\'s depot page a scorecard per station for the month it opens on (the last complete month): fill rate, turns and inventory value', async () => {
    const last = historyMonths(data.asOf, 1)[0];
    const now = new Date();
    // The demo is dated as of the run's month: its last history month is the last complete month, whatever the day.
    expect(last).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7));
    const cards = ok(await p.query(`query($m: String!) { stationScorecards(month: $m) { station { id } month fillRate stockTurns inventoryValue depotOrders } }`, { m: last }, hq)).stationScorecards;
    const stations = data.stations.filter((s) => s.kind !== 'DEPOT');
    expect(cards.map((c: any) => c.station.id).sort()).toEqual(stations.map((s) => s.id).sort());
    for (const s of stations) {
      const c = cards.find((x: any) => x.station.id === s.id);
      const lines = seededLines(data, s.id, last);
      expect(lines.length).toBeGreaterThan(100);
      expect(c.fillRate).toBeGreaterThan(0.8);
      expect(c.fillRate).toBeLessThan(1);
      expect(c.fillRate).toBeCloseTo(lineRate(lines), 6);
      expect(c.stockTurns).toBeGreaterThan(0); // the month's issues (the seeded ledger history) against its inventory
      expect(c.inventoryValue).toBe((stockCents(s.id) / 100).toFixed(2));
    }
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
    const k = (await waitFor(async () => ok(await kpis({ n: 1 }, managerA)).partsKpis, (x: any) => x.fillRate.demandLines === 4, 15_000)) as any;
    expect(k.station).toEqual({ id: stationA.id });
    expect(k.toMonth).toBe(month);
    expect(k.fillRate).toEqual({
      lines: 0.25, units: expect.closeTo((2 + a) / (8 + a), 6), demandLines: 4, filledLines: 1, lostLines: 1, emergencyLines: 1, shortfallLines: 1,
      demandUnits: 8 + a, issuedUnits: 2 + a, lostUnits: 3, emergencyUnits: 1, shortfallUnits: 2,
    });
    expect(k.fillRateLines.at(-1)).toEqual({ month, value: 0.25 });
    expect(k.fillRateUnits.at(-1)).toEqual({ month, value: expect.closeTo((2 + a) / (8 + a), 6) });
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
