/** `stockSnapshot`: a station's on-hand, available and in-transit per part (read-only; for reorder and shortages). */
import { scopeStation, type Context, idListInput } from '../../../shared/src';
import { stationTotals, type StationTotals } from '../movement/movement.service';

export async function stockSnapshot(ctx: Context, input: { stationId: string; partIds?: string[] }): Promise<StationTotals[]> {
  const stationId = scopeStation(ctx, input?.stationId, true);
  let partIds = input.partIds;
  if (partIds !== undefined && partIds !== null) {
    idListInput(partIds, 'partIds', 'partIds must be a list of ids');
  } else {
    const rows: { part_id: string }[] = await ctx.db.query(
      `SELECT DISTINCT l.part_id FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id JOIN stock.warehouse w ON w.id = b.warehouse_id
        WHERE w.station_id = $1 AND l.on_hand > 0
       UNION SELECT tl.part_id FROM stock.transfer_line tl JOIN stock.transfer t ON t.id = tl.transfer_id WHERE t.to_station_id = $1 AND t.status = 'SHIPPED'`,
      [stationId]);
    partIds = rows.map((r) => r.part_id);
  }
  const out: StationTotals[] = [];
  for (let i = 0; i < partIds.length; i += 5000) out.push(...(await stationTotals(ctx.db, partIds.slice(i, i + 5000).map((partId) => ({ partId, stationId })))));
  return out;
}
