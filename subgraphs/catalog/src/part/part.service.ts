/**
 * The part catalog: reads for everyone, writes for HQ (create, update,
 * supersede, bulk import). Every write is one transaction that also rewrites
 * the parts' search documents and appends `catalog.part_changed` to the
 * outbox (search/search-indexer.ts).
 */
import { randomUUID } from 'node:crypto';
import { validate } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { badInput, conflict, emptyImportResult, inSavepoint, notFound, refuseRow, rowRefusal, validationRefusal, type Context, type ImportResult, idOrRefuse, rowOrRefuse, UNKNOWN_PART } from '../../../shared/src';
import { storedImageUrls } from './image-urls';
import type { PartEntity } from './part.entity';
import { partRepository, type PartColumns } from './part.repository';
import { normalisePartNo } from '../../../shared/src/part-number';
import { toPart, type Part } from './part.type';
import { partLoader } from './part.loader';
import { PartInput, PartPricesInput } from './part.input';
import { barcodeProblem, createsCycle, priceProblems, sameMoney } from '../domain/part-rules';
import { catalogSearch } from '../search/catalog-search';
import { normaliseMnemonic } from '../domain/pinyin';
import { indexInTransaction } from '../search/search-indexer';

/** At most this many rows per importParts call; the CLI sends chunks. */
export const MAX_IMPORT_ROWS = 2000;

/** HQ's mnemonic from an input: undefined = keep what is stored, null = generate from the name. */
function mnemonicOf(i: PartInput, existing: PartEntity | null): string | null {
  if (i.mnemonic === undefined) return existing?.mnemonic ?? null;
  return i.mnemonic === null ? null : normaliseMnemonic(i.mnemonic) || null;
}

/** The column values of an input (trimmed; blanks become null). */
function columns(i: PartInput, existing: PartEntity | null = null): PartColumns {
  const blank = (s: string | null | undefined) => (s === null || s === undefined || s.trim() === '' ? null : s.trim());
  return {
    part_no: i.partNo.trim().toUpperCase(),
    part_no_norm: normalisePartNo(i.partNo),
    name: i.name.trim(),
    name_en: blank(i.nameEn),
    spec: blank(i.spec),
    unit: i.unit.trim(),
    unit_precision: i.unitPrecision ?? 0,
    category: blank(i.category),
    brand: blank(i.brand),
    barcode: blank(i.barcode),
    mnemonic: mnemonicOf(i, existing),
    image_urls: i.imageUrls ?? [],
    price_retail: i.prices.retail,
    price_wholesale: i.prices.wholesale,
    price_member: i.prices.member,
    price_insurance: i.prices.insurance,
    price_internal: i.prices.internal,
    hq_cap: i.prices.hqCap ?? null,
    pack_size: i.packSize ?? 1,
    min_order_qty: i.minOrderQty ?? 1,
  };
}

/** True when the stored part already says what `c` says (so an import of it changes nothing). */
function sameAsStored(e: PartEntity, c: PartColumns, modelIds: string[], storedModels: string[]): boolean {
  return e.partNo === c.part_no && e.name === c.name && e.nameEn === c.name_en && e.spec === c.spec && e.unit === c.unit
    && e.unitPrecision === c.unit_precision && e.category === c.category && e.brand === c.brand && e.barcode === c.barcode && e.mnemonic === c.mnemonic
    && JSON.stringify(e.imageUrls ?? []) === JSON.stringify(c.image_urls)
    && sameMoney(e.priceRetail, c.price_retail) && sameMoney(e.priceWholesale, c.price_wholesale) && sameMoney(e.priceMember, c.price_member)
    && sameMoney(e.priceInsurance, c.price_insurance) && sameMoney(e.priceInternal, c.price_internal) && sameMoney(e.hqCap, c.hq_cap)
    && Number(e.packSize) === c.pack_size && Number(e.minOrderQty) === c.min_order_qty
    && JSON.stringify([...modelIds].sort()) === JSON.stringify([...storedModels].sort());
}

/** Field-level problems class-validator cannot see (cap, check digit). */
function ruleProblems(i: PartInput): Record<string, string> {
  const out = priceProblems(i.prices);
  const b = barcodeProblem(i.barcode?.trim() || null);
  if (b) out.barcode = b;
  if (typeof i.mnemonic === 'string' && normaliseMnemonic(i.mnemonic).length > 20) out.mnemonic = 'mnemonic must be up to 20 letters and digits';
  return out;
}

function assertRules(i: PartInput): void {
  const problems = ruleProblems(i);
  const entries = Object.entries(problems);
  if (!entries.length) return;
  const [field, problem] = entries.find(([, v]) => /above the HQ cap/.test(v)) ?? entries[0];
  const reason = /above the HQ cap/.test(problem) ? 'PRICE_ABOVE_CAP' : field === 'barcode' ? 'BARCODE_INVALID' : 'MONEY_OUT_OF_RANGE';
  throw badInput(reason, 'Invalid part: ' + entries.map(([k, v]) => `${k}: ${v}`).join(', '), { field, fields: problems, ...(reason === 'PRICE_ABOVE_CAP' ? { cap: i.prices.hqCap, price: (i.prices as unknown as Record<string, string>)[field.replace('prices.', '')] } : {}) });
}

