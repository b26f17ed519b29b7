import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { LostSale, LostSaleInput, LostSaleReason } from './lost-sale.type';
import { lostSaleService } from './lost-sale.service';
import { User, person } from '../entity-stubs';

@ArgsType()
class LostSalesPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'HQ: one station (else all); station users: their own.' }) stationId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Recorded from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Recorded before this instant (exclusive).' }) to?: Date | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => LostSaleReason, { nullable: true }) reason?: LostSaleReason | null;
  @Field(() => [LostSaleReason], { nullable: true, description: 'Any of these reasons.' }) reasons?: LostSaleReason[] | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only parts bought in an emergency; false: only sales lost.' }) emergencyPurchase?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Part of the part number or name, or of the note.' }) query?: string | null;
}

const LostSalePage = pageType(LostSale);

@Resolver(() => LostSale)
export class LostSaleResolver {
  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => LostSale, { description: 'Records demand the counter could not serve (part, quantity, reason; emergencyPurchase when it was bought in an emergency). It counts as demand in the consumption history and the fill rate. PARTS_CLERK or STATION_MANAGER.' })
  recordLostSale(@Ctx() ctx: Context, @Arg('input', () => LostSaleInput) input: LostSaleInput): Promise<LostSale> {
    return lostSaleService.record(ctx, input);
  }

  @Query(() => LostSalePage, { description: 'Lost sales page by page, newest first (sort: recordedAt, quantity, reason); filters: station, recorded from/to, part, reason(s), emergency purchase, text (part number or name, note).' })
  lostSalesPage(@Ctx() ctx: Context, @Args() a: LostSalesPageArgs) {
    return lostSaleService.page(ctx, a);
  }

  @Query(() => [LostSale], { description: 'Newest first: the first page of lostSalesPage. `after`: the `cursor` of the last record of the previous page (or a lostSalesPage endCursor of the default order).' })
  lostSales(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<LostSale[]> {
    return lostSaleService.list(ctx, stationId, first, after);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who recorded it (recordedBy) as a person.' })
  recordedByUser(@Root() x: LostSale): User | null {
    return person(x.recordedBy);
  }

  @FieldResolver(() => String, { description: 'Pass as `after` to get the next page.' })
  cursor(@Root() l: LostSale): string {
    return lostSaleService.cursorOf(l);
  }
}
