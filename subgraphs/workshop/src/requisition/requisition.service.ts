/**
 * Requisitions (领料): parts issued from bins to a repair order through
 * stock's idempotent `issueStock` — workshop never touches the stock schema.
 *
 * The requisition is a saga across two subgraphs:
 *   1. commit a PENDING row keyed by (station, idempotencyKey) holding the
 *      request and the acting user (the repair order is checked under its
 *      row lock here, so a settlement cannot slip in between);
 *   2. ask stock to issue with key `requisition:<row id>` — stock answers the
 *      same key with its first result, so however often this runs, parts are
 *      issued once (一进一出 first asks procurement's `directPurchase` with
 *      the same key, which also buys once);
 *   3. shortfalls to procurement's idempotent `recordShortage`;
 *   4. one workshop transaction writes the lines, draws the number, marks the
 *      row DONE, starts the repair order and appends the `workshop.demand`
 *      events.
 * A crash between 2 and 4 leaves the PENDING row: the same key again, or the
 * recovery sweep (`recoverPending`), re-runs 2–4 and completes it. A refusal
 * from stock (INSUFFICIENT_STOCK with allowPartial=false, an unknown bin …)
 * issued nothing, so the PENDING row is removed and nothing has changed.
 */
import { randomUUID } from 'node:crypto';
import {
  actorOf, assertSameRequest, badInput, checkIdempotencyKey, checkQuantity, claimCommand, conflict, DomainError, faultPoint, groupedByKey, round3, type Context,
  type PendingCommand, idInput, idListInput
} from '../../../shared/src';
import { requireWorkshopPartFacts } from '../part-fact/part-fact.projection';
import { issueStock, type IssueStockResult } from '../clients/stock.client';
import { directPurchase, recordShortage, type DirectPurchaseResult } from '../clients/procurement.client';
import { tierPrice } from '../domain/pricing';
import { formatCents, formatMoney, lineCents, toCents } from '../../../shared/src/money';
import { BinLocation, Part, ref, Shortage } from '../entity-stubs';
import { appendDemandEvents } from '../lost-sale/demand-event';
import { acceptsPartChanges, afterRequisition } from '../domain/repair-order-status';
import { lockRepairOrder, requireRepairOrder } from '../repair-order/repair-order.service';
import { repairOrderRepository } from '../repair-order/repair-order.repository';
import { PurchaseOrder } from '../entity-stubs';
import { BinAllocation, Requisition, RequisitionKind, RequisitionLine, RequisitionLineInput, RequisitionPriceChange } from './requisition.type';
import { requisitionRepository as repo, type RequestBody, type RequestLine, type RequisitionRow } from './requisition.repository';
import type { RequisitionLineRow } from './requisition-line.repository';

function toRequisition(r: RequisitionRow): Requisition {
  return Object.assign(new Requisition(), {
    id: r.id, number: r.number!, kind: r.kind as RequisitionKind, requestedBy: r.requested_by, requestedAt: r.requested_at, issuedAt: r.completed_at ?? null, repairOrderId: r.repair_order_id, stationId: r.station_id,
  });
}

export function toLine(r: RequisitionLineRow): RequisitionLine {
  const issued = Number(r.issued);
  const returned = Number(r.returned);
  const allocations: { binId: string; quantity: number }[] = r.allocations ?? [];
  return Object.assign(new RequisitionLine(), {
    id: r.id, lineNo: r.line_no, requisitionId: r.requisition_id, repairOrderId: r.repair_order_id, partId: r.part_id, part: ref(Part, r.part_id),
    requested: Number(r.requested), issued, returned, shortfall: Number(r.shortfall),
    unitPrice: formatMoney(r.unit_price), tierPrice: formatMoney(r.tier_price), amount: formatCents(lineCents(round3(issued - returned), r.unit_price)),
    bin: ref(BinLocation, r.bin_id), allocations: allocations.map((a) => Object.assign(new BinAllocation(), { bin: ref(BinLocation, a.binId), quantity: Number(a.quantity) })),
    shortage: ref(Shortage, r.shortage_id), purchaseOrder: ref(PurchaseOrder, r.purchase_order_id),
  });
}

