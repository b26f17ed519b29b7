import { Authorized, Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { LostSale, LostSaleInput } from './lost-sale.type';
import { lostSaleService } from './lost-sale.service';

@Resolver(() => LostSale)
export class LostSaleResolver {
  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => LostSale, { description: 'Records demand the counter could not serve (part, quantity, reason; emergencyPurchase when it was bought in an emergency). It counts as demand in the consumption history and the fill rate. PARTS_CLERK or STATION_MANAGER.' })
  recordLostSale(@Ctx() ctx: Context, @Arg('input', () => LostSaleInput) input: LostSaleInput): Promise<LostSale> {
    return lostSaleService.record(ctx, input);
  }

  @Query(() => [LostSale], { description: 'Newest first; `after`: the `cursor` of the last record of the previous page.' })
  lostSales(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<LostSale[]> {
    return lostSaleService.list(ctx, stationId, first, after);
  }

  @FieldResolver(() => String)
  cursor(@Root() l: LostSale): string {
    return lostSaleService.cursorOf(l);
  }
}
