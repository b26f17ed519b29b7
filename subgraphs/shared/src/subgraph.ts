/**
 * What a subgraph is, and how one is served: the definition each subgraph
 * exports (schema, entities, migrations, commands, consumers, seed loader),
 * and `startSubgraph`, which serves it over HTTP with authentication in
 * every request, a request log line, /health and the internal endpoints.
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import express from 'express';
import { LRUCache } from 'lru-cache';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { DataSource, MixedList } from 'typeorm';
import type { GraphQLSchema } from 'graphql';
import { authenticate, bearer, CLIENT_HEADER, readClientHeader, SERVICE_ROLE, verifyServiceToken, type User, type Verifier } from './auth';
import { ANONYMOUS, auditing, isAnonymousOperation, auditEntry, auditPlugin, operationOf, outboxAuditSink, recordRefusal, redactedJson, rootFieldNames, type AuditSink } from './audit';
import { platformAuth, type RevocationList } from './revocation';
import { bodyRefusal, formatError, forbidden } from './errors';
import { createDataSource, migrate, sqlScope } from './db';
import { createLogger, type Logger } from './logger';
import { PgListener } from './pubsub';
import { readEvents, startRelay } from './outbox';
import { startConsumer, type ConsumerDefinition } from './consumer';
import { commandErrorBody, type CommandMap, type InternalClientOptions } from './internal';
import type { Config, SubgraphName } from './config';
import type { Context } from './context';
import type { BuiltSubgraphSchema } from './build-subgraph-schema';
import { requestLogPlugin } from './request-log';
import type { Faults } from './faults';
import { serveSubgraphSubscriptions } from './subscriptions';

/** What every service of a running subgraph can reach through `ctx.runtime`. */
export interface SubgraphRuntime {
  name: SubgraphName;
  config: Config;
  secret: string;
  ds: DataSource & { counter: { count: number; lastRequest: number } };
  log: Logger;
  listener: PgListener;
  /** Options for calling other subgraphs (`callCommand`, `fetchEvents`). */
  internal: InternalClientOptions;
  urls: Config['urls'];
  /** Extra per-subgraph singletons (e.g. the search engine), set by `start`. */
  extras: Record<string, unknown>;
  /** Test hooks at named fault points (`faultPoint`); empty in production. */
  faults: Faults;
  /** Verifies person tokens (platform keys, AUTH_JWT_SECRET, an external provider; ended sessions). */
  verifier: Verifier;
  revocations: RevocationList;
  auditSink: AuditSink;
}

declare module './context' {
  interface Context {
    runtime: SubgraphRuntime;
  }
}

export interface SubgraphDefinition {
  name: SubgraphName;
  buildSchema(): Promise<BuiltSubgraphSchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  commands?: (rt: SubgraphRuntime) => CommandMap;
  consumers?: (rt: SubgraphRuntime) => ConsumerDefinition[];
  /** Extra start-up (search engine, subscriptions); may return a stop function. */
  start?: (rt: SubgraphRuntime, server: http.Server, schema: GraphQLSchema) => Promise<void | (() => Promise<void> | void)>;
  /** Serve the schema's Subscription fields over graphql-ws on /graphql (same JWT auth, in connection params). */
  subscriptions?: boolean;
  /** Where audit entries go (default: the subgraph's outbox, as `audit.entry`). */
  auditSink?: (ds: DataSource) => AuditSink;
  /** Extra HTTP routes, registered before /graphql (`serviceUser` checks a service token). */
  routes?: (app: express.Express, rt: SubgraphRuntime, serviceUser: (header: string | undefined) => Promise<User>) => void;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  runtime: SubgraphRuntime;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  secret: string;
  databaseUrl: string;
  port?: number;
  log?: Logger;
  /** Run migrations before serving (default true; idempotent and serialised by an advisory lock). */
  migrate?: boolean;
}

export function makeContext(rt: SubgraphRuntime, user: User, token: string, log: Logger): Context {
  const ctx = { user, token, log, loaders: new Map(), requestId: randomUUID(), now: () => new Date(), runtime: rt, auditSink: rt.auditSink, audit: { written: false } } as Omit<Context, 'db'> as Context;
  ctx.db = auditing(rt.ds, ctx, rt.name);
  return ctx;
}

