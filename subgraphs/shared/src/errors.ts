/**
 * The error codes of API.md, the one way to refuse (`refusal`), and the
 * formatter that keeps stack traces, SQL and internal names away from
 * clients. A formatted error's `extensions` carry only `code`, `reason` and
 * `params` (API.md, "Refusals a person can read"). Services throw refusals;
 * anything else is an internal error and is logged, not shown.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { REASONS, type Reason } from './reasons';
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

/** Codes graphql-js / Apollo raise for a request that is not valid, with the reason they carry. */
const PROTOCOL_REASONS: Record<string, Reason> = {
  GRAPHQL_PARSE_FAILED: 'QUERY_SYNTAX',
  GRAPHQL_VALIDATION_FAILED: 'QUERY_INVALID',
  BAD_REQUEST: 'BAD_REQUEST',
  PERSISTED_QUERY_NOT_FOUND: 'QUERY_INVALID',
  PERSISTED_QUERY_NOT_SUPPORTED: 'QUERY_INVALID',
  OPERATION_RESOLUTION_FAILURE: 'QUERY_INVALID',
};
/** The reason a refusal gets when its thrower named none (kept for errors raised by libraries). */
const DEFAULT_REASONS: Record<string, Reason> = {
  UNAUTHENTICATED: 'TOKEN_INVALID',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'INVALID_VALUE',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INSUFFICIENT_STOCK: 'INSUFFICIENT_STOCK',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  ...PROTOCOL_REASONS,
};
const PUBLIC_CODES = new Set<string>(Object.keys(DEFAULT_REASONS));

/** What a refusal carries besides its code: values a client's message needs (part numbers, 1-based line numbers, limits, the current value). */
export type RefusalParams = Record<string, unknown>;

export class DomainError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: { reason?: string; params?: RefusalParams } & Record<string, unknown> = {}) {
    const { reason, params, http, ...rest } = details;
    super(message, {
      extensions: {
        code,
        reason: reason ?? DEFAULT_REASONS[code] ?? code,
        params: { ...rest, ...(params ?? {}) },
        ...(http ? { http } : {}),
      },
    });
  }
  get reason(): string {
    return this.extensions.reason as string;
  }
  get params(): RefusalParams {
    return this.extensions.params as RefusalParams;
  }
}

/**
 * The one way to refuse (API.md, "Refusals a person can read"): a public
 * code, a stable UPPER_SNAKE `reason` listed in `reasons.ts`, the `params` a
 * translated message needs, and an English message for logs and scripts.
 */
export function refusal(code: ErrorCode, reason: Reason, message: string, params: RefusalParams = {}): DomainError {
  return new DomainError(code, message, { reason, params });
}

export const isReason = (s: unknown): s is Reason => typeof s === 'string' && Object.prototype.hasOwnProperty.call(REASONS, s);

/** The helpers: (reason, message, params), one per public code. */
export const unauthenticated = (reason: Reason, message: string, params: RefusalParams = {}) =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message, { reason, params, http: { status: 401 } });
export const forbidden = (reason: Reason, message: string, params: RefusalParams = {}) => refusal(ErrorCode.FORBIDDEN, reason, message, params);
export const notFound = (reason: Reason, message: string, params: RefusalParams = {}) => refusal(ErrorCode.NOT_FOUND, reason, message, params);
/** NOT_FOUND for an id that names nothing (or is no id at all); the message and `params[param]` show what was asked, cut to 80 characters. */
export const unknownId = (reason: Reason, what: string, value: unknown, param = 'id') => {
  const shown = String(value).slice(0, 80);
  return notFound(reason, `${what} ${shown} was not found`, { [param]: shown });
};
export const conflict = (reason: Reason, message: string, params: RefusalParams = {}) => refusal(ErrorCode.CONFLICT, reason, message, params);
/** `params.field` names the input path, with list positions counted from 1 (`lines.2.quantity`). */
export const badInput = (reason: Reason, message: string, params: RefusalParams = {}) => refusal(ErrorCode.BAD_USER_INPUT, reason, message, params);
/** `short`: what is missing per line (part, requested, available). */
export const insufficientStock = (message: string, short: unknown[], reason: Reason = 'INSUFFICIENT_STOCK', params: RefusalParams = {}) =>
  refusal(ErrorCode.INSUFFICIENT_STOCK, reason, message, { ...params, short });

