/**
 * GraphQL subscriptions over `graphql-ws` on a server's /graphql path, with
 * the same JWT authentication as HTTP (the token rides in the connection
 * params, API.md § Authentication). Used by every subgraph that declares
 * `subscriptions: true` and by the gateway's subscription module, so both
 * refuse a connection the same way: a bad or missing token closes the
 * socket with 4401 and the reason, before any operation can start, and a
 * token that expires while connected closes it at that moment.
 *
 * The gateway relays every subscriber over one connection per subgraph: it
 * connects with a service token (the internal secret, `serviceSecret` here),
 * and each operation then carries its subscriber's own bearer token in the
 * subscribe message's `extensions.authorization`. Such an operation is
 * authenticated, scoped and expired on its own — exactly as a connection of
 * that person would be — and ends with an `error` message (UNAUTHENTICATED
 * TOKEN_EXPIRED, never `complete`) when its token expires; the relay
 * connection stays up for the other subscribers.
 */
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { GraphQLError, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { decodeJwt } from 'jose';
import { bearer, SERVICE_AUDIENCE, verifyServiceToken, type User, type Verifier } from './auth';
import { formatError, unauthenticated } from './errors';
import type { Logger } from './logger';

/** Close codes a client can act on (4401/4403 follow graphql-ws' own Unauthorized/Forbidden). */
export const WsClose = {
  Unauthorized: 4401,
  Forbidden: 4403,
  /** The connection's token expired while it was open. */
  TokenExpired: 4401,
  /** The client did not read fast enough; its bounded buffer overflowed. */
  SlowConsumer: 4429,
  /** The upstream subgraph went away; reconnect and resume from the last seq. */
  UpstreamGone: 4502,
} as const;

/** The reason of the 4401 close when a connection's token expires (acceptConnection; the gateway's relay, too). */
export const TOKEN_EXPIRED_CLOSE_REASON = 'Unauthorized: the token has expired';

export interface ConnectionAuth {
  user: User;
  token: string;
  /** When the token stops being valid (ms since epoch); null if it never expires. */
  expiresAt: number | null;
}

/** Checks `{ authorization: "Bearer …" }` from connection params; throws UNAUTHENTICATED with a reason. */
export async function authenticateConnection(verifier: Verifier, params: Readonly<Record<string, unknown>> | undefined): Promise<ConnectionAuth> {
  const raw = params?.authorization ?? params?.Authorization;
  const header = typeof raw === 'string' ? raw : undefined;
  const token = bearer(header);
  if (!token) throw unauthenticated(header ? 'TOKEN_INVALID' : 'TOKEN_MISSING', header ? 'connection params authorization must be "Bearer <token>"' : 'connection params need { authorization: "Bearer <token>" }');
  const { user, expiresAt } = await verifier.verify(token);
  return { user, token, expiresAt };
}

/** WebSocket close reasons are limited to 123 bytes. */
export function closeReason(text: string): string {
  const buf = Buffer.from(text);
  return buf.length <= 123 ? text : buf.subarray(0, 120).toString('utf8').replace(/\uFFFD*$/, '') + '...';
}

/**
 * Authenticates in `onConnect`: on failure closes the socket with 4401 and the
 * reason (graphql-ws would only say "Forbidden"), on success arms a timer that
 * closes the socket when the token expires — unless `armExpiry` is false: the
 * caller then closes it at `expiresAt` itself (the gateway, with one timer for
 * every connection). Returns the auth or false.
 */
export async function acceptConnection(verifier: Verifier, socket: WebSocket, params: Readonly<Record<string, unknown>> | undefined, log?: Logger, armExpiry = true): Promise<ConnectionAuth | false> {
  let auth: ConnectionAuth;
  try {
    auth = await authenticateConnection(verifier, params);
  } catch (err) {
    const message = err instanceof Error ? err.message : 'A valid bearer token is required';
    log?.info({ reason: message }, 'subscription connection refused');
    socket.close(WsClose.Unauthorized, closeReason(`Unauthorized: ${message}`));
    return false;
  }
  if (armExpiry && auth.expiresAt !== null) {
    // setTimeout overflows past ~24.8 days; tokens live hours, but clamp anyway.
    const ms = Math.min(Math.max(0, auth.expiresAt - Date.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => socket.close(WsClose.TokenExpired, TOKEN_EXPIRED_CLOSE_REASON), ms);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  }
  return auth;
}

export interface WsEndpoint {
  wss: WebSocketServer;
  close(): Promise<void>;
}

/**
 * A `ws` server in noServer mode on `server`'s upgrade requests for `path`, so
 * express keeps every plain HTTP request on the same port and path. Other
 * upgrade paths are refused with 404.
 */
export function attachWebSocketEndpoint(server: http.Server, path = '/graphql', maxPayload = 1024 * 1024): WsEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const pathname = (req.url ?? '').split('?')[0];
    if (pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  server.on('upgrade', onUpgrade);
  return {
    wss,
    async close() {
      server.off('upgrade', onUpgrade);
      for (const c of wss.clients) c.close(1001, 'Going away');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // Clients that do not answer the close handshake must not hold the process.
      setTimeout(() => { for (const c of wss.clients) c.terminate(); }, 1000).unref();
    },
  };
}

export interface SubgraphSubscriptionOptions<C> {
  schema: GraphQLSchema;
  verifier: Verifier;
  log: Logger;
  /** The same request context HTTP resolvers get, built once per operation. */
  context: (auth: ConnectionAuth) => C;
  path?: string;
  /** ws ping interval; a peer that misses a pong for this long is dropped (default 12 s). */
  keepAliveMs?: number;
  /** An opened socket that sends no connection_init within this is closed with 4408 (default 3 s). */
  connectionInitWaitTimeoutMs?: number;
  /**
   * The internal secret: with it, a connection authenticated by a service token is a relay (the gateway's shared
   * connection), whose every operation must carry its own person token in `extensions.authorization`. Without it, only
   * person connections are accepted.
   */
  serviceSecret?: string;
}

export function formatErrors(errors: readonly GraphQLError[], log?: Logger): GraphQLFormattedError[] {
  return errors.map((e) => formatError(e.toJSON(), e, (err) => log?.error({ err }, 'unexpected error in a subscription')));
}

/** Whether connection params carry a service token (its audience), without verifying it: that is the caller's next step. */
function isServiceToken(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const raw = params?.authorization ?? params?.Authorization;
  const token = bearer(typeof raw === 'string' ? raw : undefined);
  if (!token) return undefined;
  try {
    const aud = decodeJwt(token).aud;
    return aud === SERVICE_AUDIENCE || (Array.isArray(aud) && aud.includes(SERVICE_AUDIENCE)) ? token : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `source` until `expiresAt`: then the source is returned and the iterator throws `expired()`, so graphql-ws ends the
 * operation with an `error` message (UNAUTHENTICATED TOKEN_EXPIRED), never with `complete`: the gateway must not take
 * an expiry for the end of the stream (gateway/src/subscriptions/upstream.ts). What closing the socket at expiry is
 * for a person's own connection, for one operation of a relay.
 */
export function untilExpiry<T>(source: AsyncIterable<T>, expiresAt: number | null, expired: () => Error): AsyncGenerator<T> {
  const inner = source[Symbol.asyncIterator]();
  if (expiresAt === null) return inner as AsyncGenerator<T>;
  let timer: NodeJS.Timeout | undefined;
  let state: 'live' | 'done' = 'live';
  const expiry = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1));
    timer.unref();
  });
  const finish = async () => {
    clearTimeout(timer);
    if (state !== 'done') {
      state = 'done';
      // Not awaited: a generator waiting for its next event returns only after it, and the client must hear now.
      void Promise.resolve(inner.return?.()).catch(() => undefined);
    }
  };
  const it: AsyncGenerator<T> = {
    async next() {
      if (state === 'done') return { done: true, value: undefined };
      const r = await Promise.race([inner.next(), expiry]);
      if (r === 'expired') {
        await finish();
        throw expired();
      }
      if (r.done) {
        clearTimeout(timer);
        state = 'done';
      }
      return r;
    },
    async return() {
      await finish();
      return { done: true, value: undefined };
    },
    async throw(err?: unknown) {
      await finish();
      throw err;
    },
    [Symbol.asyncIterator]() {
      return it;
    },
    async [Symbol.asyncDispose]() {
      await finish();
    },
  };
  return it;
}

