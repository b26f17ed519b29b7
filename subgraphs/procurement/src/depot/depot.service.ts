/**
 * The order loop between the stations and HQ's parts depot (备品部). A
 * station's order to the depot is a purchase order whose supplier is the
 * depot's Supplier; HQ confirms and ships it here.
 *
 * Confirmation and shipment cross into stock (the depot's bins), so each is a
 * pending command (`depot_command`):
 *   1. claim: one transaction locks the order, decides (depot.rules.ts) and
 *      writes a PENDING row with the request for stock, keyed by the row;
 *   2. drive: stock's idempotent `reserveDepotStock` / `shipDepotStock` with
 *      idempotencyKey = "depot-confirm:<row>" / "depot-ship:<row>";
 *   3. finish: one transaction applies the result to the order lines (and the
 *      order's status) and marks the row DONE — only if it is still PENDING.
 * A crash between 2 and 3 leaves the row PENDING: the same shipDepotOrder
 * key again, or the sweep (at start-up and every few seconds), drives it
 * again; stock answers the first result, and 3 happens once. A refusal from
 * stock (not enough available) removes the row: nothing was reserved.
 * One command per order at a time (a unique index), so two HQ users cannot
 * confirm or ship the same order twice over.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  assertSameRequest, checkIdempotencyKey, definePage, type PageRequest, type PageResult, sendCommand, DomainError, ErrorCode, makeContext, refusal, round3, startSweep,
  faultPoint, type Context, type PendingCommand, type ShipDepotStockResult, type SubgraphRuntime, type User, idOrRefuse, isTimeIdCursor, matchesNothing, rowOrRefuse,
  UNKNOWN_PART
} from '../../../shared/src';
import { orderChanged } from '../purchase-order/purchase-order.events';
import { purchaseOrderRepository, UNKNOWN_PURCHASE_ORDER, type LockedOrder } from '../purchase-order/purchase-order.repository';
import { purchaseOrderService, toOrder } from '../purchase-order/purchase-order.service';
import { PurchaseOrder } from '../purchase-order/purchase-order.type';
import { planConfirmation, toShip, type DepotConfirmRequest, type DepotLineState } from './depot.rules';
import { depotRepository, type DepotCommandResult, type DepotCommandRow } from './depot.repository';

/** Statuses in which the depot still confirms or ships (a back-order may be owed after a first shipment). */
export const DEPOT_OPEN = ['SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED'];

export interface DepotOrderFilters {
  status?: string | null;
  stationId?: string | null;
  /** Only orders with a line of this part. */
  partId?: string | null;
  /** true: orders the desk still has to handle (a line not yet confirmed or back-ordered, or confirmed and not shipped). */
  open?: boolean | null;
  /** true: orders with a back-ordered quantity still owed. */
  backordered?: boolean | null;
  /** Submitted from this instant (inclusive) / before this one (exclusive). */
  from?: Date | null;
  to?: Date | null;
}

const lineOf = (cond: string) => `EXISTS (SELECT 1 FROM procurement.purchase_order_line l WHERE l.purchase_order_id = q.id AND ${cond})`;

/** depotOrdersPage: the stations' orders to the depot (not drafts), oldest submitted first — the order desk's list. */
const depotOrderPage = definePage<DepotOrderFilters>({
  name: 'depotOrders',
  from: `(SELECT o.*, coalesce(o.submitted_at, o.created_at) AS waiting_since FROM procurement.purchase_order o
      JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL WHERE o.status <> 'DRAFT')`,
  sorts: {
    submittedAt: { sql: 'q.waiting_since', type: 'timestamptz', direction: 'ASC' },
    number: { sql: 'q.number', type: 'text', direction: 'ASC' },
    status: { sql: 'q.status', type: 'text', direction: 'ASC' },
    expectedAt: { sql: 'q.expected_at', type: 'timestamptz', direction: 'ASC', nullable: true },
  },
  defaultSort: { field: 'submittedAt' },
  ids: ['stationId', 'partId'],
  filters: {
    status: (v, bind) => `q.status = ${bind(v)}`,
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    partId: (v, bind) => lineOf(`l.part_id = ${bind(v)}::uuid`),
    open: (v, bind) => (v ? `q.status = ANY(${bind(DEPOT_OPEN)}::text[]) AND ${lineOf('(l.confirmed + l.backordered < l.quantity OR l.shipped < l.confirmed)')}` : null),
    backordered: (v, bind) => (v ? `q.status = ANY(${bind(DEPOT_OPEN)}::text[]) AND ${lineOf('l.backordered > 0')}` : null),
    from: (v, bind) => `q.waiting_since >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.waiting_since < ${bind(v)}::timestamptz`,
  },
});

