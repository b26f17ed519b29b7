/**
 * Accounts: who may manage whom (HQ_ADMIN everyone; a STATION_MANAGER only
 * their own station's users, never granting HQ_ADMIN), and the changes —
 * every new user and every reset gets a one-time setup code, never a password
 * chosen by someone else.
 */
import {
  ErrorCode, ROLES, conflict, hasRole, isHq, isRole, refusal, type Context, type PageRequest, type PageResult, type Tx, idInput, matchesNothing, rowById, rowOrRefuse
} from '../../../shared/src';
import { newSetupCode, setupCodeHash, SETUP_CODE_TTL_MS } from '../domain/setup-code';
import { userPage, userRepository, type UserFilters, type UserRow } from './user.repository';
import type { User, UserInput, UserSetup } from './user.type';
import { sessionRepository } from '../session/session.repository';

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles,
    station: r.station_id ? { id: r.station_id } : null,
    active: r.active,
    lastLoginAt: r.last_login_at,
    passwordSet: !!r.password_hash,
    createdAt: r.created_at ?? null,
  };
}

const forbiddenUsers = () => refusal(ErrorCode.FORBIDDEN, 'USER_MANAGEMENT_FORBIDDEN', 'Only HQ administrators and station managers manage users');

/** Throws unless the caller may manage users at all. */
export function assertManager(ctx: Context): void {
  if (!isHq(ctx.user) && !hasRole(ctx.user, 'STATION_MANAGER')) throw forbiddenUsers();
}

/** A station manager may touch only their own station's non-HQ users. */
function assertMayManage(ctx: Context, target: UserRow): void {
  assertManager(ctx);
  if (isHq(ctx.user)) return;
  if (target.roles.includes('HQ_ADMIN') || target.station_id !== ctx.user.stationId) {
    throw refusal(ErrorCode.FORBIDDEN, 'OTHER_STATION_USER', 'You may only manage the users of your own station', {});
  }
}

/** The input as it will be stored, or a refusal naming what is wrong. */
function checkInput(ctx: Context, input: UserInput): { username: string; displayName: string; roles: string[]; stationId: string | null } {
  const roles = [...new Set(input.roles.map((r) => r.trim().toUpperCase()))];
  const unknown = roles.find((r) => !isRole(r));
  if (unknown) throw refusal(ErrorCode.BAD_USER_INPUT, 'UNKNOWN_ROLE', `Unknown role ${unknown}; roles are ${ROLES.join(', ')}`, { role: unknown, roles: ROLES });
  const stationId = input.stationId || null;
  if (roles.includes('HQ_ADMIN') && stationId) throw refusal(ErrorCode.BAD_USER_INPUT, 'HQ_USER_HAS_NO_STATION', 'HQ administrators belong to no station; leave stationId out', { field: 'stationId' });
  if (!roles.includes('HQ_ADMIN') && !stationId) throw refusal(ErrorCode.BAD_USER_INPUT, 'STATION_REQUIRED', 'Station users need a stationId', { field: 'stationId' });
  if (stationId) idInput(stationId, 'stationId', 'stationId is not a station id');
  if (!isHq(ctx.user)) {
    if (roles.includes('HQ_ADMIN')) throw refusal(ErrorCode.FORBIDDEN, 'CANNOT_GRANT_HQ_ADMIN', 'Only an HQ administrator can grant HQ_ADMIN', { role: 'HQ_ADMIN' });
    if (stationId !== ctx.user.stationId) throw refusal(ErrorCode.FORBIDDEN, 'OTHER_STATION_USER', 'You may only manage the users of your own station', {});
  }
  return { username: input.username.trim(), displayName: input.displayName.trim(), roles, stationId };
}

async function load(tx: Tx, id: string): Promise<UserRow> {
  return rowOrRefuse(id, (id) => userRepository.byId(tx, id, true), { reason: 'USER_NOT_FOUND', what: 'User' });
}

/** Creates a user with a setup code (also what `npm run user -- create` and the demo seed call, with `tx` of their own). */
export async function createUserRecord(tx: Tx, input: { username: string; displayName: string; roles: string[]; stationId: string | null }): Promise<{ row: UserRow; setupCode: string; setupExpiresAt: Date }> {
  if (await userRepository.byUsername(tx, input.username)) throw conflict('USERNAME_TAKEN', `The username ${input.username} is taken`, { username: input.username });
  const setupCode = newSetupCode();
  const setupExpiresAt = new Date(Date.now() + SETUP_CODE_TTL_MS);
  const row = await userRepository.insert(tx, { ...input, setupCodeHash: setupCodeHash(setupCode), setupExpiresAt });
  return { row, setupCode, setupExpiresAt };
}

