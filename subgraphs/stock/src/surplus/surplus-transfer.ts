/**
 * Hands an accepted swap to the stock transfer flow (ship → in transit →
 * receive): one inter-station transfer from the listing's warehouse to the
 * requesting station's warehouse, created in the accepting transaction.
 */
import type { Context, Tx } from '../../../shared/src';
import type { Allocation } from './surplus-reservation';
import { transferService } from '../transfer/transfer.service';

export interface SwapTransferInput {
  swapId: string;
  fromWarehouseId: string;
  toWarehouseId: string;
  partId: string;
  quantity: number;
  unitPrice: string;
  /** The bins the listing's reservation sat in (just released): where the goods are. */
  sourceBins: Allocation[];
}

/** Returns the transfer's id; the released listing hold becomes the transfer's hold on the same bins. */
export async function createSwapTransfer(tx: Tx, ctx: Context, input: SwapTransferInput): Promise<string> {
  const ends: { id: string; station_id: string }[] = await tx.query(`SELECT id, station_id FROM stock.warehouse WHERE id = ANY($1::uuid[])`, [[input.fromWarehouseId, input.toWarehouseId]]);
  const at = (id: string) => {
    const w = ends.find((e) => e.id === id);
    if (!w) throw new Error(`warehouse ${id} of swap ${input.swapId} does not exist`);
    return { id: w.id, stationId: w.station_id };
  };
  return transferService.createInTx(tx, ctx, at(input.fromWarehouseId), at(input.toWarehouseId), [
    { partId: input.partId, quantity: input.quantity, unitPrice: input.unitPrice, sourceBins: input.sourceBins },
  ], input.swapId);
}
