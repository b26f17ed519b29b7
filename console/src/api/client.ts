/**
 * The GraphQL client: urql over HTTP POST to /graphql (same origin) and
 * graphql-ws on the same path for subscriptions, both carrying the bearer token.
 */
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';

export interface ApiClient {
  client: Client;
  ws: WsClient;
  dispose(): void;
}

export type WsState = 'connecting' | 'connected' | 'closed';

export function createApiClient(token: string, onWsState?: (s: WsState) => void): ApiClient {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const ws = createWsClient({
    url: wsUrl,
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    keepAlive: 15_000,
    // The counter runs all day: keep reconnecting (with graphql-ws's randomised back-off) after restarts of the platform.
    retryAttempts: Infinity,
    shouldRetry: () => true,
    on: {
      connecting: () => onWsState?.('connecting'),
      connected: () => onWsState?.('connected'),
      closed: () => onWsState?.('closed'),
    },
  });
  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    // POST always: Apollo Server's CSRF prevention refuses GET queries without a preflight-forcing header
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query || '' };
          return {
            subscribe(sink) {
              const dispose = ws.subscribe(input, sink as any);
              return { unsubscribe: dispose };
            },
          };
        },
      }),
    ],
  });
  return { client, ws, dispose: () => void ws.dispose() };
}

/** Which root fields the deployed supergraph has (Query.x, Mutation.y, Subscription.z), read by introspection. */
export async function loadCapabilities(client: Client): Promise<Set<string>> {
  const r = await client
    .query(`query ConsoleCapabilities { __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }`, {}, { requestPolicy: 'network-only' })
    .toPromise();
  const s = r.data?.__schema;
  const caps = new Set<string>();
  if (!s) return caps;
  for (const [root, t] of [['Query', s.queryType], ['Mutation', s.mutationType], ['Subscription', s.subscriptionType]] as const) {
    for (const f of t?.fields ?? []) caps.add(`${root}.${f.name}`);
  }
  return caps;
}
