import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { PartSearchResult } from './search.type';
import { searchService } from './search.service';

@Resolver()
export class SearchResolver {
  @Query(() => PartSearchResult, {
    description: 'Fuzzy part lookup: any 4+ character fragment of a part number (with or without dashes, one typo allowed), a barcode, a Chinese or English name or fragment (trade abbreviations such as 机滤 understood, English typos tolerated), a vehicle model in either language, or a model with a name. An exact number or barcode ranks first; a superseded part comes right after its successor. An empty query lists the parts matching the filters.',
  })
  searchParts(
    @Ctx() ctx: Context,
    @Arg('query') query: string,
    @Arg('vehicleModelId', () => ID, { nullable: true }) vehicleModelId: string | null,
    @Arg('category', () => String, { nullable: true }) category: string | null,
    @Arg('inStockAtStation', () => ID, { nullable: true }) inStockAtStation: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<PartSearchResult> {
    return searchService.search(ctx, { query, vehicleModelId, category, inStockAtStation, first, after });
  }
}
