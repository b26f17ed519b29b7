/** Key-only stub of procurement's PurchaseOrder, for the 一进一出 line that came from a direct purchase. */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class PurchaseOrder {
  @Field(() => ID) id: string;
}
