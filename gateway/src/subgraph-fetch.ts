/**
 * How the gateway talks to a subgraph so that a slow, hung or dead subgraph
 * degrades a page instead of hanging it:
 *
 *  - every fetch has a deadline (SUBGRAPH_TIMEOUT_MS, default 5 s), the
 *    response body included;
 *  - a fetch that misses it, is refused or answers 5xx fails as
 *    SERVICE_UNAVAILABLE naming the part (unavailable.ts); the executor keeps
 *    what the other subgraphs answered, nulls what that subgraph owns where
 *    the schema allows a null, and the error goes to the client at once;
 *  - once one fetch of a request has failed that way, the request's other
 *    fetches to the same subgraph fail at once too (one deadline per
 *    request and subgraph, not one per fetch);
 *  - a circuit breaker per subgraph (SUBGRAPH_BREAKER_FAILURES consecutive
 *    failures) stops sending for SUBGRAPH_BREAKER_OPEN_MS, then lets one probe
 *    through; its success closes the breaker again.
 * HTTP queries and mutations and the subscriptions' entity fetches share one
 * breaker per subgraph, and one keep-alive connection pool (subgraphs/shared/src/http-fetcher.ts:
 * node:http, with the one retry on a dead pooled connection and its rule).
 */
import { RemoteGraphQLDataSource, type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { CircuitBreaker, serviceUnavailable, type Config, type Logger } from '../../subgraphs/shared/src';
import { subgraphFetcher, transportFailure, type SubgraphFetcher } from '../../subgraphs/shared/src/http-fetcher';

export { transportFailure };

export interface SubgraphGuards {
  timeoutMs: number;
  breakers: Map<string, CircuitBreaker>;
  breaker(name: string): CircuitBreaker;
  /** The connections to every subgraph (closed when the gateway stops). */
  fetcher: SubgraphFetcher;
  log?: Logger;
}

export function subgraphGuards(config: Pick<Config, 'subgraphTimeoutMs' | 'breakerFailures' | 'breakerOpenMs'>, log?: Logger): SubgraphGuards {
  const breakers = new Map<string, CircuitBreaker>();
  return {
    timeoutMs: config.subgraphTimeoutMs,
    breakers,
    fetcher: subgraphFetcher(config.subgraphTimeoutMs),
    log,
    breaker(name) {
      let b = breakers.get(name);
      if (!b) breakers.set(name, (b = new CircuitBreaker(config.breakerFailures, config.breakerOpenMs)));
      return b;
    },
  };
}


/**
 * RemoteGraphQLDataSource's own sendRequest (@apollo/gateway 2.14) without the node-fetch Request it builds on every
 * fetch only to hand to parseBody and didEncounterError, which ignore it (node-fetch's URL parsing and header
 * validation were ~2 % of the gateway's CPU per search): the same body, headers, status handling and errors.
 */
async function sendRequest(this: RemoteGraphQLDataSource, request: GatewayGraphQLRequest, context: unknown): Promise<GatewayGraphQLResponse> {
  if (!request.http) throw new Error("Internal error: Only 'http' requests are supported.");
  const { http, ...requestWithoutHttp } = request;
  const requestInit = { method: http.method, headers: Object.fromEntries(http.headers), body: JSON.stringify(requestWithoutHttp) };
  let fetchResponse: Awaited<ReturnType<RemoteGraphQLDataSource['fetcher']>> | undefined;
  try {
    fetchResponse = await this.fetcher(http.url, requestInit);
    if (!fetchResponse.ok) throw await this.errorFromResponse(fetchResponse);
    const body = await this.parseBody(fetchResponse, undefined, context as any);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${body}`);
    return { ...body, http: fetchResponse } as GatewayGraphQLResponse;
  } catch (error) {
    this.didEncounterError(error as Error, undefined as any, fetchResponse, context as any, request);
    throw error;
  }
}

/** The requests in which a subgraph has already failed: their other fetches to it fail at once. */
const failedIn = new WeakMap<object, Set<string>>();

export class GuardedDataSource<TContext extends Record<string, any> = Record<string, any>> implements GraphQLDataSource<TContext> {
  readonly inner: RemoteGraphQLDataSource<TContext>;

  constructor(readonly name: string, config: ConstructorParameters<typeof RemoteGraphQLDataSource<TContext>>[0], private readonly guards: SubgraphGuards) {
    this.inner = new RemoteGraphQLDataSource<TContext>({
      ...config,
      // node:http over the guards' keep-alive pool, with a deadline that also covers reading the body.
      fetcher: guards.fetcher.fetch as any,
    });
    (this.inner as unknown as { sendRequest: typeof sendRequest }).sendRequest = sendRequest;
  }

  async process(options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const breaker = this.guards.breaker(this.name);
    const request = (options as { context?: object }).context;
    const failed = request ? failedIn.get(request) : undefined;
    if (failed?.has(this.name)) throw serviceUnavailable(this.name, 'timeout', Math.ceil(this.guards.timeoutMs / 1000));
    if (!breaker.allow()) throw serviceUnavailable(this.name, 'resting', breaker.retryAfterMs() / 1000);
    try {
      const response = await this.inner.process(options);
      breaker.success();
      return response;
    } catch (err) {
      const failure = transportFailure(err);
      if (!failure) {
        breaker.success(); // it answered, even if with an error
        throw err;
      }
      const wasClosed = breaker.state === 'closed';
      breaker.failure();
      if (wasClosed && breaker.state === 'open') this.guards.log?.warn({ subgraph: this.name, failure }, 'subgraph keeps failing; breaker open');
      if (request) failedIn.set(request, (failed ?? new Set()).add(this.name));
      throw serviceUnavailable(this.name, failure, failure === 'timeout' ? Math.ceil(this.guards.timeoutMs / 1000) : 2);
    }
  }
}
