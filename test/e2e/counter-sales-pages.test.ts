/**
 * counterSalesPage and lostSalesPage (柜台销售记录, 缺货流失记录) through the
 * gateway: newest first with ties broken by id (pages neither repeat nor
 * skip, also under another sort), totalCount, filters, station scoping, a
 * sort field the list does not have refused with its reason; the old
 * counterSales / lostSales as their first page, still taking the cursors they
 * handed out before; the Excel downloads of both.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { downloadExport, readSheet } from '../helpers/sheet';
import { codes, ok } from '../helpers/graphql';

const SALES_PAGE = `query($first: Int, $after: String, $sort: PageSort, $stationId: ID, $from: DateTime, $to: DateTime, $partId: ID, $customerType: CustomerType, $customerTypes: [CustomerType!], $query: String) {
  counterSalesPage(first: $first, after: $after, sort: $sort, stationId: $stationId, from: $from, to: $to, partId: $partId, customerType: $customerType, customerTypes: $customerTypes, query: $query) {
    items { id number customerType customerName soldAt total quantity station { id } lines { issued returned } } pageInfo { endCursor hasNextPage } totalCount } }`;
const LOST_PAGE = `query($first: Int, $after: String, $sort: PageSort, $stationId: ID, $from: DateTime, $to: DateTime, $partId: ID, $reason: LostSaleReason, $reasons: [LostSaleReason!], $emergencyPurchase: Boolean, $query: String) {
  lostSalesPage(first: $first, after: $after, sort: $sort, stationId: $stationId, from: $from, to: $to, partId: $partId, reason: $reason, reasons: $reasons, emergencyPurchase: $emergencyPurchase, query: $query) {
    items { id quantity reason emergencyPurchase note recordedAt part { id } station { id } } pageInfo { endCursor hasNextPage } totalCount } }`;

/** A legacy cursor as counterSales / lostSales handed them out before they were pages: base64url of [ISO time, id]. */
const legacyCursor = (at: string, id: string) => Buffer.from(JSON.stringify([new Date(at).toISOString(), id])).toString('base64url');

