import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An HQ rule that names the vehicle model of a VIN: the WMI and a prefix of the VDS (3–8 characters), optionally for a range of model years (position 10 of the VIN). The longest matching prefix wins.' })
export class VinPattern {
  @Field(() => ID) id: string;
  @Field({ description: 'e.g. "LVVDC1" (WMI LVV + the start of the VDS)' }) prefix: string;
  @Field(() => Int, { nullable: true }) yearFrom: number | null;
  @Field(() => Int, { nullable: true }) yearTo: number | null;
  /** Not a field: read by the vehicleModel resolver. */
  vehicleModelId: string;
}