const actorOf = (ctx: Context): User => ({ id: ctx.user.id, roles: [...ctx.user.roles], stationId: ctx.user.stationId });

/** The order, locked, when the depot may confirm or ship it now (an order to a depot, open, no command of its own in flight). */
async function lockDepotOrder(tx: EntityManager, id: string): Promise<LockedOrder & { depot_station_id: string }> {
  const o = await rowOrRefuse(id, (id) => purchaseOrderRepository.lockForTransition(tx, id), UNKNOWN_PURCHASE_ORDER);
  const depotStationId = o.depot_station_id;
  if (!depotStationId) throw refusal(ErrorCode.BAD_USER_INPUT, 'NOT_A_DEPOT_ORDER', `Order ${o.number} is not an order to HQ's depot`, { number: o.number });
  if (!DEPOT_OPEN.includes(o.status)) {
    throw refusal(ErrorCode.CONFLICT, 'DEPOT_ORDER_NOT_OPEN', `Order ${o.number} is ${o.status}; the depot confirms and ships submitted orders only`, { number: o.number, status: o.status });
  }
  const busy = await depotRepository.pendingKind(tx, id);
  if (busy) throw refusal(ErrorCode.CONFLICT, 'DEPOT_ORDER_BUSY', `Order ${o.number} is being ${busy === 'SHIP' ? 'shipped' : 'confirmed'}; try again in a moment`, { number: o.number });
  return { ...o, depot_station_id: depotStationId };
}

async function lineStates(tx: EntityManager, orderId: string): Promise<DepotLineState[]> {
  const rows = await purchaseOrderRepository.linesOf(tx, [orderId]);
  return rows.map((r) => ({
    id: r.id, lineNo: r.line_no, partId: r.part_id, quantity: Number(r.quantity), confirmed: Number(r.confirmed), backordered: Number(r.backordered),
    shipped: Number(r.shipped), unitPrecision: r.unit_precision, eta: r.eta ? new Date(r.eta) : null,
  }));
}

async function insertCommand(tx: EntityManager, c: Omit<DepotCommandRow, 'status'>): Promise<DepotCommandRow> {
  await depotRepository.insertCommand(tx, c);
  return { ...c, status: 'PENDING' };
}

/** Step 3: applies stock's answer once (the row must still be PENDING). */
async function finish(rt: SubgraphRuntime, cmd: DepotCommandRow, result: DepotCommandResult): Promise<void> {
  await rt.ds.transaction(async (tx) => {
    if ((await depotRepository.lockStatus(tx, cmd.id)) !== 'PENDING') return;
    await purchaseOrderRepository.lockStatus(tx, cmd.purchase_order_id);
    const now = new Date();
    if (cmd.kind === 'CONFIRM') {
      await depotRepository.applyConfirmation(tx, cmd.plan.lines ?? [], now);
    } else {
      const shipment = result as ShipDepotStockResult; // a SHIP command's answer is shipDepotStock's
      await depotRepository.addShipped(tx, shipment.lines ?? []);
      await depotRepository.markOrderShipped(tx, cmd.purchase_order_id, now, shipment.deliveryNoteNumber ?? null);
    }
    await depotRepository.markDone(tx, cmd.id, result ?? null);
    await orderChanged(tx, [cmd.purchase_order_id], cmd.plan.change);
  });
}

