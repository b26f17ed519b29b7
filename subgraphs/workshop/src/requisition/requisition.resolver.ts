import { User, person } from '../entity-stubs';
import { Authorized, Arg, Ctx, FieldResolver, Float, ID, Mutation, Resolver, Root } from 'type-graphql';
import { DecimalScalar, type Context } from '../../../shared/src';
import { RepairOrder } from '../repair-order/repair-order.type';
import { repairOrderLoader } from '../repair-order/repair-order.service';
import { PartsReturn, Requisition, RequisitionLine, RequisitionLineInput, RequisitionPriceChange } from './requisition.type';
import { linesLoader, priceChangesLoader, requisitionService } from './requisition.service';
import { requisitionLineService, returnsByLineLoader } from './requisition-line.service';

@Resolver(() => Requisition)
export class RequisitionResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who requested it (requestedBy) as a person.' })
  requestedByUser(@Root() x: any): User | null {
    return person(x.requestedBy);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Requisition, { description: 'Issues parts to a repair order from bins (given bin, else the remembered one, else any with stock). What is not available becomes shortfall and a shortage with procurement. allowPartial=false: INSUFFICIENT_STOCK and nothing issued. Same idempotencyKey again: the first result, nothing issued twice. PARTS_CLERK or STATION_MANAGER.' })
  requisitionParts(
    @Ctx() ctx: Context,
    @Arg('repairOrderId', () => ID) repairOrderId: string,
    @Arg('lines', () => [RequisitionLineInput]) lines: RequisitionLineInput[],
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Arg('allowPartial', () => Boolean, { nullable: true, defaultValue: true }) allowPartial: boolean | null,
  ): Promise<Requisition> {
    return requisitionService.requisition(ctx, repairOrderId, lines, allowPartial ?? true, idempotencyKey);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Requisition, { description: '预估材料 → 领料: the open estimated parts (all, or those named) issued as one requisition. warehouseId: for estimates that name none.' })
  requisitionEstimatedParts(
    @Ctx() ctx: Context,
    @Arg('repairOrderId', () => ID) repairOrderId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Arg('estimatedPartIds', () => [ID], { nullable: true }) estimatedPartIds: string[] | null,
    @Arg('warehouseId', () => ID, { nullable: true }) warehouseId: string | null,
    @Arg('allowPartial', () => Boolean, { nullable: true, defaultValue: true }) allowPartial: boolean | null,
  ): Promise<Requisition> {
    return requisitionService.fromEstimates(ctx, repairOrderId, estimatedPartIds, warehouseId, allowPartial ?? true, idempotencyKey);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Requisition, { description: '一进一出: buys a part not stocked (a direct purchase order received into the warehouse) and issues it to the repair order at once; both movements are in the ledger. unitPrice: the purchase price (else the supplier\'s).' })
  purchaseAndIssue(
    @Ctx() ctx: Context,
    @Arg('repairOrderId', () => ID) repairOrderId: string,
    @Arg('partId', () => ID) partId: string,
    @Arg('quantity', () => Float) quantity: number,
    @Arg('warehouseId', () => ID) warehouseId: string,
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId: string | null,
    @Arg('unitPrice', () => DecimalScalar, { nullable: true }) unitPrice: string | null,
  ): Promise<Requisition> {
    return requisitionService.purchaseAndIssue(ctx, { repairOrderId, partId, quantity, warehouseId, supplierId, unitPrice, idempotencyKey });
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => RequisitionLine, { description: '退料: takes parts back into a bin (the given one, else the remembered one, else where they came from); never more than issued − returned. idempotencyKey (optional): the same key again returns nothing more.' })
  returnParts(
    @Ctx() ctx: Context,
    @Arg('requisitionLineId', () => ID) requisitionLineId: string,
    @Arg('quantity', () => Float) quantity: number,
    @Arg('binId', () => ID, { nullable: true }) binId: string | null,
    @Arg('idempotencyKey', () => String, { nullable: true }) idempotencyKey: string | null,
    @Arg('reason', () => String, { nullable: true, description: 'Why the parts come back (up to 2,000 characters); printed on the 退料单.' }) reason: string | null,
  ): Promise<RequisitionLine> {
    return requisitionLineService.returnParts(ctx, requisitionLineId, quantity, binId, idempotencyKey, reason);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => RequisitionLine, { description: '调价: STATION_MANAGER; never above the HQ cap; recorded in priceChanges.' })
  adjustLinePrice(
    @Ctx() ctx: Context,
    @Arg('requisitionLineId', () => ID) requisitionLineId: string,
    @Arg('unitPrice', () => DecimalScalar) unitPrice: string,
  ): Promise<RequisitionLine> {
    return requisitionLineService.adjustPrice(ctx, requisitionLineId, unitPrice);
  }

  @FieldResolver(() => [RequisitionLine])
  lines(@Root() r: Requisition, @Ctx() ctx: Context): Promise<RequisitionLine[]> {
    return linesLoader(ctx).load(r.id);
  }

  @FieldResolver(() => RepairOrder)
  async repairOrder(@Root() r: Requisition, @Ctx() ctx: Context): Promise<RepairOrder> {
    return (await repairOrderLoader(ctx).load(r.repairOrderId))!;
  }
}

@Resolver(() => RequisitionLine)
export class RequisitionLineResolver {
  @FieldResolver(() => [PartsReturn], { description: 'Its returns (退料), oldest first.' })
  returns(@Root() line: RequisitionLine, @Ctx() ctx: Context): Promise<PartsReturn[]> {
    return returnsByLineLoader(ctx).load(line.id);
  }

  @FieldResolver(() => [RequisitionPriceChange])
  priceChanges(@Root() line: RequisitionLine, @Ctx() ctx: Context): Promise<RequisitionPriceChange[]> {
    return priceChangesLoader(ctx).load(line.id);
  }
}

@Resolver(() => PartsReturn)
export class PartsReturnResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who took the parts back (returnedBy) as a person.' })
  returnedByUser(@Root() r: PartsReturn): User | null {
    return person(r.returnedBy);
  }
}
