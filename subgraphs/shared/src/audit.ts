/**
 * The audit trail, written in ONE place for every subgraph (API.md § People
 * and sign-in, "Every change writes an audit entry"):
 *
 *  - a GraphQL mutation or an internal command gets an `AuditScope` on its
 *    request context (who, station, operation, a summary of its arguments
 *    with passwords, tokens and setup codes left out);
 *  - `ctx.db` is the subgraph's DataSource seen through `auditing()`: the
 *    first transaction of the request that changed data (Postgres assigned it
 *    a transaction id) gets the entry appended before it commits — in the same
 *    transaction, so there is no change without its entry and no entry
 *    without its change — into the subgraph's outbox as `audit.entry`, which
 *    identity consumes into its audit log (identity writes its own directly);
 *  - a request refused with UNAUTHENTICATED or FORBIDDEN writes an entry with
 *    outcome REFUSED on its own (nothing else happened to write it with).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { Kind, parse, valueFromASTUntyped, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { OUTBOX_CHANNEL } from './outbox';
import { ANONYMOUS_FIELDS, type User } from './auth';
import type { Logger } from './logger';

export const AUDIT_EVENT = 'audit.entry';

export interface AuditEntry {
  at: string;
  /** The token's subject (a user id for people who signed in); null when nobody could be told. */
  subject: string | null;
  stationId: string | null;
  operation: string;
  summary: string;
  outcome: 'OK' | 'REFUSED';
  /** The subgraph that wrote it. */
  service: string;
  /** For a refusal: the error code (UNAUTHENTICATED, FORBIDDEN) and reason. */
  code?: string;
  reason?: string;
  /** For an internal command: the calling service. */
  via?: string;
}

/** Writes an entry in `tx`; with `onlyIfWritten`, only when the transaction changed data. True when written. */
export type AuditSink = (tx: EntityManager, entry: AuditEntry, onlyIfWritten: boolean) => Promise<boolean>;

/** The default sink: the subgraph's outbox (one statement; NOTIFY wakes the relay at commit). */
export const outboxAuditSink = (schema: string): AuditSink => async (tx, entry, onlyIfWritten) => {
  const rows = await tx.query(
    `WITH ins AS (INSERT INTO "${schema}".outbox_event (type, payload) SELECT $1, $2::jsonb ${onlyIfWritten ? 'WHERE txid_current_if_assigned() IS NOT NULL' : ''} RETURNING 1)
     SELECT pg_notify($3, $4) FROM ins`,
    [AUDIT_EVENT, JSON.stringify(entry), OUTBOX_CHANNEL, schema],
  );
  return rows.length > 0;
};

/**
 * One per request, created with the context and only ever changed in place:
 * Apollo hands resolvers a shallow copy of the context, so the scope must be
 * an object both copies share.
 */
export interface AuditScope {
  /** Set for a mutation or a command: what the entry will say. */
  operation?: string;
  summary?: string;
  via?: string;
  /** Set once the request's entry is in a transaction (or the service wrote its own). */
  written: boolean;
}

declare module './context' {
  interface Context {
    audit: AuditScope;
    /** Where this subgraph's audit entries go (its outbox; identity's own table for identity). */
    auditSink?: AuditSink;
  }
}

const SECRET_KEYS = /password|token|secret|setupcode|authorization/i;
const MAX_SUMMARY = 600;

/** JSON of `value` with secrets replaced by "***" and long texts cut. */
export function redactedJson(value: unknown): string {
  const json = JSON.stringify(value ?? null, (k, v) => (k && SECRET_KEYS.test(k) ? '***' : v));
  return json && json.length > MAX_SUMMARY ? json.slice(0, MAX_SUMMARY - 1) + '…' : (json ?? 'null');
}

/** The operation of a document (by name, or the only one). */
export function selectOperation(doc: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const ops = doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

/** The root fields an operation asks for (fragments at the root count as "…"). */
export function rootFieldNames(op: OperationDefinitionNode): string[] {
  return op.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : '…'));
}

/** True for an operation that needs no token: only login, completeSetup, refreshSession (API.md § Authentication). */
export function isAnonymousOperation(op: OperationDefinitionNode | undefined): boolean {
  if (!op || op.operation === 'subscription') return false;
  const fields = rootFieldNames(op).filter((f) => f !== '__typename');
  return fields.length > 0 && fields.every((f) => ANONYMOUS_FIELDS.has(f));
}

/** Parses a request body's query; undefined when it does not parse. */
export function operationOf(query: unknown, operationName?: unknown): OperationDefinitionNode | undefined {
  if (typeof query !== 'string') return undefined;
  try {
    return selectOperation(parse(query), typeof operationName === 'string' ? operationName : undefined);
  } catch {
    return undefined;
  }
}

