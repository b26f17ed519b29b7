import { Authorized, Arg, Ctx, Float, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { ReorderPolicy } from './reorder-policy.type';
import { reorderPolicyService } from './reorder-policy.service';

@Resolver(() => ReorderPolicy)
export class ReorderPolicyResolver {
  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => ReorderPolicy, { description: 'PURCHASER or STATION_MANAGER; shortages of the part are judged again at once.' })
  setReorderPolicy(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('partId', () => ID) partId: string,
    @Arg('reorderPoint', () => Float) reorderPoint: number,
    @Arg('orderUpTo', () => Float) orderUpTo: number,
  ): Promise<ReorderPolicy> {
    return reorderPolicyService.set(ctx, stationId, partId, reorderPoint, orderUpTo);
  }

  @Query(() => [ReorderPolicy])
  reorderPolicies(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null): Promise<ReorderPolicy[]> {
    return reorderPolicyService.list(ctx, stationId);
  }
}
