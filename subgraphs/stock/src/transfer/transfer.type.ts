import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';

export enum TransferStatus {
  DRAFT = 'DRAFT',
  SHIPPED = 'SHIPPED',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TransferStatus, { name: 'TransferStatus', description: 'DRAFT (stock held at the source) → SHIPPED (in transit) → RECEIVED; CANCELLED releases the hold.' });

@ObjectType()
export class TransferLine {
  @Field(() => ID) id: string;
  @Field(() => Float) quantity: number;
  @Field(() => Float) received: number;
  @Field(() => Float, { description: 'Shipped but not received (lost or damaged in transit), recorded at receipt.' }) difference: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Settlement price between stations (surplus swaps).' }) unitPrice: string | null;
  partId: string;
}

@ObjectType({ description: 'A stock transfer between warehouses (调拨), also between stations for surplus swaps.' })
export class Transfer {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => TransferStatus) status: TransferStatus;
  @Field(() => [TransferLine]) lines: TransferLine[];
  @Field(() => ID, { nullable: true, description: 'The surplus swap this transfer carries out.' }) swapId: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) shippedAt: Date | null;
  @Field(() => Date, { nullable: true }) receivedAt: Date | null;
  fromWarehouseId: string;
  toWarehouseId: string;
}

@InputType()
export class TransferLineInput {
  @Field(() => ID) @IsUUID() partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => ID, { nullable: true, description: 'Pick from this bin; else the source warehouse\'s bins with most available.' }) @IsOptional() @IsUUID() binId?: string | null;
  @Field(() => String, { nullable: true, description: 'Scanned barcode (条码对货).' }) @IsOptional() barcode?: string | null;
}

@InputType()
export class TransferReceiptLineInput {
  @Field(() => ID) @IsUUID() transferLineId: string;
  @Field(() => Float, { description: 'What arrived; less than shipped records a difference.' }) quantity: number;
  @Field(() => ID, { nullable: true, description: 'Into this bin; else the remembered bin.' }) @IsOptional() @IsUUID() binId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() barcode?: string | null;
}
