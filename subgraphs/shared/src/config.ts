/**
 * Process configuration: every environment variable the platform reads is
 * parsed and validated here, once, with its documented default (README §
 * Environment). Nothing else reads process.env.
 */
import path from 'node:path';
import { isRole, ROLES, type ExternalProvider, type Role } from './auth';

export type SubgraphName = 'catalog' | 'stock' | 'procurement' | 'workshop' | 'identity';
export const SUBGRAPHS: readonly SubgraphName[] = ['catalog', 'stock', 'procurement', 'workshop', 'identity'];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  catalog: 4001,
  stock: 4002,
  procurement: 4003,
  workshop: 4004,
  identity: 4005,
};

export interface Config {
  /** Postgres connection string; set by the launcher when it runs the embedded cluster. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** AUTH_JWT_SECRET: HS256 person tokens (scripts, tests) are accepted only while it is set. */
  jwtSecret: string | undefined;
  auth: AuthConfig;
  logLevel: string;
  seedDemo: boolean;
  /** DEMO_DAY: on the start that loads the demo data, a working day's documents at every station, made through the API (scripts/demo-day.ts). */
  demoDay: boolean;
  meiliHost: string | undefined;
  meiliApiKey: string | undefined;
  host: string;
  ports: Record<SubgraphName | 'gateway', number>;
  /** Where each subgraph answers; used by the gateway and by subgraph-to-subgraph commands. */
  urls: Record<SubgraphName, string>;
  /** Where people and clients reach the gateway (PUBLIC_URL): the platform's own addresses (part images) are given under it. */
  publicUrl: string;
  /** Gateway limits against abusive queries. */
  maxQueryDepth: number;
  maxAliases: number;
  maxCost: number;
  /** Deadline of every gateway → subgraph fetch (SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs: number;
  /** Deadline of each subgraph check behind the gateway's /health (HEALTH_TIMEOUT_MS). */
  healthTimeoutMs: number;
  /** Deadline of subgraph → subgraph calls: commands, partFacts, the event feed (INTERNAL_TIMEOUT_MS). */
  internalTimeoutMs: number;
  /** Consecutive failed fetches after which the gateway stops sending to a subgraph (SUBGRAPH_BREAKER_FAILURES). */
  breakerFailures: number;
  /** How long the breaker stays open before it lets one probe through (SUBGRAPH_BREAKER_OPEN_MS). */
  breakerOpenMs: number;
  /**
   * SQL_PER_REQUEST: count each GraphQL request's own SQL statements (an AsyncLocalStorage around the
   * request, whose promise hooks cost ~4 % of a subgraph's CPU). On under tests (NODE_ENV=test) and
   * in the bench, which compare statements per request; off otherwise.
   */
  sqlPerRequest: boolean;
  /**
   * HEAP_GROWTH_PERCENT: how far past what its last full collection kept a process's heap may grow before the next one
   * (V8's --heap-growing-percent, given by the launcher to every process it starts; 0: V8's own, up to 4×).
   */
  heapGrowthPercent: number;
}

export interface AuthConfig {
  /** AUTH_SERVICE_SECRET: signs service tokens between PartsGraph processes (default: generated into DATA_DIR). */
  serviceSecret: string | undefined;
  /** AUTH_SIGNING_KEY: the platform's private key (PKCS#8 PEM, Ed25519 or P-256); default: generated into DATA_DIR by identity. */
  signingKey: string | undefined;
  /** Access token lifetime in seconds (AUTH_ACCESS_TTL, at most 900). */
  accessTtlSeconds: number;
  /** A sign-in session (its refresh tokens) lasts this long without use (AUTH_SESSION_TTL, hours). */
  sessionTtlHours: number;
  /** An external OpenID Connect provider, when AUTH_ISSUER and AUTH_JWKS_URL are set. */
  external: ExternalProvider | undefined;
}

class ConfigError extends Error {}

