import { buildFederatedSchema, type Context } from '../../shared/src';
import { UserResolver } from './user/user.resolver';
import { SessionResolver } from './session/session.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { userLoader } from './user/user.loader';
import { toUser } from './user/user.service';

export const buildIdentitySchema = () =>
  buildFederatedSchema({
    resolvers: [UserResolver, SessionResolver, AuditResolver],
    references: {
      User: async (ref, ctx: Context) => {
        const row = await userLoader(ctx).load(ref.id);
        return row ? toUser(row) : null;
      },
    },
  });
