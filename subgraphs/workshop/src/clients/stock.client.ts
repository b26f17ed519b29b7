/**
 * The stock commands workshop sends (docs/internal-contracts.md): `issueStock`
 * and `returnStock`, used by requisitions and counter sales alike; both are
 * idempotent by key, so a retried or swept command issues nothing twice.
 */
import { sendCommand, type Context, type IssueStockInput, type ReturnStockInput } from '../../../shared/src';

export type { IssueStockResult } from '../../../shared/src';

export const issueStock = (ctx: Context, input: IssueStockInput) => sendCommand(ctx.runtime, 'issueStock', input, ctx.user);

export const returnStock = (ctx: Context, input: ReturnStockInput) => sendCommand(ctx.runtime, 'returnStock', input, ctx.user);
