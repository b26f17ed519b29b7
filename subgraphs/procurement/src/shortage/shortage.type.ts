/** The GraphQL face of a shortage (缺件). The shortage-alert subscription builds on this class and its loader. */
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Part, RepairOrder, Station } from '../stub/entity-stubs';

export enum ShortageKind {
  BELOW_REORDER_POINT = 'BELOW_REORDER_POINT',
  OUT_OF_STOCK = 'OUT_OF_STOCK',
  REQUISITION_SHORTFALL = 'REQUISITION_SHORTFALL',
}
registerEnumType(ShortageKind, { name: 'ShortageKind' });

@ObjectType({ description: 'A shortage (缺件): a part a station lacks — below its reorder point, out of stock, or short on a requisition.' })
@Directive('@key(fields: "id")')
export class Shortage {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Station) station: Station;
  @Field(() => ShortageKind) kind: ShortageKind;
  @Field(() => Float, { description: 'What is missing: the requisition shortfall, or the distance to the reorder point.' }) quantity: number;
  @Field(() => RepairOrder, { nullable: true }) repairOrder: RepairOrder | null;
  @Field() openedAt: Date;
  @Field(() => Date, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Where it came from, e.g. the requisition number.' }) reference: string | null;
  /** Gap-free per database; the `seq` of procurement.shortage_opened. */
  seq: number;
  stationId: string;
  partId: string;
}
