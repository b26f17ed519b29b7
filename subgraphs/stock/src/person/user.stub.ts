import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { isUuid } from '../../../shared/src';

/**
 * The identity subgraph's User, referenced from the stock room's documents so
 * that a console shows who did something by name, not by account id.
 */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID) id: string;
}

/** The person behind an actor id; null for script and service tokens (their id is no account). */
export const person = (id: string | null | undefined): User | null => (id && isUuid(id) ? Object.assign(new User(), { id }) : null);
