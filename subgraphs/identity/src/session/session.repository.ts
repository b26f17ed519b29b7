/**
 * The SQL of sessions, refresh tokens, sign-in throttling and ended sessions.
 * A session is one sign-in (the "family" of its refresh tokens); its id is
 * the `sid` claim of every access token it hands out. Ending one NOTIFYs every
 * process in the same transaction (shared/revocation.ts).
 */
import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { returned, SESSION_ENDED_CHANNEL, type SubgraphRuntime, type EndedSession } from '../../../shared/src';
import { tokenHash } from '../domain/setup-code';
import type { ThrottleState } from '../domain/throttle';

type Q = Pick<EntityManager, 'query'>;

export interface SessionRow {
  id: string;
  user_id: string;
  expires_at: Date;
  ended_at: Date | null;
}

/** How long after its end a session can still have a valid access token (its TTL, plus a minute of clock slack). */
const graceMs = (rt: SubgraphRuntime) => (rt.config.auth.accessTtlSeconds + 60) * 1000;

/** How long a just-spent refresh token may be presented again as a retry (its answer was lost). */
export const REFRESH_RETRY_SECONDS = 30;

export const sessionRepository = {
  async create(q: Q, rt: SubgraphRuntime, userId: string, address: string | undefined): Promise<{ sessionId: string; refreshToken: string }> {
    const rows = await q.query(
      `INSERT INTO identity.session (user_id, expires_at, address) VALUES ($1, now() + make_interval(hours => $2), $3) RETURNING id`,
      [userId, rt.config.auth.sessionTtlHours, address ?? null],
    );
    const sessionId = returned<{ id: string }>(rows)[0].id;
    return { sessionId, refreshToken: await this.issueRefreshToken(q, sessionId) };
  },

  async issueRefreshToken(q: Q, sessionId: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await q.query(`INSERT INTO identity.refresh_token (hash, session_id) VALUES ($1, $2)`, [tokenHash(token), sessionId]);
    return token;
  },

  /** The refresh token's row and its session, locked. */
  async findRefresh(q: Q, token: string): Promise<{ session_id: string; used_at: Date | null; user_id: string; expires_at: Date; ended_at: Date | null } | undefined> {
    const [r] = await q.query(
      `SELECT t.session_id, t.used_at, s.user_id, s.expires_at, s.ended_at FROM identity.refresh_token t JOIN identity.session s ON s.id = t.session_id WHERE t.hash = $1 FOR UPDATE OF t, s`,
      [tokenHash(token)],
    );
    return r;
  },

  /**
   * A spent token presented again is a retry, not a copy, when it is the
   * session's last spent token, spent less than REFRESH_RETRY_SECONDS ago: the
   * answer that carried its successor was lost (a timeout between the gateway
   * and identity). The undelivered successor is dropped and a new one issued.
   */
  async retriedRefresh(q: Q, rt: SubgraphRuntime, token: string, sessionId: string): Promise<string | undefined> {
    const [r] = await q.query(
      `SELECT t.used_at FROM identity.refresh_token t
        WHERE t.hash = $1 AND t.used_at > now() - make_interval(secs => $2)
          AND NOT EXISTS (SELECT 1 FROM identity.refresh_token o WHERE o.session_id = t.session_id AND o.used_at > t.used_at)`,
      [tokenHash(token), REFRESH_RETRY_SECONDS],
    );
    if (!r) return undefined;
    await q.query(`DELETE FROM identity.refresh_token WHERE session_id = $1 AND used_at IS NULL AND created_at >= $2`, [sessionId, r.used_at]);
    await q.query(`UPDATE identity.session SET last_used_at = now(), expires_at = now() + make_interval(hours => $2) WHERE id = $1`, [sessionId, rt.config.auth.sessionTtlHours]);
    return this.issueRefreshToken(q, sessionId);
  },

  /** Rotation: the presented token is spent, a new one issued, the session's idle expiry moves on. */
  async rotate(q: Q, rt: SubgraphRuntime, token: string, sessionId: string): Promise<string> {
    await q.query(`UPDATE identity.refresh_token SET used_at = now() WHERE hash = $1`, [tokenHash(token)]);
    await q.query(`UPDATE identity.session SET last_used_at = now(), expires_at = now() + make_interval(hours => $2) WHERE id = $1`, [sessionId, rt.config.auth.sessionTtlHours]);
    return this.issueRefreshToken(q, sessionId);
  },

  async end(q: Q, rt: SubgraphRuntime, sessionIds: string[], reason: string): Promise<string[]> {
    if (!sessionIds.length) return [];
    const rows = returned<{ id: string; ended_at: Date }>(
      await q.query(`UPDATE identity.session SET ended_at = now(), end_reason = $2 WHERE id = ANY($1::uuid[]) AND ended_at IS NULL RETURNING id, ended_at`, [sessionIds, reason]),
    );
    const grace = graceMs(rt);
    // Delivered at commit, to every process that verifies tokens.
    for (const r of rows) await q.query(`SELECT pg_notify($1, $2)`, [SESSION_ENDED_CHANNEL, `${r.id} ${new Date(r.ended_at).getTime() + grace}`]);
    return rows.map((r) => r.id);
  },

  async endUserSessions(q: Q, rt: SubgraphRuntime, userId: string, reason: string, except?: string | null): Promise<string[]> {
    const open: { id: string }[] = await q.query(`SELECT id FROM identity.session WHERE user_id = $1 AND ended_at IS NULL AND ($2::uuid IS NULL OR id <> $2)`, [userId, except ?? null]);
    return this.end(q, rt, open.map((r) => r.id), reason);
  },

  /** Sessions whose access tokens may still be out there (GET /internal/ended-sessions). */
  async recentlyEnded(q: Q, rt: SubgraphRuntime): Promise<EndedSession[]> {
    const grace = graceMs(rt);
    const rows: { id: string; ended_at: Date }[] = await q.query(`SELECT id, ended_at FROM identity.session WHERE ended_at > now() - make_interval(secs => $1)`, [grace / 1000]);
    return rows.map((r) => ({ sid: r.id, until: new Date(r.ended_at).getTime() + grace }));
  },

  async isOpen(q: Q, sessionId: string): Promise<boolean> {
    const [r] = await q.query(`SELECT 1 FROM identity.session WHERE id = $1 AND ended_at IS NULL AND expires_at > now()`, [sessionId]);
    return !!r;
  },

  async throttle(q: Q, keys: string[]): Promise<Map<string, ThrottleState>> {
    const rows: { key: string; failures: number; window_started_at: Date; locked_until: Date | null }[] = await q.query(
      `SELECT key, failures, window_started_at, locked_until FROM identity.login_throttle WHERE key = ANY($1)`, [keys]);
    return new Map(rows.map((r) => [r.key, { failures: r.failures, windowStartedAt: new Date(r.window_started_at), lockedUntil: r.locked_until ? new Date(r.locked_until) : null }]));
  },

  async saveThrottle(q: Q, key: string, s: ThrottleState): Promise<void> {
    await q.query(
      `INSERT INTO identity.login_throttle (key, failures, window_started_at, locked_until) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET failures = EXCLUDED.failures, window_started_at = EXCLUDED.window_started_at, locked_until = EXCLUDED.locked_until`,
      [key, s.failures, s.windowStartedAt, s.lockedUntil],
    );
  },

  async clearThrottle(q: Q, key: string): Promise<void> {
    await q.query(`DELETE FROM identity.login_throttle WHERE key = $1`, [key]);
  },
};
