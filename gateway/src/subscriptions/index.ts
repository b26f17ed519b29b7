/**
 * Subscriptions (and any other operation) over `graphql-ws` at the gateway's
 * /graphql — same port and path as HTTP. @apollo/gateway cannot execute a
 * subscription, so this module does what a federated router does:
 *
 *  1. authenticate the connection from its params (4401 + reason otherwise;
 *     the socket closes when the token expires; no connection_init within
 *     `connectionInitWaitTimeoutMs` → 4408; acknowledged but idle → 4000),
 *  2. validate the document against the API schema (errors go back as an
 *     `error` message; the socket stays up),
 *  3. plan it with the supergraph (planner.ts) and run `primary` over
 *     graphql-ws against the owning subgraph, on the gateway's one
 *     connection to it, with the user's token on the operation
 *     (upstream.ts),
 *  4. resolve each event's `rest` through executeQueryPlan
 *     (event-resolver.ts), de-duplicating identical in-flight entity fetches
 *     across subscribers of the same scope (deduping-data-source.ts).
 *
 * Each subscription buffers at most `maxBufferedEvents` events the client
 * has not taken yet; beyond that the client is too slow and its socket is
 * closed with 4429 — the other clients never wait for it. ws ping/pong
 * every `keepAliveMs` drops peers that stopped answering.
 */
import type http from 'node:http';
import type { ServiceMap } from '@apollo/gateway';
import { useServer } from 'graphql-ws/use/ws';
import { getVariableValues, GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type ValidationRule } from 'graphql';
import type { WebSocket } from 'ws';
import { formatError, serviceToken, serviceUnavailable, type Logger, type User, type Verifier } from '../../../subgraphs/shared/src';
import { GuardedDataSource, subgraphGuards, type SubgraphGuards } from '../subgraph-fetch';
import { acceptConnection, attachWebSocketEndpoint, BoundedQueue, closeReason, TOKEN_EXPIRED_CLOSE_REASON, WsClose } from '../../../subgraphs/shared/src/subscriptions';
import { OperationPlanner, type PreparedOperation } from './planner';
import { executePlan, resolveEvent, type EventExecutionContext } from './event-resolver';
import { DedupingDataSource, scopeOf } from './deduping-data-source';
import { UpstreamClients, UPSTREAM_TIMEOUT, type UpstreamEvent } from './upstream';

export { OperationPlanner } from './planner';
export { DedupingDataSource } from './deduping-data-source';

export interface GatewaySubscriptionOptions {
  /** Checks the connection's token (gateway/src/identity.ts); the socket closes with 4401 when it expires. */
  verifier: Verifier;
  /** The internal secret: the gateway's connection to each subgraph is authenticated by a service token. */
  serviceSecret: string;
  supergraphSdl: string;
  /** Base URL per subgraph name (config.urls). */
  urls: Record<string, string>;
  log: Logger;
  /** Extra validation (the gateway's depth / alias / cost limits). */
  validationRules?: readonly ValidationRule[];
  path?: string;
  keepAliveMs?: number;
  connectionInitWaitTimeoutMs?: number;
  /** An acknowledged connection with no running operation for this long is closed (default 60 s). */
  idleTimeoutMs?: number;
  /**
   * Events a subscription may have waiting (received from the subgraph, not yet
   * resolved and sent) before the client counts as too slow (default 2048:
   * above procurement's replay of at most 1,000 missed alerts, which arrive
   * in one burst).
   */
  maxBufferedEvents?: number;
  maxOperationsPerConnection?: number;
  /** Deadlines and breakers shared with the HTTP path (subgraph-fetch.ts); defaults: 5 s, 5 failures, 5 s open. */
  guards?: SubgraphGuards;
}

export interface GatewaySubscriptions {
  planner: OperationPlanner;
  serviceMap: Record<string, DedupingDataSource>;
  /** Open sockets, running operations and connections to subgraphs, for /health-style introspection and tests. */
  stats(): { connections: number; operations: number; upstreams: number };
  stop(): Promise<void>;
}

