/** The SQL of users (identity.app_user). */
import type { EntityManager } from 'typeorm';
import { definePage, likePattern, returned } from '../../../shared/src';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  roles: string[];
  station_id: string | null;
  active: boolean;
  password_hash: string | null;
  setup_code_hash: string | null;
  setup_expires_at: Date | null;
  last_login_at: Date | null;
  created_at?: Date | null;
}

type Q = Pick<EntityManager, 'query'>;
const COLS = 'id, username, display_name, roles, station_id, active, password_hash, setup_code_hash, setup_expires_at, last_login_at, created_at';

export interface UserFilters {
  stationId?: string | null;
  /** true: only active accounts; false: only deactivated ones. */
  active?: boolean | null;
  /** Holds this role. */
  role?: string | null;
  /** Username or display name contains this (case-insensitive). */
  query?: string | null;
  /** Set by the service: a station manager does not see HQ administrators. */
  hideHq?: boolean;
}

/** usersPage: by username (default), display name, creation or last sign-in. */
export const userPage = definePage<UserFilters>({
  name: 'users',
  from: `(SELECT ${COLS}, lower(username) AS username_key, lower(display_name) AS display_key FROM identity.app_user)`,
  sorts: {
    username: { sql: 'q.username_key', type: 'text', direction: 'ASC' },
    displayName: { sql: 'q.display_key', type: 'text', direction: 'ASC' },
    createdAt: { sql: 'q.created_at', type: 'timestamptz', direction: 'DESC' },
    lastLoginAt: { sql: 'q.last_login_at', type: 'timestamptz', direction: 'DESC', nullable: true },
  },
  defaultSort: { field: 'username' },
  ids: ['stationId'],
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    active: (v) => (v ? 'q.active' : 'NOT q.active'),
    role: (v, bind) => `${bind(v)}::text = ANY(q.roles)`,
    query: (v, bind) => {
      const like = v.trim() ? bind(likePattern(v.trim())) : null;
      return like && `(q.username ILIKE ${like} OR q.display_name ILIKE ${like})`;
    },
    hideHq: (v) => (v ? `NOT ('HQ_ADMIN' = ANY(q.roles))` : null),
  },
});

export const userRepository = {
  async byId(q: Q, id: string, lock = false): Promise<UserRow | undefined> {
    const [r] = await q.query(`SELECT ${COLS} FROM identity.app_user WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return r;
  },
  async byIds(q: Q, ids: string[]): Promise<UserRow[]> {
    return q.query(`SELECT ${COLS} FROM identity.app_user WHERE id = ANY($1::uuid[])`, [ids]);
  },
  async byUsername(q: Q, username: string, lock = false): Promise<UserRow | undefined> {
    const [r] = await q.query(`SELECT ${COLS} FROM identity.app_user WHERE lower(username) = lower($1)${lock ? ' FOR UPDATE' : ''}`, [username]);
    return r;
  },
  async list(q: Q, stationId: string | null): Promise<UserRow[]> {
    return q.query(`SELECT ${COLS} FROM identity.app_user WHERE ($1::uuid IS NULL OR station_id = $1) ORDER BY lower(username), id`, [stationId]);
  },
  async insert(q: Q, u: { username: string; displayName: string; roles: string[]; stationId: string | null; setupCodeHash: string; setupExpiresAt: Date }): Promise<UserRow> {
    const rows = await q.query(
      `INSERT INTO identity.app_user (username, display_name, roles, station_id, setup_code_hash, setup_expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLS}`,
      [u.username, u.displayName, u.roles, u.stationId, u.setupCodeHash, u.setupExpiresAt],
    );
    return returned<UserRow>(rows)[0];
  },
  async update(q: Q, id: string, u: { username: string; displayName: string; roles: string[]; stationId: string | null }): Promise<UserRow> {
    const rows = await q.query(
      `UPDATE identity.app_user SET username = $2, display_name = $3, roles = $4, station_id = $5, updated_at = now() WHERE id = $1 RETURNING ${COLS}`,
      [id, u.username, u.displayName, u.roles, u.stationId],
    );
    return returned<UserRow>(rows)[0];
  },
  async deactivate(q: Q, id: string): Promise<UserRow> {
    const rows = await q.query(`UPDATE identity.app_user SET active = false, setup_code_hash = NULL, setup_expires_at = NULL, updated_at = now() WHERE id = $1 RETURNING ${COLS}`, [id]);
    return returned<UserRow>(rows)[0];
  },
  /** A reset: the old password stops working; the new code is the only way in. */
  async setSetupCode(q: Q, id: string, hash: string, expiresAt: Date): Promise<UserRow> {
    const rows = await q.query(
      `UPDATE identity.app_user SET password_hash = NULL, setup_code_hash = $2, setup_expires_at = $3, updated_at = now() WHERE id = $1 RETURNING ${COLS}`,
      [id, hash, expiresAt],
    );
    return returned<UserRow>(rows)[0];
  },
  async setPassword(q: Q, id: string, hash: string): Promise<void> {
    await q.query(`UPDATE identity.app_user SET password_hash = $2, password_changed_at = now(), setup_code_hash = NULL, setup_expires_at = NULL, updated_at = now() WHERE id = $1`, [id, hash]);
  },
  async signedIn(q: Q, id: string): Promise<void> {
    await q.query(`UPDATE identity.app_user SET last_login_at = now() WHERE id = $1`, [id]);
  },
};
