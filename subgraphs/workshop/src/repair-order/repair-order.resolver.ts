import { User, person } from '../entity-stubs';
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { EstimatedPart, EstimatedPartInput, RepairOrder, RepairOrderInput, RepairOrderStatus } from './repair-order.type';
import { repairOrderService } from './repair-order.service';

@ArgsType()
class RepairOrdersPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => RepairOrderStatus, { nullable: true }) status?: RepairOrderStatus | null;
  @Field(() => [RepairOrderStatus], { nullable: true, description: 'Any of these statuses.' }) statuses?: RepairOrderStatus[] | null;
  @Field(() => Date, { nullable: true, description: 'Opened from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Opened before this instant (exclusive).' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'Part of the number, plate or VIN.' }) query?: string | null;
}

const RepairOrderPage = pageType(RepairOrder);

@Resolver(() => RepairOrder)
export class RepairOrderResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who opened it (openedBy) as a person.' })
  openedByUser(@Root() x: any): User | null {
    return person(x.openedBy);
  }

  @Query(() => RepairOrderPage, { description: 'Repair orders page by page, newest first (sort: openedAt, number, status); filters: status(es), opening date range, text (number, plate or VIN).' })
  repairOrdersPage(@Ctx() ctx: Context, @Args() a: RepairOrdersPageArgs) {
    return repairOrderService.page(ctx, a);
  }

  @Query(() => RepairOrder, { nullable: true })
  repairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder | null> {
    return repairOrderService.byId(ctx, id);
  }

  @Query(() => [RepairOrder], { description: 'Newest first. `after`: the `cursor` of the last order of the previous page. `first` up to 200 (larger values are capped).' })
  repairOrders(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId: string | null,
    @Arg('status', () => RepairOrderStatus, { nullable: true }) status: RepairOrderStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<RepairOrder[]> {
    return repairOrderService.list(ctx, stationId, status, first, after);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => RepairOrder, { description: 'Opens a repair order (委托书), numbered per station "WO2026-000123". PARTS_CLERK or STATION_MANAGER.' })
  openRepairOrder(@Ctx() ctx: Context, @Arg('input', () => RepairOrderInput) input: RepairOrderInput): Promise<RepairOrder> {
    return repairOrderService.open(ctx, input);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => RepairOrder, { description: 'OPEN / IN_PROGRESS → COMPLETED. Parts may still be issued, returned and re-priced until settlement.' })
  completeRepairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.transition(ctx, id, 'COMPLETE');
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => RepairOrder, { description: 'COMPLETED → SETTLED: no issue, return or price change after this (CONFLICT).' })
  settleRepairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.transition(ctx, id, 'SETTLE');
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => RepairOrder, { description: 'OPEN / IN_PROGRESS → CANCELLED, only while no parts are issued net (return them first).' })
  cancelRepairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.transition(ctx, id, 'CANCEL');
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => EstimatedPart, { description: '预估材料: adds an expected part to the repair order; `requisitionEstimatedParts` issues them in one call.' })
  addEstimatedPart(@Ctx() ctx: Context, @Arg('repairOrderId', () => ID) repairOrderId: string, @Arg('input', () => EstimatedPartInput) input: EstimatedPartInput): Promise<EstimatedPart> {
    return repairOrderService.addEstimate(ctx, repairOrderId, input);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => RepairOrder, { description: 'Removes an estimated part not yet turned into a requisition.' })
  removeEstimatedPart(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.removeEstimate(ctx, id);
  }

  @FieldResolver(() => [EstimatedPart])
  estimatedParts(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<EstimatedPart[]> {
    return repairOrderService.estimates(ctx, o);
  }

  @FieldResolver(() => String, { description: 'Pass as `after` to get the next page.' })
  cursor(@Root() o: RepairOrder): string {
    return repairOrderService.cursorOf(o);
  }
}
