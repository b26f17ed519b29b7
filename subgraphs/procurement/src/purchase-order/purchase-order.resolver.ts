import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { Supplier } from '../supplier/supplier.type';
import { supplierLoader } from '../supplier/supplier.service';
import { GoodsReceipt } from '../receiving/receiving.type';
import { receiptsByOrderLoader, toReceipt } from '../receiving/receiving.service';
import { orderLinesLoader, purchaseOrderService, toLine } from './purchase-order.service';
import { PurchaseOrder, PurchaseOrderInput, PurchaseOrderLine, PurchaseOrderStatus } from './purchase-order.type';

@Resolver(() => PurchaseOrder)
export class PurchaseOrderResolver {
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

  @Mutation(() => PurchaseOrder, { description: 'A DRAFT order; PURCHASER or STATION_MANAGER of the station (HQ names the station).' })
  createPurchaseOrder(@Ctx() ctx: Context, @Arg('input', () => PurchaseOrderInput) input: PurchaseOrderInput): Promise<PurchaseOrder> {
    return purchaseOrderService.create(ctx, input);
  }

  @Mutation(() => PurchaseOrder, { description: 'DRAFT → SUBMITTED (sent to the supplier).' })
  submitPurchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'submit');
  }

  @Mutation(() => PurchaseOrder, { description: 'SUBMITTED → SHIPPED (已到货): goods may now be received.' })
  markShipped(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'ship');
  }

  @Mutation(() => PurchaseOrder, { description: 'DRAFT, SUBMITTED or SHIPPED → CANCELLED, while nothing has been received.' })
  cancelPurchaseOrder(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<PurchaseOrder> {
    return purchaseOrderService.transition(ctx, id, 'cancel');
  }

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
    return (await orderLinesLoader(ctx).load(o.id)).map(toLine);
  }

  @FieldResolver(() => [GoodsReceipt], { description: 'Receipts against this order, oldest first.' })
  async receipts(@Root() o: PurchaseOrder, @Ctx() ctx: Context): Promise<GoodsReceipt[]> {
    return (await receiptsByOrderLoader(ctx).load(o.id)).map(toReceipt);
  }
}