export const CloseCodes = { ...WsClose, Idle: 4000, TooManyOperations: 4008 } as const;

/**
 * What the gateway keeps of an accepted connection — all an idle subscriber costs besides its socket and graphql-ws'
 * own state: the user, the expiry, and the bearer (the very string the client sent, held once).
 */
interface Connection {
  socket: WebSocket;
  /** `authorization` (forwarded to the subgraphs), `user`, `scope`. */
  context: { authorization: string; user: User; scope: string } & EventExecutionContext['context'];
  /** When the token expires (ms since epoch), null if never: the socket is closed with 4401 then (ExpiryClock). */
  expiresAt: number | null;
  operations: number;
  /** Armed only while the connection runs no operation (and dropped when cleared). */
  idleTimer?: NodeJS.Timeout;
}

/**
 * Closes every connection's socket with 4401 at its token's expiry, on one timer for all (a timer of its own, its
 * closure and a close listener cost each idle subscriber ~0.4 KB). Connections are kept by expiry time; the timer is
 * armed for the earliest.
 */
class ExpiryClock {
  private readonly byTime = new Map<number, Set<Connection>>();
  private timer?: NodeJS.Timeout;
  private armedFor = Infinity;

  add(conn: Connection): void {
    const at = conn.expiresAt;
    if (at === null) return;
    let set = this.byTime.get(at);
    if (!set) this.byTime.set(at, (set = new Set()));
    set.add(conn);
    if (at < this.armedFor) this.arm(at);
  }

  delete(conn: Connection): void {
    const at = conn.expiresAt;
    if (at === null) return;
    const set = this.byTime.get(at);
    if (!set) return;
    set.delete(conn);
    if (!set.size) this.byTime.delete(at);
    if (!this.byTime.size) this.stop();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    this.armedFor = at;
    // setTimeout overflows past ~24.8 days; tokens live hours, but clamp anyway (fire() re-arms for what is left).
    this.timer = setTimeout(() => this.fire(), Math.min(Math.max(0, at - Date.now()), 2 ** 31 - 1));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = Date.now();
    let next = Infinity;
    const due: Connection[] = [];
    for (const [at, set] of this.byTime) {
      if (at <= now) {
        this.byTime.delete(at);
        due.push(...set);
      } else if (at < next) next = at;
    }
    if (next < Infinity) this.arm(next);
    for (const conn of due) conn.socket.close(WsClose.TokenExpired, TOKEN_EXPIRED_CLOSE_REASON);
  }
}

interface OperationContextValue {
  conn: Connection;
  prepared: PreparedOperation;
  variables: Record<string, unknown>;
}

function toFormatted(errors: readonly (GraphQLError | GraphQLFormattedError)[], log: Logger): GraphQLFormattedError[] {
  return errors.map((e) => {
    const formatted = e instanceof GraphQLError ? e.toJSON() : e;
    if (formatted.extensions?.code === 'UPSTREAM_CLOSED') return { message: formatted.message, extensions: { code: 'UPSTREAM_CLOSED' } };
    return formatError(formatted, e, (err) => log.error({ err }, 'unexpected error in a subscription'));
  });
}

