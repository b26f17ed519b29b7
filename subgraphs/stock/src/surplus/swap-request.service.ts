/**
 * Swap requests (调剂申请): another station asks for part of a listing; the
 * offering station's manager accepts (the quantity leaves the listing's
 * reservation and becomes an inter-station transfer, priced for settlement)
 * or rejects (it goes back on the board). The listing row is locked for every
 * change, so two stations asking for the last units are served one after the
 * other: the second gets CONFLICT (or the reduced remainder when it allows a
 * partial quantity), never an oversell.
 */
import { randomUUID } from 'node:crypto';
import {
  appendEvents, assertStationAccess, badInput, checkQuantity, conflict, definePage, forbidden, isHq, isService, MAX_PAGE_SIZE, unknownId, scopeStation, type Context,
  type PageRequest, type PageResult, type Tx, round3, idInput, idOrRefuse, rowById, rowOrRefuse
} from '../../../shared/src';
import { requireStation, requireWarehouse } from '../stock-level/stock-level.loader';

const LISTING = { reason: 'LISTING_NOT_FOUND', what: 'Surplus listing', param: 'listingId' } as const;
import { requirePartFact } from './catalog.client';
import { lineAmount } from '../../../shared/src/money';
import { toSwap } from './surplus.loader';
import { releaseReservation, takeFromAllocations } from './surplus-reservation';
import { levelChangedEvents } from './surplus-events';
import { createSwapTransfer } from './surplus-transfer';
import { SwapDirection, SwapRequest, SwapRequestStatus } from './surplus.type';
import { surplusRepository as repo, type ListingRow, type SwapRow } from './surplus.repository';

export interface RequestSwapInput {
  listingId: string;
  quantity: number;
  toWarehouseId: string;
  /** Take what is left when less than `quantity` remains, instead of CONFLICT. */
  acceptPartial?: boolean | null;
}

export const SWAP_REQUESTED = 'stock.swap_requested';

