/** createPurchaseOrdersFromRecommendations: one DRAFT per preferred supplier. */
import { Authorized, Arg, Ctx, Float, ID, Int, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { PurchaseOrder } from './purchase-order.type';
import { createOrdersFromRecommendations } from './orders-from-recommendations.service';

@Resolver(() => PurchaseOrder)
export class OrdersFromRecommendationsResolver {
  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => [PurchaseOrder], {
    description: 'The selected parts\' recommended quantities as DRAFT orders, one per supplier of the parts\' preferred offers. A part no supplier offers: BAD_USER_INPUT, reason NO_SUPPLIER_OFFER, params.partNos — nothing is created.',
  })
  createPurchaseOrdersFromRecommendations(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('partIds', () => [ID]) partIds: string[],
    @Arg('targetFillRate', () => Float, { defaultValue: 0.95 }) targetFillRate: number,
    @Arg('reviewPeriodDays', () => Int, { defaultValue: 7 }) reviewPeriodDays: number,
  ): Promise<PurchaseOrder[]> {
    return createOrdersFromRecommendations(ctx, { stationId, partIds, targetFillRate, reviewPeriodDays });
  }
}
