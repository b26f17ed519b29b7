/**
 * The SQL of the surplus exchange: listings (stock.surplus_listing, with the
 * bins their reservation sits in) and the swap requests made against them
 * (stock.swap_request). The services decide (surplus-listing.service.ts,
 * swap-request.service.ts); this reads and writes. Rows as the tables have
 * them (numerics as text). The stock-level side of a listing's reservation
 * is surplus-reservation.ts.
 */
import type { Context, Tx } from '../../../shared/src';
import type { SurplusListingStatus, SwapRequestStatus } from './surplus.type';

type Db = Pick<Tx, 'query'> | Context['db'];

export interface ListingRow {
  id: string;
  station_id: string;
  warehouse_id: string;
  part_id: string;
  quantity: string;
  remaining: string;
  swapped: string;
  unit_price: string;
  status: SurplusListingStatus;
  note: string | null;
  listed_by: string;
  listed_at: Date;
  withdrawn_by: string | null;
  withdrawn_at: Date | null;
  /** What pending swap requests hold of it (in reads for display, not under lock). */
  requested?: string;
}

/** A listing on the board: its station's region, and whether that is the viewer's. */
export type BoardRow = ListingRow & { region: string | null; same_region: boolean };

export interface SwapRow {
  id: string;
  listing_id: string;
  from_station_id: string;
  to_station_id: string;
  to_warehouse_id: string;
  part_id: string;
  quantity: string;
  unit_price: string;
  amount: string;
  status: SwapRequestStatus;
  reason: string | null;
  transfer_id: string | null;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
}

/** The listing's columns plus what pending requests hold of it. */
export const LISTING_COLUMNS = `l.*,
  coalesce((SELECT sum(r.quantity) FROM stock.swap_request r WHERE r.listing_id = l.id AND r.status = 'PENDING'), 0) AS requested`;

