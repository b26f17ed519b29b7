/**
 * What happens to a requisition line after the issue: returns (退料) and
 * price changes (调价). Both check the repair order under its row lock (no
 * change after settlement or cancellation).
 *
 * A return is booked on the line first (PENDING, under the line's row lock,
 * so concurrent returns can never exceed issued − returned), then in stock
 * through `returnStock` keyed by the booking, then marked DONE. A refusal from
 * stock undoes the booking; any other failure leaves it PENDING for a retry
 * with the same key or the recovery sweep.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  actorOf, assertSameRequest, assertStationAccess, badInput, checkIdempotencyKey, checkQuantity, claimCommand, conflict,
  groupedByKey, unknownId, type Context, type PendingCommand, idInput, rowOrRefuse
} from '../../../shared/src';
import { requireWorkshopPartFacts } from '../part-fact/part-fact.projection';
import { returnBooked } from '../clients/stock.client';
import { manualPriceProblem, manualPriceReason } from '../domain/pricing';
import { compareMoney, formatMoney } from '../../../shared/src/money';
import { acceptsPartChanges, returnable } from '../domain/repair-order-status';
import { lockRepairOrder } from '../repair-order/repair-order.service';
import { nextDocumentNumber } from '../document-number';
import { returnReason } from '../return-reason';
import { toLine } from './requisition.service';
import { PartsReturn, toPartsReturn, type RequisitionLine } from './requisition.type';
import { requisitionLineRepository as repo, type ListedReturnRow, type RequisitionLineRow, type ReturnRow, type StationLineRow } from './requisition-line.repository';

const toReturn = (r: ListedReturnRow) => toPartsReturn(r, r.number ?? `TL-${String(r.id).slice(0, 8)}`, r.repair_order_id);

/** The returns (退料) of requisition lines, oldest first, one statement per request. */
export const returnsByLineLoader = (ctx: Context) =>
  groupedByKey<string, PartsReturn>(ctx, 'returnsByLine', async (ids) =>
    (await repo.returnsOfLines(ctx.db, ids)).map(toReturn),
  (r) => r.lineId);

/** The returns of repair orders (for the 退料单), oldest first. */
export const returnsByOrderLoader = (ctx: Context) =>
  groupedByKey<string, PartsReturn>(ctx, 'returnsByOrder', async (ids) =>
    (await repo.returnsOfOrders(ctx.db, ids)).map(toReturn),
  (r) => r.repairOrderId!);

const REQUISITION_LINE = { reason: 'REQUISITION_LINE_NOT_FOUND', what: 'Requisition line', param: 'lineId' } as const;

async function lineForUpdate(tx: EntityManager, ctx: Context, lineId: string): Promise<StationLineRow> {
  const row = await rowOrRefuse(lineId, (id) => repo.lockLine(tx, id), REQUISITION_LINE);
  assertStationAccess(ctx, row.station_id);
  return row;
}

async function peekLine(ctx: Context, lineId: string): Promise<StationLineRow> {
  const row = await rowOrRefuse(lineId, (id) => repo.lineWithStation(ctx.db, id), REQUISITION_LINE);
  assertStationAccess(ctx, row.station_id);
  return row;
}

/** Stock's half of a booked return (see returnBooked). */
async function driveReturn(ctx: Context, ret: ReturnRow): Promise<void> {
  const line = await repo.returnTarget(ctx.db, ret.line_id);
  await returnBooked(ctx, ret, {
    idempotencyKey: `requisition-return:${ret.id}`, stationId: line.station_id, // The reference: stock falls back to the bin the part was issued from under it.
    reference: `repair order ${line.number}`,
    partId: line.part_id, quantity: Number(ret.quantity), warehouseId: line.warehouse_id, binId: ret.requested_bin_id ?? null,
  }, repo, 'requisitionReturn.afterRemote');
}

