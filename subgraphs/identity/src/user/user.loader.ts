import { byKey, isUuid, type Context } from '../../../shared/src';
import { userRepository, type UserRow } from './user.repository';

/** Users by id, one statement per request. */
export const userLoader = (ctx: Context) =>
  byKey<string, UserRow>(ctx, 'identity.user', async (ids) => {
    const valid = ids.filter(isUuid);
    return valid.length ? userRepository.byIds(ctx.db, valid) : [];
  }, (u) => u.id);
