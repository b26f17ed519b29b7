/** GraphQL types of damage claims (货损单 / 索赔) against suppliers. */
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/src';
import { Part, Station } from '../stub/entity-stubs';

export enum DamageClaimStatus {
  OPEN = 'OPEN',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  SETTLED = 'SETTLED',
}
registerEnumType(DamageClaimStatus, { name: 'DamageClaimStatus' });

@ObjectType({ description: 'A damaged part on a claim, valued at the order\'s price.' })
export class DamageClaimLine {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) quantity: number;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => DecimalScalar) amount: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  damageClaimId: string;
}

@ObjectType({ description: 'A damage claim (货损单) against the supplier for goods damaged on one receipt.' })
export class DamageClaim {
  @Field(() => ID) id: string;
  @Field({ description: 'Per station and year, e.g. "HS2026-000001".' }) number: string;
  @Field(() => DamageClaimStatus) status: DamageClaimStatus;
  @Field(() => DecimalScalar, { description: 'Sum of the lines: damaged quantity × the order\'s unit price.' }) amount: string;
  @Field(() => Station) station: Station;
  @Field(() => String, { nullable: true, description: 'The supplier\'s answer or the settlement note.' }) resolutionNote: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the damaged goods went back to the supplier (returnDamagedGoods; SUPPLIER_RETURN out of quarantine).' }) returnedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Who sent them back.' }) returnedBy: string | null;
  supplierId: string;
  stationId: string;
  purchaseOrderId: string;
  replacementOrderId: string | null;
  goodsReceiptId: string | null;
}