export type DriveOutcome = 'DONE' | 'PENDING' | 'REFUSED';

/** Step 2 (and 3): stock's command, then finish. A refusal removes the row (nothing was reserved or shipped). */
async function drive(rt: SubgraphRuntime, cmd: DepotCommandRow, opts: { rethrow?: boolean } = {}): Promise<DriveOutcome> {
  let result: DepotCommandResult;
  try {
    result = await sendCommand(rt, cmd.kind === 'CONFIRM' ? 'reserveDepotStock' : 'shipDepotStock', cmd.request, cmd.actor);
  } catch (err) {
    if (err instanceof DomainError) {
      await depotRepository.dropPending(rt.ds, cmd.id);
      if (opts.rethrow) throw err;
      return 'REFUSED';
    }
    await depotRepository.recordAttempt(rt.ds, cmd.id, (err as Error).message.slice(0, 500));
    if (opts.rethrow) throw new Error(`The depot's stock did not answer; the ${cmd.kind === 'SHIP' ? 'shipment' : 'confirmation'} is completed automatically (or retry with the same key)`);
    return 'PENDING';
  }
  if (cmd.kind === 'SHIP') await faultPoint(rt, 'depotShipment.afterRemote', cmd.id);
  await finish(rt, cmd, result);
  return 'DONE';
}

async function orderFor(ctx: Context, id: string): Promise<PurchaseOrder> {
  ctx.loaders.delete('purchaseOrder');
  ctx.loaders.delete('purchaseOrderLines');
  return rowOrRefuse(id, (id) => purchaseOrderService.byId(ctx, id), UNKNOWN_PURCHASE_ORDER);
}