/** Recorded requisitions of repair orders (PENDING ones are not yet requisitions), one statement per request. */
export const requisitionsLoader = (ctx: Context) =>
  groupedByKey<string, Requisition>(ctx, 'requisitions', async (ids) =>
    (await repo.doneOfOrders(ctx.db, ids)).map(toRequisition),
  (r) => r.repairOrderId);

export const linesLoader = (ctx: Context) =>
  groupedByKey<string, RequisitionLine>(ctx, 'requisitionLines', async (ids) =>
    (await repo.linesOfRequisitions(ctx.db, ids)).map(toLine), (l) => l.requisitionId);

/** Every line of repair orders (parts cost, parts report). */
export const orderLinesLoader = (ctx: Context) =>
  groupedByKey<string, RequisitionLine>(ctx, 'orderRequisitionLines', async (ids) =>
    (await repo.linesOfOrders(ctx.db, ids)).map(toLine), (l) => l.repairOrderId);

export const priceChangesLoader = (ctx: Context) =>
  groupedByKey<string, RequisitionPriceChange>(ctx, 'requisitionPriceChanges', async (ids) =>
    (await repo.priceChangesOfLines(ctx.db, ids)).map((r) =>
      Object.assign(new RequisitionPriceChange(), { lineId: r.line_id, fromPrice: formatMoney(r.from_price), toPrice: formatMoney(r.to_price), changedBy: r.changed_by, changedAt: r.changed_at })),
  (c) => c.lineId);

/** Stock refused (nothing issued, nothing bought): the PENDING row and its claim on estimates go. */
async function abandon(ctx: Context, id: string): Promise<void> {
  await ctx.db.transaction((tx) => repo.abandon(tx, id));
}

const sagaKey = (row: RequisitionRow) => `requisition:${row.id}`;

