/**
 * The catalog's `partFacts` command (docs/internal-contracts.md), typed once
 * for every subgraph that asks: the reply shape, and the chunking its
 * 10,000-id limit needs. Callers decide what an unknown id means to them.
 */
import { sendCommand, type PartFacts } from './contracts';
import { notFound } from './errors';
import { isUuid } from './ids';

export type { PartFacts };
import type { Context } from './context';

/** The command's own limit on ids per call. */
export const PART_FACTS_CHUNK = 10_000;

/** Facts of the given parts by id; unknown ids are simply absent. Needs only who asks and where the catalog is. */
export async function fetchPartFacts(ctx: Pick<Context, 'runtime' | 'user'>, partIds: Iterable<string>): Promise<Map<string, PartFacts>> {
  // An id that is not a UUID names no part: it is left out here, as the catalog would, without asking.
  const unique = [...new Set(partIds)].filter(isUuid);
  const out = new Map<string, PartFacts>();
  for (let i = 0; i < unique.length; i += PART_FACTS_CHUNK) {
    const facts = await sendCommand(ctx.runtime, 'partFacts', { partIds: unique.slice(i, i + PART_FACTS_CHUNK) }, ctx.user);
    for (const f of facts) out.set(f.partId, f);
  }
  return out;
}

/** Facts for every id, or NOT_FOUND naming the first unknown part. */
export async function requirePartFacts(ctx: Pick<Context, 'runtime' | 'user'>, partIds: string[]): Promise<Map<string, PartFacts>> {
  const unique = [...new Set(partIds)];
  const map = await fetchPartFacts(ctx, unique);
  for (const id of unique) if (!map.has(id)) throw notFound('PART_NOT_FOUND', `Part ${id} was not found`, { partId: id });
  return map;
}
