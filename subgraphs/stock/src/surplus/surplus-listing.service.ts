/**
 * Surplus listings (积压备件调剂): a station manager offers a quantity at a
 * price no higher than the HQ cap, the quantity is reserved in the same
 * transaction, and withdrawing releases what nobody has requested yet. Also
 * the exchange board — the one view across stations — and the
 * `surplusOffered` command the reorder engine uses for networkSurplus.
 */
import { randomUUID } from 'node:crypto';
import {
  appendEvents, assertStationAccess, badInput, checkQuantity, conflict, definePage, emptyPage, isHq, isService, isUuid, scopeStation, type Context, type PageRequest,
  type PageResult, idInput, rowOrRefuse
} from '../../../shared/src';
import { requireStation, requireWarehouse } from '../stock-level/stock-level.loader';
import { requirePartFact, searchPartIds } from './catalog.client';
import { compareMoney } from '../../../shared/src/money';
import { listingLoader, toListing } from './surplus.loader';
import { LISTING_COLUMNS, surplusRepository as repo, type BoardRow } from './surplus.repository';
import { releaseReservation, reserveInWarehouse, takeFromAllocations } from './surplus-reservation';
import { levelChangedEvents } from './surplus-events';
import { SurplusListing, SurplusListingStatus } from './surplus.type';

export interface ListSurplusInput {
  partId: string;
  warehouseId: string;
  quantity: number;
  unitPrice: string;
  note?: string | null;
}

interface BoardPageFilters {
  status: SurplusListingStatus;
  partIds: string[] | null;
  viewerStation: string | null;
  excludeOwn: boolean;
  ownOnly: boolean;
  stationId: string | null;
  warehouseId: string | null;
}

