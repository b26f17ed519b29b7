/** What procurement needs to know about parts: the catalog's `partFacts`, with unknown parts refused. */
import { fetchPartFacts, notFound, type Context, type PartFacts } from '../../../shared/src';

export type PartFact = PartFacts;

/** Facts for every id, or NOT_FOUND naming the first unknown part. */
export async function requirePartFacts(ctx: Context, partIds: string[]): Promise<Map<string, PartFact>> {
  const unique = [...new Set(partIds)];
  const map = await fetchPartFacts(ctx, unique);
  for (const id of unique) if (!map.has(id)) throw notFound('Part', id);
  return map;
}
