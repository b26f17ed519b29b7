/**
 * Tokens (API.md § Authentication, § People and sign-in). Three kinds reach a
 * PartsGraph process, and each is verified against exactly one key source,
 * with the algorithm pinned to that source (so `alg: none`, a foreign key or
 * an HS256 token "signed" with a public key never passes):
 *
 *  - person tokens the platform issues (`iss: "partsgraph"`, EdDSA/ES256,
 *    signed by identity, the only holder of the private key): verified with
 *    identity's public keys (JWKS, fetched and cached);
 *  - person tokens signed HS256 with AUTH_JWT_SECRET — scripts and tests —
 *    accepted only while that variable is set;
 *  - tokens of an external OpenID Connect provider (`AUTH_ISSUER`,
 *    `AUTH_JWKS_URL`, `AUTH_AUDIENCE`, claim mapping), when configured.
 *
 * Service tokens (subgraph → subgraph) are another thing: HS256 with the
 * internal service secret, `aud: "partsgraph-internal"`, role SERVICE, the
 * acting user in the `act` claim. Only internal endpoints accept them and
 * no person token is accepted there.
 */
import { SignJWT, jwtVerify, decodeJwt, decodeProtectedHeader, createRemoteJWKSet, errors as joseErrors, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { badInput, unauthenticated } from './errors';
import type { Reason } from './reasons';

export const ROLES = ['PARTS_CLERK', 'PURCHASER', 'STATION_MANAGER', 'HQ_ADMIN'] as const;
export type Role = (typeof ROLES)[number];
/** Subgraph-to-subgraph calls; never handed to people (the token script refuses it). */
export const SERVICE_ROLE = 'SERVICE';
export type AnyRole = Role | typeof SERVICE_ROLE;

export interface User {
  id: string;
  roles: AnyRole[];
  stationId: string | null;
  /** The sign-in session a platform token belongs to (`sid`); revoking it ends the token at once. */
  sessionId?: string | null;
}

export interface TokenClaims {
  sub: string;
  roles: AnyRole[];
  stationId?: string;
  /** Session id (identity's sign-in session). */
  sid?: string;
}

export const ISSUER = 'partsgraph';
/** The audience of service tokens; a person token never carries it. */
export const SERVICE_AUDIENCE = 'partsgraph-internal';
/** Algorithms of the platform's signing keys. */
export const PLATFORM_ALGORITHMS = ['EdDSA', 'ES256'];
const EXTERNAL_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'];
const encoder = new TextEncoder();

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** UNAUTHENTICATED with a reason a client can act on (reasons.ts). */
export const authRefusal = (reason: Reason, message: string, params: Record<string, unknown> = {}): GraphQLError => unauthenticated(reason, message, params);

function expiry(expiresIn: string | number): string | number {
  return typeof expiresIn === 'number' ? Math.floor(Date.now() / 1000) + expiresIn : expiresIn;
}

/** An HS256 person token (AUTH_JWT_SECRET: scripts and tests). */
export async function signToken(secret: string, claims: TokenClaims, expiresIn: string | number = '12h'): Promise<string> {
  for (const r of claims.roles) if (!isRole(r)) throw badInput('UNKNOWN_ROLE', r === SERVICE_ROLE ? 'Service tokens come from serviceToken()' : `Unknown role ${String(r).slice(0, 40)}`, { role: String(r).slice(0, 40) });
  return personJwt(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setExpirationTime(expiry(expiresIn)).sign(encoder.encode(secret));
}

/** The unsigned body of a person token, as the platform issues them (identity and scripts/token.ts sign it). */
export function personJwt(claims: TokenClaims): SignJWT {
  const body: Record<string, unknown> = { roles: claims.roles };
  if (claims.stationId) body.stationId = claims.stationId;
  if (claims.sid) body.sid = claims.sid;
  return new SignJWT(body).setSubject(claims.sub).setIssuer(ISSUER).setIssuedAt();
}

function mapJoseError(err: unknown): never {
  if (err instanceof GraphQLError) throw err;
  if (err instanceof joseErrors.JWTExpired) throw authRefusal('TOKEN_EXPIRED', 'The token has expired');
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) throw authRefusal('TOKEN_INVALID', 'The token signature is invalid');
  if (err instanceof joseErrors.JWKSNoMatchingKey) throw authRefusal('TOKEN_INVALID', 'The token was signed with a key the platform does not know');
  if (err instanceof joseErrors.JWKSTimeout || (err instanceof TypeError && /fetch/i.test(err.message))) {
    throw authRefusal('TOKEN_KEYS_UNAVAILABLE', 'The keys to check the token could not be fetched; try again shortly');
  }
  if (err instanceof joseErrors.JOSEError) throw authRefusal('TOKEN_INVALID', `The token is invalid (${err.code})`);
  throw err;
}

function personFromClaims(payload: JWTPayload): User {
  const roles = payload.roles;
  if (!payload.sub || !Array.isArray(roles) || !roles.length || roles.some((r) => typeof r !== 'string' || !isRole(r))) {
    throw authRefusal('TOKEN_INVALID', 'The token lacks valid sub/roles claims');
  }
  const stationId = typeof payload.stationId === 'string' && payload.stationId ? payload.stationId : null;
  const sid = typeof payload.sid === 'string' && payload.sid ? payload.sid : null;
  return { id: payload.sub, roles: roles as Role[], stationId, sessionId: sid };
}

/** Verifies an HS256 person token with `secret` (the AUTH_JWT_SECRET path). */
export async function verifyToken(secret: string, token: string): Promise<User> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'], issuer: ISSUER });
    if (payload.aud !== undefined) throw authRefusal('TOKEN_INVALID', 'A service token is no person token');
    return personFromClaims(payload);
  } catch (err) {
    return mapJoseError(err);
  }
}

