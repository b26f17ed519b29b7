import { User, person } from '../person/user.stub';
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { Stocktake, StocktakeLine, StocktakeStatus } from './stocktake.type';
import { stocktakeService } from './stocktake.service';
import { BinLocation, Warehouse } from '../station/station.type';
import { Part } from '../part/part.stub';
import { requireWarehouse, requireBin } from '../stock-level/stock-level.loader';

@ArgsType()
class StocktakesPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
  @Field(() => StocktakeStatus, { nullable: true }) status?: StocktakeStatus | null;
  @Field(() => Date, { nullable: true, description: 'Started from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Started before this instant (exclusive).' }) to?: Date | null;
}

export const StocktakePage = pageType(Stocktake);

@Resolver(() => Stocktake)
export class StocktakeResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who started the count (startedBy) as a person.' })
  startedByUser(@Root() x: any): User | null {
    return person(x.startedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who approved or rejected it (approvedBy) as a person.' })
  approvedByUser(@Root() x: any): User | null {
    return person(x.approvedBy);
  }

  @Query(() => StocktakePage, { description: 'Stocktakes page by page, newest first (sort: startedAt, number); status OPEN is the managers\' pending list.' })
  stocktakesPage(@Ctx() ctx: Context, @Args() args: StocktakesPageArgs) {
    return stocktakeService.page(ctx, args);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => Stocktake, { description: 'STATION_MANAGER: sends an open count back with a reason; nothing is posted.' })
  rejectStocktake(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<Stocktake> {
    return stocktakeService.reject(ctx, id, reason);
  }

  @Query(() => Stocktake, { nullable: true })
  stocktake(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Stocktake | null> {
    return stocktakeService.byId(ctx, id);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Stocktake, { description: 'Starts a count of a warehouse (freezes the book quantities).' })
  startStocktake(@Ctx() ctx: Context, @Arg('warehouseId', () => ID) warehouseId: string): Promise<Stocktake> {
    return stocktakeService.start(ctx, warehouseId);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Stocktake)
  recordCount(@Ctx() ctx: Context, @Arg('stocktakeId', () => ID) stocktakeId: string, @Arg('partId', () => ID) partId: string, @Arg('binId', () => ID) binId: string, @Arg('counted', () => Float) counted: number): Promise<Stocktake> {
    return stocktakeService.recordCount(ctx, stocktakeId, partId, binId, counted);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => Stocktake, { description: 'STATION_MANAGER: posts the variances as ADJUSTMENT movements.' })
  approveStocktake(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Stocktake> {
    return stocktakeService.approve(ctx, id);
  }

  @FieldResolver(() => Warehouse)
  async warehouse(@Root() s: Stocktake, @Ctx() ctx: Context): Promise<Warehouse> {
    return requireWarehouse(ctx, s.warehouseId);
  }
}

@Resolver(() => StocktakeLine)
export class StocktakeLineResolver {
  @FieldResolver(() => Part)
  part(@Root() l: StocktakeLine): Part {
    return Object.assign(new Part(), { id: l.partId });
  }

  @FieldResolver(() => BinLocation)
  async bin(@Root() l: StocktakeLine, @Ctx() ctx: Context): Promise<BinLocation> {
    return requireBin(ctx, l.binId);
  }
}
