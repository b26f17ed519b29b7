import { type Context, byId } from '../../../shared/src';
import { userRepository, type UserRow } from './user.repository';

/** Users by id, one statement per request. */
export const userLoader = (ctx: Context) =>
  byId<UserRow>(ctx, 'identity.user', (ids) => userRepository.byIds(ctx.db, ids), (u) => u.id);
