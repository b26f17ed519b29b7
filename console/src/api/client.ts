/**
 * The GraphQL client: urql over HTTP POST to /graphql (same origin) and
 * graphql-ws on the same path for subscriptions, both carrying the current
 * access token from the TokenStore (renewed before it expires).
 *
 * - HTTP: an answer of 401 or UNAUTHENTICATED (other than a sign-in refusal)
 *   renews the token once and sends the request again — a refused operation
 *   changed nothing, so this is safe for mutations too. When the session
 *   cannot be renewed, the request waits until the person has signed in again
 *   (or answers the refusal if they sign out instead).
 * - Subscriptions: every (re)connection sends the freshest token. When the
 *   socket closes (4401 when the token expired, or a restart of the platform)
 *   the subscription is sent again by this module, not by graphql-ws, and an
 *   operation that declares `$afterSeq` resumes after the last `seq` it
 *   received: the server first replays what was missed, so nothing is lost.
 */
import { Client, cacheExchange, fetchExchange, subscriptionExchange } from 'urql';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { SIGN_IN_REASONS, type TokenStore } from './tokens';

export interface ApiClient {
  client: Client;
  ws: WsClient;
  /** fetch with the current access token (renewed and retried once when refused), for non-GraphQL endpoints such as /export. */
  fetch: typeof fetch;
  dispose(): void;
}

export type WsState = 'connecting' | 'connected' | 'closed';

/** Close codes after which sending the subscription again cannot help. */
const FINAL_CLOSES = new Set([4400, 4403, 4406, 4004]);
const isClose = (e: unknown): e is { code: number; reason?: string } => !!e && typeof (e as { code?: unknown }).code === 'number' && !Array.isArray(e);

/**
 * What to do when a subscription fails: `renew` the token and subscribe again
 * (4401, or the owning subgraph ended it as UNAUTHENTICATED because the same
 * token expired there first), subscribe `again` (the connection or the
 * subgraph went away: UPSTREAM_CLOSED, SERVICE_UNAVAILABLE, any other close),
 * or `stop` (the operation itself was refused: FORBIDDEN, a bad query …).
 */
function afterFailure(err: unknown): 'renew' | 'again' | 'stop' {
  if (Array.isArray(err)) {
    const codes = err.map((e) => (e as { extensions?: { code?: unknown } })?.extensions?.code);
    if (!codes.length) return 'stop';
    if (codes.every((c) => c === 'UNAUTHENTICATED')) return 'renew';
    if (codes.every((c) => c === 'UPSTREAM_CLOSED' || c === 'SERVICE_UNAVAILABLE')) return 'again';
    return 'stop';
  }
  if (isClose(err)) return err.code === 4401 ? 'renew' : FINAL_CLOSES.has(err.code) ? 'stop' : 'again';
  return 'again';
}

function withAuth(init: RequestInit | undefined, token: string): RequestInit {
  const headers = new Headers(init?.headers);
  headers.set('authorization', `Bearer ${token}`);
  return { ...init, headers };
}

async function tokenRefused(res: Response): Promise<boolean> {
  if (res.status === 401) return true;
  if (!(res.headers.get('content-type') ?? '').includes('json')) return false;
  try {
    const text = await res.clone().text();
    if (!text.includes('"UNAUTHENTICATED"')) return false;
    const body = JSON.parse(text);
    const errors: { extensions?: { code?: string; reason?: string } }[] = Array.isArray(body?.errors) ? body.errors : [];
    return errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED' && !SIGN_IN_REASONS.has(e.extensions?.reason ?? ''));
  } catch {
    return false;
  }
}

export function createApiClient(tokens: TokenStore, onWsState?: (s: WsState) => void): ApiClient {
  const wsUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  // The token the socket was opened with: a 4401 with that token renews it; with an older one the socket just reconnects.
  let socketToken: string | undefined;
  const ws = createWsClient({
    url: wsUrl,
    connectionParams: async () => {
      socketToken = await tokens.fresh();
      return { authorization: `Bearer ${socketToken}` };
    },
    lazy: true,
    keepAlive: 15_000,
    // Reconnecting is done per subscription below (with afterSeq), so graphql-ws itself does not retry.
    retryAttempts: 0,
    on: {
      connecting: () => onWsState?.('connecting'),
      connected: () => onWsState?.('connected'),
      closed: () => onWsState?.('closed'),
    },
  });
  let disposed = false;

  const authFetch: typeof fetch = async (input, init) => {
    const token = await tokens.fresh();
    const res = await fetch(input, withAuth(init, token));
    if (!(await tokenRefused(res))) return res;
    let renewed = await tokens.refresh();
    // The session has ended: the request waits for the person to sign in again (the dialog over the page), then goes.
    if (!renewed && tokens.ended) renewed = await tokens.nextSession();
    if (!renewed || renewed === token) return res;
    return fetch(input, withAuth(init, renewed));
  };

  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    // POST always: Apollo Server's CSRF prevention refuses GET queries without a preflight-forcing header
    preferGetMethod: false,
    fetch: authFetch,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const query = request.query || '';
          const resumable = /\$afterSeq\b/.test(query);
          return {
            subscribe(sink) {
              let lastSeq: number | undefined;
              let stop: (() => void) | undefined;
              let retry: ReturnType<typeof setTimeout> | undefined;
              let waiting: (() => void) | undefined;
              let attempt = 0;
              let done = false;
              const start = () => {
                if (done || disposed) return;
                const variables = resumable && lastSeq !== undefined ? { ...request.variables, afterSeq: lastSeq } : request.variables;
                stop = ws.subscribe({ ...request, query, variables } as any, {
                  next(value: any) {
                    attempt = 0;
                    const data = value?.data;
                    if (data && typeof data === 'object') {
                      for (const v of Object.values(data)) if (v && typeof (v as any).seq === 'number') lastSeq = Math.max(lastSeq ?? 0, (v as any).seq);
                    }
                    sink.next(value);
                  },
                  error(err: unknown) {
                    if (done) return;
                    const next = afterFailure(err);
                    if (next === 'stop') return void sink.error(err as any);
                    const expired = next === 'renew';
                    // 4401: the token expired (or its session ended); renew before connecting again.
                    const renew = expired && socketToken === tokens.session.token ? tokens.refresh() : Promise.resolve(undefined);
                    void renew.then(() => {
                      if (done) return;
                      if (expired && tokens.ended) {
                        // The session ended: carry on (with afterSeq) once the person has signed in again.
                        waiting = tokens.listen({
                          changed: () => {
                            waiting?.();
                            waiting = undefined;
                            start();
                          },
                        });
                        return;
                      }
                      const delay = attempt === 0 ? 0 : Math.min(30_000, 500 * 2 ** attempt) * (0.5 + Math.random() / 2);
                      attempt++;
                      retry = setTimeout(start, delay);
                    });
                  },
                  complete() {
                    if (!done) sink.complete();
                  },
                });
              };
              start();
              return {
                unsubscribe() {
                  done = true;
                  clearTimeout(retry);
                  waiting?.();
                  stop?.();
                },
              };
            },
          };
        },
      }),
    ],
  });
  return {
    client,
    ws,
    fetch: authFetch,
    dispose: () => {
      disposed = true;
      void ws.dispose();
    },
  };
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
