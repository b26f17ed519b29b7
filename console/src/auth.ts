/**
 * The signed-in user: the access token (short-lived, from `login`,
 * `completeSetup` or `refreshSession`), the refresh token and who it is, kept
 * in localStorage; the access token's claims are decoded, not verified (the
 * server verifies). A bare token (development: pasted, or made by the
 * gateway's dev-token form) has no refresh token and simply ends.
 */
export type Role = 'PARTS_CLERK' | 'PURCHASER' | 'STATION_MANAGER' | 'HQ_ADMIN';
export const ROLES: Role[] = ['PARTS_CLERK', 'PURCHASER', 'STATION_MANAGER', 'HQ_ADMIN'];

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
}

export interface Session {
  token: string;
  sub: string;
  roles: Role[];
  stationId?: string;
  exp?: number;
  iat?: number;
  /** Present for a real sign-in: rotated on every refresh. */
  refreshToken?: string;
  user?: SessionUser;
}

const KEY = 'partsgraph.token';
const REFRESH_KEY = 'partsgraph.refresh';
const USER_KEY = 'partsgraph.user';

function b64urlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Parses a JWT's claims; throws a plain Error when it is not a token (or, unless allowExpired, when it has expired). */
export function parseToken(raw: string, allowExpired = false): Session {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not-a-token');
  let claims: any;
  try {
    claims = JSON.parse(b64urlDecode(parts[1]));
  } catch {
    throw new Error('not-a-token');
  }
  const roles = (Array.isArray(claims.roles) ? claims.roles : []).filter((r: string) => (ROLES as string[]).includes(r));
  if (!roles.length) throw new Error('no-roles');
  if (!allowExpired && typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) throw new Error('expired');
  return { token, sub: String(claims.sub ?? ''), roles, stationId: claims.stationId || undefined, exp: claims.exp, iat: typeof claims.iat === 'number' ? claims.iat : undefined };
}

/** What `login`, `completeSetup` and `refreshSession` answer. */
export interface SessionPayload {
  accessToken: string;
  refreshToken: string;
  expiresAt?: string;
  user: { id: string; username: string; displayName: string };
}
export const SESSION_FIELDS = 'accessToken refreshToken expiresAt user { id username displayName }';

export function sessionFromPayload(p: SessionPayload): Session {
  return { ...parseToken(p.accessToken, true), refreshToken: p.refreshToken, user: { id: p.user.id, username: p.user.username, displayName: p.user.displayName } };
}

/** The stored session; an expired access token is kept when a refresh token can renew it. */
export function loadSession(): Session | undefined {
  const raw = localStorage.getItem(KEY);
  if (!raw) return undefined;
  const refreshToken = localStorage.getItem(REFRESH_KEY) || undefined;
  try {
    const s = parseToken(raw, !!refreshToken);
    let user: SessionUser | undefined;
    try {
      user = JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') ?? undefined;
    } catch {
      user = undefined;
    }
    return { ...s, refreshToken, user };
  } catch {
    saveSession(undefined);
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (s) {
    localStorage.setItem(KEY, s.token);
    if (s.refreshToken) localStorage.setItem(REFRESH_KEY, s.refreshToken);
    else localStorage.removeItem(REFRESH_KEY);
    if (s.user) localStorage.setItem(USER_KEY, JSON.stringify(s.user));
    else localStorage.removeItem(USER_KEY);
  } else {
    localStorage.removeItem(KEY);
    localStorage.removeItem(REFRESH_KEY);
    localStorage.removeItem(USER_KEY);
  }
}

export const hasRole = (s: Session, ...roles: Role[]) => s.roles.includes('HQ_ADMIN') || roles.some((r) => s.roles.includes(r));

/** The name shown for the signed-in person. */
export const whoName = (s: Session) => s.user?.displayName || s.user?.username || s.sub;

/** A random key for idempotent mutations; crypto.randomUUID needs a secure context, so fall back to getRandomValues. */
export function newKey(prefix = 'console'): string {
  if (typeof crypto.randomUUID === 'function') return `${prefix}-${crypto.randomUUID()}`;
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}
