/**
 * Holding listed surplus back from issue: the listed quantity is reserved on
 * the warehouse's bins (available drops, on-hand does not) and released again
 * on withdrawal, rejection after withdrawal, or when an accepted swap hands
 * it to a transfer. Runs inside the caller's transaction; the level rows are
 * locked in bin order so concurrent reservations never deadlock, and the
 * level's CHECK (reserved <= on_hand) backs the arithmetic.
 */
import { insufficientStock, type Tx, round3 } from '../../../shared/src';
import { allocateBins } from '../domain/bin-allocation';

export interface Allocation { binId: string; quantity: number }


/**
 * Reserves `quantity` of a part in a warehouse's non-quarantine bins, the
 * largest available first; INSUFFICIENT_STOCK (nothing reserved) when the
 * warehouse has less available.
 */
export async function reserveInWarehouse(tx: Tx, partId: string, warehouseId: string, quantity: number): Promise<Allocation[]> {
  const rows: { bin_id: string; available: string }[] = await tx.query(
    `SELECT l.bin_id, (l.on_hand - l.reserved) AS available
       FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id
      WHERE l.part_id = $1 AND b.warehouse_id = $2 AND NOT b.quarantine
      ORDER BY l.bin_id
      FOR UPDATE OF l`,
    [partId, warehouseId]);
  const bins = rows.map((r) => ({ binId: r.bin_id, available: Number(r.available) })).filter((b) => b.available > 0);
  const available = round3(bins.reduce((s, b) => s + b.available, 0));
  if (available < quantity) {
    throw insufficientStock(`Only ${available} of the part are available in that warehouse`, [{ partId, warehouseId, requested: quantity, available }]);
  }
  const { allocations } = allocateBins(bins, quantity);
  await tx.query(
    `UPDATE stock.stock_level l SET reserved = l.reserved + a.q, updated_at = now()
       FROM unnest($2::uuid[], $3::numeric[]) AS a(bin_id, q)
      WHERE l.part_id = $1 AND l.bin_id = a.bin_id`,
    [partId, allocations.map((a) => a.binId), allocations.map((a) => a.quantity)]);
  return allocations;
}

/** Releases reservations made by `reserveInWarehouse`. */
export async function releaseReservation(tx: Tx, partId: string, allocations: Allocation[]): Promise<void> {
  const live = allocations.filter((a) => a.quantity > 0).sort((a, b) => a.binId.localeCompare(b.binId));
  if (!live.length) return;
  const [{ n }] = await tx.query(
    `WITH u AS (
       UPDATE stock.stock_level l SET reserved = l.reserved - a.q, updated_at = now()
         FROM unnest($2::uuid[], $3::numeric[]) AS a(bin_id, q)
        WHERE l.part_id = $1 AND l.bin_id = a.bin_id AND l.reserved >= a.q
        RETURNING 1)
     SELECT count(*)::int AS n FROM u`,
    [partId, live.map((a) => a.binId), live.map((a) => a.quantity)]);
  // A reservation we hold can only disappear through a bug elsewhere: refuse rather than drift.
  if (n !== live.length) throw new Error(`surplus reservation of part ${partId} is no longer held on every bin`);
}

/**
 * Takes `quantity` out of a listing's allocations (largest first), records the
 * new allocation rows and returns what was taken, for `releaseReservation` or
 * a transfer's source bins.
 */
export async function takeFromAllocations(tx: Tx, listingId: string, quantity: number): Promise<Allocation[]> {
  const rows: { bin_id: string; quantity: string }[] = await tx.query(
    `SELECT bin_id, quantity FROM stock.surplus_allocation WHERE listing_id = $1 AND quantity > 0 ORDER BY quantity DESC, bin_id`, [listingId]);
  const { allocations: taken, shortfall } = allocateBins(rows.map((r) => ({ binId: r.bin_id, available: Number(r.quantity) })), quantity);
  if (shortfall > 0) throw new Error(`listing ${listingId} holds less reservation than its open quantities`);
  await tx.query(
    `UPDATE stock.surplus_allocation s SET quantity = s.quantity - a.q
       FROM unnest($2::uuid[], $3::numeric[]) AS a(bin_id, q)
      WHERE s.listing_id = $1 AND s.bin_id = a.bin_id`,
    [listingId, taken.map((a) => a.binId), taken.map((a) => a.quantity)]);
  return taken;
}
