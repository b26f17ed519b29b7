/**
 * Excel export through the gateway: the same token, station scoping and
 * filters as the `<list>Page` it pages through; every matching row (more than
 * one page), Chinese headers, numbers as numbers; refusals as JSON before
 * any byte of a file.
 */
import ExcelJS from 'exceljs';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
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

  const download = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${p.gatewayUrl.replace(/\/graphql$/, '')}${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });

  const read = async (res: Response) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { name: ws.name, rows };
  };

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
