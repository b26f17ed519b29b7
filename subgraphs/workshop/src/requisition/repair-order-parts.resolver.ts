/**
 * The parts side of a repair order — its requisitions, returns (退料单),
 * parts cost and parts report — resolved here, next to the requisitions that
 * own those rows, so that repair-order/ never imports requisition/.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DecimalScalar, type Context } from '../../../shared/src';
import { PartsReport, RepairOrder } from '../repair-order/repair-order.type';
import { PartsReturn, Requisition } from './requisition.type';
import { returnsByOrderLoader } from './requisition-line.service';
import { partsReportService } from './parts-report.service';
import { requisitionsLoader } from './requisition.service';

@Resolver(() => RepairOrder)
export class RepairOrderPartsResolver {
  @FieldResolver(() => [PartsReturn], { description: 'Every return (退料) of its requisitions, oldest first: the 退料单.' })
  returns(@Root() o: RepairOrder, @Ctx() ctx: Context): Promise<PartsReturn[]> {
    return returnsByOrderLoader(ctx).load(o.id);
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
}