/** "createBin(warehouseId: …, code: …)" for each root field, secrets left out. */
export function summarize(op: OperationDefinitionNode, variables: Record<string, unknown> = {}): { operation: string; summary: string } {
  const fields = op.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && s.name.value !== '__typename');
  const parts = fields.map((f) => {
    if (f.kind !== Kind.FIELD) return '…';
    const args = Object.fromEntries((f.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value, variables)]));
    return `${f.name.value}${Object.keys(args).length ? ' ' + redactedJson(args) : ''}`;
  });
  const operation = fields.map((f) => (f.kind === Kind.FIELD ? f.name.value : '…')).join(',') || op.operation;
  const summary = parts.join('; ');
  return { operation, summary: summary.length > MAX_SUMMARY ? summary.slice(0, MAX_SUMMARY - 1) + '…' : summary };
}

export function auditEntry(service: string, user: User | null, scope: { operation: string; summary: string; via?: string }, outcome: AuditEntry['outcome'] = 'OK', refusal?: { code?: string; reason?: string }): AuditEntry {
  return {
    at: new Date().toISOString(),
    subject: user && user.id !== ANONYMOUS.id ? user.id : null,
    stationId: user?.stationId ?? null,
    operation: scope.operation,
    summary: scope.summary,
    outcome,
    service,
    ...(scope.via ? { via: scope.via } : {}),
    ...(refusal?.code ? { code: refusal.code } : {}),
    ...(refusal?.reason ? { reason: refusal.reason } : {}),
  };
}

/** The caller of an operation that needs no token (login, completeSetup, refreshSession). */
export const ANONYMOUS: User = Object.freeze({ id: 'anonymous', roles: [], stationId: null, sessionId: null }) as User;

interface AuditingContext {
  user: User;
  audit: AuditScope;
  auditSink?: AuditSink;
}

/**
 * `ds` whose `transaction(...)` appends the request's audit entry, once, to the
 * first transaction that changed data. Everything else passes through.
 */
export function auditing(ds: DataSource, ctx: AuditingContext, service: string): DataSource {
  const transaction = (...args: unknown[]) => {
    const i = args.findIndex((a) => typeof a === 'function');
    const work = args[i] as (tx: EntityManager) => Promise<unknown>;
    const wrapped = async (tx: EntityManager) => {
      const result = await work(tx);
      const scope = ctx.audit;
      if (scope.operation && !scope.written && ctx.auditSink) {
        // Whether the transaction changed anything is known to Postgres (a transaction id is assigned at the first write).
        if (await ctx.auditSink(tx, auditEntry(service, ctx.user, { operation: scope.operation, summary: scope.summary ?? '', via: scope.via }), true)) scope.written = true;
      }
      return result;
    };
    const copy = [...args];
    copy[i] = wrapped;
    return (ds.transaction as (...a: unknown[]) => Promise<unknown>)(...copy);
  };
  return new Proxy(ds, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const REFUSED_CODES = new Set(['UNAUTHENTICATED', 'FORBIDDEN']);

/** Writes a REFUSED entry in its own transaction; never fails the request. */
export async function recordRefusal(ds: DataSource, sink: AuditSink, entry: AuditEntry, log: Logger): Promise<void> {
  try {
    await ds.transaction((tx) => sink(tx, entry, false));
  } catch (err) {
    log.warn({ err }, 'could not write the audit entry of a refusal');
  }
}

/**
 * The Apollo plugin of every subgraph: a mutation gets its audit scope once
 * the operation is known; a response carrying UNAUTHENTICATED or FORBIDDEN
 * writes a REFUSED entry.
 */
export function auditPlugin<C extends AuditingContext>(o: { ds: DataSource; service: string; sink: AuditSink; log: Logger }): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (!operation || operation.operation !== 'mutation' || contextValue.user.id === ANONYMOUS.id) return;
          Object.assign(contextValue.audit, summarize(operation, request.variables ?? {}));
        },
        async willSendResponse({ errors, operation, request, contextValue }) {
          const refused = errors?.find((e) => REFUSED_CODES.has(String(e.extensions?.code)));
          // A service that audited its own refusal (identity's sign-in) marks the scope written.
          if (!refused || contextValue.audit.written) return;
          const scope = operation ? summarize(operation, request.variables ?? {}) : { operation: request.operationName ?? 'unknown', summary: '' };
          await recordRefusal(o.ds, o.sink, auditEntry(o.service, contextValue.user, scope, 'REFUSED', { code: String(refused.extensions?.code), reason: refused.extensions?.reason as string | undefined }), o.log);
        },
      };
    },
  };
}