export interface SwapFilters {
  /** The station whose swaps these are; with `direction`, which side of them it is on (either side without one). */
  stationId?: string | null;
  direction?: SwapDirection | null;
  status?: SwapRequestStatus | null;
  partId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

const swapPage = definePage<SwapFilters>({
  name: 'surplusSwaps',
  from: 'stock.swap_request',
  sorts: {
    requestedAt: { sql: 'q.requested_at', type: 'timestamptz', direction: 'DESC' },
    decidedAt: { sql: 'q.decided_at', type: 'timestamptz', direction: 'DESC', nullable: true },
    quantity: { sql: 'q.quantity', type: 'numeric', direction: 'DESC' },
    amount: { sql: 'q.amount', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'requestedAt' },
  filters: {
    stationId: (v, bind, all) => all.direction === SwapDirection.INCOMING ? `q.from_station_id = ${bind(v)}::uuid`
      : all.direction === SwapDirection.OUTGOING ? `q.to_station_id = ${bind(v)}::uuid`
        : `(q.from_station_id = ${bind(v)}::uuid OR q.to_station_id = ${bind(v)}::uuid)`,
    status: (v, bind) => `q.status = ${bind(v)}`,
    partId: (v, bind) => `q.part_id = ${bind(v)}::uuid`,
    from: (v, bind) => `q.requested_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.requested_at < ${bind(v)}::timestamptz`,
  },
  ids: ['partId'],
});


async function lockSwap(tx: Tx, id: string): Promise<SwapRow> {
  return rowOrRefuse(id, (id) => repo.lockSwap(tx, id), { reason: 'SWAP_REQUEST_NOT_FOUND', what: 'Swap request' });
}

/** Only the offering station (or HQ) decides; FORBIDDEN otherwise, NOT_FOUND for stations not party to it. */
function assertOfferingStation(ctx: Context, swap: SwapRow): void {
  if (isHq(ctx.user) || (isService(ctx.user) && !ctx.user.stationId)) return;
  if (ctx.user.stationId === swap.from_station_id) return;
  if (ctx.user.stationId === swap.to_station_id) throw forbidden('OFFERING_STATION_DECIDES', 'Only the offering station decides on a swap request');
  throw unknownId('SWAP_REQUEST_NOT_FOUND', 'Swap request', swap.id);
}

export const swapRequestService = {
  async request(ctx: Context, input: RequestSwapInput): Promise<SwapRequest> {
    idOrRefuse(input.listingId, LISTING);
    idInput(input.toWarehouseId, 'toWarehouseId', 'toWarehouseId is not a valid id');
    const warehouse = await requireWarehouse(ctx, input.toWarehouseId);
    assertStationAccess(ctx, warehouse.stationId);
    const peek = await rowOrRefuse(input.listingId, (id) => repo.listingPartAndStation(ctx.db, id), LISTING);
    if (peek.station_id === warehouse.stationId) throw badInput('OWN_LISTING', 'A station cannot request its own surplus', { field: 'listingId' });
    const fact = await requirePartFact(ctx, peek.part_id);
    const asked = checkQuantity(input.quantity, 'quantity', { precision: fact.unitPrecision });
    const id = randomUUID();
    await ctx.db.transaction(async (tx) => {
      const listing = (await repo.lockListing(tx, input.listingId))!;
      if (listing.status === 'WITHDRAWN') throw conflict('LISTING_WITHDRAWN', 'The listing was withdrawn', { status: listing.status });
      const remaining = Number(listing.remaining);
      if (remaining <= 0) throw conflict('LISTING_EXHAUSTED', 'Nothing is left on this listing', { remaining: 0 });
      if (asked > remaining && !input.acceptPartial) throw conflict('MORE_THAN_REMAINS', `Only ${remaining} remain on this listing`, { remaining, requested: asked });
      const quantity = round3(Math.min(asked, remaining));
      const left = round3(remaining - quantity);
      await repo.setRemaining(tx, listing.id, left);
      const price = String(listing.unit_price);
      const total = lineAmount(quantity, price);
      const now = ctx.now();
      await repo.insertSwap(tx, {
        id, listingId: listing.id, fromStationId: listing.station_id, toStationId: warehouse.stationId, toWarehouseId: warehouse.id, partId: listing.part_id,
        quantity, unitPrice: price, amount: total, by: ctx.user.id, at: now,
      });
      await appendEvents(tx, 'stock', [{
        type: SWAP_REQUESTED,
        payload: { swapId: id, listingId: listing.id, fromStationId: listing.station_id, toStationId: warehouse.stationId, toWarehouseId: warehouse.id, partId: listing.part_id, quantity, unitPrice: price, amount: total, requestedBy: ctx.user.id, requestedAt: now.toISOString() },
      }]);
    });
    return (await this.byId(ctx, id))!;
  },

  /** The offering station accepts: the quantity becomes an inter-station transfer from the listing's warehouse. */
  async accept(ctx: Context, id: string): Promise<SwapRequest> {
    await ctx.db.transaction(async (tx) => {
      const swap = await lockSwap(tx, id);
      assertOfferingStation(ctx, swap);
      const listing: ListingRow = (await repo.lockListing(tx, swap.listing_id))!;
      if (swap.status !== 'PENDING') throw conflict('ALREADY_DECIDED', `The swap request is already ${swap.status}`, { status: swap.status });
      const quantity = Number(swap.quantity);
      // The listing's hold on the stock hands over to the transfer in this same transaction: nobody can issue it in between.
      const sourceBins = await takeFromAllocations(tx, listing.id, quantity);
      await releaseReservation(tx, listing.part_id, sourceBins);
      const transferId = await createSwapTransfer(tx, ctx, {
        swapId: swap.id,
        fromWarehouseId: listing.warehouse_id,
        toWarehouseId: swap.to_warehouse_id,
        partId: listing.part_id,
        quantity,
        unitPrice: String(swap.unit_price),
        sourceBins,
      });
      const now = ctx.now();
      await repo.addSwapped(tx, listing.id, quantity);
      await repo.acceptSwap(tx, swap.id, transferId, ctx.user.id, now);
      await appendEvents(tx, 'stock', [{
        type: 'stock.swap_accepted',
        payload: { swapId: swap.id, listingId: listing.id, fromStationId: swap.from_station_id, toStationId: swap.to_station_id, partId: listing.part_id, quantity, unitPrice: String(swap.unit_price), amount: String(swap.amount), transferId, decidedAt: now.toISOString() },
      }]);
    });
    return (await this.byId(ctx, id))!;
  },

  /** The offering station rejects: the quantity goes back on the listing (or, if withdrawn meanwhile, back to available stock). */
  async reject(ctx: Context, id: string, reason: string): Promise<SwapRequest> {
    const why = reason?.trim() ?? '';
    if (!why) throw badInput('REQUIRED', 'A reason is required', { field: 'reason' });
    if (why.length > 500) throw badInput('TOO_LONG', 'The reason is too long', { field: 'reason', max: 500 });
    await ctx.db.transaction(async (tx) => {
      const swap = await lockSwap(tx, id);
      assertOfferingStation(ctx, swap);
      const listing: ListingRow = (await repo.lockListing(tx, swap.listing_id))!;
      if (swap.status !== 'PENDING') throw conflict('ALREADY_DECIDED', `The swap request is already ${swap.status}`, { status: swap.status });
      const quantity = Number(swap.quantity);
      const events: { type: string; payload: unknown }[] = [];
      if (listing.status === 'WITHDRAWN') {
        await releaseReservation(tx, listing.part_id, await takeFromAllocations(tx, listing.id, quantity));
        events.push(...(await levelChangedEvents(tx, [{ partId: listing.part_id, stationId: listing.station_id }])));
      } else {
        await repo.giveBack(tx, listing.id, quantity);
      }
      const now = ctx.now();
      await repo.rejectSwap(tx, swap.id, why, ctx.user.id, now);
      events.unshift({
        type: 'stock.swap_rejected',
        payload: { swapId: swap.id, listingId: listing.id, fromStationId: swap.from_station_id, toStationId: swap.to_station_id, partId: listing.part_id, quantity, reason: why, decidedAt: now.toISOString() },
      });
      await appendEvents(tx, 'stock', events);
    });
    return (await this.byId(ctx, id))!;
  },

  /** A swap request the caller is party to (offering or requesting station, or HQ); null otherwise. */
  async byId(ctx: Context, id: string): Promise<SwapRequest | null> {
    const row = await rowById(id, (id) => repo.swap(ctx.db, id));
    if (!row) return null;
    if (isHq(ctx.user) || (isService(ctx.user) && !ctx.user.stationId)) return toSwap(row);
    return ctx.user.stationId === row.from_station_id || ctx.user.stationId === row.to_station_id ? toSwap(row) : null;
  },

  /** A station's swap requests: INCOMING (for its listings) or OUTGOING (its own asks), newest first — the first page of `page`. */
  async ofStation(ctx: Context, stationId: string | null | undefined, direction: SwapDirection, status: SwapRequestStatus | null | undefined): Promise<SwapRequest[]> {
    return (await this.page(ctx, { stationId, direction, status, first: MAX_PAGE_SIZE })).items;
  },

  /**
   * A station's swap requests page by page (HQ names the station): INCOMING, OUTGOING or,
   * without a direction, both; newest first. A part filter that is not an id matches nothing.
   */
  async page(ctx: Context, a: SwapFilters & { first?: number | null; after?: string | null; sort?: PageRequest<SwapFilters>['sort'] }): Promise<PageResult<SwapRequest>> {
    const stationId = scopeStation(ctx, a.stationId, true);
    await requireStation(ctx, stationId);
    return swapPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId } }, toSwap);
  },
};
