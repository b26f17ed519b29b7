/**
 * JWT authentication (HS256) with the claims of API.md. Every subgraph and
 * the gateway verify the caller's token with this module; a service role lets
 * one subgraph call another's internal commands.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { unauthenticated, badInput } from './errors';

export const ROLES = ['PARTS_CLERK', 'PURCHASER', 'STATION_MANAGER', 'HQ_ADMIN'] as const;
export type Role = (typeof ROLES)[number];
/** Subgraph-to-subgraph calls; never handed to people (the token script refuses it). */
export const SERVICE_ROLE = 'SERVICE';
export type AnyRole = Role | typeof SERVICE_ROLE;

export interface User {
  id: string;
  roles: AnyRole[];
  stationId: string | null;
}

export interface TokenClaims {
  sub: string;
  roles: AnyRole[];
  stationId?: string;
}

const ISSUER = 'partsgraph';
const encoder = new TextEncoder();

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export async function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
  for (const r of claims.roles) if (!isRole(r) && r !== SERVICE_ROLE) throw badInput('UNKNOWN_ROLE', `Unknown role ${String(r).slice(0, 40)}`, { role: String(r).slice(0, 40) });
  const jwt = new SignJWT({ roles: claims.roles, ...(claims.stationId ? { stationId: claims.stationId } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setIssuedAt();
  jwt.setExpirationTime(typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn);
  return jwt.sign(encoder.encode(secret));
}

/** Verifies a raw token; throws UNAUTHENTICATED with a reason a client can act on. */
export async function verifyToken(secret: string, token: string): Promise<User> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'], issuer: ISSUER });
    const roles = payload.roles;
    if (!payload.sub || !Array.isArray(roles) || roles.some((r) => typeof r !== 'string' || (!isRole(r) && r !== SERVICE_ROLE))) {
      throw unauthenticated('TOKEN_INVALID', 'The token lacks valid sub/roles claims');
    }
    const stationId = typeof payload.stationId === 'string' && payload.stationId ? payload.stationId : null;
    return { id: payload.sub, roles: roles as AnyRole[], stationId };
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw unauthenticated('TOKEN_EXPIRED', 'The token has expired');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw unauthenticated('TOKEN_INVALID', 'The token signature is invalid');
    if (err instanceof joseErrors.JOSEError) throw unauthenticated('TOKEN_INVALID', `The token is invalid (${err.code})`);
    throw err;
  }
}

/** Reads `Bearer <token>` from an Authorization header value. */
export function bearer(header: string | string[] | undefined | null): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : undefined;
}

export async function authenticate(secret: string, header: string | string[] | undefined | null): Promise<User> {
  const token = bearer(header);
  if (!token) throw unauthenticated(header ? 'TOKEN_INVALID' : 'TOKEN_MISSING', header ? 'The Authorization header must be "Bearer <token>"' : 'A bearer token is required');
  return verifyToken(secret, token);
}

/** A short-lived token a subgraph uses to call another subgraph on behalf of `actor`. */
export function serviceToken(secret: string, service: string, actor?: User): Promise<string> {
  return signToken(secret, { sub: actor ? `${service}:${actor.id}` : service, roles: [SERVICE_ROLE], stationId: actor?.stationId ?? undefined }, 300);
}
