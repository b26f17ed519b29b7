/**
 * Subgraph fetch de-duplication for subscription events. One shortage
 * opened reaches every subscriber of its station at the same moment, and
 * each would send the same `_entities` fetches to catalog and stock. While a
 * fetch is in flight, an identical one (same subgraph, document, variables
 * and the same access scope) waits for it instead of going out again — the
 * in-flight de-duplication routers do for subgraph requests. The scope is
 * the caller's roles and station, which is all subgraphs authorise on, so a
 * station user never receives data fetched under another station's scope.
 * Nothing is cached after the fetch completes.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';

export interface ScopedContext {
  /** A key for what the caller may see, e.g. `PURCHASER|<stationId>`. */
  scope: string;
}

/** The executor merges fetched data into the response tree in place: every waiter gets its own copy. */
const copy = (r: GatewayGraphQLResponse): GatewayGraphQLResponse => ({
  ...r,
  ...(r.data ? { data: JSON.parse(JSON.stringify(r.data)) } : {}),
  ...(r.errors ? { errors: JSON.parse(JSON.stringify(r.errors)) } : {}),
});

export class DedupingDataSource implements GraphQLDataSource {
  private readonly inFlight = new Map<string, Promise<GatewayGraphQLResponse>>();
  /** How many fetches were answered by one already in flight (observable in tests). */
  shared = 0;
  sent = 0;

  constructor(private readonly inner: GraphQLDataSource) {}

  process(options: GraphQLDataSourceProcessOptions): Promise<GatewayGraphQLResponse> {
    const scope = (options.context as Partial<ScopedContext> | undefined)?.scope;
    if (!scope || options.request.query?.trimStart().startsWith('mutation')) {
      this.sent++;
      return this.inner.process(options);
    }
    const key = `${scope}\n${options.request.query}\n${JSON.stringify(options.request.variables ?? {})}`;
    const running = this.inFlight.get(key);
    if (running) {
      this.shared++;
      // Each waiter merges the result into its own response tree: give each its own copy.
      return running.then(copy);
    }
    this.sent++;
    const p = this.inner.process(options).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p.then(copy);
  }
}

/** The scope key of a user: everything subgraph authorisation depends on. */
export const scopeOf = (user: { roles: readonly string[]; stationId: string | null }): string =>
  `${[...user.roles].sort().join(',')}|${user.stationId ?? '*'}`;
