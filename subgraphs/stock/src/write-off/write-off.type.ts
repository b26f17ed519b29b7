import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum WriteOffStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(WriteOffStatus, { name: 'WriteOffStatus' });

@ObjectType({ description: 'A write-off (报损): stock goes down only when a STATION_MANAGER other than the requester approves.' })
export class WriteOff {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => Float) quantity: number;
  @Field() reason: string;
  @Field(() => WriteOffStatus) status: WriteOffStatus;
  @Field() requestedBy: string;
  @Field() requestedAt: Date;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decisionNote: string | null;
  partId: string;
  binId: string | null;
  warehouseId: string;
  transferLineId: string | null;
  transferId: string | null;
}
