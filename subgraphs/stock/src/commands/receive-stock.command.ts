/**
 * `receiveStock` (验收入库 putaway): accepted goods go into the given or
 * remembered bin as RECEIPT (and that bin is remembered), damaged goods into
 * the warehouse's quarantine bin as QUARANTINE. Idempotent by key.
 */
import { badInput, type Context } from '../../../shared/src';
import { applyMoves, type Move } from '../movement/movement.service';
import { idempotent } from '../movement/idempotency';
import { rememberBin } from '../movement/default-bin';
import { checkLines, ownBin, ownWarehouse, putawayBin, quarantineBin } from './stock-command.helpers';
import type { ReceiveLineInput, ReceiveStockInput, ReceivedLine } from '../../../shared/src';

export async function receiveStock(ctx: Context, input: ReceiveStockInput): Promise<{ lines: ReceivedLine[] }> {
  const lines = (input?.lines ?? []).map((l, i) => ({ ...l, lineKey: l.lineKey ?? String(i) }));
  await checkLines(ctx, lines);
  return idempotent(ctx, 'receiveStock', input.idempotencyKey, async (tx) => {
    const warehouse = await ownWarehouse(tx, ctx, input.warehouseId, input.stationId);
    const moves: Move[] = [];
    const out: ReceivedLine[] = [];
    for (const l of lines) {
      let binId: string;
      if (l.quarantine) {
        binId = await quarantineBin(tx, warehouse.id);
      } else if (l.binId) {
        const bin = await ownBin(tx, ctx, l.binId, warehouse.stationId);
        if (bin.warehouseId !== warehouse.id) throw badInput('BIN_IN_OTHER_WAREHOUSE', 'The bin is not in the receiving warehouse', { field: 'binId' });
        if (bin.quarantine) throw badInput('QUARANTINE_BIN', 'Accepted goods do not go into a quarantine bin', { field: 'binId' });
        binId = bin.id;
      } else {
        binId = await putawayBin(tx, l.partId, warehouse.id);
      }
      const type = l.quarantine ? 'QUARANTINE' : 'RECEIPT';
      moves.push({ type, partId: l.partId, binId, delta: l.quantity, reference: input.reference ?? null });
      if (!l.quarantine) await rememberBin(tx, l.partId, warehouse.id, binId);
      out.push({ lineKey: l.lineKey, partId: l.partId, binId, quantity: l.quantity, movementType: type });
    }
    await applyMoves(tx, ctx, moves);
    return { lines: out };
  });
}
