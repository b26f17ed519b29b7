/**
 * The identity subgraph's User, referenced from the stock room's documents so
 * that a console shows who did something by name, not by account id.
 */
import { entityStub, refById } from '../../../shared/src';

export const User = entityStub('User');
export type User = InstanceType<typeof User>;

/** The person behind an actor id; null for script and service tokens (their id is no account). */
export const person = (id: string | null | undefined): User | null => refById(User, id);
