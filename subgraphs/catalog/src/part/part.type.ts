import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/src';
import type { PartEntity } from './part.entity';
import { generateMnemonic } from '../domain/pinyin';

@ObjectType({ description: 'The five price tiers and the HQ cap stations may not exceed (总部控制服务站备件售价).' })
export class PartPrices {
  @Field(() => DecimalScalar) retail: string;
  @Field(() => DecimalScalar) wholesale: string;
  @Field(() => DecimalScalar) member: string;
  @Field(() => DecimalScalar) insurance: string;
  @Field(() => DecimalScalar) internal: string;
  @Field(() => DecimalScalar, { nullable: true }) hqCap: string | null;
}

@ObjectType({ description: 'A part (备件) in the HQ catalog.' })
@Directive('@key(fields: "id")')
export class Part {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. "A11-1109111"' }) partNo: string;
  @Field({ description: 'Chinese name' }) name: string;
  @Field(() => String, { nullable: true }) nameEn: string | null;
  @Field(() => String, { nullable: true }) spec: string | null;
  @Field({ description: '个, 套, L ...' }) unit: string;
  @Field(() => Int, { description: 'Decimals a quantity of this part may have (0 = whole units only).' }) unitPrecision: number;
  @Field(() => String, { nullable: true }) category: string | null;
  @Field(() => String, { nullable: true }) brand: string | null;
  @Field(() => String, { nullable: true }) barcode: string | null;
  @Field({ description: "助记码: HQ's value, else the initials of the name's usual reading (机油滤清器 → JYLQQ). searchParts matches it, and the initials and full pinyin of every reading of the name." })
  mnemonic: string;
  @Field(() => [String]) imageUrls: string[];
  @Field(() => PartPrices) prices: PartPrices;
  @Field(() => Float, { description: 'Purchase pack size; orders are rounded up to it.' }) packSize: number;
  @Field(() => Float, { description: 'Minimum order quantity.' }) minOrderQty: number;
  /** Not a field: read by the supersededBy resolver. */
  supersededById: string | null;
}

export function toPart(e: PartEntity): Part {
  return Object.assign(new Part(), {
    id: e.id,
    partNo: e.partNo,
    name: e.name,
    nameEn: e.nameEn,
    spec: e.spec,
    unit: e.unit,
    unitPrecision: e.unitPrecision,
    category: e.category,
    brand: e.brand,
    barcode: e.barcode,
    mnemonic: e.mnemonic ?? generateMnemonic(e.name),
    imageUrls: e.imageUrls ?? [],
    supersededById: e.supersededById,
    packSize: Number(e.packSize),
    minOrderQty: Number(e.minOrderQty),
    prices: Object.assign(new PartPrices(), {
      retail: e.priceRetail,
      wholesale: e.priceWholesale,
      member: e.priceMember,
      insurance: e.priceInsurance,
      internal: e.priceInternal,
      hqCap: e.hqCap,
    }),
  });
}