describe('counter sales and lost sales page by page', () => {
  let p: Platform;
  let hq: string;
  let clerkA: string;
  let managerA: string;
  let clerkB: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const single = data.stock.filter((l) => l.stationId === stationA.id && l.onHand >= 6 && data.parts.find((x) => x.id === l.partId)?.unitPrecision === 0
    && data.stock.filter((x) => x.partId === l.partId && x.stationId === stationA.id).length === 1);
  const soldPart = single[0].partId;
  const otherPart = single[1].partId;
  const stockedB = data.stock.find((l) => l.stationId === stationB.id && l.onHand >= 2 && data.parts.find((x) => x.id === l.partId)?.unitPrecision === 0)!;
  const lostPart = data.parts.find((x) => !data.stock.some((l) => l.partId === x.id && l.stationId === stationA.id))!;
  // Rows written straight into the tables, all at one instant: only the id orders them.
  const tie = '2026-03-10T02:00:00.000Z';
  const db = () => p.subgraphs.workshop.runtime.ds;

  const all = async (query: string, field: string, vars: Record<string, unknown>, token: string, first = 7) => {
    const seen: any[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    let pages = 0;
    do {
      const page: any = ok(await p.query(query, { ...vars, first, after }, token))[field];
      totals.add(page.totalCount);
      expect(page.items.length).toBeLessThanOrEqual(first);
      seen.push(...page.items);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages++;
    } while (after && pages < 100);
    return { seen, totals: [...totals] };
  };

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerkA = await p.token('PARTS_CLERK', stationA.id, 'clerk-a');
    managerA = await p.token('STATION_MANAGER', stationA.id, 'manager-a');
    clerkB = await p.token('PARTS_CLERK', stationB.id, 'clerk-b');
    const sell = (input: Record<string, unknown>, key: string, token: string) =>
      p.query(`mutation($i: CounterSaleInput!, $k: String!) { sellOverCounter(input: $i, idempotencyKey: $k) { id } }`, { i: input, k: key }, token).then(ok);
    await sell({ customerType: 'WHOLESALE', customerName: '修理厂 王', lines: [{ partId: soldPart, quantity: 3 }] }, 'pg-1', clerkA);
    await sell({ customerType: 'WALK_IN', lines: [{ partId: otherPart, quantity: 1 }] }, 'pg-2', clerkA);
    await sell({ customerType: 'MEMBER', customerName: '会员 李', lines: [{ partId: soldPart, quantity: 1 }, { partId: otherPart, quantity: 2 }] }, 'pg-3', managerA);
    await sell({ customerType: 'WHOLESALE', customerName: '修理厂 王', lines: [{ partId: stockedB.partId, quantity: 1 }] }, 'pg-b', clerkB);
    await db().query(`INSERT INTO workshop.counter_sale (id, number, station_id, customer_type, customer_name, idempotency_key, sold_by, sold_at)
      SELECT gen_random_uuid(), 'XS2026-9' || lpad(g::text, 5, '0'), $1, (ARRAY['WALK_IN','MEMBER','WHOLESALE','INSURANCE'])[1 + g % 4], '批量客户' || g, 'bulk-' || g, 'clerk-a', $2::timestamptz
      FROM generate_series(1, 23) g`, [stationA.id, tie]);
    const record = (input: Record<string, unknown>, token = clerkA) =>
      p.query(`mutation($i: LostSaleInput!) { recordLostSale(input: $i) { id } }`, { i: input }, token).then(ok);
    await record({ partId: lostPart.id, quantity: 4, reason: 'NOT_STOCKED', note: '客户要原厂件' });
    await record({ partId: lostPart.id, quantity: 1, reason: 'OUT_OF_STOCK', emergencyPurchase: true });
    await record({ partId: soldPart, quantity: 2, reason: 'PRICE' }, managerA);
    await record({ partId: stockedB.partId, quantity: 1, reason: 'PRICE' }, clerkB);
    await db().query(`INSERT INTO workshop.lost_sale (id, station_id, part_id, quantity, reason, emergency_purchase, note, idempotency_key, recorded_by, recorded_at)
      SELECT gen_random_uuid(), $1, $2, 1 + g % 5, (ARRAY['NOT_STOCKED','OUT_OF_STOCK','PRICE','OTHER'])[1 + g % 4], g % 3 = 0, NULL, 'bulk-' || g, 'clerk-a', $3::timestamptz
      FROM generate_series(1, 19) g`, [stationA.id, lostPart.id, tie]);
  });
  afterAll(() => p?.stop());

  it('pages the station\'s counter sales newest first, ties by id, no repeats or skips, with the count of all', async () => {
    const expected: { id: string }[] = await db().query(`SELECT id FROM workshop.counter_sale WHERE station_id = $1 ORDER BY sold_at DESC, id DESC`, [stationA.id]);
    expect(expected.length).toBeGreaterThanOrEqual(26);
    const { seen, totals } = await all(SALES_PAGE, 'counterSalesPage', {}, clerkA);
    expect(totals).toEqual([expected.length]);
    expect(seen.map((s) => s.id)).toEqual(expected.map((r) => r.id));
    expect(seen.every((s) => s.station.id === stationA.id)).toBe(true);

    // By amount, largest first: the same sales, each once, and each amount the sale's own total.
    const byAmount = await all(SALES_PAGE, 'counterSalesPage', { sort: { field: 'amount' } }, clerkA, 5);
    expect(byAmount.seen.map((s) => s.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const amounts = byAmount.seen.map((s) => Number(s.total));
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(amounts[0]).toBeGreaterThan(0);
    const biggest = byAmount.seen[0];
    expect(ok(await p.query(`query($id: ID!) { counterSale(id: $id) { total } }`, { id: biggest.id }, clerkA)).counterSale.total).toBe(biggest.total);
    const ascending = ok(await p.query(SALES_PAGE, { sort: { field: 'amount', direction: 'ASC' }, first: 200 }, clerkA)).counterSalesPage.items.map((s: any) => Number(s.total));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    // By quantity (issued − returned over the lines), most first: the same sales, each once, ties by id.
    const byQuantity = await all(SALES_PAGE, 'counterSalesPage', { sort: { field: 'quantity' } }, clerkA, 4);
    expect(byQuantity.seen.map((s) => s.id).sort()).toEqual(expected.map((r) => r.id).sort());
    for (const s of byQuantity.seen) expect(s.quantity).toBeCloseTo(s.lines.reduce((n: number, l: any) => n + l.issued - l.returned, 0), 3);
    const quantities = byQuantity.seen.map((s) => s.quantity);
    expect(quantities).toEqual([...quantities].sort((a, b) => b - a));
    expect(quantities.slice(0, 3)).toEqual([3, 3, 1]); // 3 of one part; 1 + 2 of two; then the rest
    const tied = byQuantity.seen.filter((s) => s.quantity === 0).map((s) => s.id);
    expect(tied).toEqual([...tied].sort().reverse());
    const fewest = ok(await p.query(SALES_PAGE, { sort: { field: 'quantity', direction: 'ASC' }, first: 200 }, clerkA)).counterSalesPage.items.map((s: any) => s.quantity);
    expect(fewest).toEqual([...quantities].reverse());
  });

  it('filters counter sales by date, part, customer type and text', async () => {
    const day = ok(await p.query(SALES_PAGE, { from: tie, to: new Date(Date.parse(tie) + 1).toISOString(), first: 200 }, clerkA)).counterSalesPage;
    expect(day.totalCount).toBe(23);
    expect(day.items.every((s: any) => s.soldAt === tie)).toBe(true);
    const withPart = ok(await p.query(SALES_PAGE, { partId: soldPart }, clerkA)).counterSalesPage;
    expect(withPart.items.map((s: any) => s.customerName).sort()).toEqual(['会员 李', '修理厂 王'].sort());
    expect(withPart.totalCount).toBe(2);
    const [wholesale] = await db().query(`SELECT count(*)::int AS n FROM workshop.counter_sale WHERE station_id = $1 AND customer_type = 'WHOLESALE'`, [stationA.id]);
    const ws = ok(await p.query(SALES_PAGE, { customerType: 'WHOLESALE', first: 200 }, clerkA)).counterSalesPage;
    expect(ws.totalCount).toBe(wholesale.n);
    expect(ws.items.every((s: any) => s.customerType === 'WHOLESALE')).toBe(true);
    const two = ok(await p.query(SALES_PAGE, { customerTypes: ['MEMBER', 'INSURANCE'], first: 200 }, clerkA)).counterSalesPage;
    expect(new Set(two.items.map((s: any) => s.customerType))).toEqual(new Set(['MEMBER', 'INSURANCE']));
    // Text: the customer's name, or part of the number; the pattern's own characters are text.
    const matching = async (text: string) => (await db().query(
      `SELECT count(*)::int AS n FROM workshop.counter_sale WHERE station_id = $1 AND (number LIKE '%' || $2 || '%' OR customer_name LIKE '%' || $2 || '%')`, [stationA.id, text]))[0].n;
    expect(await matching('修理厂')).toBeGreaterThanOrEqual(1);
    expect(ok(await p.query(SALES_PAGE, { query: '修理厂' }, clerkA)).counterSalesPage.totalCount).toBe(await matching('修理厂'));
    expect(await matching('9000')).toBeGreaterThanOrEqual(9); // XS2026-900001 … 900009
    expect(ok(await p.query(SALES_PAGE, { query: '9000' }, clerkA)).counterSalesPage.totalCount).toBe(await matching('9000'));
    expect(ok(await p.query(SALES_PAGE, { query: '%' }, clerkA)).counterSalesPage.totalCount).toBe(0);
  });

  it('keeps counter sales in the station and refuses a sort field the list does not have, with the reason', async () => {
    const mine = ok(await p.query(SALES_PAGE, { first: 1 }, clerkA)).counterSalesPage.totalCount;
    const theirs = ok(await p.query(SALES_PAGE, { first: 200 }, clerkB)).counterSalesPage;
    expect(theirs.items.every((s: any) => s.station.id === stationB.id)).toBe(true);
    expect(theirs.items.some((s: any) => s.customerName === '修理厂 王')).toBe(true);
    expect(ok(await p.query(SALES_PAGE, { query: '批量' }, clerkB)).counterSalesPage.totalCount).toBe(0);
    expect(codes(await p.query(SALES_PAGE, { stationId: stationA.id }, clerkB))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(SALES_PAGE, { stationId: stationA.id, first: 1 }, hq)).counterSalesPage.totalCount).toBe(mine);
    const [everywhere] = await db().query(`SELECT count(*)::int AS n FROM workshop.counter_sale`);
    expect(ok(await p.query(SALES_PAGE, { first: 1 }, hq)).counterSalesPage.totalCount).toBe(everywhere.n);
    // HQ naming the empty string as its station: no station, so nothing (never a database error).
    expect(ok(await p.query(SALES_PAGE, { stationId: '', first: 1 }, hq)).counterSalesPage).toMatchObject({ items: [], totalCount: 0 });
    expect(ok(await p.query(LOST_PAGE, { stationId: '', first: 1 }, hq)).lostSalesPage).toMatchObject({ items: [], totalCount: 0 });
    expect(ok(await p.query(`query($s: ID) { repairOrders(stationId: $s) { id } }`, { s: '' }, hq)).repairOrders).toEqual([]);
    // The same on the array lists of the other subgraphs (identity, procurement): '' names no station, supplier or part.
    expect(ok(await p.query(`query($s: ID) { users(stationId: $s) { id } }`, { s: '' }, hq)).users).toEqual([]);
    expect(ok(await p.query(`query($s: ID) { purchaseOrders(stationId: $s) { id } }`, { s: '' }, hq)).purchaseOrders).toEqual([]);
    expect(ok(await p.query(`query($s: ID) { depotOrders(stationId: $s) { id } }`, { s: '' }, hq)).depotOrders).toEqual([]);
    expect(ok(await p.query(`query($s: ID) { supplierOffers(supplierId: $s) { unitPrice } }`, { s: '' }, hq)).supplierOffers).toEqual([]);
    expect(ok(await p.query(`query($s: ID) { supplierOffers(partId: $s) { unitPrice } }`, { s: '' }, hq)).supplierOffers).toEqual([]);
    // A station's clerk naming '' is scoped to his own station first, as on every page: his orders, not nothing.
    const ownOrders = ok(await p.query(`query { purchaseOrders { id } }`, {}, clerkA)).purchaseOrders;
    expect(ok(await p.query(`query($s: ID) { purchaseOrders(stationId: $s) { id } }`, { s: '' }, clerkA)).purchaseOrders).toEqual(ownOrders);
    const refused = await p.query(SALES_PAGE, { sort: { field: 'customerName' } }, clerkA);
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions).toMatchObject({ reason: 'SORT_FIELD_UNKNOWN', params: { field: 'customerName', allowed: ['soldAt', 'number', 'amount', 'quantity'] } });
    // A cursor of one order is refused in another.
    const byAmount = ok(await p.query(SALES_PAGE, { sort: { field: 'amount' }, first: 2 }, clerkA)).counterSalesPage;
    expect(codes(await p.query(SALES_PAGE, { after: byAmount.pageInfo.endCursor }, clerkA))).toEqual(['BAD_USER_INPUT']);
  });

  it('counterSales is the first page and still takes the cursors it handed out, old and new', async () => {
    const page = ok(await p.query(SALES_PAGE, { first: 6 }, clerkA)).counterSalesPage.items;
    const old = ok(await p.query(`{ counterSales(first: 3) { id soldAt cursor } }`, {}, clerkA)).counterSales;
    expect(old.map((s: any) => s.id)).toEqual(page.slice(0, 3).map((s: any) => s.id));
    const next = (after: string) => p.query(`query($a: String) { counterSales(first: 3, after: $a) { id } }`, { a: after }, clerkA).then((r) => ok(r).counterSales.map((s: any) => s.id));
    const rest = page.slice(3, 6).map((s: any) => s.id);
    expect(await next(old[2].cursor)).toEqual(rest);
    expect(await next(legacyCursor(old[2].soldAt, old[2].id))).toEqual(rest);
    // Among rows of one instant the old [time, id] cursor moves on by id, as the old list did.
    const window = { from: tie, to: new Date(Date.parse(tie) + 1).toISOString() };
    const tied = ok(await p.query(SALES_PAGE, { ...window, first: 4 }, clerkA)).counterSalesPage.items;
    expect(tied.every((s: any) => s.soldAt === tie)).toBe(true);
    const after2 = ok(await p.query(SALES_PAGE, { ...window, first: 2, after: legacyCursor(tie, tied[1].id) }, clerkA)).counterSalesPage.items;
    expect(after2.map((s: any) => s.id)).toEqual(tied.slice(2, 4).map((s: any) => s.id));
    expect(codes(await p.query(`{ counterSales(after: "not-a-cursor") { id } }`, {}, clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(ok(await p.query(`{ counterSales { id } }`, {}, clerkB)).counterSales.every((s: any) => !page.some((x: any) => x.id === s.id))).toBe(true);
  });

  it('pages lost sales newest first with filters by reason, emergency, part, date and text, in the station', async () => {
    const expected: { id: string }[] = await db().query(`SELECT id FROM workshop.lost_sale WHERE station_id = $1 ORDER BY recorded_at DESC, id DESC`, [stationA.id]);
    expect(expected.length).toBeGreaterThanOrEqual(22);
    const { seen, totals } = await all(LOST_PAGE, 'lostSalesPage', {}, managerA, 6);
    expect(totals).toEqual([expected.length]);
    expect(seen.map((l) => l.id)).toEqual(expected.map((r) => r.id));
    const byQty = await all(LOST_PAGE, 'lostSalesPage', { sort: { field: 'quantity' } }, managerA, 4);
    expect(byQty.seen.map((l) => l.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const q = byQty.seen.map((l) => l.quantity);
    expect(q).toEqual([...q].sort((a, b) => b - a));
    const byReason = await all(LOST_PAGE, 'lostSalesPage', { sort: { field: 'reason' } }, managerA, 5);
    const reasons = byReason.seen.map((l) => l.reason);
    expect(reasons).toEqual([...reasons].sort());
    expect(byReason.seen).toHaveLength(expected.length);

    const count = async (where: string, params: unknown[] = []) =>
      (await db().query(`SELECT count(*)::int AS n FROM workshop.lost_sale WHERE station_id = $1 AND ${where}`, [stationA.id, ...params]))[0].n;
    const price = ok(await p.query(LOST_PAGE, { reason: 'PRICE', first: 200 }, managerA)).lostSalesPage;
    expect(price.totalCount).toBe(await count(`reason = 'PRICE'`));
    expect(price.items.every((l: any) => l.reason === 'PRICE')).toBe(true);
    expect(ok(await p.query(LOST_PAGE, { reasons: ['NOT_STOCKED', 'OTHER'] }, managerA)).lostSalesPage.totalCount).toBe(await count(`reason IN ('NOT_STOCKED', 'OTHER')`));
    const emergency = ok(await p.query(LOST_PAGE, { emergencyPurchase: true, first: 200 }, managerA)).lostSalesPage;
    expect(emergency.totalCount).toBe(await count('emergency_purchase'));
    expect(emergency.items.every((l: any) => l.emergencyPurchase)).toBe(true);
    expect(ok(await p.query(LOST_PAGE, { emergencyPurchase: false }, managerA)).lostSalesPage.totalCount).toBe(await count('NOT emergency_purchase'));
    expect(ok(await p.query(LOST_PAGE, { partId: soldPart }, managerA)).lostSalesPage.items.map((l: any) => l.reason)).toEqual(['PRICE']);
    expect(ok(await p.query(LOST_PAGE, { from: tie, to: new Date(Date.parse(tie) + 1).toISOString() }, managerA)).lostSalesPage.totalCount).toBe(19);
    // Text: the part's number, or the note.
    expect(ok(await p.query(LOST_PAGE, { query: lostPart.partNo }, managerA)).lostSalesPage.totalCount).toBe(await count('part_id = $2', [lostPart.id]));
    expect(ok(await p.query(LOST_PAGE, { query: '原厂' }, managerA)).lostSalesPage.items.map((l: any) => l.note)).toEqual(['客户要原厂件']);

    const theirs = ok(await p.query(LOST_PAGE, { first: 200 }, clerkB)).lostSalesPage;
    const [inB] = await db().query(`SELECT count(*)::int AS n FROM workshop.lost_sale WHERE station_id = $1`, [stationB.id]);
    expect(theirs.totalCount).toBe(inB.n);
    expect(theirs.items.length).toBeGreaterThanOrEqual(1);
    expect(theirs.items.every((l: any) => l.station.id === stationB.id)).toBe(true);
    expect(codes(await p.query(LOST_PAGE, { stationId: stationA.id }, clerkB))).toEqual(['FORBIDDEN']);
    const [everywhere] = await db().query(`SELECT count(*)::int AS n FROM workshop.lost_sale`);
    expect(ok(await p.query(LOST_PAGE, { first: 1 }, hq)).lostSalesPage.totalCount).toBe(everywhere.n);
    const refused = await p.query(LOST_PAGE, { sort: { field: 'note' } }, managerA);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'SORT_FIELD_UNKNOWN', params: { field: 'note', allowed: ['recordedAt', 'quantity', 'reason'] } });

    // lostSales: the first page; its old cursors still work.
    const old = ok(await p.query(`{ lostSales(first: 2) { id recordedAt cursor } }`, {}, clerkA)).lostSales;
    expect(old.map((l: any) => l.id)).toEqual(expected.slice(0, 2).map((r) => r.id));
    const next = ok(await p.query(`query($a: String) { lostSales(first: 2, after: $a) { id } }`, { a: legacyCursor(old[1].recordedAt, old[1].id) }, clerkA)).lostSales;
    expect(next.map((l: any) => l.id)).toEqual(expected.slice(2, 4).map((r) => r.id));
    expect(ok(await p.query(`query($a: String) { lostSales(first: 2, after: $a) { id } }`, { a: old[1].cursor }, clerkA)).lostSales).toEqual(next);
  });

  it('downloads counter sales (one row per line) and lost sales as Excel with Chinese headers and numbers as numbers', async () => {
    const download = (path: string, token: string) => downloadExport(p.gatewayUrl, path, token);
    const read = readSheet;
    const sales = await read(await download(`/export/counter-sales.xlsx?customerType=MEMBER&query=${encodeURIComponent('会员')}`, managerA));
    expect(sales.name).toBe('柜台销售记录');
    expect(sales.rows[0]).toEqual(['销售单号', '服务站', '销售时间', '客户类型', '客户', '配件编号', '配件名称', '单位', '需求数量', '实发数量', '退回数量', '缺件数量', '单价', '行金额', '销售单金额', '销售单总数量', '销售人']);
    expect(sales.rows).toHaveLength(1 + 2); // the member's sale has two lines
    const partNos = sales.rows.slice(1).map((r) => r[5]);
    expect(partNos.sort()).toEqual([soldPart, otherPart].map((id) => data.parts.find((x) => x.id === id)!.partNo).sort());
    for (const r of sales.rows.slice(1)) {
      expect(r[3]).toBe('会员');
      expect(typeof r[9]).toBe('number');
      expect(typeof r[13]).toBe('number');
      expect(r[2]).toBeInstanceOf(Date);
    }
    expect((sales.rows[1][13] as number) + (sales.rows[2][13] as number)).toBeCloseTo(sales.rows[1][14] as number, 2);
    // The sale's quantity (issued − returned over its lines) on each of its rows, a number, as 销售记录's 总数量 column shows it.
    for (const r of sales.rows.slice(1)) expect(r[15]).toBe((sales.rows[1][9] as number) - ((sales.rows[1][10] as number) ?? 0) + (sales.rows[2][9] as number) - ((sales.rows[2][10] as number) ?? 0));

    const lost = await read(await download('/export/lost-sales.xlsx?reason=NOT_STOCKED', managerA));
    expect(lost.name).toBe('缺货流失记录');
    expect(lost.rows[0]).toEqual(['登记时间', '服务站', '配件编号', '配件名称', '单位', '数量', '原因', '处理', '备注', '登记人']);
    const [n] = await db().query(`SELECT count(*)::int AS n FROM workshop.lost_sale WHERE station_id = $1 AND reason = 'NOT_STOCKED'`, [stationA.id]);
    expect(lost.rows).toHaveLength(1 + n.n);
    expect(lost.rows.slice(1).every((r) => r[6] === '本站不经营' && typeof r[5] === 'number' && r[2] === lostPart.partNo)).toBe(true);
    // Another station's clerk downloads only his own.
    const b = await read(await download('/export/lost-sales.xlsx', clerkB));
    const [inB] = await db().query(`SELECT count(*)::int AS n FROM workshop.lost_sale WHERE station_id = $1`, [stationB.id]);
    expect(b.rows).toHaveLength(1 + inB.n);
    expect(b.rows.slice(1).every((r) => r[1] === `${stationB.code} ${stationB.name}`)).toBe(true);
  });
});
