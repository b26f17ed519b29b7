/** Row mappers and per-request DataLoaders of the surplus exchange: a page of listings or requests costs a constant number of statements. */
import { groupedByKey, isUuid, type Context, byId } from '../../../shared/src';
import { Part } from '../part/part.stub';
import { SurplusListing, SwapRequest } from './surplus.type';
import { surplusRepository as repo, type ListingRow, type SwapRow } from './surplus.repository';

const part = (id: string) => Object.assign(new Part(), { id });
/** "12.5000" → "12.50"; a price with 3–4 decimals keeps them. */
export function money(v: string | number): string {
  const [int, frac = ''] = String(v).split('.');
  return `${int}.${frac.replace(/0+$/, '').padEnd(2, '0')}`;
}

export function toListing(r: ListingRow): SurplusListing {
  return Object.assign(new SurplusListing(), {
    id: r.id,
    part: part(r.part_id),
    partId: r.part_id,
    stationId: r.station_id,
    warehouseId: r.warehouse_id,
    quantity: Number(r.quantity),
    remaining: Number(r.remaining),
    requested: Number(r.requested ?? 0),
    swapped: Number(r.swapped),
    unitPrice: money(r.unit_price),
    status: r.status,
    note: r.note ?? null,
    listedAt: new Date(r.listed_at),
    listedBy: r.listed_by,
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at) : null,
  });
}

export function toSwap(r: SwapRow): SwapRequest {
  return Object.assign(new SwapRequest(), {
    id: r.id,
    listingId: r.listing_id,
    part: part(r.part_id),
    partId: r.part_id,
    fromStationId: r.from_station_id,
    toStationId: r.to_station_id,
    toWarehouseId: r.to_warehouse_id,
    quantity: Number(r.quantity),
    unitPrice: money(r.unit_price),
    amount: Number(r.amount).toFixed(2),
    status: r.status,
    reason: r.reason ?? null,
    transferId: r.transfer_id ?? null,
    requestedAt: new Date(r.requested_at),
    requestedBy: r.requested_by,
    decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    decidedBy: r.decided_by ?? null,
  });
}

export const listingLoader = (ctx: Context) =>
  byId<SurplusListing>(ctx, 'surplusListing', async (ids) => (await repo.listingsByIds(ctx.db, ids)).map(toListing), (l) => l.id);

/** Swap requests per listing, newest first. */
export const swapsByListing = (ctx: Context) =>
  groupedByKey<string, SwapRequest>(ctx, 'swapsByListing', async (ids) => {
    const valid = ids.filter(isUuid);
    if (!valid.length) return [];
    return (await repo.swapsOfListings(ctx.db, valid)).map(toSwap);
  }, (s) => s.listingId);
