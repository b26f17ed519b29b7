/**
 * `returnStock` (退料): puts parts back into the given bin, else the
 * remembered bin of the warehouse, else the bin they were issued from for
 * this reference. Idempotent by key.
 */
import { badInput, notFound, scopeStation, type Context } from '../../../shared/src';
import { applyMoves } from '../movement/movement.service';
import { idempotent } from '../movement/idempotency';
import { checkLines, ownBin, ownWarehouse } from './stock-command.helpers';

export interface ReturnStockInput {
  idempotencyKey: string;
  stationId: string;
  reference?: string | null;
  partId: string;
  quantity: number;
  warehouseId?: string | null;
  binId?: string | null;
}

export async function returnStock(ctx: Context, input: ReturnStockInput): Promise<{ binId: string; quantity: number }> {
  const stationId = scopeStation(ctx, input?.stationId, true);
  const line = { partId: input?.partId, quantity: input?.quantity };
  await checkLines(ctx, [line], 'return');
  return idempotent(ctx, 'returnStock', input.idempotencyKey, async (tx) => {
    let binId: string | null = null;
    if (input.binId) {
      const bin = await ownBin(tx, ctx, input.binId, stationId);
      if (bin.quarantine) throw badInput('Returned parts do not go into a quarantine bin', { binId: 'quarantine' });
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
    if (!binId) throw notFound('A bin to return into (give binId or warehouseId)');
    await applyMoves(tx, ctx, [{ type: 'RETURN', partId: input.partId, binId, delta: line.quantity as number, reference: input.reference ?? null }]);
    return { binId, quantity: line.quantity as number };
  });
}
