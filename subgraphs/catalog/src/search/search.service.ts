/**
 * searchParts: checks the arguments, analyses the query once
 * (domain/search-analysis.ts), asks the configured engine for a page of ids
 * and loads the parts through the request's DataLoader.
 */
import { badInput, capFirst, decodeCursor, encodeCursor, ErrorCode, PageInfo, refusal, scopeStation, type Context, idInput } from '../../../shared/src';
import { analyseQuery, MAX_QUERY_CHARS } from '../domain/search-analysis';
import { partLoader } from '../part/part.loader';
import type { Part } from '../part/part.type';
import { catalogSearch } from './catalog-search';
import type { PartSearchResult } from './search.type';
import { TOTAL_EXACT_UP_TO } from './search-engine.port';
import { checkedVin, vinPatternService } from '../vin-pattern/vin-pattern.service';
import { vehicleModelLoader } from '../vehicle-model/vehicle-model.loader';

export interface SearchArgs {
  query: string;
  vehicleModelId?: string | null;
  category?: string | null;
  inStockAtStation?: string | null;
  first?: number | null;
  after?: string | null;
  vin?: string | null;
  /** false when the request selects neither estimatedTotal nor estimatedTotalIsLowerBound: the matches are not counted. */
  countTotal?: boolean;
}

const MAX_OFFSET = TOTAL_EXACT_UP_TO;
const isOffset = (v: unknown): v is { o: number } =>
  typeof v === 'object' && v !== null && Number.isInteger((v as { o: unknown }).o) && (v as { o: number }).o >= 0 && (v as { o: number }).o <= MAX_OFFSET;

export const searchService = {
  /** One page of parts matching `query` under the filters, best first. */
  async search(ctx: Context, args: SearchArgs): Promise<PartSearchResult> {
    const started = process.hrtime.bigint();
    if (args.query.length > MAX_QUERY_CHARS) throw badInput('TOO_LONG', `The query is longer than ${MAX_QUERY_CHARS} characters`, { field: 'query', max: MAX_QUERY_CHARS });
    if (args.vehicleModelId) idInput(args.vehicleModelId, 'vehicleModelId', 'vehicleModelId is not an id');
    if (args.inStockAtStation) idInput(args.inStockAtStation, 'inStockAtStation', 'inStockAtStation is not an id');
    if (args.category && args.category.length > 60) throw badInput('TOO_LONG', 'category is too long', { field: 'category', max: 60 });
    // Stock is station business: a station user may filter on their own station only.
    if (args.inStockAtStation) scopeStation(ctx, args.inStockAtStation);
    const first = capFirst(args.first, 20);
    let offset = 0;
    try {
      offset = decodeCursor(args.after, isOffset)?.o ?? 0;
    } catch {
      throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_CURSOR', 'The cursor is not valid', { field: 'after' });
    }
    // A VIN narrows to the parts that fit the car: the model of HQ's longest matching pattern.
    let fitsModelId: string | null = null;
    if (args.vin) {
      const vin = checkedVin(args.vin);
      fitsModelId = await vinPatternService.modelIdOf(ctx, vin);
      if (!fitsModelId) throw refusal(ErrorCode.NOT_FOUND, 'VIN_NOT_RECOGNISED', `No VIN pattern matches ${vin}`, { vin });
    }
    const { engine, vocabulary } = catalogSearch(ctx.runtime);
    const q = analyseQuery(args.query, await vocabulary.get());
    const res = first === 0
      ? { hits: [], estimatedTotal: 0, totalIsLowerBound: false }
      : await engine.search(q, { vehicleModelId: args.vehicleModelId, category: args.category, inStockAtStation: args.inStockAtStation, fitsModelId }, { offset, limit: first, countTotal: args.countTotal !== false });
    const parts = await partLoader(ctx).loadMany(res.hits.map((h) => h.id));
    const hits = res.hits.flatMap((h, i) => {
      const part = parts[i];
      return part && !(part instanceof Error) ? [{ part: part as Part, score: h.score }] : [];
    });
    const next = offset + res.hits.length;
    const lowerBound = !!res.totalIsLowerBound;
    const hasNextPage = res.hits.length === first && (res.hasMore ?? (lowerBound || res.estimatedTotal > next)) && next < MAX_OFFSET;
    const endCursor = hasNextPage ? encodeCursor({ o: next }) : null;
    return {
      hits,
      estimatedTotal: lowerBound ? res.estimatedTotal : Math.max(res.estimatedTotal, next),
      estimatedTotalIsLowerBound: lowerBound,
      engine: engine.name,
      tookMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
      pageInfo: Object.assign(new PageInfo(), { endCursor, hasNextPage }),
      endCursor,
      hasNextPage,
      vehicleModel: fitsModelId ? ((await vehicleModelLoader(ctx).load(fitsModelId)) as PartSearchResult['vehicleModel']) : null,
    };
  },
};
