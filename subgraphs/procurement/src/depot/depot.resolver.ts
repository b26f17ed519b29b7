/** The order loop with HQ's parts depot (备品部): HQ's order desk, the stations' view of the depot, the network and the scorecards. */
import { Authorized, Arg, Args, ArgsType, Ctx, Field, ID, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { refusal, ErrorCode, scopeStation, PageArgs, pageType, type Context, idInput } from '../../../shared/src';
import { PurchaseOrder, PurchaseOrderStatus } from '../purchase-order/purchase-order.type';
import { depotService } from './depot.service';
import { depotViews } from './depot-views.service';
import { DepotAvailability, DepotConfirmLineInput, NetworkStock, StationScorecard } from './depot.type';
import { PurchaseOrderUpdateFeed, type PurchaseOrderUpdate } from './purchase-order-update.feed';

interface UpdateArgs { stationId?: string | null; afterSeq?: number | null }

export async function subscribePurchaseOrderUpdates(ctx: Context, args: UpdateArgs): Promise<AsyncIterableIterator<PurchaseOrderUpdate>> {
  const stationId = scopeStation(ctx, args.stationId ?? null);
  if (stationId !== null) idInput(stationId, 'stationId', 'stationId is not an id');
  const afterSeq = args.afterSeq ?? null;
  if (afterSeq !== null && afterSeq < 0) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE', 'afterSeq must be 0 or more', { field: 'afterSeq' });
  return PurchaseOrderUpdateFeed.of(ctx.runtime).subscribe(stationId, afterSeq, () => ctx.log.warn({ stationId }, 'purchase order update subscriber fell too far behind; cut off'));
}

@ArgsType()
class DepotOrdersPageArgs extends PageArgs {
  @Field(() => PurchaseOrderStatus, { nullable: true }) status?: PurchaseOrderStatus | null;
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only orders with a line of this part.' }) partId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: orders the desk still has to confirm or ship.' }) open?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: orders with a back-ordered quantity still owed (欠货).' }) backordered?: boolean | null;
  @Field(() => Date, { nullable: true, description: 'Submitted from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Submitted before this instant (exclusive).' }) to?: Date | null;
}

@Resolver()
export class DepotResolver {
  @Authorized('HQ_ADMIN')
  @Query(() => pageType(PurchaseOrder), { description: 'HQ: depotOrders page by page, oldest submitted first (sort: submittedAt, number, status, expectedAt); filters: status, stationId, partId, open, backordered, from, to.' })
  depotOrdersPage(@Ctx() ctx: Context, @Args() args: DepotOrdersPageArgs) {
    return depotService.ordersPage(ctx, args);
  }

  @Authorized('HQ_ADMIN')
  @Query(() => [PurchaseOrder], { description: 'HQ: the stations\' orders to the depot (备件订单上传), submitted ones, oldest first.' })
  depotOrders(
    @Ctx() ctx: Context,
    @Arg('status', () => PurchaseOrderStatus, { nullable: true }) status?: PurchaseOrderStatus | null,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ): Promise<PurchaseOrder[]> {
    return depotService.orders(ctx, { status, stationId, first, after });
  }

  @Query(() => [DepotAvailability], { description: 'What HQ\'s depot can ship of these parts now, and when more arrives (备品部备件库存查询).' })
  depotAvailability(@Ctx() ctx: Context, @Arg('partIds', () => [ID]) partIds: string[]): Promise<DepotAvailability[]> {
    return depotViews.availability(ctx, partIds);
  }

  @Authorized('HQ_ADMIN')
  @Query(() => [NetworkStock], { description: 'HQ: the part at every station of the network, the depot included (备件库存上传).' })
  networkStock(@Ctx() ctx: Context, @Arg('partId', () => ID) partId: string): Promise<NetworkStock[]> {
    return depotViews.networkStock(ctx, partId);
  }

  @Authorized('HQ_ADMIN')
  @Query(() => [StationScorecard], { description: 'HQ: every station\'s month (服务站考评), "2026-10".' })
  stationScorecards(@Ctx() ctx: Context, @Arg('month') month: string): Promise<StationScorecard[]> {
    return depotViews.scorecards(ctx, month);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => PurchaseOrder, { description: 'HQ: confirmed quantities are reserved in the depot\'s stock (never more than available: INSUFFICIENT_STOCK, nothing reserved); the rest is back-ordered.' })
  confirmDepotOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('lines', () => [DepotConfirmLineInput]) lines: DepotConfirmLineInput[]): Promise<PurchaseOrder> {
    return depotService.confirm(ctx, id, lines);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => Boolean, { description: 'HQ: whether back-orders of this part are confirmed automatically, oldest first, when the depot receives stock (default true).' })
  setDepotBackorderRule(@Ctx() ctx: Context, @Arg('partId', () => ID) partId: string, @Arg('autoConfirm') autoConfirm: boolean): Promise<boolean> {
    return depotService.setBackorderRule(ctx, partId, autoConfirm);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => PurchaseOrder, { description: 'HQ: the confirmed quantities leave the depot\'s bins (DEPOT_SHIPMENT); the order becomes SHIPPED with a delivery note. The same key again: the same shipment.' })
  shipDepotOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('idempotencyKey') idempotencyKey: string): Promise<PurchaseOrder> {
    return depotService.ship(ctx, id, idempotencyKey);
  }

  @Subscription(() => PurchaseOrder, {
    description: 'A station\'s orders as they move (备件订单处理情况): submitted, confirmed, back-ordered, shipped, received. A station user: always their own; HQ: one station or all.',
    subscribe: ({ args, context }) => subscribePurchaseOrderUpdates(context as Context, args as UpdateArgs),
  })
  purchaseOrderUpdates(
    @Root() update: PurchaseOrderUpdate,
    @Arg('stationId', () => ID, { nullable: true }) _stationId?: string,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'Resume: first the updates after this procurement event seq.' }) _afterSeq?: number,
    @Ctx() ctx?: Context,
  ): PurchaseOrder {
    // The subscription's context lives as long as the subscription: each event reads its lines afresh, as a new request would.
    ctx?.loaders.clear();
    return update.order;
  }
}