/** Steps 2–4 of the saga for a PENDING row; safe to run any number of times, also concurrently. The DONE row. */
async function drive(ctx: Context, row: RequisitionRow): Promise<RequisitionRow> {
  const req: RequestBody = row.request;
  const stationId: string = row.station_id;
  const key = sagaKey(row);
  const roNumber = req.repairOrderNumber ?? (await repairOrderRepository.byId(ctx.db, row.repair_order_id))!.number;
  const reference = `repair order ${roNumber}`;
  let purchase: DirectPurchaseResult | null = null;
  if (row.kind === RequisitionKind.PURCHASE_AND_ISSUE) {
    const l = req.lines[0];
    try {
      purchase = await directPurchase(ctx, {
        idempotencyKey: key, stationId, warehouseId: l.warehouseId!, partId: l.partId, quantity: l.quantity, repairOrderId: row.repair_order_id,
        supplierId: req.purchase?.supplierId ?? null, unitPrice: req.purchase?.unitPrice ?? null,
      });
    } catch (err) {
      if (err instanceof DomainError) await abandon(ctx, row.id);
      throw err;
    }
  }
  let issued: IssueStockResult;
  await faultPoint(ctx.runtime, 'requisition.beforeRemote', row.id);
  try {
    issued = await issueStock(ctx, {
      idempotencyKey: key, stationId, reference, allowPartial: row.allow_partial,
      lines: req.lines.map((l) => ({ lineKey: String(l.lineNo), partId: l.partId, quantity: l.quantity, warehouseId: l.warehouseId, binId: purchase ? purchase.binId : l.binId })),
    });
  } catch (err) {
    // After a purchase the goods are in; the row stays PENDING for a retry rather than forgetting them.
    if (err instanceof DomainError && !purchase) await abandon(ctx, row.id);
    throw err;
  }
  await faultPoint(ctx.runtime, 'requisition.afterRemote', row.id);

  const byKey = new Map(issued.lines.map((l) => [String(l.lineKey), l]));
  const shortages = new Map<number, string>();
  for (const l of req.lines) {
    const r = byKey.get(String(l.lineNo));
    if (!r) throw new Error(`stock answered no line ${l.lineNo} for ${key}`);
    if (Number(r.shortfall) > 0) {
      const { shortageId } = await recordShortage(ctx, { idempotencyKey: `${key}:${l.lineNo}`, stationId, partId: l.partId, quantity: Number(r.shortfall), reference, repairOrderId: row.repair_order_id });
      shortages.set(l.lineNo, shortageId);
    }
  }

  // 出库时间 is when stock issued (its ledger rows), not when this attempt records it: after a crash the retry or the
  // sweep gets the first call's time back with the key. Results stored before stock sent it: the time recorded.
  const now = ctx.now();
  const issuedAt = issued.issuedAt ? new Date(issued.issuedAt) : now;
  return ctx.db.transaction(async (tx) => {
    // Lock order, the same in every writer: repair order (FOR NO KEY UPDATE, see repairOrderRepository.lock), requisition, the
    // station's number row (last, markDone).
    const orderStatus = (await repairOrderRepository.lock(tx, row.repair_order_id, 'NO KEY UPDATE'))!.status;
    // A concurrent attempt may have abandoned the row after a refusal while this one's issue went through: put it back.
    const cur = await repo.reclaim(tx, row);
    if (cur.status === 'DONE') return cur;
    const demand = [];
    for (const l of req.lines) {
      const r = byKey.get(String(l.lineNo))!;
      const allocations = (r.allocations ?? []).map((a) => ({ binId: a.binId, quantity: Number(a.quantity) }));
      const mainBin = [...allocations].sort((a, b) => b.quantity - a.quantity)[0]?.binId ?? null;
      await repo.insertLine(tx, {
        id: randomUUID(), requisitionId: row.id, orderId: row.repair_order_id, lineNo: l.lineNo, partId: l.partId, unitPrecision: l.unitPrecision, warehouseId: l.warehouseId,
        requested: l.quantity, issued: Number(r.issued), shortfall: Number(r.shortfall), tierPrice: l.tierPrice, hqCap: l.hqCap, binId: mainBin, allocations,
        shortageId: shortages.get(l.lineNo) ?? null, purchaseOrderId: purchase?.purchaseOrderId ?? null,
      });
      demand.push({ stationId, partId: l.partId, requested: l.quantity, issued: Number(r.issued), lost: 0, emergency: 0, source: 'REQUISITION' as const });
    }
    await faultPoint(ctx.runtime, 'requisition.inFinalTransaction', row.id);
    // The first requisition starts the work (domain/repair-order-status.ts: OPEN → IN_PROGRESS).
    const next = afterRequisition(orderStatus);
    if (next !== orderStatus) await repairOrderRepository.setStatusOnly(tx, row.repair_order_id, next);
    if (req.estimatedPartIds.length) await repo.keepEstimates(tx, row.id, req.estimatedPartIds);
    await appendDemandEvents(tx, new Date(row.requested_at), demand);
    // Last, so that the station's number row is locked only for this statement and the commit.
    return repo.markDone(tx, { id: row.id, stationId, year: now.getUTCFullYear(), issuedAt, purchaseOrderId: purchase?.purchaseOrderId ?? null });
  });
}