/** The station whose users the caller may list (null: every station, HQ only); refuses another station for a station manager. */
function userScope(ctx: Context, stationId: string | null | undefined): string | null {
  assertManager(ctx);
  if (isHq(ctx.user)) return stationId ?? null;
  if (stationId && stationId !== ctx.user.stationId) throw refusal(ErrorCode.FORBIDDEN, 'OTHER_STATION_USER', 'You may only see the users of your own station', {});
  return ctx.user.stationId;
}

export const userService = {
  async me(ctx: Context): Promise<User> {
    const row = await rowById(ctx.user.id, (id) => userRepository.byId(ctx.db, id));
    if (row) return toUser(row);
    // A token from a script (AUTH_JWT_SECRET) or an external provider: the person as the token describes them.
    return { id: ctx.user.id, username: ctx.user.id, displayName: ctx.user.id, roles: ctx.user.roles.filter(isRole), station: ctx.user.stationId ? { id: ctx.user.stationId } : null, active: true, lastLoginAt: null, passwordSet: false };
  },

  async users(ctx: Context, stationId: string | null | undefined): Promise<User[]> {
    const scope = userScope(ctx, stationId);
    if (matchesNothing(scope)) return [];
    return (await userRepository.list(ctx.db, scope)).filter((u) => isHq(ctx.user) || !u.roles.includes('HQ_ADMIN')).map(toUser);
  },

  /** usersPage: the same people as `users` (a station manager: his station's, HQ administrators left out), paged and sorted on the server. */
  async page(ctx: Context, a: Omit<UserFilters, 'hideHq'> & { first?: number | null; after?: string | null; sort?: PageRequest<UserFilters>['sort'] }): Promise<PageResult<User>> {
    const stationId = userScope(ctx, a.stationId);
    return userPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId, hideHq: !isHq(ctx.user) } }, toUser);
  },

  async create(ctx: Context, input: UserInput): Promise<UserSetup> {
    assertManager(ctx);
    const clean = checkInput(ctx, input);
    const { row, setupCode, setupExpiresAt } = await ctx.db.transaction((tx) => createUserRecord(tx, clean));
    return { user: toUser(row), setupCode, setupExpiresAt };
  },

  async update(ctx: Context, id: string, input: UserInput): Promise<User> {
    const clean = checkInput(ctx, input);
    return ctx.db.transaction(async (tx) => {
      const before = await load(tx, id);
      assertMayManage(ctx, before);
      const other = await userRepository.byUsername(tx, clean.username);
      if (other && other.id !== id) throw conflict('USERNAME_TAKEN', `The username ${clean.username} is taken`, { username: clean.username });
      const after = await userRepository.update(tx, id, clean);
      // New roles or another station: tokens that still carry the old ones end now.
      if (before.station_id !== after.station_id || [...before.roles].sort().join() !== [...after.roles].sort().join()) {
        await sessionRepository.endUserSessions(tx, ctx.runtime, id, 'USER_CHANGED');
      }
      return toUser(after);
    });
  },

  async deactivate(ctx: Context, id: string): Promise<User> {
    return ctx.db.transaction(async (tx) => {
      const target = await load(tx, id);
      assertMayManage(ctx, target);
      const row = await userRepository.deactivate(tx, id);
      await sessionRepository.endUserSessions(tx, ctx.runtime, id, 'DEACTIVATED');
      return toUser(row);
    });
  },

  async resetPassword(ctx: Context, id: string): Promise<UserSetup> {
    return ctx.db.transaction(async (tx) => {
      const target = await load(tx, id);
      assertMayManage(ctx, target);
      if (!target.active) throw refusal(ErrorCode.CONFLICT, 'USER_INACTIVE', 'This user is deactivated', { username: target.username });
      const setupCode = newSetupCode();
      const setupExpiresAt = new Date(Date.now() + SETUP_CODE_TTL_MS);
      const row = await userRepository.setSetupCode(tx, id, setupCodeHash(setupCode), setupExpiresAt);
      await sessionRepository.endUserSessions(tx, ctx.runtime, id, 'PASSWORD_RESET');
      return { user: toUser(row), setupCode, setupExpiresAt };
    });
  },
};
