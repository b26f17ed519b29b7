/**
 * Suppliers' offers (供应商报价): set one, import many, remove one, and read them
 * per part. An offer's own lead time / minimum / pack override the supplier's
 * lead time and the part's minimum and pack; each part has at most one
 * preferred offer — the one orders from recommendations go to and whose terms
 * the reorder engine plans with.
 */
import {
  byKey, checkQuantity, emptyImportResult, refuseRow, rowRefusal, type ImportResult, fetchPartFacts, formatMoney, groupedByKey, isUuid, moneyProblem, parseMoney,
  refusal, ErrorCode, type Context, type PageRequest, type PageResult, type PartFacts, matchesNothing
} from '../../../shared/src';
import { ref, Part } from '../stub/entity-stubs';
import { offerPage, supplierOfferRepository, type OfferFilters, type OfferRow, type OfferWrite } from './supplier-offer.repository';
import { SupplierOffer, SupplierOfferInput } from './supplier-offer.type';

/** At most this many rows per importSupplierOffers call (API.md limits). */
export const MAX_IMPORT_ROWS = 2000;

/** The terms an order to this supplier is planned and rounded with: the offer's, else the supplier's lead time and the part's lot. */
export interface OfferTerms { leadTimeDays: number; minOrderQty: number; packSize: number }

export function effectiveTerms(o: Pick<OfferRow, 'leadTimeDays' | 'supplierLeadTimeDays' | 'minOrderQty' | 'packSize'>, part?: Pick<PartFacts, 'minOrderQty' | 'packSize'> | null): OfferTerms {
  return {
    leadTimeDays: o.leadTimeDays ?? o.supplierLeadTimeDays,
    minOrderQty: o.minOrderQty ?? (part?.minOrderQty || 0),
    packSize: o.packSize ?? (part?.packSize || 1),
  };
}

/** Per-request catalog facts by part id (one partFacts call per batch). */
export const partFactsLoader = (ctx: Context) =>
  byKey<string, PartFacts>(ctx, 'procurementPartFacts', async (ids) => [...(await fetchPartFacts(ctx, ids)).values()], (f) => f.partId);

export const offersByPartLoader = (ctx: Context) =>
  groupedByKey<string, OfferRow>(ctx, 'offersByPart', (ids) => supplierOfferRepository.byParts(ctx.db, ids.filter(isUuid)), (r) => r.partId);

export async function toOffer(ctx: Context, r: OfferRow): Promise<SupplierOffer> {
  const needsPart = r.minOrderQty === null || r.packSize === null;
  const facts = needsPart ? await partFactsLoader(ctx).load(r.partId) : null;
  return Object.assign(new SupplierOffer(), {
    supplierId: r.supplierId,
    partId: r.partId,
    part: ref(Part, r.partId),
    unitPrice: formatMoney(r.unitPrice),
    ...effectiveTerms(r, facts),
    preferred: r.preferred,
    updatedAt: r.updatedAt,
  });
}

interface CheckedRow { write: OfferWrite; preferred: boolean | null }

/** Validates one input row against the catalog's facts; a refusal names the row (1-based) when `row` is given. */
function checkRow(input: SupplierOfferInput, facts: Map<string, PartFacts>, suppliers: Set<string>, row?: number): CheckedRow {
  const where = row ? `Row ${row}: ` : '';
  const at = (field: string) => (row ? `rows.${row}.${field}` : `input.${field}`);
  if (!suppliers.has(input.supplierId)) throw refusal(ErrorCode.NOT_FOUND, 'SUPPLIER_NOT_FOUND', `${where}supplier ${input.supplierId} was not found`, { field: at('supplierId'), ...(row ? { row } : {}) });
  const part = facts.get(input.partId);
  if (!part) throw refusal(ErrorCode.NOT_FOUND, 'PART_NOT_FOUND', `${where}part ${input.partId} was not found`, { field: at('partId'), ...(row ? { row } : {}) });
  const priceProblem = moneyProblem(input.unitPrice);
  if (priceProblem) {
    throw refusal(ErrorCode.BAD_USER_INPUT, priceProblem, `${where}unitPrice ${String(input.unitPrice).slice(0, 40)} is not a price (≥ 0, at most 12 integer digits and 2 decimals)`,
      { field: at('unitPrice'), value: String(input.unitPrice).slice(0, 40), partNo: part.partNo, ...(row ? { row } : {}) });
  }
  const unitPrice = parseMoney(input.unitPrice, at('unitPrice'));
  const lot = (v: number | null | undefined, field: 'minOrderQty' | 'packSize') => {
    if (v === null || v === undefined) return null;
    return checkQuantity(v, at(field), { precision: part.unitPrecision, allowZero: field === 'minOrderQty', partNo: part.partNo }); // ≤ 1,000,000 too
  };
  return {
    write: { supplierId: input.supplierId, partId: input.partId, unitPrice, leadTimeDays: input.leadTimeDays ?? null, minOrderQty: lot(input.minOrderQty, 'minOrderQty'), packSize: lot(input.packSize, 'packSize') },
    preferred: input.preferred ?? null,
  };
}