/** Serves the subgraph's schema over graphql-ws on its /graphql path. Returns a stop function. */
export function serveSubgraphSubscriptions<C extends object>(server: http.Server, o: SubgraphSubscriptionOptions<C>): () => Promise<void> {
  const endpoint = attachWebSocketEndpoint(server, o.path);
  const auths = new WeakMap<object, ConnectionAuth>();
  /** Relay connections (the gateway's): each operation's own auth, by operation id. */
  const relays = new WeakMap<object, Map<string, ConnectionAuth>>();
  const disposable = useServer<Record<string, unknown>>(
    {
      schema: o.schema,
      // The peer here is the gateway: under load its connection_init can take more than a few seconds, and 4408 would end a live alert stream.
      connectionInitWaitTimeout: o.connectionInitWaitTimeoutMs ?? 15_000,
      onConnect: async (ctx) => {
        const service = o.serviceSecret ? isServiceToken(ctx.connectionParams) : undefined;
        if (service) {
          try {
            await verifyServiceToken(o.serviceSecret!, service);
          } catch (err) {
            const message = err instanceof Error ? err.message : 'A valid service token is required';
            o.log.info({ reason: message }, 'subscription relay connection refused');
            ctx.extra.socket.close(WsClose.Unauthorized, closeReason(`Unauthorized: ${message}`));
            return false;
          }
          // Not closed when the service token expires: it only says the peer is the gateway; every operation on it is
          // authorised by its own person token, and ended when that expires (onSubscribe, onOperation).
          relays.set(ctx, new Map());
          return true;
        }
        const auth = await acceptConnection(o.verifier, ctx.extra.socket, ctx.connectionParams, o.log);
        if (!auth) return false;
        auths.set(ctx, auth);
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const ops = relays.get(ctx);
        if (!ops) return undefined;
        try {
          ops.set(id, await authenticateConnection(o.verifier, payload.extensions as Record<string, unknown> | undefined));
        } catch (err) {
          // Anything but GraphQL errors here makes graphql-ws close the socket (4500): every subscriber's, on a relay.
          if (err instanceof GraphQLError) return [err];
          o.log.error({ err }, 'checking a relayed operation\'s token failed');
          return [unauthenticated('TOKEN_INVALID', 'The token could not be checked')];
        }
        return undefined;
      },
      context: (ctx, id) => o.context(relays.get(ctx)?.get(id) ?? auths.get(ctx)!),
      onOperation: (ctx, id, _payload, _args, result) => {
        const auth = relays.get(ctx)?.get(id);
        if (!auth || !(Symbol.asyncIterator in Object(result))) return undefined;
        return untilExpiry(result as AsyncIterable<ExecutionResult>, auth.expiresAt, () => unauthenticated('TOKEN_EXPIRED', 'The token has expired'));
      },
      onComplete: (ctx, id) => void relays.get(ctx)?.delete(id),
      // Same error policy as HTTP: public codes keep their message, anything else is hidden and logged.
      onError: (ctx, id, _payload, errors) => {
        relays.get(ctx)?.delete(id); // an operation refused after onSubscribe (e.g. validation) never completes
        return formatErrors(errors, o.log);
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors?.length ? { ...result, errors: formatErrors(result.errors, o.log) } : undefined,
    },
    endpoint.wss,
    o.keepAliveMs ?? 12_000,
  );
  return async () => {
    await Promise.race([Promise.resolve(disposable.dispose()).catch(() => undefined), new Promise((r) => setTimeout(r, 1500).unref())]);
    await endpoint.close();
  };
}

// One function for every queue's unused hooks (a default `() => undefined` is a closure per queue).
const noop = (): void => undefined;

/**
 * An async-iterable queue with a bound: the producer never waits (a fan-out
 * must not be held up by one reader), and a reader that falls more than
 * `max` items behind is cut off — `onOverflow` runs once and the iterator
 * ends. graphql-ws pulls the next item only after the previous one was
 * written to the socket, so the queue length is exactly how far behind a
 * client is.
 */
export class BoundedQueue<T> implements AsyncIterableIterator<T> {
  private items: T[] = [];
  private waiters: ((r: IteratorResult<T>) => void)[] = [];
  private done = false;
  private failure: unknown;
  private failureWaiters: ((e: unknown) => void)[] = [];

  constructor(
    private readonly max: number,
    private readonly onOverflow: () => void = noop,
    private readonly onEnd: () => void = noop,
  ) {}

  get length(): number {
    return this.items.length;
  }

  get closed(): boolean {
    return this.done;
  }

  /** Adds an item; false when the queue is closed or has just overflowed. */
  push(item: T): boolean {
    if (this.done) return false;
    const w = this.waiters.shift();
    if (w) {
      this.failureWaiters.shift();
      w({ value: item, done: false });
      return true;
    }
    if (this.items.length >= this.max) {
      this.finish();
      this.onOverflow();
      return false;
    }
    this.items.push(item);
    return true;
  }

  /** Ends the stream after what is queued (or at once with `error`). */
  end(error?: unknown): void {
    if (this.done) return;
    if (error !== undefined) {
      this.items = [];
      if (this.failureWaiters.length) for (const f of this.failureWaiters) f(error);
      else this.failure = error;
      this.waiters = [];
      this.failureWaiters = [];
      this.finish();
      return;
    }
    this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    if (!this.items.length) {
      for (const w of this.waiters) w({ value: undefined as never, done: true });
      this.waiters = [];
      this.failureWaiters = [];
    }
    this.onEnd();
  }

  next(): Promise<IteratorResult<T>> {
    if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.failure !== undefined) {
      const e = this.failure;
      this.failure = undefined;
      return Promise.reject(e);
    }
    if (this.done) return Promise.resolve({ value: undefined as never, done: true });
    return new Promise((resolve, reject) => {
      this.waiters.push(resolve);
      this.failureWaiters.push(reject);
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.items = [];
    this.failure = undefined;
    this.finish();
    return Promise.resolve({ value: undefined as never, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end(error ?? new Error('aborted'));
    return this.return();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
