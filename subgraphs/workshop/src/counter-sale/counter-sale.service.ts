/**
 * Counter sales (配件销售): sell parts across the counter to a walk-in,
 * member, wholesale or insurance customer.
 *
 * A sale: validate → part facts (precision, tier prices, HQ cap) → decide the
 * prices (pure) → stock's idempotent `issueStock` (key = station + the
 * client's idempotency key) → shortfalls to procurement's idempotent
 * `recordShortage` → one workshop transaction writes the sale, its lines, any
 * manual price changes and the `workshop.demand` events. A refusal before the
 * issue changes nothing; a failure after it leaves nothing in workshop, and
 * the same key again finishes the sale without issuing twice.
 *
 * Returns are booked on the line first (PENDING, under the line's row lock, so
 * two returns can never exceed what was issued), then in stock through
 * `returnStock`, then marked DONE; a refusal from stock undoes the booking.
 * A return keeps its reason and gets its 退料单 number from the station's one
 * TL series (the same as requisition returns') when it is booked.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf, assertSameRequest, assertStationAccess, badInput, checkIdempotencyKey, checkQuantity, claimCommand, conflict, DomainError, faultPoint, forbidden,
  groupedByKey, hasRole, isHq, isService, unknownId, scopeStation, type Context, type PageRequest, type PageResult, type PendingCommand, idInput, rowById, rowOrRefuse
} from '../../../shared/src';
import { requireWorkshopPartFacts } from '../part-fact/part-fact.projection';
import { appendDemandEvents } from '../lost-sale/demand-event';
import { issueStock, returnBooked, type IssueStockResult } from '../clients/stock.client';
import { recordShortage } from '../clients/procurement.client';
import { manualPriceProblem, manualPriceReason, tierPrice } from '../domain/pricing';
import { compareMoney, formatCents, formatMoney, lineCents } from '../../../shared/src/money';
import { CounterSale, CounterSaleInput, CounterSaleLine, CounterSalePriceChange, CustomerType } from './counter-sale.type';
import { Station } from '../repair-order/repair-order.type';
import { BinLocation, Part, ref, Shortage } from '../entity-stubs';
import { counterSalePage, counterSaleRepository as repo, type CounterSaleFilters, type CounterSaleLineRow, type CounterSaleRow, type ListedSaleReturnRow, type SaleCommandRow, type SaleReturnRow, type SoldLineRow } from './counter-sale.repository';
import { nextDocumentNumber } from '../document-number';
import { returnReason } from '../return-reason';
import { PartsReturn, toPartsReturn } from '../requisition/requisition.type';
import { defaultOrderCursor, pageAfter } from '../paged-list';

/** What a PENDING sale remembers so that anyone can finish it: the decided lines (prices fixed when it was asked for). */
interface SaleRequest {
  customerType: CustomerType;
  customerName: string | null;
  lines: { lineKey: string; partId: string; quantity: number; warehouseId: string | null; binId: string | null; unitPrecision: number; tier: string; tierPrice: string; hqCap: string | null; unitPrice: string }[];
}

/** May manually price: station managers, HQ, and services acting for them. */
const mayChangePrice = (ctx: Context) => isHq(ctx.user) || hasRole(ctx.user, 'STATION_MANAGER') || (isService(ctx.user) && !ctx.user.stationId);

type SaleCommand = SaleCommandRow<SaleRequest>;

/** A sale with its stored total and quantity (the page builder adds a listed row's cursor). */
function toSale(r: CounterSaleRow): CounterSale {
  return Object.assign(new CounterSale(), {
    id: r.id, number: r.number, stationId: r.station_id, station: ref(Station, r.station_id), customerType: r.customer_type,
    customerName: r.customer_name, soldBy: r.sold_by, soldAt: r.sold_at, total: formatMoney(r.total),
    quantity: Number(r.quantity),
  });
}

function toLine(r: CounterSaleLineRow): CounterSaleLine {
  const issued = Number(r.issued);
  const returned = Number(r.returned);
  return Object.assign(new CounterSaleLine(), {
    id: r.id, saleId: r.counter_sale_id, part: ref(Part, r.part_id), requested: Number(r.requested), issued, returned, shortfall: Number(r.shortfall),
    priceTier: r.price_tier, tierPrice: formatMoney(r.tier_price), unitPrice: formatMoney(r.unit_price),
    amount: formatCents(lineCents(Math.round((issued - returned) * 1000) / 1000, r.unit_price)),
    bin: ref(BinLocation, r.bin_id), shortage: ref(Shortage, r.shortage_id),
  });
}

