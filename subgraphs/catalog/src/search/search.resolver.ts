import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import { selectsAny, type Context } from '../../../shared/src';
import { PartSearchResult } from './search.type';
import { searchService } from './search.service';

@Resolver()
export class SearchResolver {
  @Query(() => PartSearchResult, {
    description: 'Fuzzy part lookup: any 4+ character fragment of a part number (with or without dashes, one typo allowed), a barcode, a Chinese or English name or fragment (trade abbreviations such as 机滤 understood, English typos tolerated, traditional characters such as 機濾 folded to simplified), pinyin initials whole, as a prefix or an infix (jylq, JYLQQ, lq) and full pinyin with or without spaces (jiyoulv, sha che pian; v or ü) for every reading of a polyphone, the mnemonic (助记码), a vehicle model in either language, or a mix (瑞虎7 jl, tiggo7 scp). An exact number or barcode ranks first; a superseded part comes right after its successor. `vin`: only parts that fit the car (the model HQ\'s VIN patterns name; supersessions followed); malformed is INVALID_VIN, unknown VIN_NOT_RECOGNISED. An empty query lists the parts matching the filters. `first` is capped at 200.',
  })
  searchParts(
    @Ctx() ctx: Context,
    @Arg('query') query: string,
    @Arg('vehicleModelId', () => ID, { nullable: true }) vehicleModelId: string | null,
    @Arg('category', () => String, { nullable: true }) category: string | null,
    @Arg('inStockAtStation', () => ID, { nullable: true }) inStockAtStation: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('vin', () => String, { nullable: true }) vin: string | null,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PartSearchResult> {
    // A page that shows no total (the counter's) is not counted: for a broad query the count cost more than the page.
    const countTotal = selectsAny(info, ['estimatedTotal', 'estimatedTotalIsLowerBound']);
    return searchService.search(ctx, { query, vehicleModelId, category, inStockAtStation, first, after, vin, countTotal });
  }
}
