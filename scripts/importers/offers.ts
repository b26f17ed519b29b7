/**
 * Suppliers' offers importer (供应商报价导入):
 *   npm run import -- offers <file.csv|file.xlsx> [--url http://localhost:4000/graphql] [--token <jwt>] [--batch 500] [--quiet]
 *
 * Columns (header row; English or Chinese, the same as the offers' Excel
 * export, so an exported sheet can be edited and imported again):
 * supplier|供应商编码 (the supplier's code), partNo|配件编号, unitPrice|单价,
 * leadTimeDays|交货期 (days; empty: the supplier's), minOrderQty|起订量 and
 * packSize|包装数 (empty: the part's), preferred|首选 (是/否, yes/no, true/false,
 * 1/0; empty leaves the preference as it is). Other columns (names, unit,
 * updated) are ignored.
 *
 * Through the gateway's `importSupplierOffers` in batches, so the rows get
 * the same checks as setSupplierOffer (prices, quantities against the part's
 * unit, one preferred offer per part); a row equal to the stored offer
 * changes nothing, so re-running a file is safe. Every refused row is
 * reported with its file line (line 1 is the header) and reason.
 */
import { parseArgs } from 'node:util';
import { upload, type RowError, type RunResult, type UploadRow } from './upload';
import { moneyProblem } from '../../subgraphs/shared/src';
import { readRecords } from './parts';
import { gatewayTarget, gql, resolvePartNos } from './history';


type Field = 'supplier' | 'partNo' | 'unitPrice' | 'leadTimeDays' | 'minOrderQty' | 'packSize' | 'preferred';

const HEADERS: Record<string, Field> = {
  supplier: 'supplier', suppliercode: 'supplier', supplier_code: 'supplier', 供应商编码: 'supplier', 供应商代码: 'supplier', 供应商: 'supplier',
  partno: 'partNo', part_no: 'partNo', 配件编号: 'partNo', 零件号: 'partNo', 备件编号: 'partNo',
  unitprice: 'unitPrice', unit_price: 'unitPrice', price: 'unitPrice', 单价: 'unitPrice', 报价: 'unitPrice', 采购价: 'unitPrice',
  leadtimedays: 'leadTimeDays', leadtime: 'leadTimeDays', lead_time_days: 'leadTimeDays', 交货期: 'leadTimeDays', 交货期天: 'leadTimeDays', '交货期(天)': 'leadTimeDays',
  minorderqty: 'minOrderQty', moq: 'minOrderQty', 起订量: 'minOrderQty',
  packsize: 'packSize', pack_size: 'packSize', 包装数: 'packSize', 包装数量: 'packSize',
  preferred: 'preferred', 首选: 'preferred', 首选供应商: 'preferred',
};

