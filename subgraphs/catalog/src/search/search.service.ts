/**
 * searchParts: checks the arguments, analyses the query once
 * (domain/search-analysis.ts), asks the configured engine for a page of ids
 * and loads the parts through the request's DataLoader.
 */
import { badInput, capFirst, decodeCursor, encodeCursor, isUuid, scopeStation, type Context } from '../../../shared/src';
import { analyseQuery, MAX_QUERY_CHARS } from '../domain/search-analysis';
import { partLoader } from '../part/part.loader';
import type { Part } from '../part/part.type';
import { catalogSearch } from './catalog-search';
import type { PartSearchResult } from './search.type';

export interface SearchArgs {
  query: string;
  vehicleModelId?: string | null;
  category?: string | null;
  inStockAtStation?: string | null;
  first?: number | null;
  after?: string | null;
}

const MAX_OFFSET = 5000;
const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { o: unknown }).o) && (v as { o: number }).o >= 0 && (v as { o: number }).o <= MAX_OFFSET;

export const searchService = {
  /** One page of parts matching `query` under the filters, best first. */
  async search(ctx: Context, args: SearchArgs): Promise<PartSearchResult> {
    const started = process.hrtime.bigint();
    if (args.query.length > MAX_QUERY_CHARS) throw badInput('TOO_LONG', `The query is longer than ${MAX_QUERY_CHARS} characters`, { field: 'query', max: MAX_QUERY_CHARS });
    if (args.vehicleModelId && !isUuid(args.vehicleModelId)) throw badInput('INVALID_VALUE', 'vehicleModelId is not an id', { field: 'vehicleModelId' });
    if (args.inStockAtStation && !isUuid(args.inStockAtStation)) throw badInput('INVALID_VALUE', 'inStockAtStation is not an id', { field: 'inStockAtStation' });
    if (args.category && args.category.length > 60) throw badInput('TOO_LONG', 'category is too long', { field: 'category', max: 60 });
    // Stock is station business: a station user may filter on their own station only.
    if (args.inStockAtStation) scopeStation(ctx, args.inStockAtStation);
    const first = capFirst(args.first, 20);
    const offset = decodeCursor(args.after, isOffset)?.o ?? 0;
    const { engine, vocabulary } = catalogSearch(ctx.runtime);
    const q = analyseQuery(args.query, await vocabulary.get());
    const res = first === 0
      ? { hits: [], estimatedTotal: 0 }
      : await engine.search(q, { vehicleModelId: args.vehicleModelId, category: args.category, inStockAtStation: args.inStockAtStation }, { offset, limit: first });
    const parts = await partLoader(ctx).loadMany(res.hits.map((h) => h.id));
    const hits = res.hits.flatMap((h, i) => {
      const part = parts[i];
      return part && !(part instanceof Error) ? [{ part: part as Part, score: h.score }] : [];
    });
    const next = offset + res.hits.length;
    const hasNextPage = res.hits.length === first && res.estimatedTotal > next && next < MAX_OFFSET;
    return {
      hits,
      estimatedTotal: Math.max(res.estimatedTotal, next),
      engine: engine.name,
      tookMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
      endCursor: hasNextPage ? encodeCursor({ o: next }) : null,
      hasNextPage,
    };
  },
};
