/**
 * What the surplus exchange asks of the catalog: part facts (unit precision,
 * internal price, HQ cap) through the `partFacts` command, and text search
 * through the catalog subgraph's own `searchParts` — the catalog owns search,
 * so the exchange board finds listings with exactly the engine and ranking
 * that `searchParts` uses (Meilisearch or embedded), never a copy of it.
 */
import { DomainError, fetchPartFacts, notFound, serviceUnavailable, SERVICE_UNAVAILABLE, type Context, type PartFacts } from '../../../shared/src';

export type PartFact = PartFacts;

/** Facts for the given parts (unknown ids are left out). */
export const partFacts = (ctx: Context, partIds: string[]): Promise<Map<string, PartFact>> => fetchPartFacts(ctx, partIds);

export async function requirePartFact(ctx: Context, partId: string): Promise<PartFact> {
  const fact = (await partFacts(ctx, [partId])).get(partId);
  if (!fact) throw notFound('PART_NOT_FOUND', `Part ${partId} was not found`, { partId });
  return fact;
}

/** Most hits the board asks the catalog for (the public `first` cap). */
export const SEARCH_LIMIT = 200;

/**
 * Part ids matching `query`, best first, from the catalog's `searchParts` with
 * the caller's own token (so the catalog applies its own auth and limits).
 */
export async function searchPartIds(ctx: Context, query: string): Promise<string[]> {
  const timeoutMs = ctx.runtime.internal.timeoutMs ?? 15_000;
  const res = await fetch(`${ctx.runtime.urls.catalog}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.token}` },
    body: JSON.stringify({
      query: 'query SurplusBoardSearch($q: String!, $first: Int) { searchParts(query: $q, first: $first) { hits { part { id } } } }',
      variables: { q: query, first: SEARCH_LIMIT },
    }),
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err) => {
    throw serviceUnavailable('catalog', (err as Error)?.name === 'TimeoutError' ? 'timeout' : 'unreachable', Math.ceil(timeoutMs / 1000));
  });
  const body: any = await res.json().catch(() => undefined);
  const err = body?.errors?.[0];
  if (err) {
    const code = err.extensions?.code;
    if (code === SERVICE_UNAVAILABLE) throw serviceUnavailable('catalog', 'down');
    // The caller's own mistakes (a bad query) keep their code; anything else is the catalog's trouble.
    if (code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED' || code === 'FORBIDDEN') throw new DomainError(code, err.message, { reason: err.extensions?.reason as string | undefined, params: err.extensions?.params as Record<string, unknown> | undefined });
    throw new Error(`catalog searchParts failed: ${err.message}`);
  }
  if (!res.ok || !body?.data?.searchParts) throw new Error(`catalog searchParts answered ${res.status}`);
  return body.data.searchParts.hits.map((h: { part: { id: string } }) => h.part.id);
}
