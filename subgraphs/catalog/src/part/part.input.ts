/** PartInput (API.md: "the Part fields above, compatibleModelIds, prices"), validated at the edge with class-validator. */
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { ArrayMaxSize, IsInt, IsOptional, IsUrl, IsUUID, Length, Matches, Max, Min, ValidateNested, IsPositive } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';

@InputType({ description: 'The five price tiers; none may exceed hqCap when it is set.' })
export class PartPricesInput {
  @Field(() => DecimalScalar) retail: string;
  @Field(() => DecimalScalar) wholesale: string;
  @Field(() => DecimalScalar) member: string;
  @Field(() => DecimalScalar) insurance: string;
  @Field(() => DecimalScalar) internal: string;
  @Field(() => DecimalScalar, { nullable: true }) @IsOptional() hqCap?: string | null;
}

@InputType({ description: 'A part as HQ maintains it. Also one row of importParts.' })
export class PartInput {
  @Field({ description: 'Unique after normalisation (case, spaces, dashes, dots ignored).' })
  @Length(3, 40) @Matches(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*[A-Za-z0-9]$/, { message: 'partNo may contain letters, digits, spaces, dashes, dots and slashes, and must start and end with a letter or digit' })
  partNo: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 200) nameEn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) spec?: string | null;
  @Field() @Length(1, 10) unit: string;
  @Field(() => Int, { defaultValue: 0 }) @IsInt() @Min(0) @Max(3) unitPrecision: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) category?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) brand?: string | null;
  @Field(() => String, { nullable: true, description: '8–14 digits (EAN-8/13, UPC, GTIN-14); an EAN-13 must have a valid check digit.' })
  @IsOptional() @Matches(/^\d{8,14}$/, { message: 'barcode must be 8 to 14 digits' })
  barcode?: string | null;
  @Field(() => String, { nullable: true, description: "助记码 set by HQ: up to 20 letters and digits (spaces, dots and dashes are dropped; stored upper case). Absent: the stored value stays (HQ's, or generated from the name); null or \"\": generated from the name again." })
  @IsOptional() @Matches(/^[A-Za-z0-9 ._-]{0,40}$/, { message: 'mnemonic must be up to 20 letters and digits (spaces, dots and dashes are dropped)' })
  mnemonic?: string | null;
  @Field(() => [String], { defaultValue: [] }) @ArrayMaxSize(20) @IsUrl({ require_protocol: true, protocols: ['http', 'https'], require_tld: false }, { each: true }) imageUrls: string[];
  @Field(() => [ID], { defaultValue: [] }) @ArrayMaxSize(100) @IsUUID('all', { each: true }) compatibleModelIds: string[];
  @Field(() => PartPricesInput) @ValidateNested() prices: PartPricesInput;
  @Field(() => Float, { defaultValue: 1 }) @IsPositive() @Max(1_000_000) packSize: number;
  @Field(() => Float, { defaultValue: 1 }) @IsPositive() @Max(1_000_000) minOrderQty: number;
  @Field(() => String, { nullable: true, description: 'Number of the part that replaces this one (supersession); null/absent leaves it unchanged.' })
  @IsOptional() @Length(3, 40) supersededByPartNo?: string | null;
}
