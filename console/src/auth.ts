/** The signed-in user: a bearer token kept in localStorage, its claims decoded (not verified: the server verifies). */
export type Role = 'PARTS_CLERK' | 'PURCHASER' | 'STATION_MANAGER' | 'HQ_ADMIN';
export const ROLES: Role[] = ['PARTS_CLERK', 'PURCHASER', 'STATION_MANAGER', 'HQ_ADMIN'];

export interface Session {
  token: string;
  sub: string;
  roles: Role[];
  stationId?: string;
  exp?: number;
}

const KEY = 'partsgraph.token';

function b64urlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Parses a JWT's claims; throws a plain Error when it is not a token. */
export function parseToken(raw: string): Session {
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
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) throw new Error('expired');
  return { token, sub: String(claims.sub ?? ''), roles, stationId: claims.stationId || undefined, exp: claims.exp };
}

export function loadSession(): Session | undefined {
  const raw = localStorage.getItem(KEY);
  if (!raw) return undefined;
  try {
    return parseToken(raw);
  } catch {
    localStorage.removeItem(KEY);
    return undefined;
  }
}

export function saveSession(s: Session | undefined): void {
  if (s) localStorage.setItem(KEY, s.token);
  else localStorage.removeItem(KEY);
}

export const hasRole = (s: Session, ...roles: Role[]) => s.roles.includes('HQ_ADMIN') || roles.some((r) => s.roles.includes(r));

/** A random key for idempotent mutations; crypto.randomUUID needs a secure context, so fall back to getRandomValues. */
export function newKey(prefix = 'console'): string {
  if (typeof crypto.randomUUID === 'function') return `${prefix}-${crypto.randomUUID()}`;
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')}`;
}
