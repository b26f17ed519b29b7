import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The catalog's Part, extended here with stock fields (resolvable key: stock resolves its own fields). */
@ObjectType()
@Directive('@key(fields: "id")')
export class Part {
  @Field(() => ID) id: string;
}
