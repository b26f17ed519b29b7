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
});