async function assertModelsExist(tx: EntityManager, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const known = await partRepository.existingModelIds(tx, unique);
  if (known.size !== unique.length) {
    throw badInput('VEHICLE_MODEL_NOT_FOUND', `Unknown vehicle model(s): ${unique.filter((m) => !known.has(m)).join(', ')}`, { field: 'compatibleModelIds', ids: unique.filter((m) => !known.has(m)) });
  }
}

/** Checks number and barcode uniqueness against other parts (the unique indexes back this up). */
async function assertUnique(tx: EntityManager, c: PartColumns, selfId: string | null): Promise<void> {
  const byNo = await partRepository.otherWithNumber(tx, c.part_no_norm, selfId);
  if (byNo) throw conflict('PART_NUMBER_TAKEN', `Part number ${c.part_no} is already used by ${byNo.partNo} (numbers are compared without case, spaces and dashes)`, { field: 'partNo', partNo: c.part_no, takenBy: byNo.partNo });
  if (c.barcode) {
    const byBar = await partRepository.otherWithBarcode(tx, c.barcode, selfId);
    if (byBar) throw conflict('BARCODE_TAKEN', `Barcode ${c.barcode} is already used by part ${byBar.partNo}`, { field: 'barcode', barcode: c.barcode, takenBy: byBar.partNo });
  }
}

async function setSuccessor(tx: EntityManager, partId: string, successorId: string): Promise<void> {
  if (partId === successorId) throw badInput('SUPERSEDES_ITSELF', 'A part cannot supersede itself', { field: 'byPartId' });
  await partRepository.lockSupersession(tx);
  const links = await partRepository.successorChain(tx, successorId);
  if (createsCycle(partId, successorId, (id) => links.get(id))) throw badInput('SUPERSESSION_CYCLE', 'That supersession would make a cycle', { field: 'byPartId' });
  await partRepository.setSuccessor(tx, partId, successorId);
}

/** Inserts or updates one part from validated input; returns whether anything changed. */
async function writePart(tx: EntityManager, ctx: Context, input: PartInput, existing: PartEntity | null): Promise<{ id: string; changed: boolean }> {
  // The platform's own picture addresses are kept as paths (a client sends back what it read, under PUBLIC_URL).
  const c = columns({ ...input, imageUrls: storedImageUrls(input.imageUrls ?? [], ctx.runtime.config.publicUrl) } as PartInput, existing);
  await assertUnique(tx, c, existing?.id ?? null);
  const modelIds = [...new Set(input.compatibleModelIds ?? [])];
  await assertModelsExist(tx, modelIds);
  const id = existing?.id ?? randomUUID();
  if (existing && sameAsStored(existing, c, modelIds, await partRepository.modelIds(tx, id))) return { id, changed: false };
  if (existing) await partRepository.update(tx, id, c);
  else await partRepository.insert(tx, id, c);
  await partRepository.replaceModels(tx, id, modelIds, !!existing);
  return { id, changed: true };
}

async function successorByNumber(tx: EntityManager, partNo: string): Promise<string> {
  const id = await partRepository.idByNumber(tx, normalisePartNo(partNo));
  if (!id) throw badInput('SUCCESSOR_NOT_FOUND', `The successor part ${partNo} does not exist`, { field: 'supersededByPartNo', partNo });
  return id;
}

