/**
 * Parts importer (HQ catalog bulk import):
 *   npm run import -- parts <file.csv|file.xlsx> [--url http://localhost:4000/graphql] [--token <jwt>] [--batch 500] [--quiet]
 *
 * Columns (header row; English or Chinese): partNo|配件编号, name|名称, nameEn|英文名称,
 * spec|规格, unit|单位, unitPrecision|单位精度, category|类别, brand|品牌, barcode|条码,
 * imageUrls|图片 (separated by | or ;), models|适用车型 (vehicle model codes or
 * Chinese/English names, separated by | , ; or 、), retail|零售价, wholesale|批发价,
 * member|会员价, insurance|保险价, internal|内部价, hqCap|限价, packSize|包装数,
 * minOrderQty|起订量, supersededBy|替代件号, mnemonic|助记码 (HQ's 助记码; an empty cell or no
 * column keeps the stored one — generated from the name unless HQ set one).
 *
 * Why through the gateway and not into the database: the rows then take the
 * same path as the `importParts` mutation — HQ_ADMIN check, validation, the
 * price cap, uniqueness, supersession, the outbox and the search index — so
 * there is one set of rules and the CLI works against a remote platform too.
 * Rows are sent in batches; each batch is idempotent (rows equal to the stored
 * part change nothing), so re-running a file after a failure is safe. Every
 * refused row is reported with its file line and reason; the others go in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { upload, type RowError, type RunResult, type UploadRow } from './upload';
import { gatewayTarget, gql } from './history';


type Field = 'partNo' | 'name' | 'nameEn' | 'spec' | 'unit' | 'unitPrecision' | 'category' | 'brand' | 'barcode' | 'imageUrls' | 'models'
  | 'retail' | 'wholesale' | 'member' | 'insurance' | 'internal' | 'hqCap' | 'packSize' | 'minOrderQty' | 'supersededBy' | 'mnemonic';

const HEADERS: Record<string, Field> = {
  partno: 'partNo', part_no: 'partNo', 配件编号: 'partNo', 零件号: 'partNo', 备件编号: 'partNo',
  name: 'name', 名称: 'name', 配件名称: 'name', 中文名称: 'name',
  nameen: 'nameEn', name_en: 'nameEn', 英文名称: 'nameEn',
  spec: 'spec', 规格: 'spec', 规格型号: 'spec',
  unit: 'unit', 单位: 'unit',
  unitprecision: 'unitPrecision', unit_precision: 'unitPrecision', 单位精度: 'unitPrecision', 精度: 'unitPrecision',
  category: 'category', 类别: 'category', 分类: 'category',
  brand: 'brand', 品牌: 'brand',
  barcode: 'barcode', 条码: 'barcode', 条形码: 'barcode',
  imageurls: 'imageUrls', images: 'imageUrls', 图片: 'imageUrls',
  models: 'models', compatiblemodels: 'models', 适用车型: 'models', 通用车型: 'models',
  retail: 'retail', 零售价: 'retail', wholesale: 'wholesale', 批发价: 'wholesale', member: 'member', 会员价: 'member',
  insurance: 'insurance', 保险价: 'insurance', internal: 'internal', 内部价: 'internal',
  hqcap: 'hqCap', hq_cap: 'hqCap', 限价: 'hqCap', 最高限价: 'hqCap',
  packsize: 'packSize', pack_size: 'packSize', 包装数: 'packSize', 包装数量: 'packSize',
  minorderqty: 'minOrderQty', moq: 'minOrderQty', 起订量: 'minOrderQty',
  supersededby: 'supersededBy', supersededbypartno: 'supersededBy', 替代件号: 'supersededBy', 替换件: 'supersededBy',
  mnemonic: 'mnemonic', 助记码: 'mnemonic', 助记符: 'mnemonic', 拼音码: 'mnemonic',
};

/** Raw records of a CSV or the first sheet of an XLSX (header → cell), and the file line of the first record. */
export async function readRecords(file: string): Promise<Record<string, unknown>[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt') {
    return parseCsv(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, unknown>[];
  }
  if (ext === '.xlsx') {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.worksheets[0];
    if (!sheet) return [];
    const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
    const records: Record<string, unknown>[] = [];
    for (let n = 2; n <= sheet.rowCount; n++) {
      const values = sheet.getRow(n).values as unknown[];
      const rec: Record<string, unknown> = {};
      header.forEach((h, i) => {
        if (!h) return;
        const v = values[i];
        rec[h] = v && typeof v === 'object' && !(v instanceof Date) ? ((v as { result?: unknown; text?: unknown }).result ?? (v as { text?: unknown }).text ?? v) : v;
      });
      records.push(rec); // empty rows keep their place so line numbers match the sheet
    }
    return records;
  }
  throw new Error(`${file}: only .csv and .xlsx files can be imported`);
}

