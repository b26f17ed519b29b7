import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { RepairOrder } from './repair-order.type';
import { repairOrderService } from './repair-order.service';

@Resolver(() => RepairOrder)
export class RepairOrderResolver {
  @Query(() => RepairOrder, { nullable: true })
  repairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder | null> {
    return repairOrderService.byId(ctx, id);
  }
}
