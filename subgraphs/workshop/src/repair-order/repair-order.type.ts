import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RepairOrderStatus {
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  SETTLED = 'SETTLED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(RepairOrderStatus, { name: 'RepairOrderStatus' });

/** Stubs of entities other subgraphs own: only the key, resolved by their owner. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Station {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class VehicleModel {
  @Field(() => ID) id: string;
}

@ObjectType({ description: 'A repair order (委托书 / 工单).' })
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
}