export const supplierOfferService = {
  /** setSupplierOffer: creates or replaces one offer; `preferred: true` moves the part's preference to it; a part's first offer is preferred. */
  async set(ctx: Context, input: SupplierOfferInput): Promise<SupplierOffer> {
    const [facts, suppliers] = await Promise.all([
      fetchPartFacts(ctx, [input.partId]),
      supplierOfferRepository.existingSuppliers(ctx.db, [input.supplierId]),
    ]);
    const checked = checkRow(input, facts, suppliers);
    await this.write(ctx, [checked]);
    ctx.loaders.delete('offersByPart');
    const row = await supplierOfferRepository.one(ctx.db, input.supplierId, input.partId);
    return toOffer(ctx, row!);
  },

  /** importSupplierOffers: every valid row goes in (one transaction), each refused row is reported by its 1-based position. */
  async import(ctx: Context, rows: SupplierOfferInput[]): Promise<ImportResult> {
    if (rows.length > MAX_IMPORT_ROWS) throw refusal(ErrorCode.BAD_USER_INPUT, 'TOO_MANY_ROWS', `At most ${MAX_IMPORT_ROWS} rows per import call`, { max: MAX_IMPORT_ROWS, count: rows.length });
    const [facts, suppliers] = await Promise.all([
      fetchPartFacts(ctx, rows.map((r) => r.partId)),
      supplierOfferRepository.existingSuppliers(ctx.db, [...new Set(rows.map((r) => r.supplierId))]),
    ]);
    const result = emptyImportResult();
    const good: CheckedRow[] = [];
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const partNo = facts.get(r.partId)?.partNo ?? null;
      try {
        const key = `${r.supplierId}:${r.partId}`;
        if (seen.has(key)) throw refusal(ErrorCode.BAD_USER_INPUT, 'DUPLICATE_ROW', `Row ${i + 1} repeats an earlier row's supplier and part`, { row: i + 1, partNo });
        const c = checkRow(r, facts, suppliers, i + 1);
        seen.add(key);
        good.push(c);
      } catch (err) {
        refuseRow(result, i + 1, partNo, rowRefusal(err));
      }
    });
    const counts = await this.write(ctx, good);
    result.created = counts.created;
    result.updated = counts.updated;
    result.unchanged = counts.unchanged;
    ctx.loaders.delete('offersByPart');
    return result;
  },

  async write(ctx: Context, rows: CheckedRow[]): Promise<{ created: number; updated: number; unchanged: number }> {
    const counts = { created: 0, updated: 0, unchanged: 0 };
    if (!rows.length) return counts;
    const now = ctx.now();
    await ctx.db.transaction(async (tx) => {
      // Locks in part order so that two imports touching the same parts queue instead of deadlocking.
      for (const partId of [...new Set(rows.map((r) => r.write.partId))].sort()) await supplierOfferRepository.lockPart(tx, partId);
      for (const r of rows) {
        let outcome = await supplierOfferRepository.upsert(tx, r.write, now);
        const prefer = r.preferred === true || (r.preferred === null && !(await supplierOfferRepository.hasPreferred(tx, r.write.partId)));
        if (prefer && (await supplierOfferRepository.makePreferred(tx, r.write.supplierId, r.write.partId)) && outcome === 'unchanged') outcome = 'updated';
        // Unmarking the preferred offer hands the preference to the best other offer, if any.
        if (r.preferred === false && (await supplierOfferRepository.unprefer(tx, r.write.supplierId, r.write.partId)) && outcome === 'unchanged') outcome = 'updated';
        counts[outcome]++;
      }
    });
    return counts;
  },

  /** removeSupplierOffer: false when there was none; the preferred offer's removal passes the preference on. */
  async remove(ctx: Context, supplierId: string, partId: string): Promise<boolean> {
    if (!isUuid(supplierId) || !isUuid(partId)) return false;
    return ctx.db.transaction(async (tx) => {
      await supplierOfferRepository.lockPart(tx, partId);
      const r = await supplierOfferRepository.remove(tx, supplierId, partId);
      if (r.wasPreferred) await supplierOfferRepository.promoteBest(tx, partId);
      return r.removed;
    });
  },

  async forPart(ctx: Context, partId: string): Promise<SupplierOffer[]> {
    return Promise.all((await offersByPartLoader(ctx).load(partId)).map((r) => toOffer(ctx, r)));
  },

  /** supplierOffersPage: filtered and sorted on the server (default: by supplier code), for the offers list and its Excel export. */
  async page(ctx: Context, a: OfferFilters & { first?: number | null; after?: string | null; sort?: PageRequest<OfferFilters>['sort'] }): Promise<PageResult<SupplierOffer>> {
    const page = await offerPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: a }, (r: OfferRow) => r);
    const items = await Promise.all(page.items.map((r) => toOffer(ctx, r)));
    return Object.defineProperty({ items, pageInfo: page.pageInfo } as PageResult<SupplierOffer>, 'totalCount', { get: () => page.totalCount, enumerable: true });
  },

  /** Offers of one supplier and/or part, preferred first (every offer when neither is given), at most `limit`. */
  async list(ctx: Context, f: { supplierId?: string | null; partId?: string | null; limit?: number }): Promise<SupplierOffer[]> {
    if (matchesNothing(f.supplierId, f.partId)) return [];
    const rows = await supplierOfferRepository.list(ctx.db, { supplierId: f.supplierId, partId: f.partId, limit: Math.min(f.limit ?? 5000, 20_000) });
    return Promise.all(rows.map((r) => toOffer(ctx, r)));
  },
};
