import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { Supplier } from '../supplier/supplier.type';
import { supplierLoader } from '../supplier/supplier.service';
import { PurchaseOrder } from '../purchase-order/purchase-order.type';
import { orderLoader, toOrder } from '../purchase-order/purchase-order.service';
import { GoodsReceipt } from '../receiving/receiving.type';
import { receiptLoader, toReceipt } from '../receiving/receiving.service';
import { DamageClaim, DamageClaimLine, DamageClaimStatus } from './damage-claim.type';
import { claimLinesLoader, damageClaimService, toClaimLine } from './damage-claim.service';
import { returnDamagedGoods } from './damage-claim-return.service';

@ArgsType()
class DamageClaimsPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => DamageClaimStatus, { nullable: true }) status?: DamageClaimStatus | null;
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only claims with a line of this part.' }) partId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Created from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Created before this instant (exclusive).' }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the goods went back to the supplier; false: they are still in quarantine.' }) returned?: boolean | null;
}

export const DamageClaimPage = pageType(DamageClaim);

@Resolver(() => DamageClaim)
export class DamageClaimResolver {
  @Query(() => DamageClaimPage, { description: 'Damage claims page by page, newest first (sort: createdAt, number, status, amount); a station user sees their own station\'s.' })
  damageClaimsPage(@Ctx() ctx: Context, @Args() args: DamageClaimsPageArgs) {
    return damageClaimService.page(ctx, args);
  }

  @Query(() => [DamageClaim], { description: 'Newest first; a station user sees their own station\'s claims.' })
  damageClaims(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('status', () => DamageClaimStatus, { nullable: true }) status?: DamageClaimStatus | null,
  ): Promise<DamageClaim[]> {
    return damageClaimService.list(ctx, stationId, status);
  }

  @Query(() => DamageClaim, { nullable: true })
  damageClaim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DamageClaim | null> {
    return damageClaimService.byId(ctx, id);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => DamageClaim, { description: 'OPEN → SUBMITTED: sent to the supplier.' })
  submitDamageClaim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<DamageClaim> {
    return damageClaimService.transition(ctx, id, 'submit');
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => DamageClaim, { description: 'SUBMITTED → ACCEPTED: the supplier accepted the claim.' })
  acceptDamageClaim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note?: string | null): Promise<DamageClaim> {
    return damageClaimService.transition(ctx, id, 'accept', note);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => DamageClaim, { description: 'SUBMITTED → REJECTED: the supplier refused the claim.' })
  rejectDamageClaim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<DamageClaim> {
    return damageClaimService.transition(ctx, id, 'reject', reason);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => DamageClaim, { description: 'ACCEPTED or REJECTED → SETTLED.' })
  settleDamageClaim(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note?: string | null): Promise<DamageClaim> {
    return damageClaimService.transition(ctx, id, 'settle', note);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => DamageClaim, {
    description: 'The claim\'s damaged goods leave quarantine back to the supplier (ledger SUPPLIER_RETURN), once the claim is SUBMITTED or ACCEPTED. Same key again: the first result; another key after the return: CONFLICT, reason ALREADY_RETURNED.',
  })
  returnDamagedGoods(@Ctx() ctx: Context, @Arg('damageClaimId', () => ID) damageClaimId: string, @Arg('idempotencyKey') idempotencyKey: string): Promise<DamageClaim> {
    return returnDamagedGoods(ctx, damageClaimId, idempotencyKey);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() c: DamageClaim, @Ctx() ctx: Context): Promise<Supplier | null> {
    return supplierLoader(ctx).load(c.supplierId);
  }

  @FieldResolver(() => [DamageClaimLine])
  async lines(@Root() c: DamageClaim, @Ctx() ctx: Context): Promise<DamageClaimLine[]> {
    return (await claimLinesLoader(ctx).load(c.id)).map(toClaimLine);
  }

  @FieldResolver(() => PurchaseOrder, { nullable: true, description: 'The replacement order (补发订单, "P…") with its current status.' })
  async replacementOrder(@Root() c: DamageClaim, @Ctx() ctx: Context): Promise<PurchaseOrder | null> {
    if (!c.replacementOrderId) return null;
    const row = await orderLoader(ctx).load(c.replacementOrderId);
    return row ? toOrder(row) : null;
  }

  @FieldResolver(() => PurchaseOrder, { description: 'The order whose delivery was damaged.' })
  async purchaseOrder(@Root() c: DamageClaim, @Ctx() ctx: Context): Promise<PurchaseOrder> {
    return toOrder((await orderLoader(ctx).load(c.purchaseOrderId))!); // a claim's order exists (foreign key)
  }

  @FieldResolver(() => GoodsReceipt, { nullable: true, description: 'The receipt on which the damage was found.' })
  async goodsReceipt(@Root() c: DamageClaim, @Ctx() ctx: Context): Promise<GoodsReceipt | null> {
    if (!c.goodsReceiptId) return null;
    const row = await receiptLoader(ctx).load(c.goodsReceiptId);
    return row ? toReceipt(row) : null;
  }
}
