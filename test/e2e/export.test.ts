/**
 * Excel export through the gateway: the same token, station scoping and
 * filters as the `<list>Page` it pages through; every matching row (more than
 * one page), Chinese headers, numbers as numbers; refusals as JSON before
 * any byte of a file.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { downloadExport, readSheet } from '../helpers/sheet';
import { freshWarehouse, stockUp, testParts } from './stock-fixtures';

describe('Excel export', () => {
  let p: Platform;
  let manager: string;
  let clerkB: string;
  const [stationA, stationB] = demoData().stations;
  const part = testParts().whole[2];
  let warehouseId: string;
  // The issues come after the opening adjustment (dated now): from tomorrow on, one a minute.
  const base = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 86_400_000);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    manager = await p.token('STATION_MANAGER', stationA.id, 'manager-1');
    clerkB = await p.token('PARTS_CLERK', stationB.id, 'clerk-b');
    const w = await freshWarehouse(p, stationA.id, 1);
    warehouseId = w.id;
    // 450 ledger rows in one warehouse: more than two pages of 200.
    await stockUp(p, manager, part.id, w.bins['A-01'], 1000);
    const ds = p.subgraphs.stock.runtime.ds;
    await ds.query(`INSERT INTO stock.stock_movement (id, type, part_id, bin_id, warehouse_id, station_id, quantity, reference, actor, occurred_at)
      SELECT gen_random_uuid(), 'ISSUE', $1, $2, $3, $4, -1.5, 'WO-' || g, 'clerk-1', $5::timestamptz + (g || ' minutes')::interval FROM generate_series(1, 449) g`,
    [part.id, w.bins['A-01'], w.id, stationA.id, base.toISOString()]);
  });
  afterAll(() => p?.stop());

  const download = (path: string, token?: string, init: RequestInit = {}) => downloadExport(p.gatewayUrl, path, token, init);
  const read = readSheet;

  it('downloads every matching ledger row with Chinese headers, numbers as numbers and the running balance', async () => {
    const res = await download(`/export/stock-movements.xlsx?partId=${part.id}&warehouseId=${warehouseId}`, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toMatch(/stock-movements-\d{4}-\d{2}-\d{2}\.xlsx/);
    const { name, rows } = await read(res);
    expect(name).toBe('库存流水');
    expect(rows[0]).toEqual(['时间', '类型', '配件编号', '配件名称', '单位', '仓库', '货位', '数量', '结存', '单据/说明', '操作人']);
    expect(rows).toHaveLength(1 + 450);
    const [newest] = rows.slice(1);
    expect(newest[1]).toBe('出库');
    expect(newest[2]).toBe(part.partNo);
    expect(newest[7]).toBe(-1.5);
    expect(newest[8]).toBe(1000 - 449 * 1.5);
    expect(newest[0]).toBeInstanceOf(Date);
    const oldest = rows[rows.length - 1];
    expect(oldest).toEqual(expect.arrayContaining(['调整', 1000]));
  });

  it('applies the filters and the caller\'s station scope; refusals come back as JSON', async () => {
    const filtered = await read(await download(`/export/stock-movements.xlsx?partId=${part.id}&warehouseId=${warehouseId}&type=ADJUSTMENT`, manager));
    expect(filtered.rows).toHaveLength(2);
    const post = await download('/export/stock-movements.xlsx', manager, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ variables: { partId: part.id, warehouseId, types: ['ISSUE'], to: new Date(base.getTime() + 3_600_000).toISOString() } }) });
    expect((await read(post)).rows).toHaveLength(1 + 59);

    const other = await download(`/export/stock-movements.xlsx?warehouseId=${warehouseId}`, clerkB);
    expect(other.status).toBe(403);
    expect((await other.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const theirs = await read(await download(`/export/stock-movements.xlsx?partId=${part.id}`, clerkB));
    expect(theirs.rows.slice(1).some((r) => r.includes('WO-1'))).toBe(false);

    expect((await download(`/export/stock-movements.xlsx`)).status).toBe(401);
    const unknown = await download('/export/nothing.xlsx', manager);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).errors[0].extensions.reason).toBe('EXPORT_UNKNOWN');
    const badSort = await download('/export/transfers.xlsx?sort=colour', manager);
    expect(badSort.status).toBe(400);
    expect((await badSort.json()).errors[0].extensions.reason).toBe('SORT_FIELD_UNKNOWN');
  });

  it('exports transfers one row per line, and repair orders with money as numbers', async () => {
    const w2 = await freshWarehouse(p, stationA.id, 1);
    const t = ok(await p.query(`mutation($f: ID!, $t: ID!, $p: ID!) { createTransfer(fromWarehouseId: $f, toWarehouseId: $t, lines: [{ partId: $p, quantity: 4 }]) { number } }`,
      { f: warehouseId, t: w2.id, p: part.id }, manager)).createTransfer;
    const { rows } = await read(await download(`/export/transfers.xlsx?partId=${part.id}`, manager));
    expect(rows[0].slice(0, 3)).toEqual(['调拨单号', '状态', '创建时间']);
    expect(rows[1]).toEqual(expect.arrayContaining([t.number, '待发货', part.partNo, 4]));
    const ro = await read(await download(`/export/repair-orders.xlsx`, manager));
    expect(ro.rows[0]).toContain('材料费');
    expect(ro.rows.slice(1).every((r) => typeof r[9] === 'number' || r[9] === undefined || r[9] === null)).toBe(true);
  });
  it('exports the surplus candidates: every candidate the page counts, in its order, with its filters, sort and scope', async () => {
    const page = async (v: Record<string, unknown>) => ok(await p.query(`query($s: ID, $r: SurplusReason, $sort: PageSort) { surplusCandidatesPage(stationId: $s, reason: $r, sort: $sort, first: 5) { totalCount items { reason excessValue listableQuantity part { partNo } } } }`, v, manager)).surplusCandidatesPage;
    const all = await page({ s: stationA.id });
    expect(all.totalCount).toBeGreaterThan(0);
    const sheet = await read(await download(`/export/surplus-candidates.xlsx?stationId=${stationA.id}`, manager));
    expect(sheet.name).toBe('积压备件');
    expect(sheet.rows[0].slice(0, 5)).toEqual(['服务站', '配件编号', '配件名称', '单位', '原因']);
    expect(sheet.rows).toHaveLength(1 + all.totalCount);
    // the page's order (most excess value first), money and quantities as numbers, the reason in Chinese
    expect(sheet.rows.slice(1, 6).map((r) => r[1])).toEqual(all.items.map((c: any) => c.part.partNo));
    const header = sheet.rows[0] as string[];
    expect(sheet.rows[1][header.indexOf('积压金额')]).toBe(Number(all.items[0].excessValue));
    expect(sheet.rows[1][header.indexOf('可挂出')]).toBe(all.items[0].listableQuantity);
    expect(sheet.rows[1][0]).toContain(stationA.code);
    for (const r of sheet.rows.slice(1)) expect(['长期未出库（呆滞）', '库存覆盖月数过高（积压）']).toContain(r[4]);

    const dormant = await page({ s: stationA.id, r: 'NO_ISSUE', sort: { field: 'partNo', direction: 'ASC' } });
    const filtered = await read(await download(`/export/surplus-candidates.xlsx?stationId=${stationA.id}&reason=NO_ISSUE&sort=partNo:asc`, manager));
    expect(filtered.rows).toHaveLength(1 + dormant.totalCount);
    expect(filtered.rows.slice(1, 6).map((r) => r[1])).toEqual(dormant.items.map((c: any) => c.part.partNo));
    expect(filtered.rows.slice(1).every((r) => r[4] === '长期未出库（呆滞）')).toBe(true);
    // a parts clerk of another station may not read the station's surplus
    expect((await download(`/export/surplus-candidates.xlsx?stationId=${stationA.id}`, clerkB)).status).toBe(403);
  });
  it("pages HQ's depot orders on the server (open, back-ordered, by station) and exports them one row per line", async () => {
    const data = demoData();
    const depot = data.stations.find((x) => x.kind === 'DEPOT')!;
    const supplier = data.suppliers.find((x) => x.depotStationId === depot.id)!;
    const onHand = (partId: string) => data.stock.filter((l) => l.stationId === depot.id && l.partId === partId).reduce((a, l) => a + l.onHand, 0);
    const whole = (id: string) => data.parts.find((x) => x.id === id)!.unitPrecision === 0 && !data.parts.find((x) => x.id === id)!.supersededById;
    const stocked = data.supplierParts.find((x) => x.supplierId === supplier.id && onHand(x.partId) >= 5 && whole(x.partId))!.partId;
    const none = data.supplierParts.find((x) => x.supplierId === supplier.id && onHand(x.partId) === 0 && whole(x.partId))!.partId;
    const hq = await p.token('HQ_ADMIN', undefined, 'hq-export');
    const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number lines { id part { id } } } }`,
      { i: { supplierId: supplier.id, lines: [{ partId: stocked, quantity: 2 }, { partId: none, quantity: 3 }] } }, manager)).createPurchaseOrder;
    ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, manager));
    const desk = `query($o: Boolean, $b: Boolean, $s: ID) { depotOrdersPage(open: $o, backordered: $b, stationId: $s, first: 200) { totalCount items { id number lines { backordered } } } }`;
    const open = ok(await p.query(desk, { o: true, s: stationA.id }, hq)).depotOrdersPage;
    expect(open.items.map((o: any) => o.id)).toContain(po.id);
    expect(ok(await p.query(desk, { b: true, s: stationA.id }, hq)).depotOrdersPage.items.map((o: any) => o.id)).not.toContain(po.id);
    expect(ok(await p.query(desk, { o: true, s: stationB.id }, hq)).depotOrdersPage.items.map((o: any) => o.id)).not.toContain(po.id);
    const lineOf = (partId: string) => po.lines.find((l: any) => l.part.id === partId).id;
    ok(await p.query(`mutation($id: ID!, $l: [DepotConfirmLineInput!]!) { confirmDepotOrder(id: $id, lines: $l) { id } }`,
      { id: po.id, l: [{ purchaseOrderLineId: lineOf(stocked), confirmed: 2, backordered: 0 }, { purchaseOrderLineId: lineOf(none), confirmed: 0, backordered: 3 }] }, hq));
    const owed = ok(await p.query(desk, { b: true, s: stationA.id }, hq)).depotOrdersPage;
    expect(owed.items.map((o: any) => o.id)).toContain(po.id);
    // a station may not read HQ's desk
    expect(codes(await p.query(desk, { o: true }, manager))).toContain('FORBIDDEN');

    const sheet = await read(await download(`/export/depot-orders.xlsx?backordered=true&stationId=${stationA.id}`, hq));
    expect(sheet.name).toBe('备件订单');
    const header = sheet.rows[0] as string[];
    expect(header.slice(0, 5)).toEqual(['服务站', '订单号', '状态', '提交时间', '配件编号']);
    const mine = sheet.rows.slice(1).filter((r) => r[1] === po.number);
    expect(mine).toHaveLength(2);
    const noneNo = data.parts.find((x) => x.id === none)!.partNo;
    expect(mine.find((r) => r[4] === noneNo)![header.indexOf('欠货')]).toBe(3);
    expect(sheet.rows.length - 1).toBe(owed.items.reduce((a: number, o: any) => a + o.lines.length, 0));
    expect((await download(`/export/depot-orders.xlsx`, manager)).status).toBe(403);
  });

  it('exports the reorder recommendations as the purchasing page filters and sorts them, every page, numbers as numbers', async () => {
    const vars = { s: stationA.id, sort: { field: 'suggestedQuantity', direction: 'DESC' } };
    const page = ok(await p.query(`query($s: ID!, $sort: PageSort) { reorderRecommendationsPage(stationId: $s, toOrder: true, sort: $sort, first: 200) {
      totalCount items { suggestedQuantity orderValue part { partNo } } } }`, vars, manager)).reorderRecommendationsPage;
    expect(page.totalCount).toBeGreaterThan(0);
    const res = await download(`/export/reorder-recommendations.xlsx?stationId=${stationA.id}&toOrder=true&sort=suggestedQuantity:desc`, manager);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/reorder-recommendations-\d{4}-\d{2}-\d{2}\.xlsx/);
    const { name, rows } = await read(res);
    expect(name).toBe('推荐订货');
    expect(rows[0]).toEqual(['服务站', '配件编号', '配件名称', '单位', '需求类型', '月预测', '在库', '在途订单', '库存位置', '订货点', '补货上限', '建议数量', '包装数', '起订量', '供应商', '单价', '交货期', '金额']);
    expect(rows).toHaveLength(1 + page.totalCount); // all of them, past the first page of 200 when there are more
    const first = rows[1];
    expect(first[1]).toBe(page.items[0].part.partNo);
    expect(first[11]).toBe(page.items[0].suggestedQuantity);
    expect(typeof first[17]).toBe('number');
    expect(first[17]).toBeCloseTo(page.items[0].orderValue, 2);
    expect(['平稳', '波动', '间歇', '块状', '新件']).toContain(first[4]);
    // the filters: one demand class, a few parts (a text query arrives as partIds)
    const some = page.items.slice(0, 3).map((r: any) => r.part.partNo);
    const ids = ok(await p.query(`query($s: ID!) { reorderRecommendationsPage(stationId: $s, toOrder: true, first: 3, sort: { field: "suggestedQuantity", direction: DESC }) { items { part { id } } } }`, { s: stationA.id }, manager))
      .reorderRecommendationsPage.items.map((r: any) => r.part.id);
    const few = await read(await download(`/export/reorder-recommendations.xlsx?stationId=${stationA.id}&partIds=${ids.join(',')}&sort=partNo`, manager));
    expect(few.rows.slice(1).map((r) => r[1])).toEqual([...some].sort());
    // the caller's scope: another station's clerk may not read them; without a station it is refused as JSON
    const other = await download(`/export/reorder-recommendations.xlsx?stationId=${stationA.id}`, clerkB);
    expect(other.status).toBe(403);
    expect((await other.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const noStation = await download('/export/reorder-recommendations.xlsx', manager);
    expect(noStation.status).toBe(400);
  });
});
