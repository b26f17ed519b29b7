/** GraphQL types of suppliers' offers (供应商报价): price, lead time, minimum, pack and the preferred flag per supplier and part. */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsBoolean, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';
import { Part } from '../stub/entity-stubs';
import { Supplier } from '../supplier/supplier.type';

@ObjectType({ description: 'What one supplier asks for one part. minOrderQty / packSize override the part\'s for this supplier; an ordered quantity is rounded up to whole packs and at least minOrderQty.' })
export class SupplierOffer {
  @Field(() => Supplier) supplier: Supplier;
  @Field(() => Part) part: Part;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => Int, { description: 'The offer\'s lead time, else the supplier\'s.' }) leadTimeDays: number;
  @Field(() => Float, { description: 'The offer\'s minimum order quantity, else the part\'s (0: none).' }) minOrderQty: number;
  @Field(() => Float, { description: 'The offer\'s pack size, else the part\'s (1 when the part has none).' }) packSize: number;
  @Field({ description: 'The one offer per part that orders from recommendations go to, and whose lead time, minimum and pack the reorder engine uses.' }) preferred: boolean;
  @Field({ description: 'When the offer was last set.' }) updatedAt: Date;
  supplierId: string;
  partId: string;
}

@InputType({ description: 'One offer to set: leave leadTimeDays / minOrderQty / packSize out to use the supplier\'s lead time and the part\'s minimum and pack.' })
export class SupplierOfferInput {
  @Field(() => ID) @IsUUID('all', { message: 'supplierId must be an id' }) supplierId: string;
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(365) leadTimeDays?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() minOrderQty?: number | null;
  @Field(() => Float, { nullable: true }) @IsOptional() packSize?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'true makes this the part\'s preferred offer (the previous one stops being preferred); default false, or true for a part\'s first offer.' }) @IsOptional() @IsBoolean() preferred?: boolean | null;
}