/** How an external provider's claims become PartsGraph's (dot paths into the token). */
export interface ClaimMapping {
  sub: string;
  roles: string;
  stationId: string;
  /** Provider role name → PartsGraph role; names not listed are ignored (identity mapping when empty). */
  roleMap: Record<string, Role>;
}

export interface ExternalProvider {
  issuer: string;
  jwksUrl: string;
  audience?: string;
  claims: ClaimMapping;
}

export interface VerifierOptions {
  /** identity's JWKS (its /.well-known/jwks.json), or a key set function (identity itself, tests). */
  platformKeys: string | JWTVerifyGetKey;
  /** AUTH_JWT_SECRET: HS256 person tokens are accepted only when this is set. */
  hsSecret?: string;
  external?: ExternalProvider;
  /** True when the session `sid` has been ended (logout, deactivation, refresh-token reuse). */
  isRevoked?: (sid: string) => boolean;
}

export interface VerifiedToken {
  user: User;
  /** When the token stops being valid (ms since epoch); null if it never expires. */
  expiresAt: number | null;
}

export interface Verifier {
  verify(token: string): Promise<VerifiedToken>;
}

const pick = (o: unknown, dotted: string): unknown => dotted.split('.').reduce<any>((v, k) => (v && typeof v === 'object' ? v[k] : undefined), o);

