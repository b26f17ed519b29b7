import { User, person } from '../entity-stubs';
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DecimalScalar, PageArgs, pageType, type Context } from '../../../shared/src';
import { CounterSale, CounterSaleInput, CounterSaleLine, CounterSalePriceChange, CustomerType } from './counter-sale.type';
import { counterSaleService, priceChangesLoader, saleReturnsLoader } from './counter-sale.service';
import { PartsReturn } from '../requisition/requisition.type';

@ArgsType()
class CounterSalesPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'HQ: one station (else all); station users: their own.' }) stationId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Sold from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Sold before this instant (exclusive).' }) to?: Date | null;
  @Field(() => ID, { nullable: true, description: 'Only sales with a line of this part.' }) partId?: string | null;
  @Field(() => CustomerType, { nullable: true }) customerType?: CustomerType | null;
  @Field(() => [CustomerType], { nullable: true, description: 'Any of these customer types.' }) customerTypes?: CustomerType[] | null;
  @Field(() => String, { nullable: true, description: 'Part of the number or the customer\'s name.' }) query?: string | null;
}

const CounterSalePage = pageType(CounterSale);

@Resolver(() => CounterSale)
export class CounterSaleResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who sold it (soldBy) as a person.' })
  soldByUser(@Root() x: any): User | null {
    return person(x.soldBy);
  }

  @Query(() => CounterSale, { nullable: true })
  counterSale(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<CounterSale | null> {
    return counterSaleService.byId(ctx, id);
  }

  @Query(() => CounterSalePage, { description: 'Counter sales page by page, newest first (sort: soldAt, number, amount, quantity); filters: station, sold from/to, part, customer type(s), text (number or customer name).' })
  counterSalesPage(@Ctx() ctx: Context, @Args() a: CounterSalesPageArgs) {
    return counterSaleService.page(ctx, a);
  }

  @Query(() => [CounterSale], { description: 'Newest first: the first page of counterSalesPage. `after`: the `cursor` of the last sale of the previous page (or a counterSalesPage endCursor of the default order). `first` up to 200.' })
  counterSales(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<CounterSale[]> {
    return counterSaleService.list(ctx, stationId, first, after);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => CounterSale, { description: 'Sells parts across the counter at the customer type\'s price tier (never above the HQ cap), issued from bins; shortfalls become shortages. allowPartial=false: INSUFFICIENT_STOCK and nothing issued. Same idempotencyKey again: the first sale. PARTS_CLERK or STATION_MANAGER.' })
  sellOverCounter(
    @Ctx() ctx: Context,
    @Arg('input', () => CounterSaleInput) input: CounterSaleInput,
    @Arg('allowPartial', () => Boolean, { nullable: true, defaultValue: true }) allowPartial: boolean | null,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
  ): Promise<CounterSale> {
    return counterSaleService.sell(ctx, input, allowPartial ?? true, idempotencyKey);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => CounterSaleLine, { description: 'Takes sold parts back into a bin (the given one, else the remembered, else where they came from), numbered for its 退料单 (CounterSaleLine.returns). Same idempotencyKey again returns nothing more.' })
  returnCounterSaleLine(
    @Ctx() ctx: Context,
    @Arg('lineId', () => ID) lineId: string,
    @Arg('quantity', () => Float) quantity: number,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Arg('binId', () => ID, { nullable: true }) binId: string | null,
    @Arg('reason', () => String, { nullable: true, description: 'Why the parts come back (up to 2,000 characters); printed on the 退料单.' }) reason: string | null,
  ): Promise<CounterSaleLine> {
    return counterSaleService.returnLine(ctx, lineId, quantity, binId, idempotencyKey, reason);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => CounterSaleLine, { description: '调价: STATION_MANAGER; never above the HQ cap; recorded in priceChanges.' })
  adjustCounterSaleLinePrice(
    @Ctx() ctx: Context,
    @Arg('lineId', () => ID) lineId: string,
    @Arg('unitPrice', () => DecimalScalar) unitPrice: string,
  ): Promise<CounterSaleLine> {
    return counterSaleService.adjustPrice(ctx, lineId, unitPrice);
  }

  @FieldResolver(() => [CounterSaleLine])
  lines(@Root() sale: CounterSale, @Ctx() ctx: Context): Promise<CounterSaleLine[]> {
    return counterSaleService.lines(ctx, sale);
  }

  @FieldResolver(() => String, { description: 'Pass as `after` to get the next page.' })
  cursor(@Root() sale: CounterSale): string {
    return counterSaleService.cursorOf(sale);
  }
}

@Resolver(() => CounterSaleLine)
export class CounterSaleLineResolver {
  @FieldResolver(() => [PartsReturn], { description: 'Its returns (退货), oldest first, each with the number and reason its 退料单 prints.' })
  returns(@Root() line: CounterSaleLine, @Ctx() ctx: Context): Promise<PartsReturn[]> {
    return saleReturnsLoader(ctx).load(line.id);
  }

  @FieldResolver(() => [CounterSalePriceChange])
  priceChanges(@Root() line: CounterSaleLine, @Ctx() ctx: Context): Promise<CounterSalePriceChange[]> {
    return priceChangesLoader(ctx).load(line.id);
  }
}