function roleMap(raw: string | undefined): Record<string, Role> {
  const out: Record<string, Role> = {};
  for (const pair of (raw ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [from, to] = pair.split('=').map((x) => x.trim());
    if (!from || !to || !isRole(to)) throw new ConfigError(`AUTH_ROLE_MAP entries are provider-role=PARTSGRAPH_ROLE (one of ${ROLES.join(', ')}), got "${pair}"`);
    out[from] = to;
  }
  return out;
}

function authConfig(env: NodeJS.ProcessEnv): AuthConfig {
  if (!!env.AUTH_ISSUER !== !!env.AUTH_JWKS_URL) throw new ConfigError('AUTH_ISSUER and AUTH_JWKS_URL go together (an external OpenID Connect provider)');
  if (env.AUTH_ISSUER === 'partsgraph') throw new ConfigError('AUTH_ISSUER must name the external provider, not "partsgraph"');
  return {
    serviceSecret: env.AUTH_SERVICE_SECRET || undefined,
    signingKey: env.AUTH_SIGNING_KEY || undefined,
    accessTtlSeconds: int(env, 'AUTH_ACCESS_TTL', 900, 1, 900),
    sessionTtlHours: int(env, 'AUTH_SESSION_TTL', 12, 1, 24 * 90),
    external: env.AUTH_ISSUER
      ? {
          issuer: env.AUTH_ISSUER,
          jwksUrl: url(env, 'AUTH_JWKS_URL', env.AUTH_JWKS_URL!),
          audience: env.AUTH_AUDIENCE || undefined,
          claims: { sub: env.AUTH_CLAIM_SUB || 'sub', roles: env.AUTH_CLAIM_ROLES || 'roles', stationId: env.AUTH_CLAIM_STATION || 'stationId', roleMap: roleMap(env.AUTH_ROLE_MAP) },
        }
      : undefined,
  };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function url(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const raw = env[name] || fallback;
  try {
    new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL, got "${raw}"`);
  }
  return raw.replace(/\/$/, '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const host = env.HOST || '127.0.0.1';
  const ports = {
    gateway: int(env, 'PORT', DEFAULT_PORTS.gateway),
    catalog: int(env, 'CATALOG_PORT', DEFAULT_PORTS.catalog),
    stock: int(env, 'STOCK_PORT', DEFAULT_PORTS.stock),
    procurement: int(env, 'PROCUREMENT_PORT', DEFAULT_PORTS.procurement),
    workshop: int(env, 'WORKSHOP_PORT', DEFAULT_PORTS.workshop),
    identity: int(env, 'IDENTITY_PORT', DEFAULT_PORTS.identity),
  };
  const local = (p: number) => `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${p}`;
  const urls = {
    catalog: url(env, 'CATALOG_URL', local(ports.catalog)),
    stock: url(env, 'STOCK_URL', local(ports.stock)),
    procurement: url(env, 'PROCUREMENT_URL', local(ports.procurement)),
    workshop: url(env, 'WORKSHOP_URL', local(ports.workshop)),
    identity: url(env, 'IDENTITY_URL', local(ports.identity)),
  };
  const subgraphTimeoutMs = int(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 100, 600_000);
  if (env.MEILI_API_KEY && !env.MEILI_HOST) throw new ConfigError('MEILI_API_KEY is set but MEILI_HOST is not');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    jwtSecret: env.AUTH_JWT_SECRET || undefined,
    auth: authConfig(env),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    demoDay: bool(env, 'DEMO_DAY', true),
    meiliHost: env.MEILI_HOST ? url(env, 'MEILI_HOST', env.MEILI_HOST) : undefined,
    meiliApiKey: env.MEILI_API_KEY || undefined,
    host,
    ports,
    urls,
    publicUrl: url(env, 'PUBLIC_URL', local(ports.gateway)),
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
    maxAliases: int(env, 'MAX_ALIASES', 30, 1, 1000),
    maxCost: int(env, 'MAX_QUERY_COST', 50000, 1, 10_000_000), // a page of 200 parts with their stock levels and bins costs ~22,000
    subgraphTimeoutMs,
    healthTimeoutMs: int(env, 'HEALTH_TIMEOUT_MS', Math.min(1000, subgraphTimeoutMs), 50, 600_000),
    // Below the gateway's deadline, so the subgraph in the middle can still say which part did not answer.
    internalTimeoutMs: int(env, 'INTERNAL_TIMEOUT_MS', Math.max(500, subgraphTimeoutMs - 1000), 50, 600_000),
    breakerFailures: int(env, 'SUBGRAPH_BREAKER_FAILURES', 5, 1, 1000),
    breakerOpenMs: int(env, 'SUBGRAPH_BREAKER_OPEN_MS', 5000, 100, 600_000),
    sqlPerRequest: bool(env, 'SQL_PER_REQUEST', env.NODE_ENV === 'test'),
    // V8 lets a heap grow up to 4× what it keeps alive before it collects fully (procurement's whole-station reorder:
    // ~160 MiB live, 450+ MiB of heap). A growth factor, unlike a heap cap, still scales with a larger live set.
    heapGrowthPercent: int(env, 'HEAP_GROWTH_PERCENT', 100, 0, 1000),
  };
}

export { ConfigError };