export const partService = {
  /** A part by id, or null. */
  byId(ctx: Context, id: string): Promise<Part | null> {
    return partLoader(ctx).load(id);
  },
  /** A part by its number, ignoring case, spaces and dashes. A superseded number still finds its part (whose supersededBy leads on). */
  async byNumber(ctx: Context, partNo: string): Promise<Part | null> {
    const e = await partRepository.byNumber(ctx.db, normalisePartNo(partNo));
    return e ? toPart(e) : null;
  },
  /** A part by its exact barcode (条码), or null. */
  async byBarcode(ctx: Context, barcode: string): Promise<Part | null> {
    const e = await partRepository.byBarcode(ctx.db, barcode.trim());
    return e ? toPart(e) : null;
  },

  /** Creates a part (HQ). CONFLICT when the number or barcode is taken. */
  async create(ctx: Context, input: PartInput): Promise<Part> {
    assertRules(input);
    const { embedded } = catalogSearch(ctx.runtime);
    const id = await ctx.db.transaction(async (tx) => {
      const { id } = await writePart(tx, ctx, input, null);
      if (input.supersededByPartNo) await setSuccessor(tx, id, await successorByNumber(tx, input.supersededByPartNo));
      await indexInTransaction(tx, embedded, [id]);
      return id;
    });
    return (await partLoader(ctx).load(id))!;
  },

  /** Replaces a part's fields (HQ). The number may change as long as it stays unique. */
  async update(ctx: Context, id: string, input: PartInput): Promise<Part> {
    idOrRefuse(id, UNKNOWN_PART);
    assertRules(input);
    const { embedded } = catalogSearch(ctx.runtime);
    await ctx.db.transaction(async (tx) => {
      const existing = await rowOrRefuse(id, (id) => partRepository.lockedById(tx, id), UNKNOWN_PART);
      const { changed } = await writePart(tx, ctx, input, existing);
      let linked = false;
      if (input.supersededByPartNo) {
        const succ = await successorByNumber(tx, input.supersededByPartNo);
        if (succ !== existing.supersededById) {
          await setSuccessor(tx, id, succ);
          linked = true;
        }
      }
      // The previous successor loses the models this part gave it (fit through supersession).
      if (changed || linked) await indexInTransaction(tx, embedded, linked && existing.supersededById ? [id, existing.supersededById] : [id]);
    });
    ctx.loaders.clear();
    return (await partLoader(ctx).load(id))!;
  },

  /** Marks `id` as replaced by `byPartId` (HQ); no cycles. Search then shows the successor first. */
  async supersede(ctx: Context, id: string, byPartId: string): Promise<Part> {
    idOrRefuse(id, UNKNOWN_PART);
    idOrRefuse(byPartId, UNKNOWN_PART);
    const { embedded } = catalogSearch(ctx.runtime);
    await ctx.db.transaction(async (tx) => {
      const found = await partRepository.byIds(tx, [id, byPartId]);
      if (!found.some((p) => p.id === id)) throw notFound('PART_NOT_FOUND', `Part ${id} was not found`, { partId: id });
      if (!found.some((p) => p.id === byPartId)) throw notFound('PART_NOT_FOUND', `Part ${byPartId} was not found`, { partId: byPartId });
      await setSuccessor(tx, id, byPartId);
      await indexInTransaction(tx, embedded, [id, byPartId]);
    });
    ctx.loaders.clear();
    return (await partLoader(ctx).load(id))!;
  },

  /**
   * Bulk upsert by part number (HQ). Idempotent: a row equal to the stored part
   * changes nothing. Each row is applied under its own savepoint, so a bad
   * row is reported (1-based `row`, reason) and the others still go in.
   * Successor links (`supersededByPartNo`) are set after all rows, so a row
   * may name a successor defined further down.
   */
  async importRows(ctx: Context, rows: PartInput[]): Promise<ImportResult> {
    if (rows.length > MAX_IMPORT_ROWS) throw badInput('TOO_MANY_LINES', `At most ${MAX_IMPORT_ROWS} rows per call; send the file in chunks`, { field: 'rows', max: MAX_IMPORT_ROWS, length: rows.length });
    const result = emptyImportResult();
    const { embedded } = catalogSearch(ctx.runtime);
    await ctx.db.transaction(async (tx) => {
      const seen = new Map<string, number>();
      const written: { row: number; id: string; input: PartInput; created: boolean; changed: boolean }[] = [];
      for (let i = 0; i < rows.length; i++) {
        const n = i + 1;
        const raw = rows[i];
        const input = Object.assign(new PartInput(), raw, { prices: Object.assign(new PartPricesInput(), raw?.prices ?? {}) });
        const partNo = typeof input.partNo === 'string' ? input.partNo : null;
        const invalid = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
        if (invalid.length) {
          refuseRow(result, n, partNo, validationRefusal(invalid));
          continue;
        }
        try {
          assertRules(input);
        } catch (err) {
          refuseRow(result, n, partNo, rowRefusal(err));
          continue;
        }
        const norm = normalisePartNo(input.partNo);
        if (seen.has(norm)) {
          refuseRow(result, n, partNo, badInput('DUPLICATE_ROW', `Duplicate of row ${seen.get(norm)} (same part number)`, { firstRow: seen.get(norm) }));
          continue;
        }
        seen.set(norm, n);
        try {
          const w = await inSavepoint(tx, 'import_row', async () => {
            const existing = await partRepository.byNumber(tx, norm);
            return { ...(await writePart(tx, ctx, input, existing)), created: !existing };
          });
          written.push({ row: n, input, ...w });
        } catch (err) {
          refuseRow(result, n, partNo, rowRefusal(err));
        }
      }
      const changedIds = new Set<string>();
      for (const w of written) {
        let linked = false;
        if (w.input.supersededByPartNo) {
          const successorPartNo = w.input.supersededByPartNo;
          try {
            await inSavepoint(tx, 'import_link', async () => {
              const succ = await successorByNumber(tx, successorPartNo);
              if ((await partRepository.successorOf(tx, w.id)) !== succ) {
                await setSuccessor(tx, w.id, succ);
                linked = true;
                changedIds.add(succ);
              }
            });
          } catch (err) {
            refuseRow(result, w.row, w.input.partNo, rowRefusal(err), { saved: true }, 'Saved, but the successor was not linked: ');
          }
        }
        if (w.created) result.created++;
        else if (w.changed || linked) result.updated++;
        else result.unchanged++;
        if (w.created || w.changed || linked) changedIds.add(w.id);
      }
      if (changedIds.size) await indexInTransaction(tx, embedded, [...changedIds]);
    });
    result.errors.sort((a, b) => a.row - b.row);
    return result;
  },
};