export interface ModelRef { id: string; code: string; name: string; nameEn: string | null }

const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());
const list = (v: unknown) => text(v).split(/[|;,、，；]/).map((s) => s.trim()).filter(Boolean);
const money = (v: unknown) => {
  const s = text(v).replace(/[,¥￥\s]/g, '');
  return s === '' ? null : s;
};

/** Record → PartInput, or the reason it cannot be one (the server checks everything else). */
export function toPartInput(rec: Record<string, unknown>, models: ModelRef[]): { input?: Record<string, unknown>; error?: string } {
  const r: Partial<Record<Field, unknown>> = {};
  for (const [k, v] of Object.entries(rec)) {
    const key = HEADERS[k.trim().toLowerCase().replace(/\s+/g, '')] ?? HEADERS[k.trim()];
    if (key) r[key] = v;
  }
  if (Object.values(r).every((v) => text(v) === '')) return { error: 'empty row' };
  const num = (f: Field, fallback: number) => {
    const s = text(r[f]);
    if (s === '') return fallback;
    const n = Number(s);
    return Number.isFinite(n) ? n : NaN;
  };
  const modelIds: string[] = [];
  for (const m of list(r.models)) {
    const k = m.toLowerCase().replace(/\s+/g, '');
    const hit = models.find((x) => x.id === m || x.code.toLowerCase() === k || x.name.toLowerCase().replace(/\s+/g, '') === k || (x.nameEn ?? '').toLowerCase().replace(/\s+/g, '') === k);
    if (!hit) return { error: `unknown vehicle model "${m}"` };
    modelIds.push(hit.id);
  }
  const unitPrecision = num('unitPrecision', 0);
  const packSize = num('packSize', 1);
  const minOrderQty = num('minOrderQty', 1);
  for (const [f, v] of [['unitPrecision', unitPrecision], ['packSize', packSize], ['minOrderQty', minOrderQty]] as const) {
    if (Number.isNaN(v)) return { error: `${f} "${text(r[f])}" is not a number` };
  }
  for (const f of ['retail', 'wholesale', 'member', 'insurance', 'internal'] as const) if (money(r[f]) === null) return { error: `${f} price is missing` };
  return {
    input: {
      partNo: text(r.partNo), name: text(r.name), nameEn: text(r.nameEn) || null, spec: text(r.spec) || null, unit: text(r.unit),
      unitPrecision, category: text(r.category) || null, brand: text(r.brand) || null, barcode: text(r.barcode) || null,
      imageUrls: list(r.imageUrls).filter((u) => /^https?:\/\//.test(u)), compatibleModelIds: modelIds,
      prices: { retail: money(r.retail), wholesale: money(r.wholesale), member: money(r.member), insurance: money(r.insurance), internal: money(r.internal), hqCap: money(r.hqCap) },
      packSize, minOrderQty, supersededByPartNo: text(r.supersededBy) || null,
      ...(text(r.mnemonic) ? { mnemonic: text(r.mnemonic) } : {}),
    },
  };
}

/** The importer: `args` as after `npm run import -- parts` (see scripts/importers/README.md). */
export async function run(args: string[], log: (m: string) => void = (m) => console.log(m)): Promise<RunResult> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' }, batch: { type: 'string', default: '500' }, quiet: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import -- parts <file.csv|file.xlsx> [--url <gateway>/graphql] [--token <jwt>] [--batch 500]');
  const { url, token } = await gatewayTarget(values, 'parts-importer');
  const models: ModelRef[] = (await gql(url, token, `{ vehicleModels { id code name nameEn } }`, {})).vehicleModels;
  const records = await readRecords(file);
  const errors: RowError[] = [];
  const rows: UploadRow[] = [];
  records.forEach((rec, i) => {
    const line = i + 2; // line 1 is the header
    const { input, error } = toPartInput(rec, models);
    if (error === 'empty row') return;
    if (error || !input) errors.push({ line, partNo: text(rec.partNo ?? rec['配件编号']) || null, message: error! });
    else rows.push({ line, input });
  });
  return upload({ label: 'parts', mutation: 'importParts', inputType: 'PartInput', url, token, file, rows, errors, batch: Number(values.batch), quiet: Boolean(values.quiet), log });
}