/** Lines of sales, one statement per request however many sales a list shows. */
export const saleLinesLoader = (ctx: Context) =>
  groupedByKey<string, CounterSaleLine>(ctx, 'counterSaleLines', async (ids) =>
    (await repo.linesOfSales(ctx.db, ids)).map(toLine), (l) => l.saleId);

export const priceChangesLoader = (ctx: Context) =>
  groupedByKey<string, CounterSalePriceChange & { lineId: string }>(ctx, 'counterSalePriceChanges', async (ids) =>
    (await repo.priceChangesOfLines(ctx.db, ids)).map((r) =>
      Object.assign(new CounterSalePriceChange(), { lineId: r.line_id, fromPrice: formatMoney(r.from_price), toPrice: formatMoney(r.to_price), changedBy: r.changed_by, changedAt: r.changed_at })),
  (c) => c.lineId);

/** A counter-sale return as the 退料单 shows it: the same PartsReturn as a requisition line's. */
const toReturn = (r: ListedSaleReturnRow) => toPartsReturn(r, r.number);

/** The returns of counter-sale lines, oldest first, one statement per request. */
export const saleReturnsLoader = (ctx: Context) =>
  groupedByKey<string, PartsReturn>(ctx, 'counterSaleReturns', async (ids) =>
    (await repo.returnsOfLines(ctx.db, ids)).map(toReturn),
  (r) => r.lineId);

const SOLD_LINE = { reason: 'COUNTER_SALE_LINE_NOT_FOUND', what: 'Counter-sale line', param: 'lineId' } as const;

async function lineForUpdate(tx: EntityManager, ctx: Context, lineId: string): Promise<SoldLineRow> {
  const row = await rowOrRefuse(lineId, (id) => repo.lockSoldLine(tx, id), SOLD_LINE);
  assertStationAccess(ctx, row.station_id);
  return row;
}

const saleKey = (stationId: string, key: string) => `counter-sale:${stationId}:${key}`;

/**
 * Stock, shortages, then the sale, for a claimed sale; safe to run any number
 * of times, also concurrently: stock answers its key (station + the client's
 * key) with its first result, and the sale is written once under the claim's
 * row lock. A refusal from stock issued nothing: the claim goes.
 */