export function createVerifier(o: VerifierOptions): Verifier {
  const platform: JWTVerifyGetKey = typeof o.platformKeys === 'string' ? createRemoteJWKSet(new URL(o.platformKeys), { timeoutDuration: 3000, cooldownDuration: 5000 }) : o.platformKeys;
  const external = o.external ? { ...o.external, keys: createRemoteJWKSet(new URL(o.external.jwksUrl), { timeoutDuration: 5000 }) } : undefined;

  const externalUser = (payload: JWTPayload): User => {
    const m = external!.claims;
    const sub = pick(payload, m.sub);
    const raw = pick(payload, m.roles);
    const names = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
    const mapped = names.map((n) => (Object.keys(m.roleMap).length ? m.roleMap[String(n)] : String(n))).filter((r): r is Role => !!r && isRole(r));
    const station = pick(payload, m.stationId);
    if (typeof sub !== 'string' || !sub) throw authRefusal('TOKEN_INVALID', `The provider's token has no ${m.sub} claim`);
    if (!mapped.length) throw authRefusal('TOKEN_NO_ROLES', 'The provider gave this account no PartsGraph role');
    return { id: sub, roles: [...new Set(mapped)], stationId: typeof station === 'string' && station ? station : null, sessionId: null };
  };

  /**
   * Tokens whose signature and claims were checked, kept for at most
   * VERIFIED_TTL_MS: the gateway and every subgraph see the same token on each
   * request, and the signature check (EdDSA) was 5–9 % of each process's CPU.
   * Expiry and revocation are still checked on every use; only successes are kept.
   */
  const verified = new LRUCache<string, VerifiedToken>({ max: VERIFIED_MAX, ttl: VERIFIED_TTL_MS, ttlAutopurge: false });
  const check = async (token: string): Promise<VerifiedToken> => {
    const hit = verified.get(token);
    if (hit) return hit;
    const result = await verifyOnce(token);
    verified.set(token, result);
    return result;
  };

  const verifyOnce = async (token: string): Promise<VerifiedToken> => {
    let alg: string | undefined;
    let iss: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
      iss = decodeJwt(token).iss;
    } catch {
      throw authRefusal('TOKEN_INVALID', 'The token is not a JWT');
    }
    let user: User;
    let payload: JWTPayload;
    try {
      if (alg === 'HS256') {
        if (!o.hsSecret) throw authRefusal('TOKEN_INVALID', 'HS256 tokens are not accepted here (AUTH_JWT_SECRET is not set)');
        user = await verifyToken(o.hsSecret, token);
        payload = decodeJwt(token);
      } else if (iss === ISSUER) {
        ({ payload } = await jwtVerify(token, platform, { algorithms: PLATFORM_ALGORITHMS, issuer: ISSUER }));
        if (payload.aud !== undefined) throw authRefusal('TOKEN_INVALID', 'A service token is no person token');
        user = personFromClaims(payload);
      } else if (external && iss === external.issuer) {
        ({ payload } = await jwtVerify(token, external.keys, { algorithms: EXTERNAL_ALGORITHMS, issuer: external.issuer, audience: external.audience }));
        user = externalUser(payload);
      } else {
        throw authRefusal('TOKEN_INVALID', 'The token comes from an issuer the platform does not trust');
      }
    } catch (err) {
      return mapJoseError(err);
    }
    return { user, expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null };
  };

  return {
    async verify(token) {
      const result = await check(token);
      // Expiry as jose checks it (exp ≤ now in whole seconds is expired), on every use of a kept result too.
      if (result.expiresAt !== null && Date.now() >= result.expiresAt) {
        verified.delete(token);
        throw authRefusal('TOKEN_EXPIRED', 'The token has expired');
      }
      const { user } = result;
      if (user.sessionId && o.isRevoked?.(user.sessionId)) throw authRefusal('SESSION_ENDED', 'This session has ended (signed out, deactivated or its refresh token was reused); sign in again');
      // A copy: a caller that changes its user must not change the next request's.
      return { user: { ...user, roles: [...user.roles] }, expiresAt: result.expiresAt };
    },
  };
}

/** How long a verified token is kept (bounds how late a key removed from the JWKS stops being honoured: the JWKS itself is cached longer). */
const VERIFIED_TTL_MS = 60_000;
const VERIFIED_MAX = 10_000;

/** Reads `Bearer <token>` from an Authorization header value. */
export function bearer(header: string | string[] | undefined | null): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(value);
  return m ? m[1] : undefined;
}

export async function authenticate(verifier: Verifier, header: string | string[] | undefined | null): Promise<User> {
  const token = bearer(header);
  if (!token) throw authRefusal(header ? 'TOKEN_INVALID' : 'TOKEN_MISSING', header ? 'The Authorization header must be "Bearer <token>"' : 'A bearer token is required');
  return (await verifier.verify(token)).user;
}

/** The operations a caller may send without a token (API.md § Authentication). */
export const ANONYMOUS_FIELDS = new Set(['login', 'completeSetup', 'refreshSession']);

/** A service token lives 5 minutes; it is signed once per caller, service and actor and reused for its first minute. */
const SERVICE_TOKEN_LIFE_S = 300;
const SERVICE_TOKEN_REUSE_MS = 60_000;
const signedServiceTokens = new LRUCache<string, { token: Promise<string>; at: number }>({ max: 10_000 });
/** Service tokens verified, by token, until a minute before they expire (they are not revocable: no user session behind them). */
const verifiedServiceTokens = new LRUCache<string, ServiceCaller & { exp: number }>({ max: 10_000, ttl: 60_000, ttlAutopurge: false });

