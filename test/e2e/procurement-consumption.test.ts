/**
 * Consumption history: read with zero months, imported from an old system
 * (mutation and the CSV/XLSX CLI), and projected from stock's ISSUE/RETURN
 * movements exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { callCommand } from '../../subgraphs/shared/src';
import { run as importHistory } from '../../scripts/importers/history';
import { monthsEndingAt } from '../../subgraphs/procurement/src/consumption/consumption.service';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

describe('consumption history', () => {
  let p: Platform;
  let hq: string;
  let buyerA: string;
  let buyerB: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const months = monthsEndingAt(new Date(), 3);
  const history = (partId: string, n = 3, token = buyerA) =>
    p.query(`query($s: ID!, $p: ID!, $n: Int) { consumptionHistory(stationId: $s, partId: $p, months: $n) { month quantity demand } }`, { s: stationA.id, p: partId, n }, token);
  const importRows = (rows: unknown[], token = buyerA, s = stationA.id) =>
    p.query(`mutation($s: ID!, $rows: [ConsumptionInput!]!) { importConsumptionHistory(stationId: $s, rows: $rows) }`, { s, rows }, token);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    buyerA = await p.token('PURCHASER', stationA.id);
    buyerB = await p.token('PURCHASER', stationB.id);
  });
  afterAll(() => p?.stop());

  it('lists the last N months oldest first, with zero months, and the seeded history', async () => {
    const row = data.consumption.find((c) => c.stationId === stationA.id)!;
    const r = ok(await history(row.partId, 30)).consumptionHistory;
    expect(r).toHaveLength(30);
    expect(r[29].month).toBe(new Date().toISOString().slice(0, 7));
    expect(r.find((m: any) => m.month === row.month).quantity).toBeCloseTo(row.quantity, 3);
    const unused = data.parts.find((x) => !data.consumption.some((c) => c.partId === x.id && c.stationId === stationA.id))!;
    expect(ok(await history(unused.id)).consumptionHistory).toEqual(months.map((month) => ({ month, quantity: 0, demand: 0 })));
    expect(codes(await history(row.partId, 0))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await history(row.partId, 3, buyerB))).toEqual(['FORBIDDEN']);
  });

  it('imports history, replacing months; any bad row is BAD_USER_INPUT and writes nothing', async () => {
    const partId = data.parts[10].id;
    expect(ok(await importRows([{ partId, month: months[0], quantity: 4 }, { partId, month: months[1], quantity: 2.5 }])).importConsumptionHistory).toBe(2);
    expect(ok(await importRows([{ partId, month: months[1], quantity: 3 }])).importConsumptionHistory).toBe(1);
    const expected = [{ month: months[0], quantity: 4, demand: 4 }, { month: months[1], quantity: 3, demand: 3 }, { month: months[2], quantity: 0, demand: 0 }];
    expect(ok(await history(partId)).consumptionHistory).toEqual(expected);
    for (const bad of [
      [{ partId, month: months[2], quantity: 5 }, { partId, month: months[0], quantity: -1 }],
      [{ partId, month: months[2], quantity: 5 }, { partId, month: '2026-13', quantity: 1 }],
      [{ partId, month: months[2], quantity: 5 }, { partId, month: '2026-3', quantity: 1 }],
      [{ partId, month: months[2], quantity: 5 }, { partId, month: months[2], quantity: 1 }],
      [{ partId, month: months[2], quantity: 5 }, { partId: '00000000-0000-4000-8000-000000000001', month: months[2], quantity: 1 }],
    ]) {
      expect(codes(await importRows(bad))).toEqual(['BAD_USER_INPUT']);
    }
    expect(ok(await history(partId)).consumptionHistory).toEqual(expected);
    expect(codes(await importRows([{ partId, month: months[2], quantity: 5 }], buyerB))).toEqual(['FORBIDDEN']);
    expect(codes(await importRows([{ partId, month: months[2], quantity: 5 }], await p.token('PARTS_CLERK', stationA.id)))).toEqual(['FORBIDDEN']);
  });

  it('the CLI imports CSV and XLSX by part number, and reports bad rows without writing', async () => {
    const [a, b] = [data.parts[20], data.parts[21]];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'history-'));
    const csv = path.join(dir, 'h.csv');
    fs.writeFileSync(csv, `配件编号,月份,数量\n${a.partNo},${months[0].replace('-', '/')},7\n${b.partNo},${months[1]},1.5\n`);
    const logs: string[] = [];
    const args = (file: string) => ['history', file, '--station', stationA.id, '--url', p.gatewayUrl, '--token', hq, '--quiet'].slice(1);
    expect(await importHistory(args(csv), (m) => logs.push(m))).toEqual({ imported: 2, errors: [] });
    expect(ok(await history(a.id)).consumptionHistory[0]).toEqual({ month: months[0], quantity: 7, demand: 7 });

    const xlsx = path.join(dir, 'h.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('history');
    ws.addRow(['partNo', 'month', 'quantity']);
    ws.addRow([a.partNo, months[2], 9]);
    await wb.xlsx.writeFile(xlsx);
    expect((await importHistory(args(xlsx), () => undefined)).imported).toBe(1);
    expect(ok(await history(a.id)).consumptionHistory[2].quantity).toBe(9);

    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `partNo,month,quantity\n${a.partNo},${months[0]},1\nNO-SUCH-PART,${months[0]},1\n${b.partNo},2026-13,1\n${b.partNo},${months[0]},-2\n`);
    const r = await importHistory(args(bad), () => undefined);
    expect(r.imported).toBe(0);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(ok(await history(a.id)).consumptionHistory[0].quantity).toBe(7);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('projects stock ISSUE minus RETURN into the current month, once', async () => {
    const level = data.stock.find((l) => l.stationId === stationA.id && l.onHand >= 5)!;
    const actor = { id: 'clerk', roles: ['PARTS_CLERK' as const], stationId: stationA.id };
    const opts = { secret: p.secret, caller: 'test' };
    const before = ok(await history(level.partId, 1)).consumptionHistory[0].quantity;
    const issue = { idempotencyKey: 'cons-issue-1', stationId: stationA.id, reference: 'RO-1', allowPartial: false, lines: [{ lineKey: '1', partId: level.partId, quantity: 3, binId: level.binId }] };
    await callCommand(p.subgraphs.stock.url, 'issueStock', issue, actor, opts);
    await callCommand(p.subgraphs.stock.url, 'issueStock', issue, actor, opts); // a retry issues nothing more
    await callCommand(p.subgraphs.stock.url, 'returnStock', { idempotencyKey: 'cons-return-1', stationId: stationA.id, reference: 'RO-1', partId: level.partId, quantity: 1, binId: level.binId }, actor, opts);
    const end = Date.now() + 10_000;
    let now = before;
    while (now !== before + 2 && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 100));
      now = ok(await history(level.partId, 1)).consumptionHistory[0].quantity;
    }
    expect(now).toBeCloseTo(before + 2, 3);
  });
});
