import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { entityStub } from '../../../shared/src';
import { IsOptional, IsUUID, Matches, MaxLength } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';
import { Part } from '../entity-stubs';

export enum RepairOrderStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  SETTLED = 'SETTLED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RepairOrderStatus, { name: 'RepairOrderStatus' });

/** Stubs of entities other subgraphs own: only the key, resolved by their owner. */
export const Station = entityStub('Station');
export type Station = InstanceType<typeof Station>;
export const VehicleModel = entityStub('VehicleModel');
export type VehicleModel = InstanceType<typeof VehicleModel>;

/**
 * A repair order (委托书 / 工单). Its parts fields (estimatedParts,
 * requisitions, partsCost, partsReport) are field resolvers of
 * RepairOrderResolver, batched per request.
 */
@ObjectType({ description: 'A repair order (委托书 / 工单), numbered per station: "WO2026-000123".' })
@Directive('@key(fields: "id")')
export class RepairOrder {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => Station) station: Station;
  @Field(() => RepairOrderStatus) status: RepairOrderStatus;
  @Field(() => String, { nullable: true }) vin: string | null;
  @Field(() => String, { nullable: true }) plate: string | null;
  @Field(() => VehicleModel, { nullable: true }) vehicleModel: VehicleModel | null;
  @Field() openedAt: Date;
  @Field() openedBy: string;
  @Field(() => Date, { nullable: true }) completedAt: Date | null;
  @Field(() => Date, { nullable: true }) settledAt: Date | null;
  @Field(() => Date, { nullable: true }) cancelledAt: Date | null;
  stationId: string;
}

@ObjectType({ description: 'An estimated part (预估材料): what the repair is expected to need, the reference for the actual requisition.' })
export class EstimatedPart {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) quantity: number;
  @Field(() => ID, { nullable: true, description: 'The warehouse to issue it from, when known.' }) warehouseId: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => ID, { nullable: true, description: 'The requisition it was turned into; null while still an estimate.' }) requisitionId: string | null;
  @Field() addedBy: string;
  @Field() addedAt: Date;
  repairOrderId: string;
}

@ObjectType({ description: '服务单配件明细: one row per part and unit price of a repair order.' })
export class PartsReportRow {
  @Field(() => Part) part: Part;
  @Field(() => Float) requested: number;
  @Field(() => Float) issued: number;
  @Field(() => Float) returned: number;
  @Field(() => Float) shortfall: number;
  @Field(() => Float, { description: 'issued − returned' }) net: number;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => DecimalScalar, { description: 'net × unitPrice' }) amount: string;
}

@ObjectType({ description: '服务单配件明细 (the parts report of a repair order).' })
export class PartsReport {
  @Field(() => [PartsReportRow]) rows: PartsReportRow[];
  @Field(() => Float) requested: number;
  @Field(() => Float) issued: number;
  @Field(() => Float) returned: number;
  @Field(() => Float) shortfall: number;
  @Field(() => DecimalScalar, { description: 'Σ (issued − returned) × unitPrice' }) partsCost: string;
}

@InputType()
export class RepairOrderInput {
  @Field(() => ID, { nullable: true, description: 'HQ names the station; station users open for their own.' }) @IsOptional() @IsUUID('all', { message: 'stationId must be an id' }) stationId?: string | null;
  @Field(() => String, { nullable: true, description: '17 characters, no I, O or Q.' }) @IsOptional() @Matches(/^[A-HJ-NPR-Z0-9]{17}$/i, { message: 'vin must be 17 letters and digits (no I, O, Q)' }) vin?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) plate?: string | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'vehicleModelId must be an id' }) vehicleModelId?: string | null;
}

@InputType()
export class EstimatedPartInput {
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', { message: 'warehouseId must be an id' }) warehouseId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(500) note?: string | null;
}