export const depotService = {
  /**
   * HQ confirms lines of an order to the depot (confirmDepotOrder). Also used by
   * the back-order fill (change BACKORDER_CONFIRMED) with a service actor.
   */
  async confirm(ctx: Context, id: string, requests: DepotConfirmRequest[], change = 'CONFIRMED'): Promise<PurchaseOrder> {
    const now = ctx.now();
    const cmd = await ctx.db.transaction(async (tx) => {
      const o = await lockDepotOrder(tx, id);
      const plan = planConfirmation(await lineStates(tx, id), requests, o.number);
      // A back-order without a date: the depot's next arrival of the part, if one is on its way.
      const undated = plan.filter((p) => p.backordered > 0 && !p.eta);
      if (undated.length) {
        const next = await depotRepository.nextArrivals(tx, o.depot_station_id, undated.map((p) => p.partId), now);
        for (const p of undated) p.eta = next.get(p.partId)?.toISOString() ?? null;
      }
      const reserve = plan.filter((p) => p.confirmed > 0);
      if (!reserve.length) {
        await depotRepository.applyConfirmation(tx, plan, now);
        await orderChanged(tx, [id], change);
        return null;
      }
      const commandId = randomUUID();
      return insertCommand(tx, {
        id: commandId, kind: 'CONFIRM', purchase_order_id: id, idempotency_key: null, actor: actorOf(ctx), plan: { lines: plan, change },
        request: { idempotencyKey: `depot-confirm:${commandId}`, depotStationId: o.depot_station_id, reference: o.number, lines: reserve.map((p) => ({ lineKey: p.lineId, partId: p.partId, quantity: p.confirmed })) },
      });
    });
    if (cmd) await drive(ctx.runtime, cmd, { rethrow: true });
    return orderFor(ctx, id);
  },

  /** HQ ships what is confirmed and not yet shipped (shipDepotOrder); the same key again answers the same shipment. */
  async ship(ctx: Context, id: string, idempotencyKey: string): Promise<PurchaseOrder> {
    const key = checkIdempotencyKey(idempotencyKey);
    idOrRefuse(id, UNKNOWN_PURCHASE_ORDER);
    const find = () => depotRepository.shipmentByKey(ctx.db, key);
    let cmd = await find();
    if (!cmd) {
      try {
        cmd = await ctx.db.transaction(async (tx) => {
          const o = await lockDepotOrder(tx, id);
          const lines = toShip(await lineStates(tx, id));
          if (!lines.length) throw refusal(ErrorCode.CONFLICT, 'NOTHING_TO_SHIP', `Order ${o.number} has nothing confirmed that is not shipped yet`, { number: o.number });
          const commandId = randomUUID();
          return insertCommand(tx, {
            id: commandId, kind: 'SHIP', purchase_order_id: id, idempotency_key: key, actor: actorOf(ctx), plan: { change: 'SHIPPED' },
            request: { idempotencyKey: `depot-ship:${commandId}`, depotStationId: o.depot_station_id, reference: o.number, lines: lines.map((l) => ({ lineKey: l.lineId, partId: l.partId, quantity: l.quantity })) },
          });
        });
      } catch (err) {
        if ((err as { code?: string }).code !== '23505') throw err;
        cmd = await find(); // a concurrent call with the same key claimed it
        if (!cmd) throw err;
      }
    }
    assertSameRequest(cmd.purchase_order_id, id, 'order');
    if (cmd.status === 'PENDING') await drive(ctx.runtime, cmd, { rethrow: true });
    return orderFor(ctx, id);
  },

  /** HQ: the stations' orders to the depot (not drafts), oldest first — the order desk. */
  async orders(ctx: Context, args: { status?: string | null; stationId?: string | null; first?: number | null; after?: string | null }): Promise<PurchaseOrder[]> {
    if (matchesNothing(args.stationId)) return [];
    const first = Math.min(Math.max(1, args.first ?? 50), 200);
    let after: [string, string] | null = null;
    if (args.after) {
      try {
        const v = JSON.parse(Buffer.from(args.after, 'base64url').toString());
        if (isTimeIdCursor(v)) after = v;
      } catch { /* not a cursor */ }
      if (!after) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_CURSOR', 'after is not a cursor of this list', { field: 'after' });
    }
    const rows = await depotRepository.depotOrders(ctx.db, { status: args.status ?? null, stationId: args.stationId ?? null, after, first });
    return rows.map((r) => Object.assign(toOrder(r), { cursor: Buffer.from(JSON.stringify([new Date(r.submitted_at ?? r.created_at).toISOString(), r.id])).toString('base64url') }));
  },

  /** HQ: depotOrdersPage — the same orders as `orders`, page by page, filtered and sorted on the server. */
  async ordersPage(ctx: Context, a: DepotOrderFilters & Pick<PageRequest<DepotOrderFilters>, 'first' | 'after' | 'sort'>): Promise<PageResult<PurchaseOrder>> {
    return depotOrderPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: a }, toOrder);
  },

  async setBackorderRule(ctx: Context, partId: string, autoConfirm: boolean): Promise<boolean> {
    idOrRefuse(partId, UNKNOWN_PART);
    await depotRepository.setBackorderRule(ctx.db, partId, autoConfirm === true, ctx.user.id);
    if (autoConfirm) void fillBackorders(ctx.runtime, [partId]);
    return true;
  },
};

/** The depot's Supplier and station (the first by code when there are several). */
export async function theDepot(db: EntityManager | Context['db']): Promise<{ supplierId: string; stationId: string; leadTimeDays: number } | null> {
  const d = await depotRepository.theDepot(db);
  return d ? { supplierId: d.id, stationId: d.depot_station_id, leadTimeDays: d.lead_time_days } : null;
}

/** The depot's available quantity per part (stock's stockSnapshot, acting for the network). */
export async function depotAvailable(rt: SubgraphRuntime, actor: User, depotStationId: string, partIds: string[]): Promise<Map<string, number>> {
  if (!partIds.length) return new Map();
  const rows = await sendCommand(rt, 'stockSnapshot', { stationId: depotStationId, partIds },
    { id: actor.id, roles: actor.roles.filter((r) => r !== 'SERVICE'), stationId: null });
  return new Map(rows.map((r) => [r.partId, Number(r.available)]));
}

