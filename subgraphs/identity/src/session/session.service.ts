/**
 * Signing in and staying signed in: login (throttled per username and per
 * address, the same answer and the same argon2 work for an unknown user as for
 * a wrong password), completeSetup (a setup code sets the first password),
 * refreshSession (rotation; a reused refresh token ends its session),
 * logout, changePassword (ends the other sessions).
 *
 * A refused attempt must leave its trace (the failure count, the audit entry)
 * although the answer is an error: those transactions commit first, then the
 * refusal is thrown.
 */
import { timingSafeEqual } from 'node:crypto';
import { auditEntry, ErrorCode, refusal, type Context, type DomainError, type Tx, type User as TokenUser, rowById } from '../../../shared/src';
import { checkPassword } from '../domain/password-policy';
import { ADDRESS_RULE, USER_RULE, afterFailure, lockedAt } from '../domain/throttle';
import { setupCodeHash } from '../domain/setup-code';
import { userRepository, type UserRow } from '../user/user.repository';
import { toUser } from '../user/user.service';
import { hashPassword, verifyPassword } from './password';
import { sessionRepository } from './session.repository';
import type { Session } from './session.type';
import { signingKeys } from '../key/key.runtime';

const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
const addressKey = (ctx: Context) => `addr:${ctx.clientAddress ?? 'unknown'}`;

const tokenUser = (r: UserRow): TokenUser => ({ id: r.id, roles: r.roles as TokenUser['roles'], stationId: r.station_id });

/** Writes identity's own audit entry in `tx` and tells the generic audit that this request is recorded. */
async function audit(ctx: Context, tx: Tx, who: UserRow | null, operation: string, summary: string, refused?: { reason: string }): Promise<void> {
  await ctx.runtime.auditSink(tx, auditEntry('identity', who ? tokenUser(who) : null, { operation, summary }, refused ? 'REFUSED' : 'OK', refused ? { code: 'UNAUTHENTICATED', reason: refused.reason } : undefined), false);
  Object.assign(ctx.audit, { operation, summary, written: true });
}

async function issue(ctx: Context, tx: Tx, row: UserRow, existing?: { sessionId: string; refreshToken: string }): Promise<Session> {
  const { sessionId, refreshToken } = existing ?? (await sessionRepository.create(tx, ctx.runtime, row.id, ctx.clientAddress));
  const ttl = ctx.runtime.config.auth.accessTtlSeconds;
  const accessToken = await signingKeys(ctx.runtime).sign({ sub: row.id, roles: row.roles as TokenUser['roles'], stationId: row.station_id ?? undefined, sid: sessionId }, ttl);
  return { accessToken, expiresAt: new Date(Date.now() + ttl * 1000), refreshToken, user: toUser(row) };
}

/** Refuses at once when the username or the address is locked out. */
async function checkThrottle(ctx: Context, username: string, operation: string): Promise<void> {
  const states = await sessionRepository.throttle(ctx.db, [userKey(username), addressKey(ctx)]);
  const now = new Date();
  const userLock = lockedAt(states.get(userKey(username)) ?? null, now);
  const addrLock = lockedAt(states.get(addressKey(ctx)) ?? null, now);
  if (!userLock && !addrLock) return;
  const reason = userLock ? 'ACCOUNT_LOCKED' : 'TOO_MANY_ATTEMPTS';
  await ctx.db.transaction((tx) => audit(ctx, tx, null, operation, `refused while locked out (${reason})`, { reason }));
  if (userLock) throw refusal(ErrorCode.UNAUTHENTICATED, 'ACCOUNT_LOCKED', `Too many failed attempts for this username; try again after ${userLock.toISOString()}`, { until: userLock.toISOString() });
  throw refusal(ErrorCode.UNAUTHENTICATED, 'TOO_MANY_ATTEMPTS', `Too many failed attempts from this address; try again after ${addrLock!.toISOString()}`, { until: addrLock!.toISOString() });
}

