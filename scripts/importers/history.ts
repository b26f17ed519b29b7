/**
 * Consumption-history importer (消耗历史导入) from a station's old system:
 *   npm run import -- history <file.csv|file.xlsx> --station <stationId> [--url http://localhost:4000/graphql] [--token <jwt>] [--batch 2000]
 * or, before the dispatcher exists, `node dist/scripts/importers/history.js <file> --station <id>`.
 *
 * Columns (header row, English or Chinese): partNo | 配件编号 (or partId), month | 月份
 * ("2026-03", "2026/3", "202603" or a date cell), quantity | 数量. Every row is
 * checked first and a report of bad rows printed; with any bad row nothing is
 * written. Rows then go to `importConsumptionHistory` in batches through the
 * gateway with a progress bar. Each batch replaces its months, so re-running
 * a file after a failure is safe.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import cliProgress from 'cli-progress';
import { loadConfig, requireSecret, signToken } from '../../subgraphs/shared/src';

export interface HistoryRow { line: number; partNo?: string; partId?: string; month: string; quantity: number }
export interface RowError { line: number; message: string }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEADERS: Record<string, 'partNo' | 'partId' | 'month' | 'quantity'> = {
  partno: 'partNo', part_no: 'partNo', '配件编号': 'partNo', '零件号': 'partNo', '备件编号': 'partNo',
  partid: 'partId', part_id: 'partId',
  month: 'month', '月份': 'month', '年月': 'month',
  quantity: 'quantity', qty: 'quantity', '数量': 'quantity', '消耗数量': 'quantity',
};

/** "2026-03", "2026/3", "202603", "2026-03-15" or a Date → "2026-03"; null when not a month. */
export function normaliseMonth(v: unknown): string | null {
  if (v instanceof Date && !Number.isNaN(v.getTime())) return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}`;
  const s = String(v ?? '').trim();
  const m = /^(\d{4})[-/.年]?(\d{1,2})(?:[-/.月]\d{1,2}日?)?月?$/.exec(s);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/** Turns raw records (header → cell) into rows and per-line errors. `firstLine` is the file line of records[0]. */
export function toRows(records: Record<string, unknown>[], firstLine = 2): { rows: HistoryRow[]; errors: RowError[] } {
  const rows: HistoryRow[] = [];
  const errors: RowError[] = [];
  records.forEach((rec, i) => {
    const line = firstLine + i;
    const r: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) {
      const key = HEADERS[k.trim().toLowerCase()] ?? HEADERS[k.trim()];
      if (key) r[key] = v;
    }
    const partNo = r.partNo != null ? String(r.partNo).trim() : '';
    const partId = r.partId != null ? String(r.partId).trim() : '';
    const month = normaliseMonth(r.month);
    const raw = typeof r.quantity === 'number' ? r.quantity : Number(String(r.quantity ?? '').trim().replace(/,/g, ''));
    if (!partNo && !partId) errors.push({ line, message: 'no partNo / partId' });
    else if (partId && !UUID.test(partId)) errors.push({ line, message: `partId "${partId}" is not an id` });
    else if (!month) errors.push({ line, message: `month "${String(r.month ?? '')}" is not a month such as 2026-03` });
    else if (String(r.quantity ?? '').trim() === '' || !Number.isFinite(raw)) errors.push({ line, message: `quantity "${String(r.quantity ?? '')}" is not a number` });
    else if (raw < 0) errors.push({ line, message: 'quantity is negative' });
    else rows.push({ line, ...(partId ? { partId } : { partNo }), month, quantity: Math.round(raw * 1000) / 1000 });
  });
  return { rows, errors };
}

export async function readFile(file: string): Promise<{ rows: HistoryRow[]; errors: RowError[] }> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    const records = parseCsv(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, unknown>[];
    return toRows(records);
  }
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    if (!sheet) return { rows: [], errors: [{ line: 1, message: 'the workbook has no sheet' }] };
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const records: Record<string, unknown>[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, n) => {
      if (n === 1) return;
      const values = row.values as unknown[];
      const rec: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (!h) return;
        const v = values[i];
        rec[h] = v && typeof v === 'object' && !(v instanceof Date) && 'result' in (v as object) ? (v as { result: unknown }).result : v;
      });
      records.push(rec);
    });
    return toRows(records);
  }
  throw new Error(`${file}: only .csv and .xlsx files can be imported`);
}

export async function gql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body: any = await res.json().catch(() => ({}));
  if (body.errors?.length) {
    const e = body.errors[0];
    throw new Error(`${e.extensions?.code ?? 'ERROR'}: ${e.message}${e.extensions?.fields ? ' ' + JSON.stringify(e.extensions.fields) : ''}`);
  }
  return body.data;
}

/**
 * Where an importer sends its rows and as whom: `--url` and `--token`, else the
 * local gateway and an HQ token signed with the platform secret (an
 * operator's tool on the platform host; tokens carry iss "partsgraph").
 */
export async function gatewayTarget(values: { url?: string; token?: string }, sub: string): Promise<{ url: string; token: string }> {
  const config = loadConfig();
  const url = values.url ?? `http://127.0.0.1:${config.ports.gateway}/graphql`;
  const token = values.token ?? (await signToken(requireSecret(config), { sub, roles: ['HQ_ADMIN'] }, '1h'));
  return { url, token };
}

