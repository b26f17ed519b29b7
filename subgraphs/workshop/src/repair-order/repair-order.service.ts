/**
 * Repair orders (委托书 / 工单): open, list, complete, settle, cancel, and
 * their estimated parts (预估材料). Reads and writes are scoped to the
 * caller's station (HQ: any). Status changes take the order's row lock, the
 * same lock requisitions, returns and price changes share, so a settlement
 * and a late issue can never both win.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  assertStationAccess, capFirst, checkQuantity, conflict, decodeCursor, definePage, likePattern, encodeCursor, groupedByKey, scopeStation, type Context,
  type PageRequest, type PageResult, byId, idInput, isTimeIdCursor, isUuid, rowOrRefuse
} from '../../../shared/src';
import { requireWorkshopPartFacts } from '../part-fact/part-fact.projection';
import { Part, ref } from '../entity-stubs';
import { decideTransition, type RepairOrderStatusValue, type Transition } from '../domain/repair-order-status';
import { EstimatedPart, EstimatedPartInput, RepairOrder, RepairOrderInput, RepairOrderStatus, Station, VehicleModel } from './repair-order.type';
import { repairOrderRepository as repo, type EstimatedPartRow, type RepairOrderRow } from './repair-order.repository';
import { nextDocumentNumber } from '../document-number';

export function toRepairOrder(r: RepairOrderRow): RepairOrder {
  return Object.assign(new RepairOrder(), {
    id: r.id, number: r.number, stationId: r.station_id, station: ref(Station, r.station_id), status: r.status, vin: r.vin, plate: r.plate,
    vehicleModel: ref(VehicleModel, r.vehicle_model_id), openedAt: r.opened_at, openedBy: r.opened_by, completedAt: r.completed_at ?? null, settledAt: r.settled_at ?? null,
    cancelledAt: r.cancelled_at ?? null,
  });
}

function toEstimate(r: EstimatedPartRow): EstimatedPart {
  return Object.assign(new EstimatedPart(), {
    id: r.id, repairOrderId: r.repair_order_id, part: ref(Part, r.part_id), quantity: Number(r.quantity), warehouseId: r.warehouse_id, note: r.note,
    requisitionId: r.requisition_id, addedBy: r.added_by, addedAt: r.added_at,
  });
}

/** Repair orders by id, one statement per request (references from other subgraphs, Requisition.repairOrder). */
export const repairOrderLoader = (ctx: Context) =>
  byId<RepairOrder>(ctx, 'repairOrder', async (ids) => (await repo.byIds(ctx.db, ids)).map(toRepairOrder), (o) => o.id);

export const estimatesLoader = (ctx: Context) =>
  groupedByKey<string, EstimatedPart>(ctx, 'estimatedParts', async (ids) =>
    (await repo.estimatesOf(ctx.db, ids)).map(toEstimate), (e) => e.repairOrderId);

/**
 * The order's row under lock (`FOR UPDATE` for status changes, `FOR SHARE` for
 * part changes, which may run side by side), after the station check.
 */
const REPAIR_ORDER = { reason: 'REPAIR_ORDER_NOT_FOUND', what: 'Repair order' } as const;

export async function lockRepairOrder(tx: EntityManager, ctx: Context, id: string, mode: 'UPDATE' | 'SHARE'): Promise<RepairOrderRow> {
  const row = await rowOrRefuse(id, (id) => repo.lock(tx, id, mode), REPAIR_ORDER);
  assertStationAccess(ctx, row.station_id);
  return row;
}

/** The order's row (no lock) after the station check: NOT_FOUND / FORBIDDEN before any other work. */
export async function requireRepairOrder(ctx: Context, id: string): Promise<RepairOrderRow> {
  const row = await rowOrRefuse(id, (id) => repo.byId(ctx.db, id), REPAIR_ORDER);
  assertStationAccess(ctx, row.station_id);
  return row;
}

export interface RepairOrderFilters {
  stationId?: string | null;
  status?: RepairOrderStatus | null;
  statuses?: RepairOrderStatus[] | null;
  from?: Date | null;
  to?: Date | null;
  query?: string | null;
}