export const surplusRepository = {
  // Listings.
  listingsByIds(db: Db, ids: readonly string[]): Promise<ListingRow[]> {
    return db.query(`SELECT ${LISTING_COLUMNS} FROM stock.surplus_listing l WHERE l.id = ANY($1::uuid[])`, [ids]);
  },
  async listingPartAndStation(db: Db, id: string): Promise<{ part_id: string; station_id: string } | null> {
    const [row] = await db.query(`SELECT part_id, station_id FROM stock.surplus_listing WHERE id = $1`, [id]);
    return row ?? null;
  },
  async lockListing(tx: Tx, id: string): Promise<ListingRow | null> {
    const [row] = await tx.query(`SELECT * FROM stock.surplus_listing WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },
  /** A new OPEN listing and the bins its reservation was taken from. */
  async insertListing(tx: Tx, l: { id: string; stationId: string; warehouseId: string; partId: string; quantity: number; unitPrice: string; note: string | null; by: string; at: Date },
    allocations: { binId: string; quantity: number }[]): Promise<void> {
    await tx.query(
      `INSERT INTO stock.surplus_listing (id, station_id, warehouse_id, part_id, quantity, remaining, unit_price, status, note, listed_by, listed_at)
       VALUES ($1, $2, $3, $4, $5, $5, $6, 'OPEN', $7, $8, $9)`,
      [l.id, l.stationId, l.warehouseId, l.partId, l.quantity, l.unitPrice, l.note, l.by, l.at]);
    await tx.query(
      `INSERT INTO stock.surplus_allocation (listing_id, bin_id, quantity) SELECT $1, a.bin_id, a.q FROM unnest($2::uuid[], $3::numeric[]) AS a(bin_id, q)`,
      [l.id, allocations.map((a) => a.binId), allocations.map((a) => a.quantity)]);
  },
  async withdrawListing(tx: Tx, id: string, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE stock.surplus_listing SET status = 'WITHDRAWN', remaining = 0, withdrawn_by = $2, withdrawn_at = $3 WHERE id = $1`, [id, by, at]);
  },
  /** What is left after a request took its share: EXHAUSTED at 0. */
  async setRemaining(tx: Tx, id: string, remaining: number): Promise<void> {
    await tx.query(`UPDATE stock.surplus_listing SET remaining = $2, status = CASE WHEN $2::numeric = 0 THEN 'EXHAUSTED' ELSE 'OPEN' END WHERE id = $1`, [id, remaining]);
  },
  /** A rejected request's share goes back on the board. */
  async giveBack(tx: Tx, id: string, quantity: number): Promise<void> {
    await tx.query(`UPDATE stock.surplus_listing SET remaining = remaining + $2, status = 'OPEN' WHERE id = $1`, [id, quantity]);
  },
  async addSwapped(tx: Tx, id: string, quantity: number): Promise<void> {
    await tx.query(`UPDATE stock.surplus_listing SET swapped = swapped + $2 WHERE id = $1`, [id, quantity]);
  },
  listingsOfStation(db: Db, stationId: string, status: SurplusListingStatus | null): Promise<ListingRow[]> {
    return db.query(
      `SELECT ${LISTING_COLUMNS} FROM stock.surplus_listing l WHERE l.station_id = $1 AND ($2::text IS NULL OR l.status = $2) ORDER BY l.listed_at DESC, l.id LIMIT 500`,
      [stationId, status]);
  },
  /** The board (up to 2,000 rows): the viewer's region first, then newest. */
  board(db: Db, f: { status: SurplusListingStatus; partIds: string[] | null; excludeOwn: boolean; viewerStation: string | null; ownOnly: boolean }): Promise<BoardRow[]> {
    return db.query(
      `SELECT ${LISTING_COLUMNS}, s.region, (s.region IS NOT DISTINCT FROM v.region AND v.id IS NOT NULL) AS same_region
         FROM stock.surplus_listing l
         JOIN stock.station s ON s.id = l.station_id
         LEFT JOIN stock.station v ON v.id = $4
        WHERE l.status = $1
          AND ($2::uuid[] IS NULL OR l.part_id = ANY($2::uuid[]))
          AND ($3::boolean IS FALSE OR $4::uuid IS NULL OR l.station_id <> $4)
          AND ($5::boolean IS FALSE OR l.station_id = $4)
        ORDER BY same_region DESC, l.listed_at DESC, l.id
        LIMIT 2000`,
      [f.status, f.partIds, f.excludeOwn, f.viewerStation, f.ownOnly]);
  },
  /** Per part, what other stations' open listings still offer to `stationId`. */
  offeredTo(db: Db, stationId: string, partIds: string[]): Promise<{ part_id: string; quantity: string }[]> {
    return db.query(
      `SELECT part_id, sum(remaining) AS quantity FROM stock.surplus_listing
        WHERE status = 'OPEN' AND part_id = ANY($1::uuid[]) AND station_id <> $2 GROUP BY part_id`,
      [partIds, stationId]);
  },

  // Swap requests.
  async lockSwap(tx: Tx, id: string): Promise<SwapRow | null> {
    const [row] = await tx.query(`SELECT * FROM stock.swap_request WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },
  async swap(db: Db, id: string): Promise<SwapRow | null> {
    const [row] = await db.query(`SELECT * FROM stock.swap_request WHERE id = $1`, [id]);
    return row ?? null;
  },
  swapsByIds(db: Db, ids: string[]): Promise<SwapRow[]> {
    return db.query(`SELECT * FROM stock.swap_request WHERE id = ANY($1::uuid[])`, [ids]);
  },
  /** Per listing, newest first. */
  swapsOfListings(db: Db, listingIds: readonly string[]): Promise<SwapRow[]> {
    return db.query(`SELECT * FROM stock.swap_request WHERE listing_id = ANY($1::uuid[]) ORDER BY requested_at DESC, id`, [listingIds]);
  },
  /** INCOMING: for the station's listings; OUTGOING: its own asks; newest first. */
  async hasAsked(db: Db, listingId: string, stationId: string): Promise<boolean> {
    const [row] = await db.query(`SELECT 1 FROM stock.swap_request WHERE listing_id = $1 AND to_station_id = $2 LIMIT 1`, [listingId, stationId]);
    return !!row;
  },
  async insertSwap(tx: Tx, s: { id: string; listingId: string; fromStationId: string; toStationId: string; toWarehouseId: string; partId: string; quantity: number; unitPrice: string; amount: string; by: string; at: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO stock.swap_request (id, listing_id, from_station_id, to_station_id, to_warehouse_id, part_id, quantity, unit_price, amount, status, requested_by, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, $11)`,
      [s.id, s.listingId, s.fromStationId, s.toStationId, s.toWarehouseId, s.partId, s.quantity, s.unitPrice, s.amount, s.by, s.at]);
  },
  async acceptSwap(tx: Tx, id: string, transferId: string, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE stock.swap_request SET status = 'ACCEPTED', transfer_id = $2, decided_by = $3, decided_at = $4 WHERE id = $1`, [id, transferId, by, at]);
  },
  async rejectSwap(tx: Tx, id: string, reason: string, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE stock.swap_request SET status = 'REJECTED', reason = $2, decided_by = $3, decided_at = $4 WHERE id = $1`, [id, reason, by, at]);
  },
};
