/**
 * The stock commands workshop sends (docs/internal-contracts.md): `issueStock`
 * and `returnStock`, used by requisitions and counter sales alike; both are
 * idempotent by key, so a retried or swept command issues nothing twice.
 */
import { callCommand, type Context } from '../../../shared/src';

export interface IssueStockResult {
  lines: { lineKey: string; partId: string; requested: number; issued: number; shortfall: number; allocations: { binId: string; quantity: number }[] }[];
}

export const issueStock = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; reference: string; allowPartial: boolean;
  lines: { lineKey: string; partId: string; quantity: number; warehouseId?: string | null; binId?: string | null }[];
}) => callCommand<IssueStockResult>(ctx.runtime.urls.stock, 'issueStock', input, ctx.user, ctx.runtime.internal);

export const returnStock = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; reference: string; partId: string; quantity: number; warehouseId?: string | null; binId?: string | null;
}) => callCommand<{ binId: string; quantity: number }>(ctx.runtime.urls.stock, 'returnStock', input, ctx.user, ctx.runtime.internal);
