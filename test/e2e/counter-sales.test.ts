/**
 * Counter sales (配件销售) and lost-sales capture through the gateway: tier
 * price by customer type, capped at the HQ cap; manager-only, recorded price
 * changes; issue through stock's idempotent command (a retry issues nothing
 * more); shortfalls as shortages; returns, listed with their 退料单 number
 * and reason; station scoping; lost and emergency-bought demand reaching the
 * consumption history as demand.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';
import { WorkshopSaleTotals1765200000000 } from '../../subgraphs/workshop/src/migrations/1765200000000-workshop-sale-totals';
import { WorkshopSaleQuantities1765300000000 } from '../../subgraphs/workshop/src/migrations/1765300000000-workshop-sale-quantities';
import { WorkshopSaleReturnNumbers1765400000000 } from '../../subgraphs/workshop/src/migrations/1765400000000-workshop-sale-return-numbers';

const LINE = `id part { id } requested issued returned shortfall priceTier tierPrice unitPrice amount bin { id } shortage { id } priceChanges { fromPrice toPrice changedBy changedAt }`;
const SALE = `id number station { id } customerType customerName soldBy total lines { ${LINE} }`;
const SELL = `mutation($i: CounterSaleInput!, $k: String!, $ap: Boolean) { sellOverCounter(input: $i, idempotencyKey: $k, allowPartial: $ap) { ${SALE} } }`;

describe('counter sales', () => {
  let p: Platform;
  let hq: string;
  let clerkA: string;
  let managerA: string;
  let clerkB: string;
  let buyerA: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  // Parts held in exactly one bin at station A, so "available at the station" is one number.
  const single = data.stock.filter((l) => l.stationId === stationA.id && l.onHand >= 4 && data.stock.filter((x) => x.partId === l.partId && x.stationId === stationA.id).length === 1);
  const partOf = (id: string) => data.parts.find((x) => x.id === id)!;
  const available = async (partId: string) =>
    ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { available } } }`, { id: partId, s: stationA.id }, hq)).part.stock.available as number;
  const sell = (input: Record<string, unknown>, key: string, token: string, allowPartial?: boolean) => p.query(SELL, { i: input, k: key, ap: allowPartial }, token);
  const capped = (price: string, cap: string | null) => (cap !== null && Number(price) > Number(cap) ? cap : price);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerkA = await p.token('PARTS_CLERK', stationA.id, 'clerk-a');
    managerA = await p.token('STATION_MANAGER', stationA.id, 'manager-a');
    clerkB = await p.token('PARTS_CLERK', stationB.id, 'clerk-b');
    buyerA = await p.token('PURCHASER', stationA.id);
  });
  afterAll(() => p?.stop());

  it('sells at the wholesale tier, issues from the bin once however often it is retried, and numbers per station', async () => {
    const level = single[0];
    const part = partOf(level.partId);
    const before = await available(part.id);
    const input = { customerType: 'WHOLESALE', customerName: '修理厂 王', lines: [{ partId: part.id, quantity: 2 }] };
    const sale = ok(await sell(input, 'xs-1', clerkA)).sellOverCounter;
    const price = capped(part.prices.wholesale, part.prices.hqCap);
    expect(sale).toMatchObject({ number: expect.stringMatching(/^XS\d{4}-000001$/), station: { id: stationA.id }, customerType: 'WHOLESALE', customerName: '修理厂 王', soldBy: 'clerk-a' });
    expect(sale.lines).toEqual([expect.objectContaining({
      part: { id: part.id }, requested: 2, issued: 2, returned: 0, shortfall: 0, priceTier: 'WHOLESALE', tierPrice: Number(price).toFixed(2), unitPrice: Number(price).toFixed(2),
      amount: (Math.round(Number(price) * 2 * 100) / 100).toFixed(2), bin: { id: level.binId }, shortage: null, priceChanges: [],
    })]);
    expect(sale.total).toBe(sale.lines[0].amount);
    expect(await available(part.id)).toBeCloseTo(before - 2, 3);

    const again = ok(await sell(input, 'xs-1', clerkA)).sellOverCounter;
    expect(again).toEqual(sale);
    expect(await available(part.id)).toBeCloseTo(before - 2, 3);
    expect(ok(await p.query(`query($id: ID!) { counterSale(id: $id) { ${SALE} } }`, { id: sale.id }, clerkA)).counterSale).toEqual(sale);

    const second = ok(await sell({ customerType: 'WALK_IN', lines: [{ partId: part.id, quantity: 1 }] }, 'xs-2', clerkA)).sellOverCounter;
    expect(second.number).toMatch(/^XS\d{4}-000002$/);
    expect(second.lines[0]).toMatchObject({ priceTier: 'RETAIL', unitPrice: Number(capped(part.prices.retail, part.prices.hqCap)).toFixed(2) });
  });

  it('turns a shortfall into a shortage; allowPartial=false refuses and changes nothing', async () => {
    const level = single[1];
    const before = await available(level.partId);
    const refused = await sell({ customerType: 'MEMBER', lines: [{ partId: level.partId, quantity: before + 3 }] }, 'xs-3', clerkA, false);
    expect(codes(refused)).toEqual(['INSUFFICIENT_STOCK']);
    expect(await available(level.partId)).toBeCloseTo(before, 3);
    expect(ok(await p.query(`{ counterSales { id } }`, {}, clerkA)).counterSales.every((s: any) => s.id)).toBe(true);

    const sale = ok(await sell({ customerType: 'MEMBER', lines: [{ partId: level.partId, quantity: before + 3 }] }, 'xs-3', clerkA)).sellOverCounter;
    expect(sale.lines[0]).toMatchObject({ requested: before + 3, issued: before, shortfall: 3, priceTier: 'MEMBER', shortage: { id: expect.any(String) } });
    // Stock hitting zero also opens an OUT_OF_STOCK shortage (and its alert); the shortfall is its own record.
    const shortages = ok(await p.query(`{ shortages { id kind quantity part { id } } }`, {}, buyerA)).shortages.filter((s: any) => s.part.id === level.partId && s.kind === 'REQUISITION_SHORTFALL');
    expect(shortages).toEqual([{ id: sale.lines[0].shortage.id, kind: 'REQUISITION_SHORTFALL', quantity: 3, part: { id: level.partId } }]);
    expect(await available(level.partId)).toBeCloseTo(0, 3);
  });

  it('prices by hand only for a station manager, never above the HQ cap, and records every change', async () => {
    const level = single.find((l) => partOf(l.partId).prices.hqCap !== null && l !== single[0] && l !== single[1])!;
    const part = partOf(level.partId);
    const cap = part.prices.hqCap!;
    const line = (price: string) => ({ customerType: 'WALK_IN', lines: [{ partId: part.id, quantity: 1, unitPrice: price }] });
    expect(codes(await sell(line('1.00'), 'xs-4', clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await sell(line((Number(cap) + 0.01).toFixed(2)), 'xs-4', managerA))).toEqual(['BAD_USER_INPUT']);
    const sale = ok(await sell(line('1.00'), 'xs-4', managerA)).sellOverCounter;
    const l = sale.lines[0];
    const tier = Number(capped(part.prices.retail, cap)).toFixed(2);
    expect(l).toMatchObject({ tierPrice: tier, unitPrice: '1.00', amount: '1.00', priceChanges: [{ fromPrice: tier, toPrice: '1.00', changedBy: 'manager-a', changedAt: expect.any(String) }] });

    const adjust = (price: string, token: string) => p.query(`mutation($l: ID!, $p: Decimal!) { adjustCounterSaleLinePrice(lineId: $l, unitPrice: $p) { unitPrice amount priceChanges { fromPrice toPrice } } }`, { l: l.id, p: price }, token);
    expect(codes(await adjust('2.00', clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await adjust((Number(cap) + 1).toFixed(2), managerA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await adjust('2.00', await p.token('STATION_MANAGER', stationB.id)))).toEqual(['FORBIDDEN']);
    expect(ok(await adjust(cap, managerA)).adjustCounterSaleLinePrice).toEqual({
      unitPrice: Number(cap).toFixed(2), amount: Number(cap).toFixed(2), priceChanges: [{ fromPrice: tier, toPrice: '1.00' }, { fromPrice: '1.00', toPrice: Number(cap).toFixed(2) }],
    });
  });

  it('takes parts back into stock once per key, never more than was issued', async () => {
    const [first] = ok(await p.query(`{ counterSales(first: 200) { number lines { id part { id } issued } } }`, {}, clerkA)).counterSales.filter((s: any) => s.number.endsWith('000001'));
    const line = first.lines[0];
    const before = await available(line.part.id);
    const ret = (q: number, key: string) => p.query(`mutation($l: ID!, $q: Float!, $k: String!) { returnCounterSaleLine(lineId: $l, quantity: $q, idempotencyKey: $k) { returned issued amount } }`, { l: line.id, q, k: key }, clerkA);
    expect(ok(await ret(1, 'r-1')).returnCounterSaleLine).toMatchObject({ returned: 1, issued: 2 });
    expect(ok(await ret(1, 'r-1')).returnCounterSaleLine).toMatchObject({ returned: 1 });
    expect(await available(line.part.id)).toBeCloseTo(before + 1, 3);
    expect(codes(await ret(2, 'r-2'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await ret(0.5, 'r-3'))).toEqual(['BAD_USER_INPUT']); // whole pieces only
    expect(codes(await p.query(`mutation($l: ID!) { returnCounterSaleLine(lineId: $l, quantity: 1, idempotencyKey: "r-9") { returned } }`, { l: line.id }, clerkB))).toEqual(['FORBIDDEN']);
    expect(await available(line.part.id)).toBeCloseTo(before + 1, 3);
  });

  it('lists a line\'s returns oldest first with their 退料单 number (the station\'s one TL series) and reason; a reason too long is refused and changes nothing', async () => {
    const level = single[single.length - 1];
    const sale = ok(await sell({ customerType: 'WALK_IN', lines: [{ partId: level.partId, quantity: 3 }] }, 'xs-slip', clerkA)).sellOverCounter;
    const lineId = sale.lines[0].id;
    const RET = `mutation($l: ID!, $q: Float!, $k: String!, $r: String) { returnCounterSaleLine(lineId: $l, quantity: $q, idempotencyKey: $k, reason: $r) {
      returned returns { id number quantity reason booked returnedBy returnedAt lineId part { id } bin { id } } } }`;
    const ret = (q: number, key: string, reason: string | null, via?: 'workshop') => via
      ? p.querySubgraph('workshop', RET, { l: lineId, q, k: key, r: reason }, clerkA)
      : p.query(RET, { l: lineId, q, k: key, r: reason }, clerkA);
    const seq = (n: string) => Number(n.slice(n.indexOf('-') + 1));

    const first = ok(await ret(1, 'slip-1', '  客户买错型号\n换 1.6T  ')).returnCounterSaleLine;
    expect(first.returned).toBe(1);
    expect(first.returns).toEqual([{
      id: expect.any(String), number: expect.stringMatching(/^TL\d{4}-\d{6}$/), quantity: 1, reason: '客户买错型号\n换 1.6T', booked: true, returnedBy: 'clerk-a',
      returnedAt: expect.any(String), lineId, part: { id: level.partId }, bin: { id: level.binId },
    }]);
    // A repair order's return at the same station draws the next number of the same series.
    const ro = ok(await p.query(`mutation { openRepairOrder(input: {}) { id } }`, {}, clerkA)).openRepairOrder;
    const req = ok(await p.query(`mutation($ro: ID!, $l: [RequisitionLineInput!]!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: "slip-req") { lines { id } } }`,
      { ro: ro.id, l: [{ partId: single[3].partId, quantity: 1 }] }, clerkA)).requisitionParts;
    const roReturn = ok(await p.query(`mutation($l: ID!) { returnParts(requisitionLineId: $l, quantity: 1, reason: "未使用") { returns { number } } }`, { l: req.lines[0].id }, clerkA)).returnParts.returns[0];
    expect(seq(roReturn.number)).toBe(seq(first.returns[0].number) + 1);

    const second = ok(await ret(1, 'slip-2', null)).returnCounterSaleLine;
    expect(second.returns.map((r: any) => [r.quantity, r.reason])).toEqual([[1, '客户买错型号\n换 1.6T'], [1, null]]);
    expect(second.returns[0]).toEqual(first.returns[0]);
    expect(seq(second.returns[1].number)).toBe(seq(roReturn.number) + 1);
    // The same key again: nothing more returned, no new number.
    expect(ok(await ret(1, 'slip-1', '客户买错型号')).returnCounterSaleLine.returns).toEqual(second.returns);
    const read = async () => ok(await p.query(`query($id: ID!) { counterSale(id: $id) { quantity lines { returned returns { number quantity reason } } } }`, { id: sale.id }, clerkA)).counterSale;
    const kept = await read();
    expect(kept).toEqual({ quantity: 1, lines: [{ returned: 2, returns: second.returns.map((r: any) => ({ number: r.number, quantity: r.quantity, reason: r.reason })) }] });

    // Refused at the gateway and at the workshop's own edge alike: the returnParts rule (TOO_LONG, CONTROL_CHARACTER), nothing taken back.
    const before = await available(level.partId);
    const long = await ret(1, 'slip-3', 'x'.repeat(2001));
    expect(codes(long)).toEqual(['BAD_USER_INPUT']);
    expect(long.errors![0].extensions).toMatchObject({ reason: 'TOO_LONG', params: { max: 2000 } });
    const longHere = await ret(1, 'slip-3', '退'.repeat(2001), 'workshop');
    expect(codes(longHere)).toEqual(['BAD_USER_INPUT']);
    expect(longHere.errors![0].extensions).toMatchObject({ reason: 'TOO_LONG', params: { field: 'reason', max: 2000 } });
    const control = await ret(1, 'slip-3', '坏\u0007了', 'workshop');
    expect(control.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'CONTROL_CHARACTER', params: { field: 'reason' } });
    expect(await read()).toEqual(kept);
    expect(await available(level.partId)).toBeCloseTo(before, 3);
    // The key the refusals carried is still free, and the refusals drew no number.
    const third = ok(await ret(1, 'slip-3', '包装破损')).returnCounterSaleLine;
    expect(third.returns.map((r: any) => r.reason)).toEqual(['客户买错型号\n换 1.6T', null, '包装破损']);
    expect(seq(third.returns[2].number)).toBe(seq(second.returns[1].number) + 1);
    expect(await available(level.partId)).toBeCloseTo(before + 1, 3);

    // The migration numbers returns booked before it after what the station's TL counter had handed out: none given twice.
    const ds = p.subgraphs.workshop.runtime.ds;
    const counter = async () => Number((await ds.query(`SELECT last_value FROM workshop.document_sequence WHERE station_id = $1 AND series = 'TL' AND year = $2`,
      [stationA.id, new Date(third.returns[2].returnedAt).getUTCFullYear()]))[0].last_value);
    const numbersOfA = async () => (await ds.query(`SELECT r.number FROM workshop.counter_sale_return r JOIN workshop.counter_sale_line l ON l.id = r.line_id
      JOIN workshop.counter_sale s ON s.id = l.counter_sale_id WHERE s.station_id = $1 ORDER BY r.returned_at, r.id`, [stationA.id]) as { number: string }[]).map((r) => r.number);
    const countBefore = await counter();
    const booked = (await numbersOfA()).length;
    expect(booked).toBeGreaterThanOrEqual(4);
    const migration = new WorkshopSaleReturnNumbers1765400000000();
    const qr = ds.createQueryRunner();
    try {
      await migration.down(qr);
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    const renumbered = await numbersOfA();
    expect(renumbered.map(seq)).toEqual(Array.from({ length: booked }, (_, i) => countBefore + 1 + i));
    expect(await counter()).toBe(countBefore + booked);
    expect(renumbered.every((n) => /^TL\d{4}-\d{6}$/.test(n))).toBe(true);
  });

  it('keeps each sale\'s total and quantity on its row equal to the sums over its lines after sales, price changes, returns and a refused return', async () => {
    const stored = async () => (await p.subgraphs.workshop.runtime.ds.query(
      `SELECT s.id, s.total::text AS stored, coalesce(sum(round((l.issued - l.returned) * round(l.unit_price, 2), 2)), 0)::numeric(14,2)::text AS summed,
              s.quantity::text AS "storedQuantity", coalesce(sum(l.issued - l.returned), 0)::numeric(16,3)::text AS "summedQuantity"
         FROM workshop.counter_sale s LEFT JOIN workshop.counter_sale_line l ON l.counter_sale_id = s.id GROUP BY s.id ORDER BY s.id`)) as { id: string; stored: string; summed: string; storedQuantity: string; summedQuantity: string }[];
    const sale = async (id: string) => ok(await p.query(`query($id: ID!) { counterSale(id: $id) { total quantity lines { id amount issued returned } } }`, { id }, clerkA)).counterSale;
    const cents = (lines: { amount: string }[]) => lines.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);

    // Two lines, one returned in part, one repriced; then a return stock refuses (a bin that is not there), which is undone.
    const [a, b] = [single[4], single[5]].map((l) => l.partId);
    const made = ok(await sell({ customerType: 'MEMBER', lines: [{ partId: a, quantity: 3 }, { partId: b, quantity: 2 }] }, 'xs-total', managerA)).sellOverCounter;
    const [la, lb] = made.lines;
    expect(Math.round(Number(made.total) * 100)).toBe(cents(made.lines));
    expect(ok(await p.query(`query($id: ID!) { counterSale(id: $id) { quantity } }`, { id: made.id }, clerkA)).counterSale.quantity).toBe(5);
    ok(await p.query(`mutation($l: ID!) { returnCounterSaleLine(lineId: $l, quantity: 2, idempotencyKey: "total-r1") { returned } }`, { l: la.id }, clerkA));
    ok(await p.query(`mutation($l: ID!) { adjustCounterSaleLinePrice(lineId: $l, unitPrice: "0.35") { unitPrice } }`, { l: lb.id }, managerA));
    const refused = await p.query(`mutation($l: ID!, $b: ID) { returnCounterSaleLine(lineId: $l, quantity: 1, idempotencyKey: "total-r2", binId: $b) { returned } }`,
      { l: lb.id, b: '00000000-0000-4000-8000-0000000000b9' }, clerkA);
    expect(codes(refused)).toEqual(['NOT_FOUND']);
    const after = await sale(made.id);
    expect(after.lines.map((l: any) => l.returned)).toEqual([2, 0]);
    expect(after.lines[1].amount).toBe('0.70');
    expect(Math.round(Number(after.total) * 100)).toBe(cents(after.lines));
    expect(after.total).not.toBe(made.total);
    expect(after.quantity).toBe(3); // 3 − 2 returned + 2; the refused return took nothing back

    const rows = await stored();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.stored !== r.summed || r.storedQuantity !== r.summedQuantity)).toEqual([]);

    // The migrations' backfills give the sales made before them the same totals and quantities.
    const [totals, quantities] = [new WorkshopSaleTotals1765200000000(), new WorkshopSaleQuantities1765300000000()];
    const qr = p.subgraphs.workshop.runtime.ds.createQueryRunner();
    try {
      await quantities.down(qr);
      await totals.down(qr);
      await totals.up(qr);
      await quantities.up(qr);
    } finally {
      await qr.release();
    }
    expect(await stored()).toEqual(rows);
  });

  it('keeps stations apart and refuses bad input', async () => {
    const mine = ok(await p.query(`{ counterSales { id station { id } } }`, {}, clerkA)).counterSales;
    expect(mine.length).toBeGreaterThanOrEqual(4);
    expect(ok(await p.query(`{ counterSales { id } }`, {}, clerkB)).counterSales).toEqual([]);
    expect(codes(await p.query(`query($id: ID!) { counterSale(id: $id) { id } }`, { id: mine[0].id }, clerkB))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(`query($s: ID) { counterSales(stationId: $s) { id } }`, { s: stationA.id }, clerkB))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(`query($s: ID) { counterSales(stationId: $s) { id } }`, { s: stationA.id }, hq)).counterSales).toHaveLength(mine.length);
    const page1 = ok(await p.query(`{ counterSales(first: 2) { id cursor } }`, {}, clerkA)).counterSales;
    const page2 = ok(await p.query(`query($a: String) { counterSales(first: 2, after: $a) { id } }`, { a: page1[1].cursor }, clerkA)).counterSales;
    expect(page2[0].id).toBe(mine[2].id);

    const partId = single[3].partId;
    expect(codes(await sell({ customerType: 'WALK_IN', lines: [{ partId, quantity: -1 }] }, 'bad-1', clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await sell({ customerType: 'WALK_IN', lines: [] }, 'bad-2', clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await sell({ customerType: 'WALK_IN', lines: [{ partId: '00000000-0000-4000-8000-000000000009', quantity: 1 }] }, 'bad-3', clerkA))).toEqual(['NOT_FOUND']);
    expect(codes(await sell({ stationId: stationB.id, customerType: 'WALK_IN', lines: [{ partId, quantity: 1 }] }, 'bad-4', clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await sell({ customerType: 'WALK_IN', lines: [{ partId, quantity: 1 }] }, 'bad-5', buyerA))).toEqual(['FORBIDDEN']);
    expect(codes(await sell({ customerType: 'WALK_IN', lines: [{ partId, quantity: 1 }] }, '', clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(ok(await p.query(`{ counterSales { id } }`, {}, clerkA)).counterSales).toHaveLength(mine.length);
  });

  it('records lost sales and emergency purchases in one call; both count as demand, not as issued', async () => {
    const part = data.parts.find((x) => !data.stock.some((l) => l.partId === x.id && l.stationId === stationA.id))!;
    const record = (input: Record<string, unknown>, token = clerkA) =>
      p.query(`mutation($i: LostSaleInput!) { recordLostSale(input: $i) { id part { id } station { id } quantity reason emergencyPurchase note recordedBy } }`, { i: input }, token);
    const lost = ok(await record({ partId: part.id, quantity: 3, reason: 'NOT_STOCKED', note: '客户要求', idempotencyKey: 'ls-1' })).recordLostSale;
    expect(lost).toMatchObject({ part: { id: part.id }, station: { id: stationA.id }, quantity: 3, reason: 'NOT_STOCKED', emergencyPurchase: false, note: '客户要求', recordedBy: 'clerk-a' });
    expect(ok(await record({ partId: part.id, quantity: 3, reason: 'NOT_STOCKED', idempotencyKey: 'ls-1' })).recordLostSale.id).toBe(lost.id);
    // The key with another request is refused, never answered with the first record (and counts nothing).
    const reused = await record({ partId: part.id, quantity: 2, reason: 'NOT_STOCKED', idempotencyKey: 'ls-1' });
    expect(codes(reused)).toEqual(['CONFLICT']);
    expect(reused.errors![0].extensions).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED', params: { field: 'idempotencyKey' } });
    expect(codes(await record({ partId: part.id, quantity: 1, reason: 'PRICE', idempotencyKey: 'x'.repeat(201) }))).toEqual(['BAD_USER_INPUT']);
    ok(await record({ partId: part.id, quantity: 1, reason: 'OUT_OF_STOCK', emergencyPurchase: true }));
    expect(codes(await record({ partId: part.id, quantity: 1.5, reason: 'PRICE' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await record({ partId: part.id, quantity: 1, reason: 'PRICE', stationId: stationB.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await record({ partId: part.id, quantity: 1, reason: 'PRICE' }, buyerA))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(`{ lostSales { quantity emergencyPurchase } }`, {}, clerkA)).lostSales).toEqual([{ quantity: 1, emergencyPurchase: true }, { quantity: 3, emergencyPurchase: false }]);
    expect(ok(await p.query(`{ lostSales { id } }`, {}, clerkB)).lostSales).toEqual([]);

    const month = new Date().toISOString().slice(0, 7);
    const history = () => p.query(`query($s: ID!, $p: ID!) { consumptionHistory(stationId: $s, partId: $p, months: 1) { month quantity demand } }`, { s: stationA.id, p: part.id }, buyerA).then((r) => ok(r).consumptionHistory);
    expect(await waitFor(history, (h: any) => h[0].demand === 4)).toEqual([{ month, quantity: 0, demand: 4 }]);
  });
});