export const requisitionService = {
  async byId(ctx: Context, id: string): Promise<Requisition> {
    const r = await repo.byId(ctx.db, id);
    if (!r) throw new Error(`requisition ${id} is gone`);
    return toRequisition(r);
  },

  /** The first result for this key, or the PENDING saga finished; CONFLICT when the key was used for a different request. */
  async resume(ctx: Context, row: RequisitionRow, fingerprint: string): Promise<Requisition> {
    assertSameRequest(row.fingerprint, fingerprint, 'requisition');
    if (row.status === 'DONE') return toRequisition(row);
    return toRequisition(await drive(ctx, row));
  },

  /** Step 1: the PENDING row (or the one already there for this key), then the rest of the saga. */
  async start(ctx: Context, ro: any, key: string, fingerprint: string, kind: RequisitionKind, allowPartial: boolean, request: RequestBody): Promise<Requisition> {
    const row = await claimCommand(ctx, {
      what: 'requisition', lockKey: `requisition:${ro.station_id}:${key}`, fingerprint,
      find: (tx) => repo.byKey(tx, ro.station_id, key),
      fingerprintOf: (r) => r.fingerprint,
      insert: async (tx) => {
        const o = await lockRepairOrder(tx, ctx, ro.id, 'SHARE');
        if (!acceptsPartChanges(o.status)) throw conflict((o.status === 'SETTLED' ? 'ORDER_SETTLED' : 'ORDER_CANCELLED'), `A ${o.status} repair order takes no requisitions`, { status: o.status, number: o.number });
        const id = randomUUID();
        if (request.estimatedPartIds.length) {
          if (await repo.claimEstimates(tx, id, request.estimatedPartIds) !== request.estimatedPartIds.length) throw conflict('ESTIMATE_ALREADY_REQUISITIONED', 'Some of these estimated parts were already turned into a requisition');
        }
        return repo.insertPending(tx, {
          id, repair_order_id: ro.id, station_id: ro.station_id, kind, idempotency_key: key, fingerprint, allow_partial: allowPartial,
          request: { ...request, repairOrderNumber: o.number }, actor: actorOf(ctx), requested_by: ctx.user.id, requested_at: ctx.now(),
        });
      },
    });
    return this.resume(ctx, row, fingerprint);
  },

  /** requisitionParts: validate, decide prices (retail tier, capped at the HQ cap), run the saga. */
  async requisition(ctx: Context, repairOrderId: string, lines: RequisitionLineInput[], allowPartial: boolean, idempotencyKey: string): Promise<Requisition> {
    const key = checkIdempotencyKey(idempotencyKey);
    const ro = await requireRepairOrder(ctx, repairOrderId);
    if (!Array.isArray(lines) || lines.length < 1 || lines.length > 100) throw badInput(lines?.length ? 'TOO_MANY_LINES' : 'EMPTY_LIST', 'A requisition has 1 to 100 lines', { field: 'lines', min: 1, max: 100 });
    // Ids on the lines are checked at the edge (RequisitionLineInput's decorators, named lines.<n>.<field>).
    const fingerprint = JSON.stringify({ ro: ro.id, kind: 'ISSUE', allowPartial, lines: lines.map((l) => [l.partId, Number(l.quantity), l.warehouseId ?? null, l.binId ?? null]) });
    const existing = await repo.byKey(ctx.db, ro.station_id, key);
    if (existing) return this.resume(ctx, existing, fingerprint);
    const facts = await requireWorkshopPartFacts(ctx, lines.map((l) => l.partId));
    const decided = lines.map((l, i): RequestLine => {
      const f = facts.get(l.partId)!;
      return {
        lineNo: i + 1, partId: l.partId, quantity: checkQuantityFor(l.quantity, `lines.${i + 1}.quantity`, f.unitPrecision, f.partNo), warehouseId: l.warehouseId ?? null, binId: l.binId ?? null,
        unitPrecision: f.unitPrecision, tierPrice: tierPrice(f, 'WALK_IN').price, hqCap: f.hqCap,
      };
    });
    return this.start(ctx, ro, key, fingerprint, RequisitionKind.ISSUE, allowPartial, { lines: decided, estimatedPartIds: [] });
  },

  /** 预估材料 → 领料 in one call: the open estimates (all, or the ones named) become one requisition. */
  async fromEstimates(ctx: Context, repairOrderId: string, estimatedPartIds: string[] | null | undefined, warehouseId: string | null | undefined, allowPartial: boolean, idempotencyKey: string): Promise<Requisition> {
    const key = checkIdempotencyKey(idempotencyKey);
    const ro = await requireRepairOrder(ctx, repairOrderId);
    if (warehouseId != null) idInput(warehouseId, 'warehouseId');
    const ids = estimatedPartIds == null ? null : [...new Set(estimatedPartIds)].sort();
    if (ids) idListInput(ids, 'estimatedPartIds', 'estimatedPartIds must be ids', { nonEmpty: true });
    const fingerprint = JSON.stringify({ ro: ro.id, kind: 'ESTIMATE', ids, warehouseId: warehouseId ?? null, allowPartial });
    const existing = await repo.byKey(ctx.db, ro.station_id, key);
    if (existing) return this.resume(ctx, existing, fingerprint);
    const estimates = (await repairOrderRepository.estimatesOf(ctx.db, [ro.id])).filter((e) => !ids || ids.includes(e.id));
    if (ids && estimates.length !== ids.length) throw badInput('ESTIMATED_PART_NOT_FOUND', 'Some estimated parts are not on this repair order', { field: 'estimatedPartIds' });
    if (estimates.some((e) => e.requisition_id)) {
      if (ids) throw conflict('ESTIMATE_ALREADY_REQUISITIONED', 'Some of these estimated parts were already turned into a requisition');
    }
    const open = estimates.filter((e) => !e.requisition_id);
    if (!open.length) throw badInput('NO_OPEN_ESTIMATES', 'This repair order has no open estimated parts', { field: 'estimatedPartIds' });
    const facts = await requireWorkshopPartFacts(ctx, open.map((e) => e.part_id));
    const lines = open.map((e, i): RequestLine => {
      const f = facts.get(e.part_id)!;
      return {
        lineNo: i + 1, partId: e.part_id, quantity: Number(e.quantity), warehouseId: e.warehouse_id ?? warehouseId ?? null, binId: null,
        unitPrecision: f.unitPrecision, tierPrice: tierPrice(f, 'WALK_IN').price, hqCap: f.hqCap,
      };
    });
    return this.start(ctx, ro, key, fingerprint, RequisitionKind.ISSUE, allowPartial, { lines, estimatedPartIds: open.map((e) => e.id) });
  },

  /** 一进一出: buy a part not stocked (procurement directPurchase, a RECEIPT) and issue it to the repair order (an ISSUE). */
  async purchaseAndIssue(ctx: Context, a: {
    repairOrderId: string; partId: string; quantity: number; warehouseId: string; supplierId?: string | null; unitPrice?: string | null; idempotencyKey: string;
  }): Promise<Requisition> {
    const key = checkIdempotencyKey(a.idempotencyKey);
    const ro = await requireRepairOrder(ctx, a.repairOrderId);
    idInput(a.partId, 'partId');
    idInput(a.warehouseId, 'warehouseId');
    if (a.supplierId != null) idInput(a.supplierId, 'supplierId');
    if (a.unitPrice != null && toCents(a.unitPrice) < 0n) throw badInput('MONEY_OUT_OF_RANGE', 'unitPrice cannot be negative', { field: 'unitPrice' });
    const fingerprint = JSON.stringify({ ro: ro.id, kind: 'PURCHASE', partId: a.partId, quantity: Number(a.quantity), warehouseId: a.warehouseId, supplierId: a.supplierId ?? null, unitPrice: a.unitPrice ?? null });
    const existing = await repo.byKey(ctx.db, ro.station_id, key);
    if (existing) return this.resume(ctx, existing, fingerprint);
    const f = (await requireWorkshopPartFacts(ctx, [a.partId])).get(a.partId)!;
    const line: RequestLine = {
      lineNo: 1, partId: a.partId, quantity: checkQuantityFor(a.quantity, 'quantity', f.unitPrecision), warehouseId: a.warehouseId, binId: null,
      unitPrecision: f.unitPrecision, tierPrice: tierPrice(f, 'WALK_IN').price, hqCap: f.hqCap,
    };
    return this.start(ctx, ro, key, fingerprint, RequisitionKind.PURCHASE_AND_ISSUE, true, {
      lines: [line], estimatedPartIds: [], purchase: { supplierId: a.supplierId ?? null, unitPrice: a.unitPrice == null ? null : formatMoney(a.unitPrice) },
    });
  },
};

const checkQuantityFor = (q: number, field: string, precision: number, partNo?: string) => checkQuantity(q, field, { precision, partNo });

/** The sweep's view of requisitions (purchase-and-issue included): PENDING rows are driven to the end as the user who asked. */
export const pendingRequisitions: PendingCommand<RequisitionRow> = {
  name: 'requisition',
  pending: (rt, minAgeMs, limit) => repo.pending(rt.ds, minAgeMs, limit),
  actor: (row) => row.actor,
  drive,
  idOf: (row) => row.id,
};