async function driveSale(ctx: Context, cmd: SaleCommand): Promise<string> {
  const req = cmd.request;
  const stationId = cmd.station_id;
  const stockKey = saleKey(stationId, cmd.idempotency_key);
  const reference = `counter sale ${cmd.idempotency_key}`;
  let issued: IssueStockResult;
  try {
    issued = await issueStock(ctx, {
      idempotencyKey: stockKey, stationId, reference, allowPartial: cmd.allow_partial,
      lines: req.lines.map((d) => ({ lineKey: d.lineKey, partId: d.partId, quantity: d.quantity, warehouseId: d.warehouseId, binId: d.binId })),
    });
  } catch (err) {
    if (err instanceof DomainError) await repo.dropPendingCommand(ctx.db, cmd.id);
    throw err;
  }
  await faultPoint(ctx.runtime, 'counterSale.afterRemote', cmd.id);
  const byKey = new Map(issued.lines.map((l) => [String(l.lineKey), l]));
  for (const d of req.lines) {
    const r = byKey.get(d.lineKey);
    // Stock answered for another request under this key (a sale of an older version that never got written).
    if (!r || r.partId !== d.partId || Math.abs(Number(r.requested) - d.quantity) > 1e-9) throw conflict('IDEMPOTENCY_KEY_REUSED', 'This idempotencyKey was used for a different sale', { field: 'idempotencyKey' });
  }
  const shortages = new Map<string, string>();
  for (const d of req.lines) {
    const shortfall = Number(byKey.get(d.lineKey)!.shortfall);
    if (shortfall > 0) {
      const { shortageId } = await recordShortage(ctx, { idempotencyKey: `${stockKey}:${d.lineKey}`, stationId, partId: d.partId, quantity: shortfall, reference });
      shortages.set(d.lineKey, shortageId);
    }
  }

  const soldAt = new Date(cmd.requested_at);
  const soldBy = cmd.actor.id;
  return ctx.db.transaction(async (tx) => {
    // A concurrent attempt may have dropped the claim after a refusal while this one's issue went through: put it back.
    await repo.insertCommand(tx, { ...cmd, requested_at: soldAt }, 'keep');
    const cur = await repo.lockCommand(tx, cmd.id);
    if (cur.status === 'DONE') return cur.counter_sale_id!;
    const id = randomUUID();
    const number = await nextDocumentNumber(tx, stationId, 'XS', soldAt);
    await repo.insertSale(tx, { id, number, stationId, customerType: req.customerType, customerName: req.customerName, key: cmd.idempotency_key, by: soldBy, at: soldAt });
    const demand = [];
    for (const [i, d] of req.lines.entries()) {
      const r = byKey.get(d.lineKey)!;
      const lineId = randomUUID();
      const allocations = r.allocations ?? [];
      const mainBin = [...allocations].sort((a, b) => b.quantity - a.quantity)[0]?.binId ?? null;
      await repo.insertLine(tx, {
        id: lineId, saleId: id, lineNo: i + 1, partId: d.partId, unitPrecision: d.unitPrecision, requested: d.quantity, issued: Number(r.issued), shortfall: Number(r.shortfall),
        tier: d.tier, tierPrice: d.tierPrice, hqCap: d.hqCap, unitPrice: d.unitPrice, binId: mainBin, allocations, shortageId: shortages.get(d.lineKey) ?? null,
      });
      if (d.unitPrice !== d.tierPrice) await repo.insertPriceChange(tx, { id: randomUUID(), lineId, from: d.tierPrice, to: d.unitPrice, by: soldBy, at: soldAt });
      demand.push({ stationId, partId: d.partId, requested: d.quantity, issued: Number(r.issued), lost: 0, emergency: 0, source: 'COUNTER_SALE' as const });
    }
    await appendDemandEvents(tx, soldAt, demand);
    await repo.finishCommand(tx, cmd.id, id);
    return id;
  });
}

/** Stock's half of a booked counter-sale return (see returnBooked). */
async function driveSaleReturn(ctx: Context, ret: SaleReturnRow): Promise<void> {
  const line = (await repo.soldLine(ctx.db, ret.line_id))!;
  await returnBooked(ctx, ret, {
    idempotencyKey: `counter-sale-return:${ret.id}`, stationId: line.station_id, reference: `counter sale ${line.number} return`,
    partId: line.part_id, quantity: Number(ret.quantity), binId: ret.requested_bin_id ?? null,
  }, repo, 'counterSaleReturn.afterRemote');
}

/** The same return: the line, the quantity (as a number) and the bin asked for. */
const returnFingerprint = (lineId: string, quantity: unknown, binId: string | null | undefined) => JSON.stringify([lineId, Number(quantity), binId ?? null]);

/** The sweep's view of counter sales: claimed sales are finished as the person who sold them. */
export const pendingCounterSales: PendingCommand<SaleCommand> = {
  name: 'counter sale',
  pending: (rt, minAgeMs, limit) => repo.pendingCommands<SaleRequest>(rt.ds, minAgeMs, limit),
  actor: (row) => row.actor,
  drive: driveSale,
  idOf: (row) => row.id,
};

/** The sweep's view of counter-sale returns (bookings from before actors were kept act as a clerk of the sale's station). */
export const pendingCounterSaleReturns: PendingCommand<SaleReturnRow> = {
  name: 'counter-sale return',
  pending: (rt, minAgeMs, limit) => repo.pendingReturns(rt.ds, minAgeMs, limit),
  actor: (row) => row.actor ?? { id: row.returned_by, roles: ['PARTS_CLERK'], stationId: row.station_id ?? null },
  drive: driveSaleReturn,
  idOf: (row) => row.id,
};

