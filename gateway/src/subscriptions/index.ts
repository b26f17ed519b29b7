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
import { formatError, serviceToken, serviceUnavailable, type Logger, type Verifier } from '../../../subgraphs/shared/src';
import { GuardedDataSource, subgraphGuards, type SubgraphGuards } from '../subgraph-fetch';
import { acceptConnection, attachWebSocketEndpoint, BoundedQueue, closeReason, TOKEN_EXPIRED_CLOSE_REASON, WsClose, type ConnectionAuth } from '../../../subgraphs/shared/src/subscriptions';
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

interface Connection {
  auth: ConnectionAuth;
  socket: WebSocket;
  context: EventExecutionContext['context'];
  operations: number;
  idleTimer?: NodeJS.Timeout;
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

  const armIdle = (conn: Connection) => {
    clearTimeout(conn.idleTimer);
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

  /** The iterator graphql-ws pulls from: upstream events, each resolved through `rest` when pulled. */
  function runSubscription(ctx: OperationContextValue): AsyncIterableIterator<ExecutionResult> {
    const { conn, prepared, variables } = ctx;
    const primary = prepared.primary!;
    const queue = new BoundedQueue<UpstreamEvent>(maxBuffered, () => {
      log.warn({ user: conn.auth.user.id, buffered: maxBuffered }, 'slow subscription consumer disconnected');
      conn.socket.close(CloseCodes.SlowConsumer, closeReason(`Slow consumer: more than ${maxBuffered} events waiting to be sent`));
    });
    const primaryVariables: Record<string, unknown> = {};
    for (const v of primary.variableUsages ?? []) if (variables[v] !== undefined) primaryVariables[v] = variables[v];
    const unsubscribe = upstream.subscribe(primary.serviceName, primary.operation, primaryVariables, conn.context.authorization as string, queue);
    opened(conn);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      unsubscribe();
      void queue.return();
      finished(conn);
    };
    const x: EventExecutionContext = { context: conn.context, variables, serviceMap: serviceMap as ServiceMap };
    return {
      async next() {
        const r = await queue.next();
        if (r.done) {
          end();
          return { done: true, value: undefined };
        }
        const event = r.value;
        if ('unauthenticated' in event) {
          end();
          const { reason, message } = event.unauthenticated;
          if (reason === 'TOKEN_EXPIRED') {
            /*
             * The subgraph ended the operation because its token — this socket's own — expired. The client sees what it
             * sees at expiry without the relay: the gateway closes its socket with 4401 (acceptConnection's timer does
             * the same at that moment; whichever runs first closes it), so it renews and resumes with afterSeq. Nothing
             * else goes out for the operation: graphql-ws sends nothing on a closing socket, so no `complete` tells the
             * client its stream is over before the close tells it to renew.
             */
            if (conn.auth.expiresAt === null || Date.now() < conn.auth.expiresAt) log.debug({ user: conn.auth.user.id, expiresAt: conn.auth.expiresAt }, `the ${primary.serviceName} subgraph expired the token before the gateway did`);
            conn.socket.close(WsClose.TokenExpired, TOKEN_EXPIRED_CLOSE_REASON);
            return { done: true, value: undefined };
          }
          // Refused at subscribe (e.g. the session ended): the error a 4401 close of the subscriber's own upstream connection gave.
          throw new GraphQLError(`The ${primary.serviceName} subgraph ended the subscription (${WsClose.Unauthorized} Unauthorized: ${message}); subscribe again with afterSeq to resume`, { extensions: { code: 'UNAUTHENTICATED' } });
        }
        if ('upstreamClosed' in event) {
          end();
          const { code, reason } = event.upstreamClosed;
          // Never acknowledged, or stopped answering pings: the part is unavailable, not the subscription over.
          if (code === UPSTREAM_TIMEOUT || code === 1006) throw serviceUnavailable(primary.serviceName, code === UPSTREAM_TIMEOUT ? 'timeout' : 'unreachable', Math.ceil(guards.timeoutMs / 1000));
          // The connection is the gateway's, under a service token: a 4401 on it refuses the gateway, not the subscriber (whose token is checked per operation, above).
          throw new GraphQLError(`The ${primary.serviceName} subgraph ended the subscription (${code}${reason ? ` ${reason}` : ''}); subscribe again with afterSeq to resume`, { extensions: { code: 'UPSTREAM_CLOSED' } });
        }
        try {
          return { done: false, value: await resolveShared(prepared, conn, event, x) };
        } catch (err) {
          log.error({ err }, 'resolving a subscription event failed');
          return { done: false, value: { data: null, errors: [new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })] } };
        }
      },
      async return() {
        end();
        return { done: true, value: undefined };
      },
      async throw(err?: unknown) {
        end();
        throw err;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
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
        const auth = await acceptConnection(o.verifier, socket, ctx.connectionParams, log);
        if (!auth) return false;
        const authorization = `Bearer ${auth.token}`;
        const conn: Connection = {
          auth,
          socket,
          context: { authorization, user: auth.user, scope: scopeOf(auth.user) },
          operations: 0,
        };
        connections.set(ctx, conn);
        live.add(conn);
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
      subscribe: (args) => runSubscription(args.contextValue as OperationContextValue),
      execute: (args) => runOperation(args.contextValue as OperationContextValue),
      onNext: (_ctx, _id, _payload, _args, result) => ({ ...result, ...(result.errors ? { errors: toFormatted(result.errors, log) } : {}) }),
      onError: (_ctx, _id, _payload, errors) => toFormatted(errors, log),
      onClose: async (ctx, code, reason) => {
        const conn = connections.get(ctx);
        if (!conn) return;
        live.delete(conn);
        clearTimeout(conn.idleTimer);
        // graphql-ws has returned every operation of the socket by now: each unsubscribed from the upstream.
        log.debug({ user: conn.auth.user.id, code, reason }, 'subscription connection closed');
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
      await upstream.dispose().catch(() => undefined);
      if (!o.guards) guards.fetcher.close(); // its own pool; a shared one is the gateway's to close
    },
  };
}
