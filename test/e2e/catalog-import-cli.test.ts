/** `npm run import -- parts <file>`: CSV and XLSX through the gateway, per-line error report, idempotent re-run. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { run } from '../../scripts/importers/parts';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';

describe('parts import CLI', () => {
  let p: Platform;
  let hq: string;
  let dir: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'] });
    hq = await p.token('HQ_ADMIN');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parts-import-'));
  });
  afterAll(async () => {
    await p?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const header = 'partNo,name,nameEn,unit,unitPrecision,category,barcode,models,retail,wholesale,member,insurance,internal,hqCap,packSize,supersededBy';
  const lines = [
    'CSV-0000001,机油滤清器,Oil filter,个,0,滤清器,,T15|Tiggo 8,50.00,40.00,45.00,44.00,35.00,60.00,10,CSV-0000002',
    'CSV-0000002,机油滤清器,Oil filter,个,0,滤清器,,瑞虎7,52.00,40.00,45.00,44.00,35.00,60.00,10,',
    'CSV-0000003,坏价格,Bad price,个,0,滤清器,,,99.00,40.00,45.00,44.00,35.00,60.00,1,',
    'CSV-0000004,未知车型,Unknown model,个,0,滤清器,,Model Z,50.00,40.00,45.00,44.00,35.00,,1,',
    `CSV-0000005,重复条码,Dup barcode,个,0,滤清器,${demoData().parts[0].barcode},,50.00,40.00,45.00,44.00,35.00,,1,`,
    'CSV-0000006,机油,Engine oil,L,1,油液,,,60.00,40.00,45.00,44.00,35.00,,4,',
  ];

  it('imports a CSV, reports bad rows by file line, and a second run changes nothing', async () => {
    const file = path.join(dir, 'parts.csv');
    fs.writeFileSync(file, '\uFEFF' + [header, ...lines].join('\n') + '\n');
    const out: string[] = [];
    const args = [file, '--url', p.gatewayUrl, '--token', hq, '--quiet', '--batch', '2'];
    const first = await run(args, (m) => out.push(m));
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(first.errors.map((e) => e.line)).toEqual([4, 5, 6]);
    expect(first.errors[0].message).toMatch(/HQ cap/);
    expect(first.errors[1].message).toMatch(/unknown vehicle model "Model Z"/);
    expect(first.errors[2].message).toMatch(/Barcode .* already used/);
    expect(out.join('\n')).toMatch(/line 4 \(CSV-0000003\)/);
    const part = ok(await p.query(`{ partByNumber(partNo: "csv-0000001") { compatibleModels { code } supersededBy { partNo } } }`, {}, hq)).partByNumber;
    expect(part.compatibleModels.map((m: any) => m.code).sort()).toEqual(['T15', 'T18']);
    expect(part.supersededBy.partNo).toBe('CSV-0000002');
    const again = await run(args, () => undefined);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('imports the same data from an XLSX with Chinese headers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('配件');
    ws.addRow(['配件编号', '名称', '英文名称', '单位', '类别', '适用车型', '零售价', '批发价', '会员价', '保险价', '内部价', '限价']);
    ws.addRow(['XLS-0000001', '空气滤清器', 'Air filter', '个', '滤清器', '艾瑞泽5', 80, 60, 70, 65, 50, 90]);
    ws.addRow(['XLS-0000002', '空气滤清器', 'Air filter', '', '滤清器', '', 80, 60, 70, 65, 50, 90]);
    const file = path.join(dir, 'parts.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run([file, '--url', p.gatewayUrl, '--token', hq, '--quiet'], () => undefined);
    expect(r.created).toBe(1);
    expect(r.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/unit/) })]);
    const part = ok(await p.query(`{ partByNumber(partNo: "XLS-0000001") { prices { retail hqCap } compatibleModels { name } } }`, {}, hq)).partByNumber;
    expect(part).toEqual({ prices: { retail: '80.00', hqCap: '90.00' }, compatibleModels: [{ name: '艾瑞泽5' }] });
  });
});
