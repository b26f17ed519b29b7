import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DecimalScalar, PageArgs, pageType, type Context } from '../../../shared/src';
import { EstimatedPart, EstimatedPartInput, PartsReport, RepairOrder, RepairOrderInput, RepairOrderStatus } from './repair-order.type';
import { repairOrderService } from './repair-order.service';
import { PartsReturn, Requisition } from '../requisition/requisition.type';
import { returnsByOrderLoader } from '../requisition/requisition-line.service';
import { partsReportService } from '../requisition/parts-report.service';
import { requisitionsLoader } from '../requisition/requisition.service';

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
  @Query(() => RepairOrderPage, { description: 'Repair orders page by page, newest first (sort: openedAt, number, status); filters: status(es), opening date range, text (number, plate or VIN).' })
  repairOrdersPage(@Ctx() ctx: Context, @Args() a: RepairOrdersPageArgs) {
    return repairOrderService.page(ctx, a);
  }

  @FieldResolver(() => [PartsReturn], { description: 'Every return (退料) of its requisitions, oldest first: the 退料单.' })
  returns(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<PartsReturn[]> {
    return returnsByOrderLoader(ctx).load(o.id);
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

  @Mutation(() => RepairOrder, { description: 'Opens a repair order (委托书), numbered per station "WO2026-000123". PARTS_CLERK or STATION_MANAGER.' })
  openRepairOrder(@Ctx() ctx: Context, @Arg('input', () => RepairOrderInput) input: RepairOrderInput): Promise<RepairOrder> {
    return repairOrderService.open(ctx, input);
  }

  @Mutation(() => RepairOrder, { description: 'OPEN / IN_PROGRESS → COMPLETED. Parts may still be issued, returned and re-priced until settlement.' })
  completeRepairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.transition(ctx, id, 'COMPLETE');
  }

  @Mutation(() => RepairOrder, { description: 'COMPLETED → SETTLED: no issue, return or price change after this (CONFLICT).' })
  settleRepairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.transition(ctx, id, 'SETTLE');
  }

  @Mutation(() => RepairOrder, { description: 'OPEN / IN_PROGRESS → CANCELLED, only while no parts are issued net (return them first).' })
  cancelRepairOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.transition(ctx, id, 'CANCEL');
  }

  @Mutation(() => EstimatedPart, { description: '预估材料: adds an expected part to the repair order; `requisitionEstimatedParts` issues them in one call.' })
  addEstimatedPart(@Ctx() ctx: Context, @Arg('repairOrderId', () => ID) repairOrderId: string, @Arg('input', () => EstimatedPartInput) input: EstimatedPartInput): Promise<EstimatedPart> {
    return repairOrderService.addEstimate(ctx, repairOrderId, input);
  }

  @Mutation(() => RepairOrder, { description: 'Removes an estimated part not yet turned into a requisition.' })
  removeEstimatedPart(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RepairOrder> {
    return repairOrderService.removeEstimate(ctx, id);
  }

  @FieldResolver(() => [EstimatedPart])
  estimatedParts(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<EstimatedPart[]> {
    return repairOrderService.estimates(ctx, o);
  }

  @FieldResolver(() => [Requisition], { description: 'Recorded requisitions, oldest first.' })
  requisitions(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<Requisition[]> {
    return requisitionsLoader(ctx).load(o.id);
  }

  @FieldResolver(() => DecimalScalar, { description: 'Σ (issued − returned) × unitPrice over every requisition line.' })
  async partsCost(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<string> {
    return (await partsReportService.report(ctx, o.id)).partsCost;
  }

  @FieldResolver(() => PartsReport, { description: '服务单配件明细: requested, issued, returned, shortfall, prices and amounts per part and price.' })
  partsReport(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<PartsReport> {
    return partsReportService.report(ctx, o.id);
  }

  @FieldResolver(() => String, { description: 'Pass as `after` to get the next page.' })
  cursor(@Root() o: RepairOrder): string {
    return repairOrderService.cursorOf(o);
  }
}
