/**
 * Purchase orders (采购订单): creation (exported for other procurement code
 * such as the reorder recommendations), lifecycle transitions, reads scoped
 * to the caller's station, and the per-request loaders for orders and lines.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  assertStationAccess, badInput, checkQuantity, checkText, definePage, type PageRequest, type PageResult, conflict, ErrorCode, refusal, groupedByKey, parseDecimal,
  scopeStation, type Context, byId, idInput, idOrRefuse, matchesNothing, rowById, rowOrRefuse
} from '../../../shared/src';
import { ref, Part, RepairOrder, Station } from '../stub/entity-stubs';
import { formatMoney } from '../../../shared/src/money';
import { nextDocumentNumber } from './document-number';
import { requirePartFacts } from './part-facts.client';
import { nextStatus, type OrderAction, type OrderStatus } from './purchase-order.rules';
import { orderChanged, recordDepotDemand } from './purchase-order.events';
import { PurchaseOrder, PurchaseOrderInput, PurchaseOrderKind, PurchaseOrderLine, PurchaseOrderStatus } from './purchase-order.type';
import { UNKNOWN_SUPPLIER } from '../supplier/supplier.service';
import { purchaseOrderRepository, UNKNOWN_PURCHASE_ORDER, type LockedOrder, type PurchaseOrderLineRow, type PurchaseOrderRow } from './purchase-order.repository';

export interface NewOrderLine {
  partId: string;
  quantity: number;
  unitPrice: string;
  unitPrecision: number;
  category: string | null;
}

export interface NewOrder {
  stationId: string;
  supplierId: string;
  kind: PurchaseOrderKind;
  status: OrderStatus;
  lines: NewOrderLine[];
  repairOrderId?: string | null;
  idempotencyKey?: string | null;
  note?: string | null;
}

export function toOrder(r: PurchaseOrderRow): PurchaseOrder {
  return Object.assign(new PurchaseOrder(), {
    id: r.id,
    number: r.number,
    kind: r.kind as PurchaseOrderKind,
    status: r.status as unknown as PurchaseOrderStatus,
    stationId: r.station_id,
    supplierId: r.supplier_id,
    station: ref(Station, r.station_id),
    repairOrder: ref(RepairOrder, r.repair_order_id),
    note: r.note,
    createdAt: r.created_at,
    submittedAt: r.submitted_at,
    shippedAt: r.shipped_at,
    receivedAt: r.received_at,
    closedAt: r.closed_at,
    cancelledAt: r.cancelled_at,
    expectedAt: r.expected_at ?? null,
    cancelReason: r.cancel_reason ?? null,
    deliveryNoteNumber: r.delivery_note_number ?? null,
  });
}

export function toLine(r: PurchaseOrderLineRow): PurchaseOrderLine {
  const quantity = Number(r.quantity);
  const received = Number(r.received);
  return Object.assign(new PurchaseOrderLine(), {
    id: r.id,
    purchaseOrderId: r.purchase_order_id,
    lineNo: r.line_no,
    partId: r.part_id,
    part: ref(Part, r.part_id),
    quantity,
    unitPrice: formatMoney(r.unit_price),
    unitPrecision: r.unit_precision,
    category: r.category,
    received,
    accepted: Number(r.accepted),
    damaged: Number(r.damaged),
    outstanding: Math.max(0, Math.round((quantity - received) * 1000) / 1000),
    confirmed: Number(r.confirmed ?? 0),
    backordered: Number(r.backordered ?? 0),
    eta: r.eta ?? null,
    shipped: Number(r.shipped ?? 0),
  });
}

export const orderLoader = (ctx: Context) =>
  byId<PurchaseOrderRow>(ctx, 'purchaseOrder', (ids) => purchaseOrderRepository.byIds(ctx.db, ids), (r) => r.id);

export const orderLinesLoader = (ctx: Context) =>
  groupedByKey<string, PurchaseOrderLineRow>(ctx, 'purchaseOrderLines', (ids) => purchaseOrderRepository.linesOf(ctx.db, [...ids]), (r) => r.purchase_order_id);

/** An order to HQ's depot is shipped by the depot (shipDepotOrder), and once HQ has confirmed stock for it, it is no longer the station's to cancel. */
async function checkDepotTransition(tx: EntityManager, row: LockedOrder, action: OrderAction): Promise<void> {
  if (action === 'ship') throw refusal(ErrorCode.CONFLICT, 'DEPOT_SHIPS_ITSELF', `Order ${row.number} goes to HQ's depot; the depot ships it`, { number: row.number });
  if (action === 'submit' && row.station_id === row.depot_station_id) throw refusal(ErrorCode.BAD_USER_INPUT, 'DEPOT_ORDERS_ITSELF', `The depot cannot order from itself (order ${row.number})`, { number: row.number });
  if (action === 'cancel') {
    if (await purchaseOrderRepository.hasConfirmedLines(tx, row.id)) throw refusal(ErrorCode.CONFLICT, 'DEPOT_ORDER_CONFIRMED', `HQ's depot has confirmed order ${row.number}; ask HQ to change it`, { number: row.number });
  }
}