export const counterSaleService = {
  async byId(ctx: Context, id: string): Promise<CounterSale | null> {
    const r = await rowById(id, (id) => repo.byId(ctx.db, id));
    if (!r) return null;
    assertStationAccess(ctx, r.station_id);
    return toSale(r);
  },

  /** Newest first: the first page of `page` (its `after` also takes the `[soldAt, id]` cursors this list handed out before). */
  async list(ctx: Context, stationId: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<CounterSale[]> {
    return (await this.page(ctx, { stationId, first, after })).items;
  },

  /** A page of the station's sales (HQ: one station or all), newest first; filters: sold from/to, part, customer type, text (number or customer). */
  async page(ctx: Context, a: CounterSaleFilters & { first?: number | null; after?: string | null; sort?: PageRequest<CounterSaleFilters>['sort'] }): Promise<PageResult<CounterSale>> {
    const stationId = scopeStation(ctx, a.stationId);
    return repo.page(ctx.db, {
      first: a.first, after: pageAfter(counterSalePage, a.after), sort: a.sort,
      filters: { from: a.from, to: a.to, partId: a.partId, customerType: a.customerType, customerTypes: a.customerTypes, query: a.query, stationId },
    }, toSale);
  },

  /** The row's cursor in the list it came from; a sale read by id or just made: its place in the newest-first order. */
  cursorOf: (s: CounterSale & { cursor?: string }) => s.cursor ?? defaultOrderCursor(counterSalePage, s.soldAt, s.id),

  async lines(ctx: Context, sale: CounterSale): Promise<CounterSaleLine[]> {
    return saleLinesLoader(ctx).load(sale.id);
  },


  async sell(ctx: Context, input: CounterSaleInput, allowPartial: boolean, idempotencyKey: string): Promise<CounterSale> {
    const stationId = scopeStation(ctx, input.stationId, true);
    idInput(stationId, 'stationId');
    const key = checkIdempotencyKey(idempotencyKey);
    const fingerprint = JSON.stringify({
      customerType: input.customerType, customerName: input.customerName?.trim() || null, warehouseId: input.warehouseId ?? null, allowPartial,
      lines: (input.lines ?? []).map((l) => [l.partId, Number(l.quantity), l.warehouseId ?? null, l.binId ?? null, l.unitPrice ?? null]),
    });
    const existing = await repo.command<SaleRequest>(ctx.db, stationId, key);
    if (existing) return this.resume(ctx, existing, fingerprint);
    // A sale made before sales were claimed first has no command row.
    const done = await repo.byKey(ctx.db, stationId, key);
    if (done) return toSale(done);
    // The customer type (an enum), ids, customer name and the number of lines were validated at the edge (CounterSaleInput).
    const facts = await requireWorkshopPartFacts(ctx, input.lines.map((l) => l.partId));
    const lines = input.lines.map((l, i): SaleRequest['lines'][number] => {
      const f = facts.get(l.partId)!;
      const quantity = checkQuantity(l.quantity, `lines.${i + 1}.quantity`, { precision: f.unitPrecision, partNo: f.partNo });
      const tier = tierPrice(f, input.customerType);
      let unitPrice = tier.price;
      if (l.unitPrice != null && compareMoney(l.unitPrice, tier.price) !== 0) {
        if (!mayChangePrice(ctx)) throw forbidden('ROLE_REQUIRED', 'Changing a price needs a station manager', { roles: ['STATION_MANAGER'] });
        const problem = manualPriceProblem(l.unitPrice, f.hqCap);
        if (problem) throw badInput(manualPriceReason(l.unitPrice), `Line ${i + 1}: ${problem}`, { field: `lines.${i + 1}.unitPrice`, line: i + 1, price: l.unitPrice, cap: f.hqCap, partNo: f.partNo });
        unitPrice = formatMoney(l.unitPrice);
      }
      return {
        lineKey: String(i + 1), partId: l.partId, quantity, warehouseId: l.warehouseId ?? input.warehouseId ?? null, binId: l.binId ?? null,
        unitPrecision: f.unitPrecision, tier: tier.tier, tierPrice: tier.price, hqCap: f.hqCap, unitPrice,
      };
    });
    const request: SaleRequest = { customerType: input.customerType, customerName: input.customerName?.trim() || null, lines };
    const cmd = await claimCommand(ctx, {
      what: 'sale', lockKey: saleKey(stationId, key), fingerprint,
      find: (tx) => repo.command<SaleRequest>(tx, stationId, key),
      fingerprintOf: (r) => r.fingerprint,
      insert: async (tx) => (await repo.insertCommand(tx, {
        id: randomUUID(), station_id: stationId, idempotency_key: key, fingerprint, allow_partial: allowPartial, request, actor: actorOf(ctx), requested_at: ctx.now(),
      }, 'fail'))!,
    });
    return this.resume(ctx, cmd, fingerprint);
  },

  /** The sale of this claim: the one written already, or the claim driven to the end now. */
  async resume(ctx: Context, cmd: SaleCommand, fingerprint: string): Promise<CounterSale> {
    assertSameRequest(cmd.fingerprint, fingerprint, 'sale');
    const saleId = cmd.status === 'DONE' ? cmd.counter_sale_id! : await driveSale(ctx, cmd);
    return (await this.byId(ctx, saleId))!;
  },

  /** 调价 on a sold line: STATION_MANAGER, never above the HQ cap (as the catalog has it now), recorded. */
  async adjustPrice(ctx: Context, lineId: string, unitPrice: string): Promise<CounterSaleLine> {
    const peek = await rowOrRefuse(lineId, (id) => repo.soldLine(ctx.db, id), SOLD_LINE);
    assertStationAccess(ctx, peek.station_id);
    const fact = (await requireWorkshopPartFacts(ctx, [peek.part_id])).get(peek.part_id)!;
    const problem = manualPriceProblem(unitPrice, fact.hqCap);
    if (problem) throw badInput(manualPriceReason(unitPrice), problem, { field: 'unitPrice', price: unitPrice });
    const price = formatMoney(unitPrice);
    const now = ctx.now();
    const row = await ctx.db.transaction(async (tx): Promise<CounterSaleLineRow> => {
      const line = await lineForUpdate(tx, ctx, lineId);
      if (compareMoney(line.unit_price, price) === 0) return line;
      await repo.insertPriceChange(tx, { id: randomUUID(), lineId, from: line.unit_price, to: price, by: ctx.user.id, at: now });
      return repo.setLinePrice(tx, lineId, price, fact.hqCap);
    });
    return toLine(row);
  },

  /**
   * Takes `quantity` of a sold line back into stock (the given bin, else the remembered one, else where it came from), with why (`reason`,
   * the same rule as returnParts') and a TL number for its 退料单, drawn with the booking.
   */
  async returnLine(ctx: Context, lineId: string, quantityArg: number, binId: string | null | undefined, idempotencyKey: string, reasonArg?: string | null): Promise<CounterSaleLine> {
    const reason = returnReason(reasonArg);
    const key = checkIdempotencyKey(idempotencyKey);
    if (binId != null) idInput(binId, 'binId');
    const returnKey = `counter-sale-return:${lineId}:${key}`;
    // Not found, or another station's: refused before anything is read by key.
    const peek = await rowOrRefuse(lineId, (id) => repo.soldLine(ctx.db, id), SOLD_LINE);
    assertStationAccess(ctx, peek.station_id);
    const ret = await claimCommand(ctx, {
      what: 'return', lockKey: returnKey, fingerprint: returnFingerprint(lineId, quantityArg, binId),
      find: (tx) => repo.returnByKey(tx, returnKey),
      fingerprintOf: (r) => returnFingerprint(r.line_id, Number(r.quantity), r.requested_bin_id),
      insert: async (tx) => {
        const line = await lineForUpdate(tx, ctx, lineId);
        const quantity = checkQuantity(quantityArg, 'quantity', { precision: line.unit_precision });
        const left = Math.round((Number(line.issued) - Number(line.returned)) * 1000) / 1000;
        if (quantity > left + 1e-9) throw badInput('MORE_THAN_ISSUED', `Only ${left} can still be returned`, { field: 'quantity', returnable: left });
        await repo.addReturned(tx, lineId, quantity);
        // Last: the booking draws its TL number in its own statement, so the station's counter is locked only until the commit.
        return repo.insertReturn(tx, { id: randomUUID(), lineId, key: returnKey, quantity, binId: binId ?? null, actor: actorOf(ctx), by: ctx.user.id, at: ctx.now(), reason, stationId: line.station_id });
      },
    });
    if (ret.status !== 'DONE') await driveSaleReturn(ctx, ret);
    return this.lineById(ctx, lineId);
  },

  async lineById(ctx: Context, lineId: string): Promise<CounterSaleLine> {
    const r = await repo.line(ctx.db, lineId);
    if (!r) throw unknownId('COUNTER_SALE_LINE_NOT_FOUND', 'Counter-sale line', lineId, 'lineId');
    return toLine(r);
  },
};