/**
 * A short-lived token a subgraph uses to call another subgraph's internal
 * endpoints, on behalf of `actor` (its `act` claim): the callee takes the
 * acting user from here, never from the request body.
 */
export function serviceToken(secret: string, service: string, actor?: User): Promise<string> {
  const act = actor ? { sub: actor.id, roles: actor.roles.filter((r) => r !== SERVICE_ROLE), stationId: actor.stationId ?? null } : undefined;
  const key = JSON.stringify([secret, service, act ?? null]);
  const now = Date.now();
  const kept = signedServiceTokens.get(key);
  let token = kept && now - kept.at < SERVICE_TOKEN_REUSE_MS ? kept.token : undefined;
  if (!token) {
    const body: Record<string, unknown> = { roles: [SERVICE_ROLE], ...(act ? { act } : {}) };
    token = new SignJWT(body).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject(service).setIssuer(ISSUER).setAudience(SERVICE_AUDIENCE)
      .setIssuedAt().setExpirationTime(expiry(SERVICE_TOKEN_LIFE_S)).sign(encoder.encode(secret));
    token.catch(() => signedServiceTokens.delete(key));
    signedServiceTokens.set(key, { token, at: now });
  }
  return token;
}


export interface ServiceCaller {
  /** The calling service. */
  service: string;
  /** The person it acts for, from the signed `act` claim (absent for background work). */
  actor: User | null;
}

/** Verifies a service token: the internal secret, HS256, the internal audience, role SERVICE. */
export async function verifyServiceToken(secret: string, token: string): Promise<ServiceCaller> {
  const key = `${secret.length}:${secret}:${token}`;
  const known = verifiedServiceTokens.get(key);
  if (known && known.exp * 1000 > Date.now()) return { service: known.service, actor: known.actor };
  const caller = await verifyServiceTokenOnce(secret, token);
  verifiedServiceTokens.set(key, caller);
  return { service: caller.service, actor: caller.actor };
}

async function verifyServiceTokenOnce(secret: string, token: string): Promise<ServiceCaller & { exp: number }> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'], issuer: ISSUER, audience: SERVICE_AUDIENCE }));
  } catch (err) {
    return mapJoseError(err);
  }
  if (!payload.sub || !Array.isArray(payload.roles) || !payload.roles.includes(SERVICE_ROLE)) throw authRefusal('TOKEN_INVALID', 'Not a service token');
  const act = payload.act as { sub?: unknown; roles?: unknown; stationId?: unknown } | undefined;
  let actor: User | null = null;
  if (act && typeof act.sub === 'string') {
    const roles = Array.isArray(act.roles) ? act.roles.filter((r): r is Role => typeof r === 'string' && isRole(r)) : [];
    actor = { id: act.sub, roles, stationId: typeof act.stationId === 'string' && act.stationId ? act.stationId : null };
  }
  return { service: payload.sub, actor, exp: payload.exp ?? 0 };
}

/** The header in which the gateway tells subgraphs (identity's throttling) the caller's address. */
export const CLIENT_HEADER = 'x-partsgraph-client';

/** `<address> <hmac>`: the address a request came from, as the gateway saw it, under the service secret. */
export function clientHeader(secret: string, address: string): string {
  return `${address} ${createHmac('sha256', secret).update(address).digest('base64url')}`;
}

/** The expected MAC per (address, secret): the same few addresses come on every request, and the HMAC was ~2 % of a subgraph's CPU. */
const clientMacs = new LRUCache<string, Buffer>({ max: 10_000 });

/** The address in a header the gateway made, or undefined when it is missing or forged. */
export function readClientHeader(secret: string, value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  const [address, mac] = (raw ?? '').split(' ');
  if (!address || !mac) return undefined;
  const key = `${address} ${secret}`;
  let want = clientMacs.get(key);
  if (!want) clientMacs.set(key, (want = Buffer.from(createHmac('sha256', secret).update(address).digest('base64url'))));
  const got = Buffer.from(mac);
  return want.length === got.length && timingSafeEqual(want, got) ? address : undefined;
}
