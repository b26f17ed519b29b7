/**
 * SERVICE_UNAVAILABLE (API.md, "Authentication"): a part of the platform did
 * not answer in time or is down; the caller may retry later, with the same
 * idempotency key for a mutation.
 *
 * This is deliberately not a `DomainError` (not a refusal): a refusal means
 * "nothing happened", while a deadline that passed means "the outcome is not
 * known yet". The sagas undo their PENDING rows on a DomainError; on this
 * error they keep them, so a retry with the same key (or their sweep)
 * finishes what may already have happened instead of doing it twice.
 *
 * The part is named as a person knows it — never a process or host name:
 *   catalog (parts, prices, vehicle models, search), stock, purchasing,
 *   workshop, sign-in, database; `platform` when it cannot be told.
 * Each part has its own reason (`STOCK_UNAVAILABLE` …, listed in reasons.ts);
 * `params` carry `part` and `retryAfterSeconds`.
 */
import { GraphQLError, type GraphQLFormattedError } from 'graphql';

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

export type PlatformPart = 'catalog' | 'stock' | 'purchasing' | 'workshop' | 'sign-in' | 'database' | 'platform';

/** Which public part each process serves. */
const PART_OF_SERVICE: Record<string, PlatformPart> = {
  catalog: 'catalog',
  stock: 'stock',
  procurement: 'purchasing',
  workshop: 'workshop',
  identity: 'sign-in',
  database: 'database',
};

export const UNAVAILABLE_REASONS: Record<PlatformPart, string> = {
  catalog: 'CATALOG_UNAVAILABLE',
  stock: 'STOCK_UNAVAILABLE',
  purchasing: 'PURCHASING_UNAVAILABLE',
  workshop: 'WORKSHOP_UNAVAILABLE',
  'sign-in': 'SIGN_IN_UNAVAILABLE',
  database: 'DATABASE_UNAVAILABLE',
  platform: 'PLATFORM_UNAVAILABLE',
};

const WORDS: Record<PlatformPart, string> = {
  catalog: 'The parts catalogue',
  stock: 'Stock',
  purchasing: 'Purchasing',
  workshop: 'The workshop',
  'sign-in': 'Sign-in',
  database: 'The database',
  platform: 'A part of the platform',
};

/** Why the part is unavailable: what the English message says. */
export type UnavailableCause = 'timeout' | 'unreachable' | 'resting' | 'down';

const CAUSE_WORDS: Record<UnavailableCause, string> = {
  timeout: 'did not answer in time',
  unreachable: 'cannot be reached',
  resting: 'is not answering and is given a short rest',
  down: 'is down',
};

export const partOfService = (service: string): PlatformPart => PART_OF_SERVICE[service] ?? 'platform';

export class ServiceUnavailableError extends GraphQLError {
  readonly part: PlatformPart;
  readonly retryAfterSeconds: number;
  constructor(part: PlatformPart, message: string, retryAfterSeconds = 5) {
    const retry = Math.max(1, Math.ceil(retryAfterSeconds));
    super(message, { extensions: { code: SERVICE_UNAVAILABLE, reason: UNAVAILABLE_REASONS[part], params: { part, retryAfterSeconds: retry } } });
    this.part = part;
    this.retryAfterSeconds = retry;
  }
}

/** `service` is a process name (catalog, stock, procurement …) or a public part. */
export function serviceUnavailable(service: string, cause: UnavailableCause, retryAfterSeconds = 5): ServiceUnavailableError {
  const part = (Object.values(PART_OF_SERVICE) as string[]).includes(service) ? (service as PlatformPart) : partOfService(service);
  return new ServiceUnavailableError(part, `${WORDS[part]} ${CAUSE_WORDS[cause]}; try again in a few seconds (a change with the same idempotency key is safe to repeat)`, retryAfterSeconds);
}

export const databaseUnavailable = (retryAfterSeconds = 5) => serviceUnavailable('database', 'down', retryAfterSeconds);

