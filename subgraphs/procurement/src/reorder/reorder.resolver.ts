/** reorderRecommendations, applyRecommendations, createPurchaseOrderFromRecommendations: authorise in the service, call it, return. */
import { Authorized, Arg, Args, ArgsType, Ctx, Field, Float, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { ReorderPolicy } from '../reorder-policy/reorder-policy.type';
import { PurchaseOrder } from '../purchase-order/purchase-order.type';
import { ReorderRecommendation } from './reorder.type';
import { reorderService } from './reorder.service';

@ArgsType()
class ReorderRecommendationsPageArgs extends PageArgs {
  @Field(() => ID) stationId: string;
  @Field(() => Float, { defaultValue: 0.95, description: 'The station\'s fill rate (满足率) to reach, in (0, 1).' }) targetFillRate: number;
  @Field(() => Int, { defaultValue: 7 }) reviewPeriodDays: number;
  @Field(() => [ID], { nullable: true }) partIds?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'Use this supplier\'s lead time where it offers the part.' }) supplierId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this demand class (SMOOTH ERRATIC INTERMITTENT LUMPY NEW).' }) demandClass?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only parts with a suggested quantity; false: only those without.' }) toOrder?: boolean | null;
}

const ReorderRecommendationPage = pageType(ReorderRecommendation);

@Resolver(() => ReorderRecommendation)
export class ReorderResolver {
  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Query(() => ReorderRecommendationPage, { description: 'reorderRecommendations page by page (sort: partNo (default), suggestedQuantity, orderValue, forecastPerMonth, orderUpTo, demandClass; filters: demandClass, toOrder). The station allocation always covers all its parts.' })
  reorderRecommendationsPage(@Ctx() ctx: Context, @Args() args: ReorderRecommendationsPageArgs) {
    return reorderService.page(ctx, args);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Query(() => [ReorderRecommendation], { description: 'PURCHASER / STATION_MANAGER of the station, or HQ. All parts with demand at the station, or the partIds asked.' })
  reorderRecommendations(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('targetFillRate', () => Float, { defaultValue: 0.95, description: 'The station\'s fill rate (满足率) to reach, in (0, 1).' }) targetFillRate: number,
    @Arg('reviewPeriodDays', () => Int, { defaultValue: 7 }) reviewPeriodDays: number,
    @Arg('partIds', () => [ID], { nullable: true }) partIds?: string[] | null,
    @Arg('supplierId', () => ID, { nullable: true, description: 'Use this supplier\'s lead time where it offers the part.' }) supplierId?: string | null,
  ): Promise<ReorderRecommendation[]> {
    return reorderService.recommendations(ctx, { stationId, targetFillRate, reviewPeriodDays, partIds, supplierId });
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => [ReorderPolicy], { description: 'Each part\'s policy := its recommendation\'s reorderPoint / orderUpTo (one transaction).' })
  applyRecommendations(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('partIds', () => [ID]) partIds: string[],
    @Arg('targetFillRate', () => Float, { defaultValue: 0.95 }) targetFillRate: number,
    @Arg('reviewPeriodDays', () => Int, { defaultValue: 7 }) reviewPeriodDays: number,
  ): Promise<ReorderPolicy[]> {
    return reorderService.apply(ctx, { stationId, partIds, targetFillRate, reviewPeriodDays });
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'A DRAFT purchase order to the supplier for the recommended new-buy quantities (parts with nothing to buy are left out).' })
  createPurchaseOrderFromRecommendations(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('supplierId', () => ID) supplierId: string,
    @Arg('partIds', () => [ID]) partIds: string[],
    @Arg('targetFillRate', () => Float, { defaultValue: 0.95 }) targetFillRate: number,
    @Arg('reviewPeriodDays', () => Int, { defaultValue: 7 }) reviewPeriodDays: number,
  ): Promise<PurchaseOrder> {
    return reorderService.createPurchaseOrder(ctx, { stationId, supplierId, partIds, targetFillRate, reviewPeriodDays });
  }
}
