/** Counter sales (配件销售): a sale of parts across the counter, priced by customer type. */
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';
import { Station } from '../repair-order/repair-order.type';
import { BinLocation, Part, Shortage } from '../entity-stubs';

export enum CustomerType {
  WALK_IN = 'WALK_IN',
  MEMBER = 'MEMBER',
  WHOLESALE = 'WHOLESALE',
  INSURANCE = 'INSURANCE',
}
registerEnumType(CustomerType, { name: 'CustomerType', description: 'Who buys: the price tier follows (WALK_IN → retail).' });

export enum PriceTier {
  RETAIL = 'RETAIL',
  MEMBER = 'MEMBER',
  WHOLESALE = 'WHOLESALE',
  INSURANCE = 'INSURANCE',
}
registerEnumType(PriceTier, { name: 'PriceTier' });

@ObjectType({ description: 'A manual price change (调价) on a counter-sale line: who, when, from what to what.' })
export class CounterSalePriceChange {
  @Field(() => DecimalScalar) fromPrice: string;
  @Field(() => DecimalScalar) toPrice: string;
  @Field() changedBy: string;
  @Field() changedAt: Date;
}

@ObjectType()
export class CounterSaleLine {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) requested: number;
  @Field(() => Float) issued: number;
  @Field(() => Float) returned: number;
  @Field(() => Float, { description: 'Asked for but not issued; recorded as a shortage (缺件).' }) shortfall: number;
  @Field(() => PriceTier) priceTier: PriceTier;
  @Field(() => DecimalScalar, { description: 'The tier price, capped at the HQ cap.' }) tierPrice: string;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => DecimalScalar, { description: '(issued − returned) × unitPrice' }) amount: string;
  @Field(() => BinLocation, { nullable: true, description: 'The bin most of it was issued from.' }) bin: BinLocation | null;
  @Field(() => Shortage, { nullable: true }) shortage: Shortage | null;
  @Field(() => [CounterSalePriceChange]) priceChanges: CounterSalePriceChange[];
  saleId: string;
}

@ObjectType({ description: 'A counter sale (配件销售单), numbered per station: "XS2026-000001".' })
export class CounterSale {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => Station) station: Station;
  @Field(() => CustomerType) customerType: CustomerType;
  @Field(() => String, { nullable: true }) customerName: string | null;
  @Field() soldBy: string;
  @Field() soldAt: Date;
  @Field(() => [CounterSaleLine]) lines: CounterSaleLine[];
  @Field(() => DecimalScalar, { description: 'Sum of the line amounts.' }) total: string;
  @Field(() => Float, { description: 'Sum of the lines\' quantities as their amounts count them: issued − returned.' }) quantity: number;
  stationId: string;
}

@InputType()
export class CounterSaleLineInput {
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => ID, { nullable: true, description: 'Else the remembered bin, then any bin with stock.' }) @IsOptional() @IsUUID('all', { message: 'binId must be an id' }) binId?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'warehouseId must be an id' }) warehouseId?: string | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'A manual price instead of the tier price: needs STATION_MANAGER, never above the HQ cap; recorded.' }) @IsOptional() unitPrice?: string | null;
}

@InputType()
export class CounterSaleInput {
  @Field(() => ID, { nullable: true, description: 'HQ names the station; station users sell for their own.' }) @IsOptional() @IsUUID('all', { message: 'stationId must be an id' }) stationId?: string | null;
  @Field(() => CustomerType) customerType: CustomerType;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) customerName?: string | null;
  @Field(() => ID, { nullable: true, description: 'Default warehouse of the lines.' }) @IsOptional() @IsUUID('all', { message: 'warehouseId must be an id' }) warehouseId?: string | null;
  @Field(() => [CounterSaleLineInput]) @ArrayMinSize(1) @ArrayMaxSize(100) @ValidateNested({ each: true }) lines: CounterSaleLineInput[];
}
