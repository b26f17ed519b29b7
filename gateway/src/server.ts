/**
 * The gateway: @apollo/gateway over the checked-in supergraph, served by
 * @apollo/server on express 5. It authenticates every request (subgraphs
 * check again), forwards the caller's token, limits depth/aliases/cost, and
 * answers /health for the whole platform.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { bodyRefusal, createLogger, requestLogPlugin, type Config, type Logger, type User } from '../../subgraphs/shared/src';
import { CLIENT_HEADER, gatewayIdentity } from './identity';
import { cappedCostLimitRule, inputGuardPlugin } from './input-guard';
import { formatGatewayError } from './error-format';
import { healthHandler } from './health';
import { GuardedDataSource, subgraphGuards } from './subgraph-fetch';
import { unavailableResponsePlugin } from './unavailable-response';
import { attachSubscriptions, type GatewaySubscriptions } from './subscriptions';
import { registerConsole } from './console';
import { registerExport } from './export';
import { registerImages } from './images';

export interface GatewayContext {
  user: User;
  authorization: string;
  /** The caller's address for identity's throttling (gateway/src/identity.ts). */
  client?: string;
}

export interface GatewayOptions {
  config: Config;
  secret: string;
  supergraphSdl?: string;
  port?: number;
  log?: Logger;
}

export interface RunningGateway {
  url: string;
  port: number;
  server: http.Server;
  /** graphql-ws on /graphql (gateway/src/subscriptions). */
  subscriptions: GatewaySubscriptions;
  stop(): Promise<void>;
}

export function readSupergraph(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return fs.readFileSync(path.join(dir, 'schema', 'supergraph.graphql'), 'utf8');
}

export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  const { config } = o;
  const log = o.log ?? createLogger('gateway', config.logLevel);
  const identity = gatewayIdentity(config, o.secret, log);
  // One deadline and one circuit breaker per subgraph, for HTTP and subscriptions alike (subgraph-fetch.ts).
  const guards = subgraphGuards(config, log);
  // @apollo/gateway otherwise exports usage metrics to Apollo every few seconds and, to describe the
  // host, probes cloud metadata addresses (169.254.169.254): a parts network's gateway calls nobody
  // outside it. APOLLO_TELEMETRY_DISABLED=false turns Apollo's telemetry back on.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: o.supergraphSdl ?? readSupergraph(),
    // Subgraph addresses come from the environment, not from the URLs composed into the file.
    buildService: ({ name }) =>
      new GuardedDataSource<GatewayContext>(name, {
        url: `${config.urls[name as keyof Config['urls']]}/graphql`,
        willSendRequest({ request, context }) {
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
          if (context.client) request.http?.headers.set(CLIENT_HEADER, context.client);
        },
      }, guards),
  });

  const app = express();
  app.disable('x-powered-by');
  const server = http.createServer(app);
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxQueryDepth },
    maxAliases: { n: config.maxAliases },
    costLimit: { enabled: false }, // cappedCostLimitRule below: the same cost with `first` capped at its maximum
    maxTokens: { enabled: false }, // its own parse turns syntax errors into 500s; depth, aliases, cost and the body limit cover it
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const validationRules = [...armor.validationRules, cappedCostLimitRule({ maxCost: config.maxCost })];
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    validationRules,
    formatError: (f, e) => formatGatewayError(f, e, (err) => log.error({ err }, 'unexpected error')),
    plugins: [inputGuardPlugin(), ...armor.plugins, ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 2000 }), requestLogPlugin(log), unavailableResponsePlugin()],
  });
  await apollo.start();

  app.get('/health', healthHandler(config.urls, config.healthTimeoutMs));
  identity.registerJwks(app);
  const graphql = [
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: ({ req }) => identity.contextUser(req),
    }),
  ];
  // POST answers carry no ETag: express answers 304 to GET and HEAD only, so the SHA-1 of every POST answer's body
  // (~1 % of the gateway's CPU per search) bought nothing. GET /graphql keeps it. A sub-app has its own defaults
  // (x-powered-by on, so off here as above); errors go on to the handler below.
  const graphqlPost = express();
  graphqlPost.disable('x-powered-by');
  graphqlPost.set('etag', false);
  graphqlPost.post('/', ...graphql);
  app.use('/graphql', graphqlPost);
  app.use('/graphql', ...graphql);
  registerExport(app, { apollo, log, context: (req) => identity.contextUser(req) }); // GET|POST /export/<list>.xlsx (gateway/src/export.ts)
  registerImages(app); // the demo catalog's part images at /images/parts/…
  registerConsole(app, { secret: config.jwtSecret, log }); // the station console (console/dist) at /, after /graphql and /health
  app.use((err: any, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const r = bodyRefusal(err); // 413 REQUEST_TOO_LARGE past the 2 MB limit, else 400 BAD_REQUEST
    res.status(r.status).json(r.body);
  });
  const subscriptions = attachSubscriptions(server, { verifier: identity.verifier, serviceSecret: o.secret, supergraphSdl: o.supergraphSdl ?? readSupergraph(), urls: config.urls, log, validationRules, guards });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? config.ports.gateway, config.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url: `${url}/graphql` }, 'gateway ready');
  return {
    url,
    port,
    server,
    subscriptions,
    async stop() {
      identity.stop();
      await subscriptions.stop();
      await Promise.race([apollo.stop(), new Promise((r) => setTimeout(r, 3000).unref())]);
      server.closeAllConnections();
      guards.fetcher.close();
    },
  };
}
