/**
 * Hands an accepted swap to the stock transfer flow (ship → in transit →
 * receive): one inter-station transfer from the listing's warehouse to the
 * requesting station's warehouse, created in the accepting transaction.
 */
import type { Context, Tx } from '../../../shared/src';
import type { Allocation } from './surplus-reservation';

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

/** Returns the transfer's id. */
export async function createSwapTransfer(_tx: Tx, _ctx: Context, _input: SwapTransferInput): Promise<string> {
  throw new Error('the stock transfer service has not landed yet');
}