const repairOrderPage = definePage<RepairOrderFilters>({
  name: 'repairOrders',
  from: 'workshop.repair_order',
  sorts: {
    openedAt: { sql: 'q.opened_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
    status: { sql: 'q.status', type: 'text', direction: 'ASC', then: [{ sql: 'q.opened_at', type: 'timestamptz', opposite: true }] },
  },
  defaultSort: { field: 'openedAt' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    status: (v, bind) => `q.status = ${bind(v)}`,
    statuses: (v, bind) => (v.length ? `q.status = ANY(${bind(v)}::text[])` : null),
    from: (v, bind) => `q.opened_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.opened_at < ${bind(v)}::timestamptz`,
    query: (v, bind) => {
      const t = v.trim();
      if (!t) return null;
      const p = bind(likePattern(t));
      return `(q.number ILIKE ${p} OR q.plate ILIKE ${p} OR q.vin ILIKE ${p})`;
    },
  },
});

export const repairOrderService = {
  /** A repair order of the caller's station (HQ: any), or null. */
  async byId(ctx: Context, id: string): Promise<RepairOrder | null> {
    const o = await repairOrderLoader(ctx).load(id);
    if (!o) return null;
    assertStationAccess(ctx, o.stationId);
    return o;
  },

  /** Newest first; `after` is the `cursor` of the last order of the previous page; `first` capped at 200. */
  async list(ctx: Context, stationIdArg: string | null | undefined, status: RepairOrderStatus | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<RepairOrder[]> {
    const stationId = scopeStation(ctx, stationIdArg);
    // The repository binds any station but null (HQ's '' too) as a uuid: nothing but a UUID may reach it.
    if (stationId !== null && !isUuid(stationId)) return [];
    const cur = decodeCursor(after, isTimeIdCursor);
    return (await repo.list(ctx.db, stationId, status ?? null, cur ?? null, capFirst(first, 50))).map(toRepairOrder);
  },

  /** A page of the station's repair orders (HQ: one station or all), newest first. */
  async page(ctx: Context, a: RepairOrderFilters & { first?: number | null; after?: string | null; sort?: PageRequest<RepairOrderFilters>['sort'] }): Promise<PageResult<RepairOrder>> {
    const stationId = scopeStation(ctx, a.stationId);
    return repairOrderPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId } }, toRepairOrder);
  },

  cursorOf: (o: RepairOrder) => encodeCursor([new Date(o.openedAt).toISOString(), o.id]),

  async open(ctx: Context, input: RepairOrderInput): Promise<RepairOrder> {
    const stationId = scopeStation(ctx, input.stationId, true);
    idInput(stationId, 'stationId');
    // vin's form and vehicleModelId were validated at the edge (RepairOrderInput's decorators).
    const vin = input.vin?.trim().toUpperCase() || null;
    const now = ctx.now();
    const row = await ctx.db.transaction(async (tx) => {
      const number = await nextDocumentNumber(tx, stationId, 'WO', now);
      return repo.insert(tx, { id: randomUUID(), number, stationId, vin, plate: input.plate?.trim() || null, vehicleModelId: input.vehicleModelId ?? null, by: ctx.user.id, at: now });
    });
    return toRepairOrder(row);
  },

  /** complete / settle / cancel: under the order's row lock, refused while a requisition or return is in flight. */
  async transition(ctx: Context, id: string, t: Transition): Promise<RepairOrder> {
    const now = ctx.now();
    const row = await ctx.db.transaction(async (tx) => {
      const o = await lockRepairOrder(tx, ctx, id, 'UPDATE');
      const f = await repo.transitionFacts(tx, id);
      const d = decideTransition(t, { status: o.status as RepairOrderStatusValue, netIssued: Number(f.net), inFlight: Number(f.in_flight) });
      if ('refused' in d) throw conflict(d.reason, d.refused, { status: o.status, number: o.number });
      return repo.setStatus(tx, id, d.status as 'COMPLETED' | 'SETTLED' | 'CANCELLED', now);
    });
    return toRepairOrder(row);
  },

  async addEstimate(ctx: Context, repairOrderId: string, input: EstimatedPartInput): Promise<EstimatedPart> {
    await requireRepairOrder(ctx, repairOrderId);
    const fact = (await requireWorkshopPartFacts(ctx, [input.partId])).get(input.partId)!;
    const quantity = checkQuantity(input.quantity, 'quantity', { precision: fact.unitPrecision });
    const row = await ctx.db.transaction(async (tx) => {
      const o = await lockRepairOrder(tx, ctx, repairOrderId, 'SHARE');
      if (o.status === 'SETTLED' || o.status === 'CANCELLED') throw conflict((o.status === 'SETTLED' ? 'ORDER_SETTLED' : 'ORDER_CANCELLED'), `A ${o.status} repair order takes no more estimates`, { status: o.status, number: o.number });
      return repo.insertEstimate(tx, {
        id: randomUUID(), orderId: repairOrderId, partId: input.partId, quantity, warehouseId: input.warehouseId ?? null, note: input.note?.trim() || null, by: ctx.user.id, at: ctx.now(),
      });
    });
    return toEstimate(row);
  },

  /** Removes an estimate that was not yet turned into a requisition. */
  async removeEstimate(ctx: Context, estimatedPartId: string): Promise<RepairOrder> {
    const orderId = await rowOrRefuse(estimatedPartId, (id) => repo.orderOfEstimate(ctx.db, id), { reason: 'ESTIMATED_PART_NOT_FOUND', what: 'Estimated part' });
    const roId = await ctx.db.transaction(async (tx) => {
      const o = await lockRepairOrder(tx, ctx, orderId, 'SHARE');
      if (o.status === 'SETTLED' || o.status === 'CANCELLED') throw conflict((o.status === 'SETTLED' ? 'ORDER_SETTLED' : 'ORDER_CANCELLED'), `A ${o.status} repair order cannot change`, { status: o.status, number: o.number });
      if (!(await repo.deleteUnclaimedEstimate(tx, estimatedPartId))) throw conflict('ESTIMATE_ALREADY_REQUISITIONED', 'This estimate was already turned into a requisition');
      return o.id;
    });
    return (await this.byId(ctx, roId))!;
  },

  estimates: (ctx: Context, o: RepairOrder) => estimatesLoader(ctx).load(o.id),
};