/** Postgres errors that are the caller's fault, mapped to public codes (constraint names stay private). */
export function fromDatabaseError(err: unknown): DomainError | undefined {
  const code = (err as { code?: string })?.code;
  if (typeof code !== 'string' || !(err instanceof Error)) return undefined;
  switch (code) {
    case '23505':
      return conflict('ALREADY_EXISTS', 'That record already exists');
    case '23503':
      return notFound('REFERENCED_RECORD_NOT_FOUND', 'A referenced record was not found');
    case '23514':
      return conflict('RULE_VIOLATED', 'The change would break a rule of the data (for example a negative quantity)');
    case '40001':
    case '40P01':
      return conflict('CONCURRENT_CHANGE', 'A concurrent change got there first; try again');
    case '22001':
      return badInput('TOO_LONG', 'A value is longer than allowed');
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22021':
    case '22P05':
    case '54000':
      return badInput('INVALID_VALUE', 'A value has the wrong format or is out of range');
    default:
      return undefined;
  }
}

/**
 * express.json's refusal of a body as a GraphQL-shaped answer (gateway and subgraphs): a body over the limit is
 * 413 REQUEST_TOO_LARGE naming the limit; anything else (not JSON) 400 BAD_REQUEST; never a stack trace.
 */
export function bodyRefusal(err: unknown): { status: number; body: { errors: GraphQLFormattedError[] } } {
  const e = err as { status?: number; type?: string; limit?: number } | undefined;
  if (e?.type === 'entity.too.large' || e?.status === 413) {
    const maxBytes = typeof e.limit === 'number' ? e.limit : undefined;
    const message = `The request body is larger than ${maxBytes ? `${maxBytes} bytes` : 'the server takes'}`;
    return { status: 413, body: { errors: [{ message, extensions: { code: 'BAD_REQUEST', reason: 'REQUEST_TOO_LARGE', params: maxBytes ? { maxBytes } : {} } }] } };
  }
  const status = e?.status && e.status >= 400 && e.status < 500 ? e.status : 400;
  return { status, body: { errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST', reason: 'BAD_REQUEST', params: {} } }] } };
}

/** An input path with list positions counted from 1: ["lines", 0, "quantity"] → "lines.1.quantity". */
export function fieldPath(parts: (string | number)[]): string {
  return parts.map((p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? String(Number(p) + 1) : String(p))).join('.');
}

const VALIDATION_REASONS: Record<string, Reason> = {
  maxLength: 'TOO_LONG',
  length: 'TOO_LONG',
  arrayMaxSize: 'TOO_MANY_LINES',
  arrayMinSize: 'EMPTY_LIST',
  isNotEmpty: 'REQUIRED',
  minLength: 'REQUIRED',
  max: 'TOO_LARGE',
  min: 'TOO_SMALL',
  isPositive: 'TOO_SMALL',
  idempotencyKey: 'IDEMPOTENCY_KEY_INVALID',
};

/** class-validator's errors → one refusal naming the first bad field (all of them in params.fields). */
function fromValidationErrors(validation: any[]): { message: string; reason: Reason; params: RefusalParams } {
  const fields: Record<string, string> = {};
  let first: { path: string; constraint: string; value: unknown } | undefined;
  const walk = (errs: any[], prefix: (string | number)[]) => {
    for (const e of errs) {
      const p = [...prefix, e.property];
      if (e.constraints) {
        const path = fieldPath(p);
        fields[path] = Object.values(e.constraints).join('; ');
        first ??= { path, constraint: Object.keys(e.constraints)[0], value: e.value };
      }
      if (e.children?.length) walk(e.children, p);
    }
  };
  walk(validation, []);
  const reason = (first && VALIDATION_REASONS[first.constraint]) ?? (first?.constraint && isReason(first.constraint) ? first.constraint : 'INVALID_VALUE');
  const message = 'Argument validation failed: ' + Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join(', ');
  return { message: message.slice(0, 2000), reason, params: { field: first?.path, fields } };
}

/** class-validator's errors as the refusal a client gets for them at the edge (for inputs validated by hand, e.g. one import row). */
export function validationRefusal(validation: unknown[]): DomainError {
  const v = fromValidationErrors(validation);
  return refusal(ErrorCode.BAD_USER_INPUT, v.reason, v.message, v.params);
}

/** `Variable "$x" got invalid value …` → "x". */
export function variableOf(message: string): string | undefined {
  return /Variable "\$([A-Za-z_][A-Za-z0-9_]*)"/.exec(message)?.[1];
}

function publicExtensions(ext: Record<string, unknown>): { code: string; reason: string; params: RefusalParams } {
  const { code, reason, params, stacktrace: _s, exception: _e, serviceName: _n, http: _h, response: _r, ...rest } = ext;
  const c = String(code);
  const fromFields = rest.fields && typeof rest.fields === 'object' ? { field: Object.keys(rest.fields as object)[0] } : {};
  return {
    code: c,
    reason: typeof reason === 'string' && reason ? reason : DEFAULT_REASONS[c] ?? c,
    params: { ...fromFields, ...rest, ...(params && typeof params === 'object' ? (params as RefusalParams) : {}) },
  };
}

/**
 * Apollo `formatError` (subgraphs and gateway): public codes keep their
 * message, reason and params and nothing else; class-validator failures and
 * variable coercion become BAD_USER_INPUT with a reason; a subgraph's 4xx
 * that the gateway wraps keeps the subgraph's refusal; everything else is
 * hidden behind a generic message and logged.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown, log?: (e: unknown) => void): GraphQLFormattedError {
  const original = (error as { originalError?: unknown })?.originalError ?? error;
  const ext = (formatted.extensions ?? {}) as Record<string, unknown>;
  const code = ext.code as string | undefined;
  const where = { path: formatted.path, locations: formatted.locations };
  const validation = (original as { extensions?: { validationErrors?: unknown } })?.extensions?.validationErrors
    ?? (original as { validationErrors?: unknown })?.validationErrors
    ?? ext.validationErrors;
  if (Array.isArray(validation)) {
    const v = fromValidationErrors(validation);
    return { message: v.message, ...where, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: v.reason, params: v.params } };
  }
  const unavailable = formatUnavailable(formatted, original); // a part that did not answer or the database gone (unavailable.ts)
  if (unavailable) return unavailable;
  const db = fromDatabaseError(original);
  if (db) return { message: db.message, ...where, extensions: publicExtensions(db.extensions) };

  // The gateway wraps a subgraph's non-2xx answer ("400: Bad Request"); the subgraph's own refusal is in the body.
  const response = ext.response as { status?: number; body?: { errors?: GraphQLFormattedError[] } } | undefined;
  if (response && typeof response.status === 'number' && response.status >= 400 && response.status < 500) {
    const inner = response.body?.errors?.[0];
    const innerCode = inner?.extensions?.code as string | undefined;
    if (inner && innerCode && PUBLIC_CODES.has(innerCode)) {
      const e = publicExtensions(inner.extensions as Record<string, unknown>);
      const variable = variableOf(inner.message);
      if (variable && e.code === ErrorCode.BAD_USER_INPUT) e.params = { variable, ...e.params };
      return { message: inner.message, ...where, extensions: e };
    }
    if (response.status === 401) return { message: 'A valid bearer token is required', ...where, extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_INVALID', params: {} } };
    if (response.status === 403) return { message: 'Not allowed', ...where, extensions: { code: 'FORBIDDEN', reason: 'FORBIDDEN', params: {} } };
  }

  if (code && PUBLIC_CODES.has(code)) {
    const e = publicExtensions(ext);
    const variable = e.code === ErrorCode.BAD_USER_INPUT ? variableOf(formatted.message) : undefined;
    if (variable) e.params = { variable, ...e.params };
    return { message: formatted.message, ...where, extensions: e };
  }
  // Variable coercion failures and other errors graphql-js raised itself are the caller's fault.
  if (original instanceof GraphQLError && !original.originalError && !code) {
    const variable = variableOf(formatted.message);
    return { message: formatted.message, ...where, extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'INVALID_VALUE', params: variable ? { variable } : {} } };
  }
  log?.(original);
  return { message: 'Internal server error', ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
