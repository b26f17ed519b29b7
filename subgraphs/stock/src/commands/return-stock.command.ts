/**
 * `returnStock` (退料): puts parts back into the given bin, else the
 * remembered bin of the warehouse, else the bin they were issued from for
 * this reference, else where the part was last issued from or remembered at
 * the station. Idempotent by key.
 */
import { badInput, notFound, scopeStation, type Context } from '../../../shared/src';
import { applyMoves } from '../movement/movement.service';
import { idempotent } from '../movement/idempotency';
import { checkLines, ownBin, ownWarehouse } from './stock-command.helpers';
import type { ReturnStockInput } from '../../../shared/src';

export async function returnStock(ctx: Context, input: ReturnStockInput): Promise<{ binId: string; quantity: number }> {
  const stationId = scopeStation(ctx, input?.stationId, true);
  const line = { partId: input?.partId, quantity: input?.quantity };
  await checkLines(ctx, [line], 'return');
  return idempotent(ctx, 'returnStock', input.idempotencyKey, async (tx) => {
    let binId: string | null = null;
    if (input.binId) {
      const bin = await ownBin(tx, ctx, input.binId, stationId);
      if (bin.quarantine) throw badInput('QUARANTINE_BIN', 'Returned parts do not go into a quarantine bin', { field: 'binId' });
      binId = bin.id;
    }
    if (!binId && input.warehouseId) {
      const w = await ownWarehouse(tx, ctx, input.warehouseId, stationId);
      const [d] = await tx.query(`SELECT bin_id FROM stock.part_default_bin WHERE part_id = $1 AND warehouse_id = $2`, [input.partId, w.id]);
      binId = d?.bin_id ?? null;
    }
    if (!binId && input.reference) {
      const [m] = await tx.query(
        `SELECT bin_id FROM stock.stock_movement WHERE reference = $1 AND part_id = $2 AND type = 'ISSUE' AND station_id = $3 ORDER BY seq DESC LIMIT 1`,
        [input.reference, input.partId, stationId]);
      binId = m?.bin_id ?? null;
    }
    if (!binId) {
      // Last resort: where this part was last issued from, or remembered, at the station.
      const [m] = await tx.query(
        `SELECT bin_id FROM (
           (SELECT m.bin_id, 1 AS rank FROM stock.stock_movement m JOIN stock.bin b ON b.id = m.bin_id AND NOT b.quarantine
             WHERE m.part_id = $1 AND m.station_id = $2 AND m.type = 'ISSUE' AND m.actor <> 'migration' ORDER BY m.seq DESC LIMIT 1)
           UNION ALL
           (SELECT d.bin_id, 2 FROM stock.part_default_bin d JOIN stock.warehouse w ON w.id = d.warehouse_id WHERE d.part_id = $1 AND w.station_id = $2 ORDER BY d.updated_at DESC LIMIT 1)
         ) x ORDER BY rank LIMIT 1`,
        [input.partId, stationId]);
      binId = m?.bin_id ?? null;
    }
    if (!binId) throw notFound('NO_BIN_TO_RETURN_INTO', 'No bin to return into was found; name a bin or a warehouse');
    await applyMoves(tx, ctx, [{ type: 'RETURN', partId: input.partId, binId, delta: line.quantity as number, reference: input.reference ?? null }]);
    return { binId, quantity: line.quantity as number };
  });
}
