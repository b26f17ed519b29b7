/** Requisitions (领料单) against a repair order, their lines, price changes (调价) and the bins they were issued from. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';
import { BinLocation, Part, ref, Shortage } from '../entity-stubs';
import { PurchaseOrder } from '../entity-stubs';

export enum RequisitionKind {
  ISSUE = 'ISSUE',
  PURCHASE_AND_ISSUE = 'PURCHASE_AND_ISSUE',
}
registerEnumType(RequisitionKind, { name: 'RequisitionKind', description: 'ISSUE: from stock. PURCHASE_AND_ISSUE: 一进一出, bought directly and issued at once.' });

@ObjectType({ description: 'Where an issued quantity came from.' })
export class BinAllocation {
  @Field(() => BinLocation) bin: BinLocation;
  @Field(() => Float) quantity: number;
}

@ObjectType({ description: 'A price change (调价) on a requisition line: who, when, from what to what.' })
export class RequisitionPriceChange {
  @Field(() => DecimalScalar) fromPrice: string;
  @Field(() => DecimalScalar) toPrice: string;
  @Field() changedBy: string;
  @Field() changedAt: Date;
  lineId: string;
}

@ObjectType({ description: 'A return (退料) of issued or sold parts back into a bin — from a requisition line or a counter-sale line —, numbered per station for its 退料单: "TL2026-000001" (one series for both).' })
export class PartsReturn {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) quantity: number;
  @Field(() => String, { nullable: true, description: 'Why the parts came back (returnParts(reason:), returnCounterSaleLine(reason:)).' }) reason: string | null;
  @Field(() => BinLocation, { nullable: true, description: 'The bin it went back into (the requested one until stock has booked it).' }) bin: BinLocation | null;
  @Field() returnedBy: string;
  @Field() returnedAt: Date;
  @Field({ description: 'Stock has booked the RETURN movement.' }) booked: boolean;
  @Field(() => ID, { description: 'The line it returns parts of: a requisition line (RequisitionLine.returns) or a counter-sale line (CounterSaleLine.returns).' }) lineId: string;
  /** A requisition return's repair order; none for a counter-sale return. */
  repairOrderId?: string;
}

/** The columns a booked return has, a requisition line's or a counter-sale line's, with its line's part. */
export interface BookedReturnRow {
  id: string; line_id: string; part_id: string; quantity: string; reason: string | null;
  bin_id: string | null; requested_bin_id: string | null; returned_by: string; returned_at: Date; status: 'PENDING' | 'DONE';
}

/** A booked return as the API and its 退料单 show it; the number, and the repair order where there is one, as each kind keeps them. */
export const toPartsReturn = (r: BookedReturnRow, number: string, repairOrderId?: string): PartsReturn => Object.assign(new PartsReturn(), {
  id: r.id, number, lineId: r.line_id, repairOrderId, quantity: Number(r.quantity), reason: r.reason ?? null,
  bin: ref(BinLocation, r.bin_id ?? r.requested_bin_id), part: ref(Part, r.part_id), returnedBy: r.returned_by, returnedAt: r.returned_at, booked: r.status === 'DONE',
});

@ObjectType()
export class RequisitionLine {
  @Field(() => ID) id: string;
  @Field(() => Int) lineNo: number;
  @Field(() => Part) part: Part;
  @Field(() => Float) requested: number;
  @Field(() => Float) issued: number;
  @Field(() => Float) returned: number;
  @Field(() => Float, { description: 'Asked for but not issued; recorded with procurement as a REQUISITION_SHORTFALL shortage.' }) shortfall: number;
  @Field(() => DecimalScalar, { description: 'The retail tier price (capped at the HQ cap) unless adjusted.' }) unitPrice: string;
  @Field(() => DecimalScalar, { description: 'The retail tier price when the line was issued.' }) tierPrice: string;
  @Field(() => DecimalScalar, { description: '(issued − returned) × unitPrice' }) amount: string;
  @Field(() => BinLocation, { nullable: true, description: 'The bin most of it was issued from.' }) bin: BinLocation | null;
  @Field(() => [BinAllocation], { description: 'Every bin it was issued from, with the quantity.' }) allocations: BinAllocation[];
  @Field(() => Shortage, { nullable: true }) shortage: Shortage | null;
  @Field(() => PurchaseOrder, { nullable: true, description: '一进一出: the direct purchase the part came from.' }) purchaseOrder: PurchaseOrder | null;
  @Field(() => [RequisitionPriceChange]) priceChanges: RequisitionPriceChange[];
  requisitionId: string;
  repairOrderId: string;
  partId: string;
}

@ObjectType({ description: 'A requisition (领料单) of a repair order, numbered per station: "LL2026-000001".' })
export class Requisition {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => RequisitionKind) kind: RequisitionKind;
  @Field() requestedBy: string;
  @Field() requestedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the parts were issued (出库时间): the time stock issued the lines (its ledger rows), also when a retry or the recovery sweep recorded the requisition after a crash. Null while not yet recorded.' }) issuedAt: Date | null;
  @Field(() => [RequisitionLine]) lines: RequisitionLine[];
  repairOrderId: string;
  stationId: string;
}

@InputType()
export class RequisitionLineInput {
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => ID, { nullable: true, description: 'Optional: else the remembered (default) bin, then any bin with stock.' }) @IsOptional() @IsUUID('all', { message: 'binId must be an id' }) binId?: string | null;
  @Field(() => ID, { nullable: true, description: 'The warehouse to issue from (else any of the station).' }) @IsOptional() @IsUUID('all', { message: 'warehouseId must be an id' }) warehouseId?: string | null;
}
