/** Lost sales (未满足需求): a customer asked for a part the counter could not serve. */
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUUID, MaxLength } from 'class-validator';
import { Station } from '../repair-order/repair-order.type';
import { Part } from '../entity-stubs';

export enum LostSaleReason {
  NOT_STOCKED = 'NOT_STOCKED',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  PRICE = 'PRICE',
  OTHER = 'OTHER',
}
registerEnumType(LostSaleReason, { name: 'LostSaleReason', description: 'Why the counter could not sell: the part is not stocked here, it is out of stock, the customer found the price too high, or another reason.' });

@ObjectType({ description: 'Demand the counter could not serve from stock: the customer left (lost) or the part was bought in an emergency.' })
export class LostSale {
  @Field(() => ID) id: string;
  @Field(() => Station) station: Station;
  @Field(() => Part) part: Part;
  @Field(() => Float) quantity: number;
  @Field(() => LostSaleReason) reason: LostSaleReason;
  @Field({ description: 'true: the counter bought it in an emergency (紧急采购) instead of losing the sale.' }) emergencyPurchase: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() recordedBy: string;
  @Field() recordedAt: Date;
  stationId: string;
}

@InputType()
export class LostSaleInput {
  @Field(() => ID, { nullable: true, description: 'HQ names the station; station users record for their own.' }) @IsOptional() @IsUUID('all', { message: 'stationId must be an id' }) stationId?: string | null;
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => LostSaleReason) reason: LostSaleReason;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) @IsOptional() emergencyPurchase?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) note?: string | null;
  @Field(() => String, { nullable: true, description: 'Optional: the same key again returns the first record and counts nothing twice; the key with another part, quantity, reason or emergencyPurchase is a CONFLICT (IDEMPOTENCY_KEY_REUSED).' }) @IsOptional() idempotencyKey?: string | null;
}