/** Counts a failure against the username and the address, audits it, commits; the caller throws. */
async function recordFailure(ctx: Context, username: string, row: UserRow | null, operation: string, summary: string, reason: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const keys = [userKey(username), addressKey(ctx)];
    const states = await sessionRepository.throttle(tx, keys);
    const now = new Date();
    await sessionRepository.saveThrottle(tx, keys[0], afterFailure(states.get(keys[0]) ?? null, USER_RULE, now));
    await sessionRepository.saveThrottle(tx, keys[1], afterFailure(states.get(keys[1]) ?? null, ADDRESS_RULE, now));
    await audit(ctx, tx, row, operation, summary, { reason });
  });
}

function policy(password: string, username: string): void {
  const v = checkPassword(password, username);
  if (v) throw refusal(ErrorCode.BAD_USER_INPUT, v.reason, v.message, { ...v.params, field: 'newPassword' });
}

const sessionEnded = () => refusal(ErrorCode.UNAUTHENTICATED, 'SESSION_ENDED', 'This session has ended; sign in again');

export const sessionService = {
  async login(ctx: Context, username: string, password: string): Promise<Session> {
    await checkThrottle(ctx, username, 'login');
    const row = (await userRepository.byUsername(ctx.db, username)) ?? null;
    // Always one argon2 verification: a missing user, a user without a password yet and a wrong password cost the same.
    const matches = await verifyPassword(row?.password_hash, password);
    if (!row || !row.active || !matches) {
      const why = !row ? 'unknown username' : !row.active ? 'deactivated user' : row.password_hash ? 'wrong password' : 'no password set yet';
      await recordFailure(ctx, username, row, 'login', `sign-in refused: ${why}`, 'INVALID_CREDENTIALS');
      throw refusal(ErrorCode.UNAUTHENTICATED, 'INVALID_CREDENTIALS', 'The username or password is not right', {});
    }
    return ctx.db.transaction(async (tx) => {
      await sessionRepository.clearThrottle(tx, userKey(username));
      await userRepository.signedIn(tx, row.id);
      const s = await issue(ctx, tx, { ...row, last_login_at: new Date() });
      await audit(ctx, tx, row, 'login', 'signed in');
      return s;
    });
  },

  async completeSetup(ctx: Context, username: string, setupCode: string, newPassword: string): Promise<Session> {
    await checkThrottle(ctx, username, 'completeSetup');
    const row = (await userRepository.byUsername(ctx.db, username)) ?? null;
    const presented = Buffer.from(setupCodeHash(setupCode));
    const stored = Buffer.from(row?.setup_code_hash ?? setupCodeHash('-'));
    const valid = !!row && row.active && !!row.setup_code_hash && !!row.setup_expires_at && new Date(row.setup_expires_at) > new Date() && presented.length === stored.length && timingSafeEqual(presented, stored);
    if (!valid) {
      await recordFailure(ctx, username, row, 'completeSetup', 'setup code refused', 'INVALID_SETUP_CODE');
      throw refusal(ErrorCode.UNAUTHENTICATED, 'INVALID_SETUP_CODE', 'The username or setup code is not right, or the code has expired; ask your manager for a new one', {});
    }
    policy(newPassword, row.username);
    const hash = await hashPassword(newPassword);
    return ctx.db.transaction(async (tx) => {
      const locked = await userRepository.byId(tx, row.id, true);
      if (!locked || locked.setup_code_hash !== row.setup_code_hash) throw refusal(ErrorCode.UNAUTHENTICATED, 'INVALID_SETUP_CODE', 'This setup code has just been used', {});
      await userRepository.setPassword(tx, row.id, hash);
      await userRepository.signedIn(tx, row.id);
      await sessionRepository.clearThrottle(tx, userKey(username));
      const s = await issue(ctx, tx, { ...locked, password_hash: hash, setup_code_hash: null, last_login_at: new Date() });
      await audit(ctx, tx, row, 'completeSetup', 'set a first password with a setup code and signed in');
      return s;
    });
  },

  async refresh(ctx: Context, refreshToken: string): Promise<Session> {
    let refused: DomainError | undefined;
    const result = await ctx.db.transaction(async (tx) => {
      const r = await sessionRepository.findRefresh(tx, refreshToken);
      if (!r) {
        refused = refusal(ErrorCode.UNAUTHENTICATED, 'REFRESH_TOKEN_INVALID', 'This refresh token is not known; sign in again');
        return undefined;
      }
      const row = (await userRepository.byId(tx, r.user_id)) ?? null;
      const live = !r.ended_at && new Date(r.expires_at) > new Date() && !!row?.active;
      const again = r.used_at && live ? await sessionRepository.retriedRefresh(tx, ctx.runtime, refreshToken, r.session_id) : undefined;
      if (again) {
        const s = await issue(ctx, tx, row!, { sessionId: r.session_id, refreshToken: again });
        await audit(ctx, tx, row, 'refreshSession', 'refresh token rotated again: the answer to the first use was lost');
        return s;
      }
      if (r.used_at) {
        // Someone holds a copy: end the whole session, for the thief and the owner alike.
        await sessionRepository.end(tx, ctx.runtime, [r.session_id], 'REFRESH_TOKEN_REUSED');
        await audit(ctx, tx, row, 'refreshSession', 'a spent refresh token was presented again; the session was ended', { reason: 'REFRESH_TOKEN_REUSED' });
        refused = refusal(ErrorCode.UNAUTHENTICATED, 'REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session has been ended for safety. Sign in again');
        return undefined;
      }
      if (r.ended_at || new Date(r.expires_at) <= new Date() || !row?.active) {
        if (!r.ended_at) await sessionRepository.end(tx, ctx.runtime, [r.session_id], row?.active ? 'EXPIRED' : 'DEACTIVATED');
        refused = sessionEnded();
        return undefined;
      }
      const next = await sessionRepository.rotate(tx, ctx.runtime, refreshToken, r.session_id);
      const s = await issue(ctx, tx, row, { sessionId: r.session_id, refreshToken: next });
      await audit(ctx, tx, row, 'refreshSession', 'refresh token rotated');
      return s;
    });
    if (refused) throw refused;
    return result!;
  },

  async logout(ctx: Context): Promise<boolean> {
    const sid = ctx.user.sessionId;
    if (!sid) return false;
    await ctx.db.transaction((tx) => sessionRepository.end(tx, ctx.runtime, [sid], 'LOGOUT'));
    return true;
  },

  async changePassword(ctx: Context, currentPassword: string, newPassword: string): Promise<boolean> {
    const row = await rowById(ctx.user.id, (id) => userRepository.byId(ctx.db, id));
    if (!row) throw refusal(ErrorCode.FORBIDDEN, 'PASSWORD_NOT_MANAGED_HERE', 'This account has no PartsGraph password (a script token or an external sign-in)');
    await checkThrottle(ctx, row.username, 'changePassword');
    if (!(await verifyPassword(row.password_hash, currentPassword))) {
      await recordFailure(ctx, row.username, row, 'changePassword', 'current password wrong', 'CURRENT_PASSWORD_WRONG');
      throw refusal(ErrorCode.BAD_USER_INPUT, 'CURRENT_PASSWORD_WRONG', 'The current password is not right', { field: 'currentPassword' });
    }
    policy(newPassword, row.username);
    const hash = await hashPassword(newPassword);
    await ctx.db.transaction(async (tx) => {
      await userRepository.setPassword(tx, row.id, hash);
      // Whoever else is signed in as this user is signed out; this session stays.
      await sessionRepository.endUserSessions(tx, ctx.runtime, row.id, 'PASSWORD_CHANGED', ctx.user.sessionId);
    });
    return true;
  },
};
