/**
 * Process configuration: every environment variable the platform reads is
 * parsed and validated here, once, with its documented default (README §
 * Environment). Nothing else reads process.env.
 */
import path from 'node:path';

export type SubgraphName = 'catalog' | 'stock' | 'procurement' | 'workshop';
export const SUBGRAPHS: readonly SubgraphName[] = ['catalog', 'stock', 'procurement', 'workshop'];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  catalog: 4001,
  stock: 4002,
  procurement: 4003,
  workshop: 4004,
};

export interface Config {
  /** Postgres connection string; set by the launcher when it runs the embedded cluster. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string | undefined;
  logLevel: string;
  seedDemo: boolean;
  meiliHost: string | undefined;
  meiliApiKey: string | undefined;
  host: string;
  ports: Record<SubgraphName | 'gateway', number>;
  /** Where each subgraph answers; used by the gateway and by subgraph-to-subgraph commands. */
  urls: Record<SubgraphName, string>;
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
}

class ConfigError extends Error {}

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
  };
  const local = (p: number) => `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${p}`;
  const urls = {
    catalog: url(env, 'CATALOG_URL', local(ports.catalog)),
    stock: url(env, 'STOCK_URL', local(ports.stock)),
    procurement: url(env, 'PROCUREMENT_URL', local(ports.procurement)),
    workshop: url(env, 'WORKSHOP_URL', local(ports.workshop)),
  };
  const subgraphTimeoutMs = int(env, 'SUBGRAPH_TIMEOUT_MS', 5000, 100, 600_000);
  if (env.MEILI_API_KEY && !env.MEILI_HOST) throw new ConfigError('MEILI_API_KEY is set but MEILI_HOST is not');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || '.data'),
    jwtSecret: env.AUTH_JWT_SECRET || undefined,
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    seedDemo: bool(env, 'SEED_DEMO', true),
    meiliHost: env.MEILI_HOST ? url(env, 'MEILI_HOST', env.MEILI_HOST) : undefined,
    meiliApiKey: env.MEILI_API_KEY || undefined,
    host,
    ports,
    urls,
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
    maxAliases: int(env, 'MAX_ALIASES', 30, 1, 1000),
    maxCost: int(env, 'MAX_QUERY_COST', 20000, 1, 10_000_000),
    subgraphTimeoutMs,
    healthTimeoutMs: int(env, 'HEALTH_TIMEOUT_MS', Math.min(1000, subgraphTimeoutMs), 50, 600_000),
    // Below the gateway's deadline, so the subgraph in the middle can still say which part did not answer.
    internalTimeoutMs: int(env, 'INTERNAL_TIMEOUT_MS', Math.max(500, subgraphTimeoutMs - 1000), 50, 600_000),
    breakerFailures: int(env, 'SUBGRAPH_BREAKER_FAILURES', 5, 1, 1000),
    breakerOpenMs: int(env, 'SUBGRAPH_BREAKER_OPEN_MS', 5000, 100, 600_000),
  };
}

export { ConfigError };