const TIMESTAMP: Record<OrderStatus, string | null> = {
  DRAFT: null, SUBMITTED: 'submitted_at', SHIPPED: 'shipped_at', PARTIALLY_RECEIVED: null, RECEIVED: 'received_at', CLOSED: 'closed_at', CANCELLED: 'cancelled_at',
};

export interface PurchaseOrderFilters {
  stationId?: string | null;
  status?: PurchaseOrderStatus | null;
  supplierId?: string | null;
  kind?: PurchaseOrderKind | null;
  /** Only orders with a line of this part. */
  partId?: string | null;
  /** true: only orders to HQ's depot (备件订单); false: only those to other suppliers. */
  toDepot?: boolean | null;
  /** Created from this instant (inclusive) / before this one (exclusive). */
  from?: Date | null;
  to?: Date | null;
}

/** purchaseOrdersPage: newest first; ties by id. */
const orderPage = definePage<PurchaseOrderFilters>({
  name: 'purchaseOrders',
  from: 'procurement.purchase_order',
  sorts: {
    createdAt: { sql: 'q.created_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
    status: { sql: 'q.status', type: 'text', direction: 'ASC' },
    submittedAt: { sql: 'q.submitted_at', type: 'timestamptz', direction: 'DESC', nullable: true },
    expectedAt: { sql: 'q.expected_at', type: 'timestamptz', direction: 'ASC', nullable: true },
  },
  defaultSort: { field: 'createdAt' },
  ids: ['stationId', 'supplierId', 'partId'],
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    status: (v, bind) => `q.status = ${bind(v)}`,
    supplierId: (v, bind) => `q.supplier_id = ${bind(v)}::uuid`,
    kind: (v, bind) => `q.kind = ${bind(v)}`,
    partId: (v, bind) => `EXISTS (SELECT 1 FROM procurement.purchase_order_line l WHERE l.purchase_order_id = q.id AND l.part_id = ${bind(v)}::uuid)`,
    toDepot: (v) => `${v ? '' : 'NOT '}EXISTS (SELECT 1 FROM procurement.supplier s WHERE s.id = q.supplier_id AND s.depot_station_id IS NOT NULL)`,
    from: (v, bind) => `q.created_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.created_at < ${bind(v)}::timestamptz`,
  },
});

/** Notes and reasons: trimmed, empty is none; the shared note limits (≤ 2,000 characters, newline and tab the only control characters). */
function noteOf(value: string | null | undefined, field: string): string | null {
  const v = value?.trim() ?? '';
  return v ? checkText(v, field, 'long') : null;
}