export async function migrateSubgraph(def: SubgraphDefinition, databaseUrl: string): Promise<string[]> {
  const ds = createDataSource({ url: databaseUrl, schema: def.name, entities: def.entities, migrations: def.migrations, poolSize: 2 });
  await ds.initialize();
  try {
    // Replicas starting together must not run the same migration twice.
    return await ds.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${def.name}`]);
      await tx.query(`CREATE SCHEMA IF NOT EXISTS "${def.name}"`);
      return [];
    }).then(() => migrate(ds, def.name));
  } finally {
    await ds.destroy();
  }
}

export async function startSubgraph(def: SubgraphDefinition, o: StartOptions): Promise<RunningSubgraph> {
  const log = o.log ?? createLogger(def.name, o.config.logLevel);
  if (o.migrate !== false) await migrateSubgraph(def, o.databaseUrl);
  const ds = createDataSource({ url: o.databaseUrl, schema: def.name, entities: def.entities, migrations: def.migrations });
  await ds.initialize();
  const listener = new PgListener(o.databaseUrl, log);
  await listener.start();
  const auth = platformAuth(o.config, o.secret, def.name, log);
  const stopRevocations = await auth.revocations.start(listener);
  const prevReconnect = listener.onReconnect;
  listener.onReconnect = () => {
    prevReconnect?.();
    void auth.revocations.refresh().catch(() => undefined);
  };
  const rt: SubgraphRuntime = {
    name: def.name,
    config: o.config,
    secret: o.secret,
    ds,
    log,
    listener,
    internal: { secret: o.secret, caller: def.name, timeoutMs: o.config.internalTimeoutMs, urls: o.config.urls },
    urls: o.config.urls,
    extras: {},
    faults: {},
    verifier: auth.verifier,
    revocations: auth.revocations,
    auditSink: def.auditSink?.(ds) ?? outboxAuditSink(def.name),
  };

  const built = await def.buildSchema();
  const app = express();
  app.disable('x-powered-by');
  // No ETag: the answers are POSTed GraphQL results nobody revalidates, and hashing each body was ~1.5 % of a subgraph's CPU.
  app.set('etag', false);
  const server = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: built.schema,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    formatError: (f, e) => formatError(f, e, (err) => log.error({ err }, 'unexpected error')),
    // Cache control is off: no field has a cache hint, so every answer was max-age 0 anyway (the gateway reads an
    // absent header the same way), and its willResolveField hook ran for every field of every answer.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 2000 }), ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), requestLogPlugin(log), auditPlugin<Context>({ ds, service: def.name, sink: rt.auditSink, log })],
  });
  await apollo.start();

  // 200 when this process can reach its database; otherwise 503 saying the database is what is down.
  app.get('/health', async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        ds.query('SELECT 1'),
        new Promise((_r, reject) => { timer = setTimeout(() => reject(new Error('database check timed out')), o.config.healthTimeoutMs); }),
      ]);
      res.json({ status: 'ok', subgraph: def.name, database: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', subgraph: def.name, database: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });

  /**
   * The caller of an internal endpoint: a service token (internal secret and
   * audience) or nothing. The acting user comes from its signed `act` claim.
   */
  const serviceCaller = async (header: string | undefined): Promise<User & { via: string }> => {
    const token = bearer(header) ?? '';
    try {
      const { service, actor } = await verifyServiceToken(o.secret, token);
      if (!actor) return { id: service, roles: [SERVICE_ROLE], stationId: null, via: service };
      return { ...actor, roles: [...actor.roles, SERVICE_ROLE], via: service };
    } catch (err) {
      // A person's valid token is not enough here: say so plainly.
      const person = await authenticate(rt.verifier, header).catch(() => undefined);
      if (person) throw forbidden('SERVICE_ONLY', 'This endpoint is for the platform\'s own services only');
      throw err;
    }
  };
  const serviceUser = (header: string | undefined): Promise<User> => serviceCaller(header);

  /** A read-only internal endpoint: service tokens only; a refused token is a 401 with its code. */
  const serviceGet = (route: string, answer: (req: express.Request) => Promise<unknown>) =>
    app.get(route, async (req, res) => {
      try {
        await serviceUser(req.headers.authorization);
        res.json(await answer(req));
      } catch (err) {
        const { status, body } = commandErrorBody(err);
        res.status(status === 422 ? 401 : status).json(body);
      }
    });

  def.routes?.(app, rt, serviceUser);

  serviceGet('/internal/events', async (req) => {
    const after = Math.max(0, Number(req.query.after) || 0);
    const limit = Math.min(Math.max(1, Number(req.query.limit) || 500), 5000);
    return { events: await readEvents(ds, def.name, after, limit) };
  });
  // SQL statements sent so far (benchmarks compute statements per request from two readings).
  serviceGet('/internal/stats', async () => ({ subgraph: def.name, sqlStatements: ds.counter.count, lastRequestStatements: ds.counter.lastRequest }));

  const commands = def.commands?.(rt) ?? {};
  app.post('/internal/commands/:name', express.json({ limit: '5mb' }), async (req, res) => {
    const started = Date.now();
    const name = String(req.params.name);
    try {
      // The acting user is the one the signed service token names; whatever the body says is ignored.
      const { via, ...user } = await serviceCaller(req.headers.authorization);
      const handler = commands[name];
      if (!handler) {
        res.status(404).json({ error: { code: 'NOT_FOUND', message: `Unknown command ${name}` } });
        return;
      }
      const ctx = makeContext(rt, user, bearer(req.headers.authorization) ?? '', log);
      Object.assign(ctx.audit, { operation: name, summary: `${name} ${redactedJson(req.body?.input ?? {})}`, via });
      const result = await handler(ctx, req.body?.input ?? {});
      log.info({ command: name, ms: Date.now() - started, user: user.id }, 'command');
      res.json({ result: result ?? null });
    } catch (err) {
      const { status, body } = commandErrorBody(err);
      if (status === 500) log.error({ err, command: name }, 'command failed');
      res.status(status).json(body);
    }
  });

  app.use(
    '/graphql',
    (_req, res, next) => {
      // SQL_PER_REQUEST (tests, bench): the request's own statements, for lastRequestStatements.
      if (!o.config.sqlPerRequest) return next();
      const scope = { statements: 0 };
      res.on('finish', () => (ds.counter.lastRequest = scope.statements));
      sqlScope.run(scope, next);
    },
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const ctx = await graphqlContext(req);
        ctx.clientAddress = readClientHeader(o.secret, req.headers[CLIENT_HEADER]) ?? req.socket.remoteAddress ?? 'unknown';
        return ctx;
      },
    }),
  );
  // One child logger per user, not per request (pino's child() serialises its bindings: ~1 % of a subgraph's CPU).
  const userLogs = new LRUCache<string, Logger>({ max: 1000 });
  const userLog = (id: string): Logger => {
    let l = userLogs.get(id);
    if (!l) userLogs.set(id, (l = log.child({ user: id })));
    return l;
  };
  async function graphqlContext(req: express.Request): Promise<Context> {
    // The operation is parsed here only when it matters (no token, or a refusal to audit); Apollo parses it anyway.
    if (!req.headers.authorization && isAnonymousOperation(operationOf(req.body?.query, req.body?.operationName))) {
      return makeContext(rt, ANONYMOUS, '', userLog(ANONYMOUS.id));
    }
    try {
      const user = await authenticate(rt.verifier, req.headers.authorization);
      return makeContext(rt, user, bearer(req.headers.authorization)!, userLog(user.id));
    } catch (err) {
      const ext = (err as { extensions?: { code?: string; reason?: string } }).extensions;
      const op = operationOf(req.body?.query, req.body?.operationName);
      const operation = op ? rootFieldNames(op).join(',') : String(req.body?.operationName ?? 'unknown');
      await recordRefusal(ds, rt.auditSink, auditEntry(def.name, null, { operation, summary: '' }, 'REFUSED', { code: ext?.code, reason: ext?.reason }), log);
      throw err;
    }
  }
  // Malformed JSON and other body errors: a GraphQL-shaped 400, never a stack trace.
  app.use((err: any, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const r = bodyRefusal(err);
    res.status(r.status).json(r.body);
  });

  const stops: (() => unknown)[] = [stopRevocations];
  stops.push(await startRelay(ds, def.name, listener, log));
  for (const c of def.consumers?.(rt) ?? []) {
    stops.push(await startConsumer(c, { ds, schema: def.name, sourceUrl: o.config.urls[c.source as SubgraphName], listener, log, client: rt.internal }));
  }
  const extraStop = await def.start?.(rt, server, built.schema);
  if (def.subscriptions) {
    stops.push(serveSubgraphSubscriptions(server, { schema: built.schema, verifier: rt.verifier, serviceSecret: o.secret, log, context: (a) => makeContext(rt, a.user, a.token, log.child({ user: a.user.id })) }));
  }
  if (extraStop) stops.push(extraStop);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? o.config.ports[def.name], o.config.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://${o.config.host === '0.0.0.0' ? '127.0.0.1' : o.config.host}:${port}`;
  log.info({ url: `${url}/graphql` }, `${def.name} subgraph ready`);
  return {
    url,
    port,
    runtime: rt,
    async stop() {
      for (const s of stops.reverse()) await s();
      log.debug('stopping: background work stopped');
      // Apollo's drain can wait on keep-alive sockets held by peers; bound it.
      await Promise.race([apollo.stop(), new Promise((r) => setTimeout(r, 3000).unref())]);
      server.closeAllConnections();
      log.debug('stopping: http server closed');
      await listener.close();
      await ds.destroy();
      log.debug('stopping: database closed');
    },
  };
}
