/**
 * Resolves one subscription event the way a federated router would: the
 * subgraph's payload stands in for the `primary` fetch, and `rest` (entity
 * fetches to other subgraphs) runs through @apollo/gateway's own
 * executeQueryPlan, which also shapes the final response against the API
 * schema (aliases, __typename, nullability, error paths).
 *
 * executeQueryPlan refuses a plan whose root is a SubscriptionNode, and has
 * no way to start from data we already hold; so we hand it the plan
 * `Sequence [primary', rest]` where `primary'` is the primary fetch pointed
 * at an in-memory data source that answers with the event. Everything else
 * (flattening, `requires` → `_entities` representations, rewrites, merging)
 * is the gateway's code, unchanged.
 */
import { executeQueryPlan, type GraphQLDataSource, type ServiceMap } from '@apollo/gateway';
import type { FetchNode, PlanNode, QueryPlan } from '@apollo/query-planner';
import type { ExecutionResult } from 'graphql';
import type { OperationPlanner, PreparedOperation } from './planner';

/** The synthetic service name of "the event we already received". */
export const EVENT_SOURCE = '__subscription_event__';

export interface EventExecutionContext {
  /** Passed to data sources as the request context (authorization to forward). */
  context: Record<string, unknown>;
  variables: Record<string, unknown>;
  serviceMap: ServiceMap;
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

function eventSource(event: ExecutionResult): GraphQLDataSource {
  return {
    process: async () => ({ data: (event.data ?? null) as Record<string, unknown> | null, ...(event.errors ? { errors: event.errors as any } : {}) }),
  } as GraphQLDataSource;
}

const plans = new WeakMap<PreparedOperation, QueryPlan>();

function eventPlan(prepared: PreparedOperation): QueryPlan {
  let plan = plans.get(prepared);
  if (!plan) {
    const primary: FetchNode = { ...prepared.primary!, serviceName: EVENT_SOURCE };
    const node: PlanNode = prepared.rest ? { kind: 'Sequence', nodes: [primary, prepared.rest] } : primary;
    plan = { kind: 'QueryPlan', node };
    plans.set(prepared, plan);
  }
  return plan;
}

/** Runs a plain (non-subscription) plan, e.g. a query sent over the socket. */
export async function executePlan(planner: OperationPlanner, prepared: PreparedOperation, plan: QueryPlan, x: EventExecutionContext): Promise<ExecutionResult> {
  const requestContext = {
    request: { query: '', variables: x.variables, operationName: prepared.operation.name?.value, http: undefined },
    context: x.context,
    logger: silentLogger,
    metrics: {},
    cache: undefined,
    overallCachePolicy: undefined,
  } as unknown as Parameters<typeof executeQueryPlan>[2];
  const result = await executeQueryPlan(plan, x.serviceMap, requestContext, prepared.operationContext, planner.supergraphSchema, planner.apiSchema);
  return result as ExecutionResult;
}

/** The client's result for one event of the primary subscription. */
export async function resolveEvent(planner: OperationPlanner, prepared: PreparedOperation, event: ExecutionResult, x: EventExecutionContext): Promise<ExecutionResult> {
  // An event that carries no data (e.g. FORBIDDEN from the subgraph's subscribe) goes to the client as is.
  if (!event.data) return { data: null, errors: event.errors };
  return executePlan(planner, prepared, eventPlan(prepared), { ...x, serviceMap: { ...x.serviceMap, [EVENT_SOURCE]: eventSource(event) } });
}
