/** GraphQL types of goods receipts (验收入库单). */
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional, IsUUID, Length } from 'class-validator';
import { BinLocation, Part, Warehouse } from '../stub/entity-stubs';

@ObjectType({ description: 'One inspected line of a goods receipt.' })
export class GoodsReceiptLine {
  @Field(() => ID) id: string;
  @Field(() => ID) purchaseOrderLineId: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) received: number;
  @Field(() => Float, { description: 'received − damaged; put into `bin`.' }) accepted: number;
  @Field(() => Float, { description: 'Put into the warehouse\'s quarantine bin and claimed from the supplier.' }) damaged: number;
  @Field(() => String, { nullable: true }) damageReason: string | null;
  @Field(() => BinLocation, { nullable: true, description: 'Where the accepted quantity went (null until stock has posted it).' }) bin: BinLocation | null;
  @Field(() => BinLocation, { nullable: true, description: 'The quarantine bin holding the damaged quantity.' }) quarantineBin: BinLocation | null;
  goodsReceiptId: string;
}

@ObjectType({ description: 'A goods receipt (验收入库): what arrived against a purchase order, inspected.' })
export class GoodsReceipt {
  @Field(() => ID) id: string;
  @Field({ description: 'Per station and year, e.g. "RK2026-000001".' }) number: string;
  @Field(() => Warehouse) warehouse: Warehouse;
  @Field() receivedAt: Date;
  @Field() receivedBy: string;
  @Field({ description: 'True once the stock subgraph has booked the receipt (it is retried until it has).' }) stockPosted: boolean;
  purchaseOrderId: string;
  damageClaimId: string | null;
  stationId: string;
}

@InputType()
export class ReceiptLineInput {
  @Field(() => ID) @IsUUID('all', { message: 'purchaseOrderLineId must be an id' }) purchaseOrderLineId: string;
  @Field(() => Float, { description: 'Counted on delivery (验收数), damaged included.' }) received: number;
  @Field(() => Float, { defaultValue: 0 }) damaged: number;
  @Field(() => String, { nullable: true, description: 'Required when damaged > 0 (验收说明).' }) @IsOptional() @Length(0, 500) damageReason?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default: the part\'s remembered bin in the warehouse.' }) @IsOptional() @IsUUID('all', { message: 'binId must be an id' }) binId?: string | null;
}

export class ReceiveGoodsArgs {
  purchaseOrderId: string;
  warehouseId: string;
  lines: ReceiptLineInput[];
  idempotencyKey: string;
  allowOverReceipt?: boolean | null;
}

