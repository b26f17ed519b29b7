import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DecimalScalar, formatCents, lineAmount, lineCents, PageArgs, pageType, type Context } from '../../../shared/src';
import { DamageClaim } from '../damage-claim/damage-claim.type';
import { claimsByOrderLoader, toClaim } from '../damage-claim/damage-claim.service';
import { Supplier } from '../supplier/supplier.type';
import { supplierLoader } from '../supplier/supplier.service';
import { GoodsReceipt } from '../receiving/receiving.type';
import { receiptsByOrderLoader, toReceipt } from '../receiving/receiving.service';
import { orderLinesLoader, purchaseOrderService, toLine } from './purchase-order.service';
import { PurchaseOrder, PurchaseOrderInput, PurchaseOrderKind, PurchaseOrderLine, PurchaseOrderStatus } from './purchase-order.type';
import { SupplierOffer } from '../supplier-offer/supplier-offer.type';
import { offersByPartLoader, toOffer } from '../supplier-offer/supplier-offer.service';

@ArgsType()
class PurchaseOrdersPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => PurchaseOrderStatus, { nullable: true }) status?: PurchaseOrderStatus | null;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => PurchaseOrderKind, { nullable: true }) kind?: PurchaseOrderKind | null;
  @Field(() => ID, { nullable: true, description: 'Only orders with a line of this part.' }) partId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only orders to HQ\'s depot (备件订单, a station\'s view of its depot orders); false: only orders to other suppliers.' }) toDepot?: boolean | null;
  @Field(() => Date, { nullable: true, description: 'Created from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Created before this instant (exclusive).' }) to?: Date | null;
}

export const PurchaseOrderPage = pageType(PurchaseOrder);

@Resolver(() => PurchaseOrder)
export class PurchaseOrderResolver {
  @Query(() => PurchaseOrderPage, { description: 'Purchase orders page by page, newest first (sort: createdAt, number, status, submittedAt, expectedAt); a station user sees their own station\'s.' })
  purchaseOrdersPage(@Ctx() ctx: Context, @Args() args: PurchaseOrdersPageArgs) {
    return purchaseOrderService.page(ctx, args);
  }

  @Query(() => [PurchaseOrder], { description: 'Newest first; a station user sees their own station\'s orders.' })
  purchaseOrders(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('status', () => PurchaseOrderStatus, { nullable: true }) status?: PurchaseOrderStatus | null,
  ): Promise<PurchaseOrder[]> {
    return purchaseOrderService.list(ctx, stationId, status);
  }

  @Query(() => PurchaseOrder, { nullable: true })
  purchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder | null> {
    return purchaseOrderService.byId(ctx, id);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'A DRAFT order; PURCHASER or STATION_MANAGER of the station (HQ names the station).' })
  createPurchaseOrder(@Ctx() ctx: Context, @Arg('input', () => PurchaseOrderInput) input: PurchaseOrderInput): Promise<PurchaseOrder> {
    return purchaseOrderService.create(ctx, input);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'DRAFT → SUBMITTED (sent to the supplier).' })
  submitPurchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'submit');
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'SUBMITTED → SHIPPED (已到货): goods may now be received.' })
  markShipped(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'ship');
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'DRAFT, SUBMITTED or SHIPPED → CANCELLED, while nothing has been received; the reason is kept (cancelReason).' })
  cancelPurchaseOrder(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why (up to 2000 characters).' }) reason?: string | null,
  ): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'cancel', { reason });
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'A DRAFT\'s supplier, lines and note, replaced as given (prices default to the supplier\'s offer). Not a draft: CONFLICT, reason ORDER_NOT_DRAFT.' })
  updatePurchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => PurchaseOrderInput) input: PurchaseOrderInput): Promise<PurchaseOrder> {
    return purchaseOrderService.update(ctx, id, input);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => PurchaseOrder, { description: 'RECEIVED or PARTIALLY_RECEIVED → CLOSED (a partial order is closed short).' })
  closePurchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'close');
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() o: PurchaseOrder, @Ctx() ctx: Context): Promise<Supplier | null> {
    return supplierLoader(ctx).load(o.supplierId);
  }

  @FieldResolver(() => [PurchaseOrderLine])
  async lines(@Root() o: PurchaseOrder, @Ctx() ctx: Context): Promise<PurchaseOrderLine[]> {
    return (await orderLinesLoader(ctx).load(o.id)).map((r) => Object.assign(toLine(r), { supplierId: o.supplierId }));
  }

  @FieldResolver(() => DecimalScalar, { description: 'Σ quantity × unit price over the lines, in cents exactly.' })
  async amount(@Root() o: PurchaseOrder, @Ctx() ctx: Context): Promise<string> {
    const lines = await orderLinesLoader(ctx).load(o.id);
    return formatCents(lines.reduce((sum, l) => sum + lineCents(Number(l.quantity), String(l.unit_price)), 0n));
  }

  @FieldResolver(() => [DamageClaim], { description: 'Damage claims raised on this order\'s receipts, oldest first.' })
  async damageClaims(@Root() o: PurchaseOrder, @Ctx() ctx: Context): Promise<DamageClaim[]> {
    return (await claimsByOrderLoader(ctx).load(o.id)).map(toClaim);
  }

  @FieldResolver(() => [GoodsReceipt], { description: 'Receipts against this order, oldest first.' })
  async receipts(@Root() o: PurchaseOrder, @Ctx() ctx: Context): Promise<GoodsReceipt[]> {
    return (await receiptsByOrderLoader(ctx).load(o.id)).map(toReceipt);
  }
}

/** What a line shows beside its own figures: the supplier's offer for the part (price, lead time, minimum, pack). */
@Resolver(() => PurchaseOrderLine)
export class PurchaseOrderLineResolver {
  @FieldResolver(() => SupplierOffer, { nullable: true, description: 'The order\'s supplier\'s current offer for this part (null when it has none).' })
  async offer(@Root() l: PurchaseOrderLine, @Ctx() ctx: Context): Promise<SupplierOffer | null> {
    if (!l.supplierId) return null;
    const row = (await offersByPartLoader(ctx).load(l.partId)).find((o) => o.supplierId === l.supplierId);
    return row ? toOffer(ctx, row) : null;
  }

  @FieldResolver(() => DecimalScalar, { description: 'quantity × unitPrice.' })
  amount(@Root() l: PurchaseOrderLine): string {
    return lineAmount(l.quantity, l.unitPrice);
  }
}
