import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';

export enum TransferStatus {
  DRAFT = 'DRAFT',
  SHIPPED = 'SHIPPED',
  RECEIVED = 'RECEIVED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(TransferStatus, { name: 'TransferStatus', description: 'DRAFT (stock held at the source) → SHIPPED (in transit) → RECEIVED; CANCELLED releases the hold.' });

@ObjectType({ description: 'A bin of a transfer line and the quantity there: picked from (fromBins) or put away into (toBins).' })
export class TransferLineBin {
  @Field(() => Float) quantity: number;
  binId: string;
}

@ObjectType()
export class TransferLine {
  @Field(() => ID) id: string;
  @Field(() => Float) quantity: number;
  @Field(() => Float) received: number;
  @Field(() => Float, { description: 'Shipped but not received (lost or damaged in transit), recorded at receipt.' }) difference: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'Settlement price between stations (surplus swaps).' }) unitPrice: string | null;
  @Field(() => Float, { description: 'Received short and not yet written off: stays on the transfer until an approved write-off (requestTransferWriteOff) takes it off.' }) missing: number;
  @Field(() => Float, { description: 'Of the difference, what approved write-offs have taken off.' }) writtenOff: number;
  @Field(() => Int, { description: 'Line number on the transfer note, from 1.' }) lineNo: number;
  @Field(() => [TransferLineBin], { description: 'The source bins the line is picked from (held while DRAFT, shipped from them), for the transfer note (调拨单).' }) fromBins: TransferLineBin[];
  partId: string;
  transferNumber: string;
  /** The receiving bin recorded at receipt (null before received, and on lines received before it was recorded). */
  putAwayBinId: string | null;
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
  @Field() createdBy: string;
  @Field(() => String, { nullable: true }) shippedBy: string | null;
  @Field(() => String, { nullable: true }) receivedBy: string | null;
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

export enum TransferDirection {
  IN = 'IN',
  OUT = 'OUT',
}
registerEnumType(TransferDirection, { name: 'TransferDirection', description: 'IN: to the station; OUT: from it.' });