/** partNo → part id through the gateway, 25 numbers per request (also the offers importer's). */
export async function resolvePartNos(url: string, token: string, partNos: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < partNos.length; i += 25) {
    const chunk = partNos.slice(i, i + 25);
    const q = `query(${chunk.map((_, j) => `$n${j}: String!`).join(', ')}) { ${chunk.map((_, j) => `p${j}: partByNumber(partNo: $n${j}) { id }`).join(' ')} }`;
    const data = await gql(url, token, q, Object.fromEntries(chunk.map((n, j) => [`n${j}`, n])));
    chunk.forEach((n, j) => data[`p${j}`] && out.set(n, data[`p${j}`].id));
  }
  return out;
}

export interface RunResult { imported: number; errors: RowError[] }

/** The importer: `args` as after `npm run import -- history`. */
export async function run(args: string[], log: (m: string) => void = (m) => console.log(m)): Promise<RunResult> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { station: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, batch: { type: 'string', default: '2000' }, quiet: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file || !values.station) throw new Error('usage: npm run import -- history <file.csv|file.xlsx> --station <stationId> [--url <gateway>/graphql] [--token <jwt>]');
  const { url, token } = await gatewayTarget(values, 'history-importer');
  const { rows, errors } = await readFile(file);
  const partNos = [...new Set(rows.filter((r) => r.partNo).map((r) => r.partNo!))];
  const ids = partNos.length ? await resolvePartNos(url, token, partNos) : new Map<string, string>();
  const seen = new Set<string>();
  const clean: { partId: string; month: string; quantity: number }[] = [];
  for (const r of rows) {
    const partId = r.partId ?? ids.get(r.partNo!);
    if (!partId) { errors.push({ line: r.line, message: `part number "${r.partNo}" is not in the catalog` }); continue; }
    const k = `${partId}|${r.month}`;
    if (seen.has(k)) { errors.push({ line: r.line, message: `part and month ${r.month} repeat an earlier row` }); continue; }
    seen.add(k);
    clean.push({ partId, month: r.month, quantity: r.quantity });
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length) {
    log(`${errors.length} bad row(s); nothing imported:`);
    for (const e of errors.slice(0, 200)) log(`  line ${e.line}: ${e.message}`);
    return { imported: 0, errors };
  }
  const batch = Math.max(1, Math.min(Number(values.batch) || 2000, 50_000));
  const bar = new cliProgress.SingleBar({ format: 'history [{bar}] {value}/{total} rows', hideCursor: true, noTTYOutput: !values.quiet, stream: process.stderr }, cliProgress.Presets.shades_classic);
  if (!values.quiet) bar.start(clean.length, 0);
  let imported = 0;
  try {
    for (let i = 0; i < clean.length; i += batch) {
      const data = await gql(url, token, `mutation($s: ID!, $rows: [ConsumptionInput!]!) { importConsumptionHistory(stationId: $s, rows: $rows) }`, { s: values.station, rows: clean.slice(i, i + batch) });
      imported += data.importConsumptionHistory;
      if (!values.quiet) bar.update(imported);
    }
  } finally {
    if (!values.quiet) bar.stop();
  }
  log(`imported ${imported} month(s) of history for station ${values.station} from ${path.basename(file)}`);
  return { imported, errors: [] };
}

if (require.main === module) {
  run(process.argv.slice(2).filter((a, i) => !(i === 0 && a === 'history')))
    .then((r) => process.exit(r.errors.length ? 1 : 0))
    .catch((err) => {
      console.error(err.message ?? err);
      process.exit(1);
    });
}