const text = (v: unknown) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v).trim());
const YES = new Set(['是', 'y', 'yes', 'true', '1', '首选']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

export interface OfferRecord { line: number; supplier: string; partNo: string; unitPrice: string; leadTimeDays: number | null; minOrderQty: number | null; packSize: number | null; preferred: boolean | null }

/** A file record → an offer by supplier code and part number, or the reason it cannot be one (the server checks the rest). */
export function toOfferRecord(rec: Record<string, unknown>, line: number): { offer?: OfferRecord; error?: string } {
  const r: Partial<Record<Field, unknown>> = {};
  for (const [k, v] of Object.entries(rec)) {
    const key = HEADERS[k.trim().toLowerCase().replace(/\s+/g, '')] ?? HEADERS[k.trim()];
    if (key) r[key] = v;
  }
  if (Object.values(r).every((v) => text(v) === '')) return { error: 'empty row' };
  const supplier = text(r.supplier);
  const partNo = text(r.partNo);
  if (!supplier) return { error: 'no supplier code' };
  if (!partNo) return { error: 'no part number' };
  const unitPrice = text(r.unitPrice).replace(/[,¥￥\s]/g, '');
  if (!unitPrice) return { error: 'no unit price' };
  // Checked here as the gateway would: a bad price there refuses the whole batch, here only its row.
  if (moneyProblem(unitPrice)) return { error: `unit price "${unitPrice.slice(0, 40)}" is not a price (≥ 0, at most 12 integer digits and 2 decimals)` };
  const num = (f: 'leadTimeDays' | 'minOrderQty' | 'packSize'): number | null | undefined => {
    const s = text(r[f]);
    if (s === '') return null;
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined;
  };
  const leadTimeDays = num('leadTimeDays');
  const minOrderQty = num('minOrderQty');
  const packSize = num('packSize');
  for (const [f, v] of [['leadTimeDays', leadTimeDays], ['minOrderQty', minOrderQty], ['packSize', packSize]] as const) {
    if (v === undefined) return { error: `${f} "${text(r[f])}" is not a number` };
  }
  if (leadTimeDays != null && (!Number.isInteger(leadTimeDays) || leadTimeDays < 0 || leadTimeDays > 365)) return { error: `leadTimeDays "${text(r.leadTimeDays)}" is not a whole number of days from 0 to 365` };
  const p = text(r.preferred).toLowerCase();
  if (p && !YES.has(p) && !NO.has(p)) return { error: `preferred "${text(r.preferred)}" is not 是/否 (yes/no)` };
  return {
    offer: { line, supplier, partNo, unitPrice, leadTimeDays: leadTimeDays ?? null, minOrderQty: minOrderQty ?? null, packSize: packSize ?? null, preferred: p ? YES.has(p) : null },
  };
}

/** The importer: `args` as after `npm run import -- offers` (see scripts/importers/README.md). */
export async function run(args: string[], log: (m: string) => void = (m) => console.log(m)): Promise<RunResult> {
  const { values, positionals } = parseArgs({
    args, allowPositionals: true,
    options: { url: { type: 'string' }, token: { type: 'string' }, batch: { type: 'string', default: '500' }, quiet: { type: 'boolean', default: false } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import -- offers <file.csv|file.xlsx> [--url <gateway>/graphql] [--token <jwt>] [--batch 500]');
  const { url, token } = await gatewayTarget(values, 'offers-importer');

  const records = await readRecords(file);
  const errors: RowError[] = [];
  const offers: OfferRecord[] = [];
  records.forEach((rec, i) => {
    const line = i + 2; // line 1 is the header
    const { offer, error } = toOfferRecord(rec, line);
    if (error === 'empty row') return;
    if (error || !offer) errors.push({ line, partNo: text(rec.partNo ?? rec['配件编号']) || null, message: error! });
    else offers.push(offer);
  });

  const suppliers = new Map<string, string>(
    ((await gql(url, token, `{ suppliers { id code } }`, {})).suppliers as { id: string; code: string }[]).map((s) => [s.code.toUpperCase(), s.id]));
  const partIds = await resolvePartNos(url, token, [...new Set(offers.map((o) => o.partNo))]);
  const rows: UploadRow[] = [];
  for (const o of offers) {
    const supplierId = suppliers.get(o.supplier.toUpperCase());
    const partId = partIds.get(o.partNo);
    if (!supplierId) errors.push({ line: o.line, partNo: o.partNo, message: `supplier "${o.supplier}" is not known` });
    else if (!partId) errors.push({ line: o.line, partNo: o.partNo, message: `part number "${o.partNo}" is not in the catalog` });
    else rows.push({ line: o.line, partNo: o.partNo, input: { supplierId, partId, unitPrice: o.unitPrice, leadTimeDays: o.leadTimeDays, minOrderQty: o.minOrderQty, packSize: o.packSize, preferred: o.preferred } });
  }

  return upload({ label: 'offers', mutation: 'importSupplierOffers', inputType: 'SupplierOfferInput', url, token, file, rows, errors, batch: Number(values.batch), quiet: Boolean(values.quiet), log });
}
