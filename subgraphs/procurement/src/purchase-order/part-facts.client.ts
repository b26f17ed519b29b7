/** What procurement needs to know about parts, asked of the catalog's `partFacts` command (one call per operation). */
import { callCommand, notFound, type Context } from '../../../shared/src';

export interface PartFact {
  partId: string;
  partNo: string;
  unitPrecision: number;
  /** Present when the catalog includes it; recorded on order lines for inbound statistics. */
  category?: string | null;
  packSize?: number;
  minOrderQty?: number;
}

/** Facts for every id, or NOT_FOUND naming the first unknown part. */
export async function requirePartFacts(ctx: Context, partIds: string[]): Promise<Map<string, PartFact>> {
  const unique = [...new Set(partIds)];
  const facts = await callCommand<PartFact[]>(ctx.runtime.urls.catalog, 'partFacts', { partIds: unique }, ctx.user, ctx.runtime.internal);
  const map = new Map(facts.map((f) => [f.partId, f]));
  for (const id of unique) if (!map.has(id)) throw notFound('Part', id);
  return map;
}
