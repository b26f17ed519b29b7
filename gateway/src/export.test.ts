/**
 * The export's row cap: rows are written page by page until the cap
 * (EXPORT_MAX_ROWS, 100,000, in production), then one row says the sheet
 * stops there, and no further page is asked for. Rows that one item expands
 * into (a transfer's lines) count one by one, and a cap that falls inside the
 * last page says so too. When every row fits there is no such row.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type express from 'express';
import { EXPORT_MAX_ROWS, streamExport, type ExportList } from './export';

/** A response that collects the streamed workbook (the parts of express.Response streamExport uses). */
function collectingResponse(): { res: express.Response; done: Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => out.on('finish', () => resolve(Buffer.concat(chunks))));
  const res = Object.assign(out, { status: () => res, setHeader: () => res, json: () => res }) as unknown as express.Response;
  return { res, done };
}

/** `total` items served 200 a page, as a `<list>Page` answers; counts the pages asked for. */
function pages(total: number) {
  const asked: (string | null)[] = [];
  const execute = async (_q: string, v: Record<string, unknown>) => {
    const after = (v.after as string | null) ?? null;
    asked.push(after);
    const start = after ? Number(after) : 0;
    const end = Math.min(total, start + (v.first as number));
    const items = Array.from({ length: end - start }, (_, i) => ({ n: start + i + 1, lines: [{ q: 1 }, { q: 2 }] }));
    return { data: { page: { items, pageInfo: { endCursor: String(end), hasNextPage: end < total } } } };
  };
  return { execute, asked };
}

async function rowsOf(buf: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as any);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

const list: ExportList = { title: '测试', query: 'query Export($first: Int, $after: String) { page: x { items } }', columns: [{ header: '序号', value: 'n', kind: 'number' }] };

describe('export row cap', () => {
  it('is 100,000 rows in production', () => {
    expect(EXPORT_MAX_ROWS).toBe(100_000);
  });

  it('stops at the cap with a row that says so, and asks for no page after it', async () => {
    const { execute, asked } = pages(1000);
    const { res, done } = collectingResponse();
    expect(await streamExport(list, {}, {}, execute, res, 450)).toBe(450);
    const rows = await rowsOf(await done);
    expect(rows[0]).toEqual(['序号']);
    expect(rows.slice(1, 451).map((r) => r[0])).toEqual(Array.from({ length: 450 }, (_, i) => i + 1));
    expect(rows[451]).toEqual(['只导出了前 450 行；请缩小筛选范围。']);
    expect(rows).toHaveLength(452);
    expect(asked).toEqual([null, '200', '400']); // the third page holds row 450; the fourth is never asked for
  });

  it('counts the rows an item expands into; a cap inside the last page still says rows were left out', async () => {
    const lines: ExportList = { ...list, rows: (item) => item.lines.map((l: any) => ({ n: item.n * 10 + l.q })) };
    // three items of two lines on one page (no next page), five rows allowed: the sixth row is left out, and the sheet says so
    const capped = collectingResponse();
    expect(await streamExport(lines, {}, {}, pages(3).execute, capped.res, 5)).toBe(5);
    const cut = await rowsOf(await capped.done);
    expect(cut.slice(1, 6).map((r) => r[0])).toEqual([11, 12, 21, 22, 31]);
    expect(cut[6]).toEqual(['只导出了前 5 行；请缩小筛选范围。']);
    expect(cut).toHaveLength(7);
    // every row fits exactly: no note
    const all = collectingResponse();
    expect(await streamExport(lines, {}, {}, pages(3).execute, all.res, 6)).toBe(6);
    const whole = await rowsOf(await all.done);
    expect(whole.slice(1).map((r) => r[0])).toEqual([11, 12, 21, 22, 31, 32]);
  });
});
