/**
 * The procurement commands workshop sends (docs/internal-contracts.md), both
 * idempotent by key: `recordShortage` (a shortfall of a requisition or a
 * counter sale) and `directPurchase` (一进一出: a purchase order created and
 * received into stock in one step, so a retried requisition buys nothing twice).
 */
import { sendCommand, type Context, type DirectPurchaseInput, type RecordShortageInput } from '../../../shared/src';

export type { DirectPurchaseResult } from '../../../shared/src';

export const recordShortage = (ctx: Context, input: Omit<RecordShortageInput, 'kind'>) =>
  sendCommand(ctx.runtime, 'recordShortage', { ...input, kind: 'REQUISITION_SHORTFALL' }, ctx.user);

export const directPurchase = (ctx: Context, input: DirectPurchaseInput) => sendCommand(ctx.runtime, 'directPurchase', input, ctx.user);
