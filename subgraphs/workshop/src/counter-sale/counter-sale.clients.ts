/**
 * The commands a counter sale sends to other subgraphs
 * (docs/internal-contracts.md): catalog `partFacts`, stock `issueStock` /
 * `returnStock`, procurement `recordShortage` — the same commands requisitions
 * use; all idempotent by key, so a retried sale issues nothing twice.
 */
import { callCommand, type Context } from '../../../shared/src';

export { requirePartFacts, type PartFacts as PartFact } from '../../../shared/src';

export interface IssueStockResult {
  lines: { lineKey: string; partId: string; requested: number; issued: number; shortfall: number; allocations: { binId: string; quantity: number }[] }[];
}

const call = <O>(ctx: Context, url: string, name: string, input: unknown) => callCommand<O>(url, name, input, ctx.user, ctx.runtime.internal);

export const issueStock = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; reference: string; allowPartial: boolean;
  lines: { lineKey: string; partId: string; quantity: number; warehouseId?: string | null; binId?: string | null }[];
}) => call<IssueStockResult>(ctx, ctx.runtime.urls.stock, 'issueStock', input);

export const returnStock = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; reference: string; partId: string; quantity: number; warehouseId?: string | null; binId?: string | null;
}) => call<{ binId: string; quantity: number }>(ctx, ctx.runtime.urls.stock, 'returnStock', input);

export const recordShortage = (ctx: Context, input: {
  idempotencyKey: string; stationId: string; partId: string; quantity: number; reference: string; repairOrderId?: string | null;
}) => call<{ shortageId: string }>(ctx, ctx.runtime.urls.procurement, 'recordShortage', { ...input, kind: 'REQUISITION_SHORTFALL' });