/** Postgres SQLSTATEs of a server that is going, gone or not yet back (classes 08, 57P0x) and of a full server. */
const PG_UNAVAILABLE = new Set(['08000', '08001', '08003', '08004', '08006', '08007', '08P01', '57P01', '57P02', '57P03', '53300']);
/** Socket errors of a connection to Postgres (pg raises the net error itself). */
const SOCKET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const PG_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i;

/** True when `err` says the database is not there right now (rather than that the request was wrong). */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 4) return false;
  // A failed HTTP call to another service (undici's "fetch failed") is not the database.
  if (err instanceof TypeError) return false;
  const e = err as { name?: unknown; code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  // TypeORM releases a transaction's query runner when its connection dies (its 'error'
  // listener); the transaction's next statement — or its COMMIT — then fails with one of these two.
  if (e.name === 'QueryRunnerProviderAlreadyReleasedError' || e.name === 'QueryRunnerAlreadyReleasedError') return true;
  if (typeof e.code === 'string' && (PG_UNAVAILABLE.has(e.code) || SOCKET_UNAVAILABLE.has(e.code))) return true;
  if (typeof e.message === 'string' && PG_MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** The SERVICE_UNAVAILABLE error `err` stands for, if it stands for one. */
export function asUnavailable(err: unknown): ServiceUnavailableError | undefined {
  if (err instanceof ServiceUnavailableError) return err;
  const original = (err as { originalError?: unknown })?.originalError;
  if (original instanceof ServiceUnavailableError) return original;
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  return undefined;
}

export const isUnavailable = (err: unknown): boolean => asUnavailable(err) !== undefined;

/**
 * The formatter's hook (errors.ts `formatError`): a SERVICE_UNAVAILABLE error —
 * raised here, by a subgraph (seen at the gateway), or a lost database
 * connection — goes out with only `code`, `reason` and `params`.
 */
export function formatUnavailable(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError | undefined {
  const base = { message: formatted.message, ...(formatted.path ? { path: formatted.path } : {}), ...(formatted.locations ? { locations: formatted.locations } : {}) };
  const ext = formatted.extensions;
  if (ext?.code === SERVICE_UNAVAILABLE) return { ...base, extensions: { code: SERVICE_UNAVAILABLE, reason: ext.reason, params: ext.params } };
  const u = asUnavailable(original);
  if (!u) return undefined;
  return { ...base, message: u.message, extensions: { ...u.extensions } };
}

/** The wire form of an internal call's answer (internal.ts `commandErrorBody`). */
export function unavailableBody(err: unknown): { status: number; body: unknown } | undefined {
  const u = asUnavailable(err);
  if (!u) return undefined;
  return { status: 503, body: { error: { code: SERVICE_UNAVAILABLE, message: u.message, reason: u.extensions.reason, params: u.extensions.params } } };
}

/** The error an internal caller raises for a 503 answer of that shape. */
export function fromUnavailableBody(error: { message?: string; params?: { part?: string; retryAfterSeconds?: number } } | undefined): ServiceUnavailableError {
  const part = (error?.params?.part && error.params.part in UNAVAILABLE_REASONS ? error.params.part : 'platform') as PlatformPart;
  return new ServiceUnavailableError(part, error?.message || `${WORDS[part]} is down`, error?.params?.retryAfterSeconds ?? 5);
}

/** Seconds a client should wait, from formatted errors; undefined when none is SERVICE_UNAVAILABLE. */
export function retryAfterOf(errors: readonly GraphQLFormattedError[] | undefined): number | undefined {
  let retry: number | undefined;
  for (const e of errors ?? []) {
    if (e.extensions?.code !== SERVICE_UNAVAILABLE) continue;
    const s = Number((e.extensions.params as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds) || 5;
    retry = Math.max(retry ?? 0, s);
  }
  return retry;
}
