/**
 * The commands a counter sale sends to other subgraphs
 * (docs/internal-contracts.md): catalog `partFacts`, stock `issueStock` /
 * `returnStock`, procurement `recordShortage` — the same commands requisitions
 * use; all idempotent by key, so a retried sale issues nothing twice.
 */
import { callCommand, notFound, type Context } from '../../../shared/src';

export interface PartFact {
  partId: string;
  partNo: string;
  unitPrecision: number;
  hqCap: string | null;
  prices: { retail: string; wholesale: string; member: string; insurance: string; internal: string };
}

export interface IssueStockResult {
  lines: { lineKey: string; partId: string; requested: number; issued: number; shortfall: number; allocations: { binId: string; quantity: number }[] }[];
}

const call = <O>(ctx: Context, url: string, name: string, input: unknown) => callCommand<O>(url, name, input, ctx.user, ctx.runtime.internal);

/** Facts for every id, or NOT_FOUND naming the first unknown part. */
export async function requirePartFacts(ctx: Context, partIds: string[]): Promise<Map<string, PartFact>> {
  const unique = [...new Set(partIds)];
  const facts = await call<PartFact[]>(ctx, ctx.runtime.urls.catalog, 'partFacts', { partIds: unique });
  const map = new Map(facts.map((f) => [f.partId, f]));
  for (const id of unique) if (!map.has(id)) throw notFound('Part', id);
  return map;
}

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