export const purchaseOrderService = {
  /**
   * Writes a purchase order in the caller's transaction: numbered per station
   * and year ("CG…" standard, "P…" replacement). Input must already be valid.
   */
  async insert(tx: EntityManager, ctx: Context, o: NewOrder): Promise<string> {
    const id = randomUUID();
    const now = ctx.now();
    const number = await nextDocumentNumber(tx, o.stationId, o.kind === PurchaseOrderKind.REPLACEMENT ? 'P' : 'CG', now);
    await purchaseOrderRepository.insert(tx, {
      id, number, kind: o.kind, stationId: o.stationId, supplierId: o.supplierId, status: o.status,
      idempotencyKey: o.idempotencyKey ?? null, repairOrderId: o.repairOrderId ?? null, note: o.note ?? null, createdBy: ctx.user.id, createdAt: now,
    });
    await purchaseOrderRepository.insertLines(tx, id, o.lines);
    if (o.status !== 'DRAFT') await purchaseOrderRepository.stampExpected(tx, id);
    if (o.status !== 'DRAFT') await orderChanged(tx, [id], o.status);
    return id;
  },

  /**
   * Validates and prices an order request: the supplier exists, every part is
   * known to the catalog, quantities respect the part's precision, a missing
   * unit price is the supplier's price for the part. No writes.
   */
  async prepare(ctx: Context, stationId: string, input: { supplierId: string; lines: { partId: string; quantity: number; unitPrice?: string | null }[] }): Promise<NewOrderLine[]> {
    if (!input.lines.length) throw badInput('EMPTY_LIST', 'An order needs at least one line', { field: 'lines' });
    const seen = new Set<string>();
    input.lines.forEach((l, i) => {
      idInput(l.partId, `lines.${i + 1}.partId`, 'partId must be an id', { line: i + 1 });
      if (seen.has(l.partId)) throw badInput('DUPLICATE_LINE', 'Each part may appear on one line only', { field: `lines.${i + 1}.partId`, line: i + 1 });
      seen.add(l.partId);
      checkQuantity(l.quantity, `lines.${i + 1}.quantity`);
    });
    const supplier = await rowOrRefuse(input.supplierId, (id) => purchaseOrderRepository.supplier(ctx.db, id), UNKNOWN_SUPPLIER);
    const facts = await requirePartFacts(ctx, input.lines.map((l) => l.partId));
    const priceOf = await purchaseOrderRepository.offeredPrices(ctx.db, input.supplierId, [...seen]);
    return input.lines.map((l, i) => {
      const f = facts.get(l.partId)!;
      const quantity = checkQuantity(l.quantity, `lines.${i + 1}.quantity`, { precision: f.unitPrecision, partNo: f.partNo });
      const given = l.unitPrice ?? null;
      // HQ's depot charges its price list; a part it has no price for, the catalog's wholesale price (批发价).
      const depotPrice = supplier.depot_station_id ? (priceOf.get(l.partId) ?? parseDecimal(f.prices.wholesale)) : undefined;
      if (depotPrice !== undefined && given !== null && parseDecimal(given) !== parseDecimal(depotPrice)) {
        throw refusal(ErrorCode.BAD_USER_INPUT, 'DEPOT_PRICE_FIXED', `HQ's depot charges ${formatMoney(depotPrice)} for part ${f.partNo}; leave unitPrice out`,
          { field: `lines.${i + 1}.unitPrice`, partNo: f.partNo, price: formatMoney(depotPrice) });
      }
      const unitPrice = depotPrice ?? (given !== null ? parseDecimal(given) : priceOf.get(l.partId));
      if (unitPrice === undefined) {
        throw refusal(ErrorCode.BAD_USER_INPUT, 'SUPPLIER_DOES_NOT_OFFER_PART', `The supplier has no offer for part ${f.partNo}; give a unitPrice or add an offer`,
          { partNo: f.partNo, partNos: [f.partNo], field: `lines.${i + 1}.unitPrice`, line: i + 1 });
      }
      if (unitPrice.startsWith('-')) throw badInput('MONEY_OUT_OF_RANGE', 'unitPrice must not be negative', { field: `lines.${i + 1}.unitPrice`, line: i + 1 });
      return { partId: l.partId, quantity, unitPrice, unitPrecision: f.unitPrecision, category: f.category ?? null };
    });
  },

  /**
   * Creates a purchase order for the caller's station (DRAFT unless `status`
   * says otherwise). The one entry point other procurement code uses, e.g.
   * `createPurchaseOrderFromRecommendations`.
   */
  async create(ctx: Context, input: PurchaseOrderInput, opts: { kind?: PurchaseOrderKind; status?: OrderStatus; repairOrderId?: string | null; idempotencyKey?: string | null } = {}): Promise<PurchaseOrder> {
    const stationId = scopeStation(ctx, input.stationId, true);
    const lines = await this.prepare(ctx, stationId, input);
    const id = await ctx.db.transaction((tx) =>
      this.insert(tx, ctx, { stationId, supplierId: input.supplierId, kind: opts.kind ?? PurchaseOrderKind.STANDARD, status: opts.status ?? 'DRAFT', lines, note: input.note, repairOrderId: opts.repairOrderId, idempotencyKey: opts.idempotencyKey }));
    return (await this.byId(ctx, id))!;
  },

  /** Moves an order along its lifecycle; anything else is CONFLICT (reason ORDER_STATUS_CONFLICT). A cancellation keeps its reason. */
  async transition(ctx: Context, id: string, action: OrderAction, opts: { reason?: string | null } = {}): Promise<PurchaseOrder> {
    idOrRefuse(id, UNKNOWN_PURCHASE_ORDER);
    const reason = action === 'cancel' ? noteOf(opts.reason, 'reason') : null;
    await ctx.db.transaction(async (tx) => {
      const row = await rowOrRefuse(id, (id) => purchaseOrderRepository.lockForTransition(tx, id), UNKNOWN_PURCHASE_ORDER);
      assertStationAccess(ctx, row.station_id);
      if (row.depot_station_id) await checkDepotTransition(tx, row, action);
      const to = nextStatus(row.status, action);
      if (!to) {
        throw refusal(ErrorCode.CONFLICT, 'ORDER_STATUS_CONFLICT', `Purchase order ${row.number} is ${row.status}; it cannot be ${action === 'ship' ? 'marked shipped' : action + (action.endsWith('e') ? 'd' : 'ed')}`,
          { number: row.number, status: row.status, action });
      }
      const stamp = TIMESTAMP[to];
      await purchaseOrderRepository.setStatus(tx, id, to, stamp ? { column: stamp, at: ctx.now() } : null, action === 'cancel' ? reason : undefined);
      if (to === 'SUBMITTED') await purchaseOrderRepository.stampExpected(tx, id);
      if (to === 'SUBMITTED') await recordDepotDemand(tx, id, ctx.now());
      await orderChanged(tx, [id], to);
    });
    ctx.loaders.delete('purchaseOrder');
    return (await this.byId(ctx, id))!;
  },

  /**
   * updatePurchaseOrder: a DRAFT's supplier, lines (replaced as given, priced
   * like createPurchaseOrder) and note. Any other status is CONFLICT with
   * reason ORDER_NOT_DRAFT; the order stays at its station.
   */
  async update(ctx: Context, id: string, input: PurchaseOrderInput): Promise<PurchaseOrder> {
    const current = await rowOrRefuse(id, (id) => purchaseOrderRepository.byId(ctx.db, id), UNKNOWN_PURCHASE_ORDER);
    assertStationAccess(ctx, current.station_id);
    if (input.stationId && input.stationId !== current.station_id) {
      throw refusal(ErrorCode.BAD_USER_INPUT, 'ORDER_STATION_FIXED', `Purchase order ${current.number} belongs to its station; create a new order for another`, { number: current.number, field: 'input.stationId' });
    }
    const notDraft = (number: string, status: string) =>
      refusal(ErrorCode.CONFLICT, 'ORDER_NOT_DRAFT', `Purchase order ${number} is ${status}; only a draft can be changed`, { number, status });
    if (current.status !== 'DRAFT') throw notDraft(current.number, current.status);
    const lines = await this.prepare(ctx, current.station_id, input);
    const note = noteOf(input.note, 'input.note');
    await ctx.db.transaction(async (tx) => {
      const row = (await purchaseOrderRepository.lockStatus(tx, id))!;
      if (row.status !== 'DRAFT') throw notDraft(row.number, row.status);
      await purchaseOrderRepository.replaceDraft(tx, id, input.supplierId, note, lines);
    });
    ctx.loaders.delete('purchaseOrder');
    ctx.loaders.delete('purchaseOrderLines');
    return (await this.byId(ctx, id))!;
  },

  /** An order the caller may see, or null. */
  async byId(ctx: Context, id: string): Promise<PurchaseOrder | null> {
    const row = await rowById(id, (id) => purchaseOrderRepository.byId(ctx.db, id));
    if (!row) return null;
    assertStationAccess(ctx, row.station_id);
    return toOrder(row);
  },

  /** purchaseOrdersPage: the caller's station's orders (HQ: one station or all), filtered and sorted on the server. */
  async page(ctx: Context, a: PurchaseOrderFilters & { first?: number | null; after?: string | null; sort?: PageRequest<PurchaseOrderFilters>['sort'] }): Promise<PageResult<PurchaseOrder>> {
    const stationId = scopeStation(ctx, a.stationId);
    return orderPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId } }, toOrder);
  },

  /** Orders of a station (HQ: all, or the one named), newest first. */

  async list(ctx: Context, stationId: string | null | undefined, status: PurchaseOrderStatus | null | undefined): Promise<PurchaseOrder[]> {
    const station = scopeStation(ctx, stationId);
    if (matchesNothing(station)) return [];
    return (await purchaseOrderRepository.list(ctx.db, station, status ?? null)).map(toOrder);
  },
};
