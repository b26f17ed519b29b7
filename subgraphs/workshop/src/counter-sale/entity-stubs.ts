/**
 * Key-only stubs of entities other subgraphs own that counter and lost sales
 * point at (catalog: Part; stock: BinLocation; procurement: Shortage). Station
 * comes from repair-order.type.ts. Workshop modules should share these
 * classes: two classes of one GraphQL type name break the schema build.
 */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Part {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class BinLocation {
  @Field(() => ID) id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Shortage {
  @Field(() => ID) id: string;
}

export const ref = <T extends { id: string }>(cls: new () => T, id: string | null | undefined): T | null => {
  if (!id) return null;
  const o = new cls();
  o.id = id;
  return o;
};
