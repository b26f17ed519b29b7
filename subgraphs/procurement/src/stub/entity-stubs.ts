/**
 * Key-only stubs of entities other subgraphs own (catalog: Part; stock:
 * Station, Warehouse, BinLocation; workshop: RepairOrder). Procurement only
 * references them, so the key is not resolvable here: the gateway asks the
 * owner — except Part, which procurement extends with `openShortages`.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "id")')
export class Part {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Station {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Warehouse {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class BinLocation {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class RepairOrder {
  @Field(() => ID) id: string;
}

export const ref = <T extends { id: string }>(cls: new () => T, id: string | null | undefined): T | null => {
  if (!id) return null;
  const o = new cls();
  o.id = id;
  return o;
};