const BACKORDER_ACTOR: User = { id: 'procurement:depot-backorders', roles: ['SERVICE'], stationId: null };

/**
 * Back-orders of these parts confirmed oldest order first from what the depot
 * has available (parts whose rule says autoConfirm = false are left alone).
 * One filler per part across processes (an advisory lock held meanwhile).
 */
export async function fillBackorders(rt: SubgraphRuntime, partIds: string[]): Promise<number> {
  const ctx = makeContext(rt, BACKORDER_ACTOR, '', rt.log);
  let confirmed = 0;
  for (const partId of [...new Set(partIds)].sort()) {
    try {
      await rt.ds.transaction(async (lock) => {
        await depotRepository.lockBackorderFill(lock, partId);
        if ((await depotRepository.autoConfirm(lock, partId)) === false) return;
        const lines = await depotRepository.backorderedLines(lock, partId);
        if (!lines.length) return;
        const depots = new Map<string, number>();
        for (const l of lines) {
          if (!depots.has(l.depot_station_id)) depots.set(l.depot_station_id, (await depotAvailable(rt, BACKORDER_ACTOR, l.depot_station_id, [partId])).get(partId) ?? 0);
          const available = depots.get(l.depot_station_id)!;
          // Oldest first: a younger order never gets stock while an older one of the same depot still waits.
          if (available <= 0) continue;
          const q = round3(Math.min(available, Number(l.backordered)));
          try {
            await depotService.confirm(ctx, l.purchase_order_id, [{ purchaseOrderLineId: l.id, confirmed: q, backordered: round3(Number(l.backordered) - q), eta: l.eta }], 'BACKORDER_CONFIRMED');
            depots.set(l.depot_station_id, round3(available - q));
            confirmed++;
          } catch (err) {
            const code = (err as DomainError).extensions?.code;
            if (code === ErrorCode.INSUFFICIENT_STOCK) { depots.set(l.depot_station_id, 0); continue; }
            if (code === ErrorCode.CONFLICT) { depots.set(l.depot_station_id, 0); continue; } // the order is busy: stop this depot's part here, the sweep comes back
            throw err;
          }
        }
      });
    } catch (err) {
      rt.log.warn({ partId, err: (err as Error).message }, 'depot back-order fill failed; the sweep will retry');
    }
  }
  return confirmed;
}

/** The sweep's view of depot confirmations and shipments: PENDING ones are driven again as the HQ user who asked. */
export const pendingDepotCommands: PendingCommand<DepotCommandRow> = {
  name: 'depot command',
  pending: (rt, minAgeMs, limit) => depotRepository.pending(rt.ds, minAgeMs, limit),
  actor: (row) => row.actor,
  drive: async (ctx, row) => {
    if ((await drive(ctx.runtime, row)) === 'PENDING') throw new Error('the depot\'s stock has not answered yet');
  },
  idOf: (row) => row.id,
};

/** Parts with back-orders the depot may now have stock for (the safety net of the event trigger). */
async function sweepBackorders(rt: SubgraphRuntime): Promise<void> {
  const rows = await depotRepository.backorderedParts(rt.ds);
  const byDepot = new Map<string, string[]>();
  for (const r of rows) byDepot.set(r.depot_station_id, [...(byDepot.get(r.depot_station_id) ?? []), r.part_id]);
  for (const [depot, parts] of byDepot) {
    const available = await depotAvailable(rt, BACKORDER_ACTOR, depot, parts);
    const ready = parts.filter((p) => (available.get(p) ?? 0) > 0);
    if (ready.length) await fillBackorders(rt, ready);
  }
}

/** The back-order sweep (the safety net of the event trigger): at start-up, then every `everyMs`. */
export function startBackorderSweep(rt: SubgraphRuntime, everyMs = 3000): () => void {
  return startSweep({ name: 'depot back-order sweep', log: rt.log, everyMs, ready: () => rt.ds.isInitialized, run: () => sweepBackorders(rt) });
}
