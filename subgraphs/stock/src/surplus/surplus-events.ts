/**
 * The `stock.level_changed` events a reservation change owes its consumers
 * (catalog availability, procurement positions): available moves when a
 * listing reserves or releases, on-hand does not.
 */
import type { Tx } from '../../../shared/src';

export async function levelChangedEvents(tx: Tx, keys: { partId: string; stationId: string }[]): Promise<{ type: string; payload: unknown }[]> {
  if (!keys.length) return [];
  const rows: { part_id: string; station_id: string; on_hand: string; available: string }[] = await tx.query(
    `SELECT k.part_id, k.station_id, coalesce(sum(l.on_hand), 0) AS on_hand, coalesce(sum(l.on_hand - l.reserved), 0) AS available
       FROM unnest($1::uuid[], $2::uuid[]) AS k(part_id, station_id)
       LEFT JOIN stock.warehouse w ON w.station_id = k.station_id
       LEFT JOIN stock.bin b ON b.warehouse_id = w.id
       LEFT JOIN stock.stock_level l ON l.bin_id = b.id AND l.part_id = k.part_id
      GROUP BY k.part_id, k.station_id`,
    [keys.map((k) => k.partId), keys.map((k) => k.stationId)]);
  return rows.map((r) => ({
    type: 'stock.level_changed',
    payload: { partId: r.part_id, stationId: r.station_id, onHand: Number(r.on_hand), available: Number(r.available), inTransit: 0 },
  }));
}
