/**
 * The transport between the platform's processes — the gateway to its
 * subgraphs, and a subgraph's internal calls to another (internal.ts, one
 * fetcher per process): node:http over one keep-alive
 * Agent (connections to each subgraph are reused, most recently used first),
 * one deadline per fetch that also covers reading the body, and at most one
 * retry when a reused connection turns out to be dead. It replaces Node's
 * fetch (undici and its web streams were 19 % of the gateway's CPU on the
 * counter page, README "Where the CPU goes"); it answers with the few members
 * of a fetch Response that RemoteGraphQLDataSource reads.
 *
 * When a fetch is sent again — the rule:
 *  - only after ECONNRESET or EPIPE ("socket hang up" is ECONNRESET too) on a
 *    connection that had already served a request, and before any byte of
 *    the answer arrived. That is a keep-alive connection the subgraph closed
 *    while it sat idle in the pool (its keepAliveTimeout, a restart): the
 *    gateway learns it only when it writes on it. On a new connection, or
 *    once the subgraph began to answer, the subgraph itself is failing: the
 *    error goes to the breaker (subgraph-fetch.ts) as before, not sent again;
 *  - a query (the gateway's `_entities` fetches included), a GET (the
 *    internal event feed) or an internal command its caller marks read-only
 *    (`readOnly`: the catalog's partFacts, stock's snapshot), is sent again even
 *    when the subgraph may have received it: queries only read, so running
 *    one twice costs time, never a second effect;
 *  - a mutation is sent again only when no byte of it was written to the
 *    connection (the socket failed between leaving the pool and the write):
 *    the subgraph cannot have seen it. Once written, the subgraph may have
 *    run it and died before answering; whether to send it again is the
 *    client's call, with its idempotency key, and the gateway answers
 *    SERVICE_UNAVAILABLE. An operation that does not read as a query is
 *    treated as a mutation;
 *  - once: the second attempt goes over a new connection (not another pooled
 *    one, which may be just as stale — all of them after a subgraph restart),
 *    within the same deadline.
 */
import http from 'node:http';

/** What RemoteGraphQLDataSource passes to its fetcher. */
export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** This call's deadline instead of the fetcher's. */
  timeoutMs?: number;
  /** The caller knows the request only reads (an internal read command): sent again like a query. */
  readOnly?: boolean;
}

/** The part of a fetch Response that RemoteGraphQLDataSource reads. */
export interface FetchedResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** How one attempt failed, as far as the rule above needs to know. */
export interface AttemptFailure {
  code?: string;
  /** The connection had served an earlier request (a pooled keep-alive socket). */
  reused: boolean;
  /** Some byte of this request was written to the connection. */
  written: boolean;
  /** Some byte of the answer arrived. */
  answered: boolean;
  /** The operation only reads (a query). */
  readOnly: boolean;
}

const RESET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** The rule of the header comment, as a pure function of one failed attempt. */
export function mayRetry(f: AttemptFailure): boolean {
  if (!f.reused || f.answered || !f.code || !RESET_CODES.has(f.code)) return false;
  return f.readOnly || !f.written;
}

/**
 * Whether a GraphQL request body (`{"query":"…",…}`, as RemoteGraphQLDataSource
 * serialises it) holds a query: its operation starts with `{` or `query`.
 * Anything else (a mutation, or a body this does not recognise) reads as not
 * read-only, so it is never re-sent once written.
 */
export function isReadOnlyBody(body: string | undefined): boolean {
  const m = /^\{"query":"(?:\s|\\[nrt])*(query\b|\{)/.exec(body?.slice(0, 64) ?? '');
  return !!m;
}

class TimeoutError extends Error {
  override name = 'TimeoutError';
  constructor(ms: number) {
    super(`subgraph did not answer within ${ms} ms`);
  }
}

class ResponseHeaders {
  constructor(private readonly raw: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
  }
}

function fetched(url: string, res: http.IncomingMessage, body: Buffer): FetchedResponse {
  const status = res.statusCode ?? 0;
  const text = () => body.toString('utf8');
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    url,
    headers: new ResponseHeaders(res.headers),
    text: async () => text(),
    json: async () => JSON.parse(text()),
  };
}

type Failed = Error & { code?: string; attempt?: Omit<AttemptFailure, 'readOnly'> };

/** One request over `agent` (false: a new connection); rejects with the error, `attempt` telling how far it got. */
function send(url: string, init: FetchInit, agent: http.Agent | false, deadline: { at: number; ms: number }): Promise<FetchedResponse> {
  return new Promise((resolve, reject) => {
    const body = init.body ?? '';
    const req = http.request(url, { method: init.method ?? 'POST', headers: { ...init.headers, 'content-length': Buffer.byteLength(body) }, agent });
    let socket: import('node:net').Socket | undefined;
    let writtenBefore = 0;
    let readBefore = 0;
    let answered = false;
    let expired: TimeoutError | undefined;
    const timer = setTimeout(() => req.destroy((expired = new TimeoutError(deadline.ms))), Math.max(0, deadline.at - Date.now()));
    const fail = (failure: Failed) => {
      clearTimeout(timer);
      const err: Failed = expired ?? failure; // the deadline, whichever of the request and the answer reports the teardown
      err.attempt ??= {
        code: err.code,
        reused: req.reusedSocket,
        written: !!socket && socket.bytesWritten > writtenBefore,
        answered: answered || (!!socket && socket.bytesRead > readBefore),
      };
      reject(err);
    };
    req.once('socket', (s) => {
      // Emitted before the request is written to it (also for a pooled socket).
      socket = s;
      writtenBefore = s.bytesWritten;
      readBefore = s.bytesRead;
    });
    req.once('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', fail); // cut off mid-body (or the deadline)
      res.once('end', () => {
        clearTimeout(timer);
        resolve(fetched(url, res, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
      });
    });
    req.once('error', fail);
    req.end(body);
  });
}

export interface SubgraphFetcher {
  /** The fetcher for RemoteGraphQLDataSource. */
  fetch(url: string, init: FetchInit): Promise<FetchedResponse>;
  /** Fetches that were sent a second time (see the rule above). */
  readonly retries: number;
  /** Closes the pooled connections. */
  close(): void;
}

export function subgraphFetcher(timeoutMs: number, agent = new http.Agent({ keepAlive: true, scheduling: 'lifo' })): SubgraphFetcher {
  let retries = 0;
  return {
    get retries() {
      return retries;
    },
    async fetch(url, init) {
      const ms = init.timeoutMs ?? timeoutMs;
      const deadline = { at: Date.now() + ms, ms };
      try {
        return await send(url, init, agent, deadline);
      } catch (err) {
        const attempt = (err as Failed).attempt;
        if (!attempt || !mayRetry({ ...attempt, readOnly: init.readOnly === true || init.method === 'GET' || isReadOnlyBody(init.body) })) throw err;
        retries++;
        return send(url, init, false, deadline);
      }
    },
    close: () => agent.destroy(),
  };
}

/** Socket errors of the fetcher (node:http): refused, reset ("socket hang up" is ECONNRESET), broken pipe, no route. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Failures that say "the service is not answering" (not "the request was wrong"). */
export function transportFailure(err: unknown): 'timeout' | 'unreachable' | undefined {
  const e = err as { name?: string; code?: string; extensions?: { response?: { status?: number } } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return 'timeout';
  if (typeof e?.code === 'string' && UNREACHABLE_CODES.has(e.code)) return 'unreachable';
  const status = e?.extensions?.response?.status;
  if (typeof status === 'number' && status >= 500) return 'unreachable';
  return undefined;
}