const boardPageDef = definePage<BoardPageFilters>({
  name: 'surplusListings',
  from: (bind, f) => `(SELECT ${LISTING_COLUMNS}, s.region, (s.region IS NOT DISTINCT FROM v.region AND v.id IS NOT NULL) AS same_region,
      coalesce(r.rank, 0)::int AS relevance
      FROM stock.surplus_listing l
      JOIN stock.station s ON s.id = l.station_id
      LEFT JOIN stock.station v ON v.id = ${bind(f.viewerStation)}::uuid
      LEFT JOIN unnest(${bind(f.partIds ?? [])}::uuid[]) WITH ORDINALITY AS r(part_id, rank) ON r.part_id = l.part_id)`,
  sorts: {
    board: { sql: 'q.same_region', type: 'boolean', direction: 'DESC', then: [{ sql: 'q.listed_at', type: 'timestamptz' }] },
    relevance: { sql: 'q.relevance', type: 'int', direction: 'ASC', then: [{ sql: 'q.same_region', type: 'boolean', opposite: true }, { sql: 'q.listed_at', type: 'timestamptz', opposite: true }] },
    listedAt: { sql: 'q.listed_at', type: 'timestamptz', direction: 'DESC' },
    unitPrice: { sql: 'q.unit_price', type: 'numeric', direction: 'ASC' },
    remaining: { sql: 'q.remaining', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'board' },
  filters: {
    status: (v, bind) => `q.status = ${bind(v)}`,
    partIds: (v, bind) => `q.part_id = ANY(${bind(v)}::uuid[])`,
    excludeOwn: (v, bind, f) => (v && f.viewerStation ? `q.station_id <> ${bind(f.viewerStation)}::uuid` : null),
    ownOnly: (v, bind, f) => (v ? `q.station_id = ${bind(f.viewerStation)}::uuid` : null),
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    warehouseId: (v, bind) => `q.warehouse_id = ${bind(v)}::uuid`,
  },
});

export interface BoardFilter {
  stationId?: string | null;
  warehouseId?: string | null;
  partId?: string | null;
  query?: string | null;
  excludeOwnStation?: boolean | null;
  status?: SurplusListingStatus | null;
  first?: number | null;
}

const BOARD_LIMIT = 200;

export const surplusListingService = {
  async list(ctx: Context, input: ListSurplusInput): Promise<SurplusListing> {
    idInput(input.partId, 'partId', 'partId is not a valid id');
    idInput(input.warehouseId, 'warehouseId', 'warehouseId is not a valid id');
    const warehouse = await requireWarehouse(ctx, input.warehouseId);
    assertStationAccess(ctx, warehouse.stationId);
    const fact = await requirePartFact(ctx, input.partId);
    const quantity = checkQuantity(input.quantity, 'quantity', { precision: fact.unitPrecision });
    if (compareMoney(input.unitPrice, '0') < 0) throw badInput('MONEY_OUT_OF_RANGE', 'unitPrice must not be negative', { field: 'unitPrice', value: input.unitPrice });
    if (fact.hqCap !== null && compareMoney(input.unitPrice, fact.hqCap) > 0) {
      throw badInput('PRICE_ABOVE_CAP', `unitPrice ${input.unitPrice} is above the HQ price cap ${fact.hqCap} of ${fact.partNo}`, { field: 'unitPrice', price: input.unitPrice, cap: fact.hqCap, partNo: fact.partNo });
    }
    const note = input.note?.trim() || null;
    if (note && note.length > 500) throw badInput('TOO_LONG', 'note is too long', { field: 'note', max: 500 });
    const id = randomUUID();
    await ctx.db.transaction(async (tx) => {
      const allocations = await reserveInWarehouse(tx, input.partId, warehouse.id, quantity);
      await repo.insertListing(tx, {
        id, stationId: warehouse.stationId, warehouseId: warehouse.id, partId: input.partId, quantity, unitPrice: input.unitPrice, note, by: ctx.user.id, at: ctx.now(),
      }, allocations);
      await appendEvents(tx, 'stock', [
        { type: 'stock.surplus_listed', payload: { listingId: id, stationId: warehouse.stationId, warehouseId: warehouse.id, partId: input.partId, quantity, unitPrice: input.unitPrice, listedAt: ctx.now().toISOString() } },
        ...(await levelChangedEvents(tx, [{ partId: input.partId, stationId: warehouse.stationId }])),
      ]);
    });
    return (await this.byId(ctx, id, { unchecked: true }))!;
  },

  /** Takes a listing off the board; pending requests keep their share and can still be accepted or rejected. */
  async withdraw(ctx: Context, id: string): Promise<SurplusListing> {
    await ctx.db.transaction(async (tx) => {
      const row = await rowOrRefuse(id, (id) => repo.lockListing(tx, id), { reason: 'LISTING_NOT_FOUND', what: 'Surplus listing', param: 'listingId' });
      assertStationAccess(ctx, row.station_id);
      if (row.status === 'WITHDRAWN') throw conflict('LISTING_WITHDRAWN', 'The listing is already withdrawn', { status: row.status });
      const remaining = Number(row.remaining);
      if (remaining > 0) await releaseReservation(tx, row.part_id, await takeFromAllocations(tx, id, remaining));
      await repo.withdrawListing(tx, id, ctx.user.id, ctx.now());
      await appendEvents(tx, 'stock', [
        { type: 'stock.surplus_withdrawn', payload: { listingId: id, stationId: row.station_id, partId: row.part_id, released: remaining, withdrawnAt: ctx.now().toISOString() } },
        ...(remaining > 0 ? await levelChangedEvents(tx, [{ partId: row.part_id, stationId: row.station_id }]) : []),
      ]);
    });
    return (await this.byId(ctx, id, { unchecked: true }))!;
  },

  /**
   * A listing the caller may see: any open listing; a closed one only for its
   * own station, HQ, or a station that requested from it. `unchecked` for
   * field resolvers whose parent was already authorised.
   */
  async byId(ctx: Context, id: string, o: { unchecked?: boolean } = {}): Promise<SurplusListing | null> {
    const listing = await listingLoader(ctx).load(id);
    if (!listing || o.unchecked || listing.status === SurplusListingStatus.OPEN) return listing;
    if (isHq(ctx.user) || (isService(ctx.user) && !ctx.user.stationId) || ctx.user.stationId === listing.stationId) return listing;
    return ctx.user.stationId && (await repo.hasAsked(ctx.db, id, ctx.user.stationId)) ? listing : null;
  },

  /**
   * The exchange board: open listings across stations, by part or by a text
   * query resolved by the catalog's searchParts (search order kept), the
   * viewer's own station left out by default, the viewer's region first.
   * A closed status shows only the viewer's own listings (HQ: all).
   */
  async board(ctx: Context, f: BoardFilter): Promise<SurplusListing[]> {
    const viewerStation = isHq(ctx.user) || (isService(ctx.user) && !ctx.user.stationId) ? null : scopeStation(ctx, null);
    if (f.partId && !isUuid(f.partId)) return [];
    const status = f.status ?? SurplusListingStatus.OPEN;
    const query = f.query?.trim() ?? '';
    let rank: Map<string, number> | null = null;
    if (query) {
      const ids = await searchPartIds(ctx, query);
      rank = new Map(ids.map((id, i) => [id, i]));
      if (!ids.length) return [];
    }
    const partIds = rank ? [...rank.keys()].filter((id) => !f.partId || id === f.partId) : f.partId ? [f.partId] : null;
    if (partIds && !partIds.length) return [];
    const excludeOwn = f.excludeOwnStation ?? true;
    const ownOnly = status !== SurplusListingStatus.OPEN && viewerStation !== null;
    const rows = await repo.board(ctx.db, { status, partIds, excludeOwn: excludeOwn && !ownOnly, viewerStation, ownOnly });
    let listings = rows.map((r) => Object.assign(toListing(r), { sameRegion: r.same_region === true }));
    if (rank) {
      const r = rank;
      // Relevance first (search order); within one part the SQL order (own region, newest) stands.
      listings = listings.map((l: SurplusListing, i: number) => ({ l, i })).sort((a: any, b: any) => r.get(a.l.partId)! - r.get(b.l.partId)! || a.i - b.i).map((x: any) => x.l);
    }
    const first = Math.max(0, Math.min(Math.floor(f.first ?? BOARD_LIMIT), BOARD_LIMIT));
    return listings.slice(0, first);
  },

  /**
   * The exchange board page by page (the same rows as `board`): default
   * order the viewer's region first, then newest; with a text query, the
   * search's relevance first.
   */
  async boardPage(ctx: Context, f: BoardFilter & { after?: string | null; sort?: PageRequest<BoardPageFilters>['sort'] }): Promise<PageResult<SurplusListing>> {
    const viewerStation = isHq(ctx.user) || (isService(ctx.user) && !ctx.user.stationId) ? null : scopeStation(ctx, null);
    if (f.partId && !isUuid(f.partId)) return emptyPage<SurplusListing>();
    const status = f.status ?? SurplusListingStatus.OPEN;
    const query = f.query?.trim() ?? '';
    let partIds: string[] | null = f.partId ? [f.partId] : null;
    if (query) {
      const ids = await searchPartIds(ctx, query);
      partIds = ids.filter((id) => !f.partId || id === f.partId);
      if (!partIds.length) return emptyPage<SurplusListing>();
    }
    const excludeOwn = f.excludeOwnStation ?? true;
    const ownOnly = status !== SurplusListingStatus.OPEN && viewerStation !== null;
    const filters: BoardPageFilters = { status, partIds, viewerStation, excludeOwn: excludeOwn && !ownOnly, ownOnly, stationId: f.stationId ?? null, warehouseId: f.warehouseId ?? null };
    const sort = f.sort ?? (query ? { field: 'relevance' } : null);
    return boardPageDef.run(ctx.db, { first: f.first, after: f.after, sort, filters }, (r: BoardRow) => Object.assign(toListing(r), { sameRegion: r.same_region === true }));
  },

  /** A station's own listings (any status), newest first. */
  async ofStation(ctx: Context, stationIdArg: string | null | undefined, status: SurplusListingStatus | null | undefined): Promise<SurplusListing[]> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    await requireStation(ctx, stationId);
    return (await repo.listingsOfStation(ctx.db, stationId, status ?? null)).map(toListing);
  },

  /**
   * `surplusOffered` (internal command for the reorder engine): per part, what
   * other stations' open listings still offer to `stationId`.
   */
  async offered(ctx: Context, input: { stationId?: unknown; partIds?: unknown }): Promise<{ partId: string; quantity: number }[]> {
    const { partIds } = input ?? {};
    const stationId = idInput(input?.stationId, 'stationId');
    if (!Array.isArray(partIds) || partIds.some((p) => typeof p !== 'string')) throw badInput('INVALID_VALUE', 'partIds must be a list of ids', { field: 'partIds' });
    if (partIds.length > 10_000) throw badInput('TOO_MANY_LINES', 'At most 10000 partIds per call', { field: 'partIds', max: 10_000 });
    const ids = [...new Set(partIds.filter(isUuid))];
    if (!ids.length) return [];
    const rows = await repo.offeredTo(ctx.db, stationId, ids);
    const byPart = new Map(rows.map((r) => [r.part_id, Number(r.quantity)]));
    return ids.map((partId) => ({ partId, quantity: byPart.get(partId) ?? 0 }));
  },
};