export const requisitionLineService = {
  async byId(ctx: Context, lineId: string): Promise<RequisitionLine> {
    const r = await repo.line(ctx.db, lineId);
    if (!r) throw unknownId('REQUISITION_LINE_NOT_FOUND', 'Requisition line', lineId, 'lineId');
    return toLine(r);
  },

  /** 退料: `quantity` back into the given bin (else the remembered one, else where it came from); never more than issued − returned. */
  async returnParts(ctx: Context, lineId: string, quantityArg: number, binId: string | null | undefined, idempotencyKey: string | null | undefined, reasonArg?: string | null): Promise<RequisitionLine> {
    const reason = returnReason(reasonArg);
    if (binId != null) idInput(binId, 'binId');
    // Without a client key every call is a new return; with one, a retry returns nothing more.
    const key = idempotencyKey == null ? randomUUID() : checkIdempotencyKey(idempotencyKey);
    const returnKey = `requisition-return:${lineId}:${key}`;
    const peek = await peekLine(ctx, lineId);
    const fingerprint = returnFingerprint(lineId, quantityArg, binId);
    const ret = await claimCommand(ctx, {
      what: 'return', lockKey: returnKey, fingerprint,
      find: (tx) => repo.returnByKey(tx, returnKey),
      fingerprintOf: (r) => returnFingerprint(r.line_id, Number(r.quantity), r.requested_bin_id),
      insert: async (tx) => {
        // Same lock order everywhere: the repair order, then the line.
        const o = await lockRepairOrder(tx, ctx, peek.repair_order_id, 'SHARE');
        const line = await lineForUpdate(tx, ctx, lineId);
        const quantity = checkQuantity(quantityArg, 'quantity', { precision: line.unit_precision });
        if (!acceptsPartChanges(o.status)) throw conflict((o.status === 'SETTLED' ? 'ORDER_SETTLED' : 'ORDER_CANCELLED'), `A ${o.status} repair order takes no returns`, { status: o.status, number: o.number });
        const left = returnable(Number(line.issued), Number(line.returned));
        if (quantity > left + 1e-9) throw badInput('MORE_THAN_ISSUED', `Only ${left} can still be returned`, { field: 'quantity', returnable: left });
        const number = await nextDocumentNumber(tx, o.station_id, 'TL', ctx.now());
        const r = await repo.insertReturn(tx, {
          id: randomUUID(), lineId, orderId: line.repair_order_id, key: returnKey, quantity, binId: binId ?? null, actor: actorOf(ctx), by: ctx.user.id, at: ctx.now(), reason, number,
        });
        await repo.addReturned(tx, lineId, quantity);
        return r;
      },
    });
    if (ret.status !== 'DONE') await driveReturn(ctx, ret);
    return this.byId(ctx, lineId);
  },

  /** 调价: STATION_MANAGER; never above the HQ cap (as the catalog has it now); every change recorded. */
  async adjustPrice(ctx: Context, lineId: string, unitPrice: string): Promise<RequisitionLine> {
    const peek = await peekLine(ctx, lineId);
    const fact = (await requireWorkshopPartFacts(ctx, [peek.part_id])).get(peek.part_id)!;
    const problem = manualPriceProblem(unitPrice, fact.hqCap);
    if (problem) throw badInput(manualPriceReason(unitPrice), problem, { field: 'unitPrice', price: unitPrice, cap: fact.hqCap });
    const price = formatMoney(unitPrice);
    const now = ctx.now();
    const row = await ctx.db.transaction(async (tx): Promise<RequisitionLineRow> => {
      const o = await lockRepairOrder(tx, ctx, peek.repair_order_id, 'SHARE');
      if (!acceptsPartChanges(o.status)) throw conflict((o.status === 'SETTLED' ? 'ORDER_SETTLED' : 'ORDER_CANCELLED'), `A ${o.status} repair order takes no price changes`, { status: o.status, number: o.number });
      const line = await lineForUpdate(tx, ctx, lineId);
      if (compareMoney(line.unit_price, price) === 0) return line;
      await repo.insertPriceChange(tx, { id: randomUUID(), lineId, from: line.unit_price, to: price, by: ctx.user.id, at: now });
      return repo.setPrice(tx, lineId, price, fact.hqCap);
    });
    return toLine(row);
  },
};

/** The same return: the line, the quantity (as a number) and the bin asked for. */
const returnFingerprint = (lineId: string, quantity: unknown, binId: string | null | undefined) => JSON.stringify([lineId, Number(quantity), binId ?? null]);

/** The sweep's view of returns (退料): PENDING bookings are finished in stock as the user who booked them. */
export const pendingReturns: PendingCommand<ReturnRow> = {
  name: 'requisition return',
  pending: (rt, minAgeMs, limit) => repo.pendingReturns(rt.ds, minAgeMs, limit),
  actor: (row) => row.actor,
  drive: driveReturn,
  idOf: (row) => row.id,
};
