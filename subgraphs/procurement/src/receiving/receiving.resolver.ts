import { Authorized, Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { PurchaseOrder } from '../purchase-order/purchase-order.type';
import { orderLoader, toOrder } from '../purchase-order/purchase-order.service';
import { DamageClaim } from '../damage-claim/damage-claim.type';
import { claimLoader, toClaim } from '../damage-claim/damage-claim.service';
import { GoodsReceipt, GoodsReceiptLine, ReceiptLineInput } from './receiving.type';
import { receiptLinesLoader, receivingService, toReceiptLine } from './receiving.service';

@Resolver(() => GoodsReceipt)
export class ReceivingResolver {
  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => GoodsReceipt, {
    description: '验收入库: accepted (received − damaged) into the given or remembered bin, damaged into quarantine with one damage claim and one "P…" replacement order. Same idempotencyKey with the same request again: the first receipt, nothing changed; with another request: CONFLICT (IDEMPOTENCY_KEY_REUSED).',
  })
  receiveGoods(
    @Ctx() ctx: Context,
    @Arg('purchaseOrderId', () => ID) purchaseOrderId: string,
    @Arg('warehouseId', () => ID) warehouseId: string,
    @Arg('lines', () => [ReceiptLineInput]) lines: ReceiptLineInput[],
    @Arg('idempotencyKey') idempotencyKey: string,
    @Arg('allowOverReceipt', { nullable: true, defaultValue: false, description: 'Accept more than ordered (the supplier sent extra).' }) allowOverReceipt: boolean,
  ): Promise<GoodsReceipt> {
    return receivingService.receive(ctx, { purchaseOrderId, warehouseId, lines, idempotencyKey, allowOverReceipt });
  }

  @Query(() => GoodsReceipt, { nullable: true })
  goodsReceipt(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<GoodsReceipt | null> {
    return receivingService.byId(ctx, id);
  }

  @FieldResolver(() => PurchaseOrder)
  async purchaseOrder(@Root() g: GoodsReceipt, @Ctx() ctx: Context): Promise<PurchaseOrder> {
    return toOrder((await orderLoader(ctx).load(g.purchaseOrderId))!); // a receipt's order exists (foreign key)
  }

  @FieldResolver(() => [GoodsReceiptLine])
  async lines(@Root() g: GoodsReceipt, @Ctx() ctx: Context): Promise<GoodsReceiptLine[]> {
    return (await receiptLinesLoader(ctx).load(g.id)).map(toReceiptLine);
  }

  @FieldResolver(() => DamageClaim, { nullable: true })
  async damageClaim(@Root() g: GoodsReceipt, @Ctx() ctx: Context): Promise<DamageClaim | null> {
    if (!g.damageClaimId) return null;
    const row = await claimLoader(ctx).load(g.damageClaimId);
    return row ? toClaim(row) : null;
  }
}