export function attachSubscriptions(server: http.Server, o: GatewaySubscriptionOptions): GatewaySubscriptions {
  const log = o.log.child({ module: 'subscriptions' });
  const planner = new OperationPlanner(o.supergraphSdl, o.validationRules ?? []);
  const maxBuffered = o.maxBufferedEvents ?? 2048;
  const maxOps = o.maxOperationsPerConnection ?? 50;
  const idleMs = o.idleTimeoutMs ?? 60_000;
  const guards = o.guards ?? subgraphGuards({ subgraphTimeoutMs: 5000, breakerFailures: 5, breakerOpenMs: 5000 }, log);
  const serviceMap: Record<string, DedupingDataSource> = {};
  for (const [name, url] of Object.entries(o.urls)) {
    serviceMap[name] = new DedupingDataSource(new GuardedDataSource<{ authorization?: string }>(name, {
      url: `${url}/graphql`,
      willSendRequest({ request, context }) {
        if (context.authorization) request.http?.headers.set('authorization', context.authorization);
      },
    }, guards));
  }
  /*
   * One event reaches every subscriber of a station at once, and subscribers
   * with the same operation, variables and access scope get the same answer:
   * resolve it once while it is in flight and hand each a copy (fetch-level
   * de-duplication below catches the rest, e.g. different selections).
   */
  const resolving = new Map<string, Promise<ExecutionResult>>();
  const opIds = new WeakMap<PreparedOperation, number>();
  let nextOpId = 0;
  const resolveShared = (prepared: PreparedOperation, conn: Connection, event: ExecutionResult, x: EventExecutionContext): Promise<ExecutionResult> => {
    let opId = opIds.get(prepared);
    if (opId === undefined) opIds.set(prepared, (opId = nextOpId++));
    const key = `${conn.context.scope}\n${opId}\n${JSON.stringify(x.variables)}\n${JSON.stringify(event)}`;
    let p = resolving.get(key);
    if (!p) {
      p = resolveEvent(planner, prepared, event, x).finally(() => resolving.delete(key));
      resolving.set(key, p);
    }
    return p.then((r) => ({ ...r, ...(r.data ? { data: JSON.parse(JSON.stringify(r.data)) } : {}) }));
  };
  // One connection per subgraph for every subscriber (upstream.ts); the subgraph authorises each operation by its token.
  const upstream = new UpstreamClients(o.urls, async () => `Bearer ${await serviceToken(o.serviceSecret, 'gateway')}`, undefined, guards.timeoutMs);
  const connections = new WeakMap<object, Connection>();
  const live = new Set<Connection>();
  let operations = 0;

  const expiry = new ExpiryClock();

  const armIdle = (conn: Connection) => {
    if (conn.idleTimer) {
      clearTimeout(conn.idleTimer);
      conn.idleTimer = undefined; // a cleared Timeout kept for the connection's life is ~0.2 KB per subscriber
    }
    if (conn.operations > 0 || !(idleMs > 0)) return;
    conn.idleTimer = setTimeout(() => conn.socket.close(CloseCodes.Idle, closeReason(`Idle: no operation for ${Math.round(idleMs / 1000)} s`)), idleMs);
    conn.idleTimer.unref();
  };
  const opened = (conn: Connection) => {
    conn.operations++;
    operations++;
    armIdle(conn);
  };
  const finished = (conn: Connection) => {
    conn.operations--;
    operations--;
    armIdle(conn);
  };

  /**
   * The iterator graphql-ws pulls from: upstream events, each resolved through `rest` when pulled. A class, so a
   * subscription is one object with shared methods rather than a set of closures and their contexts.
   */
  class RelayedSubscription implements AsyncIterableIterator<ExecutionResult> {
    private readonly queue: BoundedQueue<UpstreamEvent>;
    private readonly unsubscribe: () => void;
    private readonly x: EventExecutionContext;
    private ended = false;

    constructor(private readonly conn: Connection, private readonly prepared: PreparedOperation, variables: Record<string, unknown>) {
      const primary = prepared.primary!;
      this.queue = new BoundedQueue<UpstreamEvent>(maxBuffered, () => {
        log.warn({ user: conn.context.user.id, buffered: maxBuffered }, 'slow subscription consumer disconnected');
        conn.socket.close(CloseCodes.SlowConsumer, closeReason(`Slow consumer: more than ${maxBuffered} events waiting to be sent`));
      });
      const primaryVariables: Record<string, unknown> = {};
      for (const v of primary.variableUsages ?? []) if (variables[v] !== undefined) primaryVariables[v] = variables[v];
      this.unsubscribe = upstream.subscribe(primary.serviceName, primary.operation, primaryVariables, conn.context.authorization, this.queue);
      this.x = { context: conn.context, variables, serviceMap: serviceMap as ServiceMap };
      opened(conn);
    }

    private end(): void {
      if (this.ended) return;
      this.ended = true;
      this.unsubscribe();
      void this.queue.return();
      finished(this.conn);
    }

    async next(): Promise<IteratorResult<ExecutionResult>> {
      const { conn, prepared } = this;
      const primary = prepared.primary!;
      const r = await this.queue.next();
      if (r.done) {
        this.end();
        return { done: true, value: undefined };
      }
      const event = r.value;
      if ('unauthenticated' in event) {
        this.end();
        const { reason, message } = event.unauthenticated;
        if (reason === 'TOKEN_EXPIRED') {
          /*
           * The subgraph ended the operation because its token — this socket's own — expired. The client sees what it
           * sees at expiry without the relay: the gateway closes its socket with 4401 (the ExpiryClock does the same at
           * that moment; whichever runs first closes it), so it renews and resumes with afterSeq. Nothing else goes out
           * for the operation: graphql-ws sends nothing on a closing socket, so no `complete` tells the client its
           * stream is over before the close tells it to renew.
           */
          if (conn.expiresAt === null || Date.now() < conn.expiresAt) log.debug({ user: conn.context.user.id, expiresAt: conn.expiresAt }, `the ${primary.serviceName} subgraph expired the token before the gateway did`);
          conn.socket.close(WsClose.TokenExpired, TOKEN_EXPIRED_CLOSE_REASON);
          return { done: true, value: undefined };
        }
        // Refused at subscribe (e.g. the session ended): the error a 4401 close of the subscriber's own upstream connection gave.
        throw new GraphQLError(`The ${primary.serviceName} subgraph ended the subscription (${WsClose.Unauthorized} Unauthorized: ${message}); subscribe again with afterSeq to resume`, { extensions: { code: 'UNAUTHENTICATED' } });
      }
      if ('upstreamClosed' in event) {
        this.end();
        const { code, reason } = event.upstreamClosed;
        // Never acknowledged, or stopped answering pings: the part is unavailable, not the subscription over.
        if (code === UPSTREAM_TIMEOUT || code === 1006) throw serviceUnavailable(primary.serviceName, code === UPSTREAM_TIMEOUT ? 'timeout' : 'unreachable', Math.ceil(guards.timeoutMs / 1000));
        // The connection is the gateway's, under a service token: a 4401 on it refuses the gateway, not the subscriber (whose token is checked per operation, above).
        throw new GraphQLError(`The ${primary.serviceName} subgraph ended the subscription (${code}${reason ? ` ${reason}` : ''}); subscribe again with afterSeq to resume`, { extensions: { code: 'UPSTREAM_CLOSED' } });
      }
      try {
        return { done: false, value: await resolveShared(prepared, conn, event, this.x) };
      } catch (err) {
        log.error({ err }, 'resolving a subscription event failed');
        return { done: false, value: { data: null, errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] } };
      }
    }

    async return(): Promise<IteratorResult<ExecutionResult>> {
      this.end();
      return { done: true, value: undefined };
    }

    async throw(err?: unknown): Promise<IteratorResult<ExecutionResult>> {
      this.end();
      throw err;
    }

    [Symbol.asyncIterator](): this {
      return this;
    }
  }

  async function runOperation(ctx: OperationContextValue): Promise<ExecutionResult> {
    opened(ctx.conn);
    try {
      return await executePlan(planner, ctx.prepared, ctx.prepared.plan, { context: ctx.conn.context, variables: ctx.variables, serviceMap: serviceMap as ServiceMap });
    } finally {
      finished(ctx.conn);
    }
  }

  const endpoint = attachWebSocketEndpoint(server, o.path ?? '/graphql');
  const disposable = useServer<Record<string, unknown>>(
    {
      connectionInitWaitTimeout: o.connectionInitWaitTimeoutMs ?? 3000,
      onConnect: async (ctx) => {
        const socket = ctx.extra.socket;
        /*
         * graphql-ws keeps `ctx` (and so `extra`) for the connection's life. The upgrade request — its headers, socket
         * and stream state, ~1.5 KB per idle subscriber — is not needed once the socket is open (nothing reads it: the
         * token comes in the connection params), nor are the params once the token is checked.
         */
        (ctx.extra as { request?: unknown }).request = undefined;
        const params = ctx.connectionParams;
        (ctx as { connectionParams?: unknown }).connectionParams = undefined;
        const auth = await acceptConnection(o.verifier, socket, params, log, false);
        if (!auth) return false;
        // Closed while its token was being checked: onClose has run already, nothing is to be kept for it.
        if (socket.readyState !== socket.OPEN) return false;
        // The bearer as the client sent it when it is already `Bearer <token>`: one string per subscriber, not two.
        const sent = params?.authorization ?? params?.Authorization;
        const authorization = typeof sent === 'string' && sent.length === auth.token.length + 7 && sent.startsWith('Bearer ') ? sent : `Bearer ${auth.token}`;
        const conn: Connection = {
          socket,
          context: { authorization, user: auth.user, scope: scopeOf(auth.user) },
          expiresAt: auth.expiresAt,
          operations: 0,
        };
        connections.set(ctx, conn);
        live.add(conn);
        expiry.add(conn);
        armIdle(conn);
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        const conn = connections.get(ctx)!;
        if (conn.operations >= maxOps) {
          conn.socket.close(CloseCodes.TooManyOperations, closeReason(`Too many operations on one connection (max ${maxOps})`));
          return [new GraphQLError('Too many operations on one connection')];
        }
        const checked = planner.parseAndValidate(payload.query);
        if ('errors' in checked) return checked.errors;
        // graphql-ws holds the subscribe message while the operation runs: let it hold the text the shared document was
        // parsed from (the same characters) instead of this subscriber's own copy.
        if (checked.document.loc && checked.document.loc.source.body === payload.query) (payload as { query: string }).query = checked.document.loc.source.body;
        let prepared: PreparedOperation;
        try {
          prepared = planner.prepare(checked.document, payload.operationName);
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          log.error({ err }, 'planning a subscription failed');
          return [new GraphQLError('The operation could not be planned', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })];
        }
        const coerced = getVariableValues(planner.apiGraphQLSchema, prepared.operation.variableDefinitions ?? [], payload.variables ?? {}, { maxErrors: 20 });
        if (coerced.errors) return coerced.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'BAD_USER_INPUT' } }));
        const contextValue: OperationContextValue = { conn, prepared, variables: coerced.coerced };
        const args: ExecutionArgs = { schema: planner.apiGraphQLSchema, document: checked.document, operationName: payload.operationName, variableValues: coerced.coerced, contextValue };
        return args;
      },
      subscribe: (args) => {
        const { conn, prepared, variables } = args.contextValue as OperationContextValue;
        return new RelayedSubscription(conn, prepared, variables);
      },
      execute: (args) => runOperation(args.contextValue as OperationContextValue),
      onNext: (_ctx, _id, _payload, _args, result) => ({ ...result, ...(result.errors ? { errors: toFormatted(result.errors, log) } : {}) }),
      onError: (_ctx, _id, _payload, errors) => toFormatted(errors, log),
      onClose: async (ctx, code, reason) => {
        const conn = connections.get(ctx);
        if (!conn) return;
        live.delete(conn);
        expiry.delete(conn);
        clearTimeout(conn.idleTimer);
        conn.idleTimer = undefined;
        // graphql-ws has returned every operation of the socket by now: each unsubscribed from the upstream.
        log.debug({ user: conn.context.user.id, code, reason }, 'subscription connection closed');
      },
    },
    endpoint.wss,
    o.keepAliveMs ?? 12_000,
  );

  return {
    planner,
    serviceMap,
    stats: () => ({ connections: live.size, operations, upstreams: upstream.size }),
    async stop() {
      await Promise.race([Promise.resolve(disposable.dispose()).catch(() => undefined), new Promise((r) => setTimeout(r, 1500).unref())]);
      await endpoint.close();
      expiry.stop();
      await upstream.dispose().catch(() => undefined);
      if (!o.guards) guards.fetcher.close(); // its own pool; a shared one is the gateway's to close
    },
  };
}
