/**
 * Subgraph-to-subgraph calls that are not part of the public supergraph:
 * idempotent commands (POST /internal/commands/:name) and the event feed
 * (GET /internal/events). Both need a SERVICE token signed with the platform
 * service secret; the acting user travels inside its signed claims (`act`),
 * never in the body, for audit and station scoping.
 */
import { GraphQLError } from 'graphql';
import { serviceToken, type User } from './auth';
import { subgraphFetcher, transportFailure, type FetchedResponse } from './http-fetcher';
import { DomainError, type ErrorCode } from './errors';
import type { Context } from './context';
import type { OutboxEvent } from './outbox';
import { fromUnavailableBody, serviceUnavailable, SERVICE_UNAVAILABLE, unavailableBody } from './unavailable';

export type CommandHandler<I = any, O = any> = (ctx: Context, input: I) => Promise<O>;
export type CommandMap = Record<string, CommandHandler>;

export interface InternalClientOptions {
  secret: string;
  /** Name of the calling service, recorded as the actor prefix. */
  caller: string;
  /** Deadline of each call (config.internalTimeoutMs; 15 s when unset). */
  timeoutMs?: number;
  /** Where each service answers: names the part that did not answer (config.urls). */
  urls?: Record<string, string>;
}

export class InternalError extends Error {}

/** The service behind `url`, for naming it in a SERVICE_UNAVAILABLE error. */
const serviceAt = (url: string, urls: Record<string, string> | undefined): string =>
  Object.entries(urls ?? {}).find(([, base]) => url.startsWith(base + '/'))?.[0] ?? 'platform';

/**
 * The process's connections to the other services: one keep-alive pool
 * (http-fetcher.ts, the gateway's transport too; Node's fetch — undici and
 * its web streams — was ~7 % of workshop's busy time in the requisition saga
 * and 19 % of the gateway's on the counter page). The deadline is each call's.
 */
const transport = subgraphFetcher(15_000);

/**
 * One internal call with a deadline. A deadline that passes, a refused
 * connection or a 503 is SERVICE_UNAVAILABLE naming the part (never a
 * DomainError: the callee may have done the work; retrying with the key is
 * what is safe).
 */
async function request(url: string, init: { method?: string; headers: Record<string, string>; body?: string; readOnly?: boolean }, o: InternalClientOptions): Promise<any> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  let res: FetchedResponse;
  let body: any;
  try {
    res = await transport.fetch(url, { ...init, timeoutMs });
    body = await res.json().catch(() => undefined);
  } catch (err) {
    throw serviceUnavailable(serviceAt(url, o.urls), transportFailure(err) === 'timeout' ? 'timeout' : 'unreachable', Math.ceil(timeoutMs / 1000));
  }
  if (res.ok) return body;
  const err = body?.error;
  if (res.status === 503 || err?.code === SERVICE_UNAVAILABLE) throw fromUnavailableBody(err);
  if (err?.code && err.code !== 'INTERNAL') {
    const { code, message, ...details } = err;
    throw new DomainError(code as ErrorCode, message, details);
  }
  throw new InternalError(`${init.method ?? 'GET'} ${url} answered ${res.status}: ${err?.message ?? 'no body'}`);
}

/** Calls another subgraph's command on behalf of `actor`. Domain errors come back with their codes. */
export async function callCommand<O = any>(baseUrl: string, name: string, input: unknown, actor: User, o: InternalClientOptions, readOnly = false): Promise<O> {
  const token = await serviceToken(o.secret, o.caller, actor);
  const body = await request(
    `${baseUrl}/internal/commands/${encodeURIComponent(name)}`,
    { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ input }), readOnly },
    o,
  );
  return body.result as O;
}

export async function fetchEvents(baseUrl: string, after: number, limit: number, o: InternalClientOptions): Promise<OutboxEvent[]> {
  const token = await serviceToken(o.secret, o.caller);
  const body = await request(`${baseUrl}/internal/events?after=${after}&limit=${limit}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } }, o);
  return body.events;
}

/** Serialises an error thrown by a command handler for the wire. */
export function commandErrorBody(err: unknown): { status: number; body: unknown } {
  const unavailable = unavailableBody(err);
  if (unavailable) return unavailable;
  if (err instanceof GraphQLError && typeof err.extensions?.code === 'string') {
    const { code, ...details } = err.extensions;
    return { status: 422, body: { error: { code, message: err.message, ...details } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
}
