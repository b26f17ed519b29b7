/**
 * The error codes of API.md, and the formatter that keeps stack traces and
 * SQL away from clients. Services throw these; anything else is an internal
 * error and is logged, not shown.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { formatUnavailable } from './unavailable';

export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...details } });
  }
}

/** What a refusal carries besides its code: values a client's message needs (part numbers, 1-based line numbers, limits, the current value). */
export type RefusalParams = Record<string, unknown>;

/**
 * The one way to refuse (API.md, "Refusals a person can read"): a public
 * code, a stable UPPER_SNAKE `reason` listed in `reasons.ts`, the `params` a
 * translated message needs, and an English message for logs and scripts.
 */
export function refusal(code: ErrorCode, reason: string, message: string, params: RefusalParams = {}): DomainError {
  return new DomainError(code, message, { reason, params });
}

export const unauthenticated = (message = 'A valid bearer token is required') =>
  new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
export const forbidden = (message: string) => new DomainError(ErrorCode.FORBIDDEN, message);
export const notFound = (what: string, id?: string) =>
  new DomainError(ErrorCode.NOT_FOUND, id ? `${what} ${id} was not found` : `${what} was not found`);
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.CONFLICT, message, details);
/** `fields` maps an input path (e.g. `lines.0.quantity`) to what is wrong with it. */
export const badInput = (message: string, fields?: Record<string, string>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, fields ? { fields } : {});
export const insufficientStock = (message: string, short: unknown[]) =>
  new DomainError(ErrorCode.INSUFFICIENT_STOCK, message, { short });

/** Postgres errors that are the caller's fault, mapped to public codes (constraint names stay private). */
export function fromDatabaseError(err: unknown): DomainError | undefined {
  const code = (err as { code?: string })?.code;
  switch (code) {
    case '23505':
      return conflict('That record already exists');
    case '23503':
      return notFound('A referenced record');
    case '23514':
      return conflict('The change would break a rule of the data (for example a negative quantity)');
    case '40001':
    case '40P01':
      return conflict('A concurrent change got there first; try again');
    case '22P02':
    case '22003':
      return badInput('A value has the wrong format or is out of range');
    default:
      return undefined;
  }
}

/**
 * Apollo `formatError`: keep public codes and their messages, hide everything
 * else behind a generic message. class-validator failures become
 * BAD_USER_INPUT with field messages.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log?: (e: unknown) => void): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const code = formatted.extensions?.code as string | undefined;
  const validation = (original as { extensions?: { validationErrors?: unknown } })?.extensions?.validationErrors
    ?? (original as { validationErrors?: unknown })?.validationErrors;
  if (Array.isArray(validation)) {
    const fields: Record<string, string> = {};
    const walk = (errs: any[], prefix: string) => {
      for (const e of errs) {
        const p = prefix ? `${prefix}.${e.property}` : e.property;
        if (e.constraints) fields[p] = Object.values(e.constraints).join('; ');
        if (e.children?.length) walk(e.children, p);
      }
    };
    walk(validation, '');
    return { message: 'Argument validation failed: ' + Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(', '), path: formatted.path, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT, fields } };
  }
  const unavailable = formatUnavailable(formatted, original); // a part that did not answer or the database gone (unavailable.ts)
  if (unavailable) return unavailable;
  const db = fromDatabaseError(original);
  if (db) return { message: db.message, path: formatted.path, locations: formatted.locations, extensions: db.extensions };
  if (code && PUBLIC_CODES.has(code)) {
    const { stacktrace: _s, exception: _e, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // Variable coercion failures and other errors graphql-js raised itself are the caller's fault.
  if (original instanceof GraphQLError && !original.originalError && !code) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT } };
  }
  if (code === 'BAD_USER_INPUT') return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  log?.(original);
  return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
