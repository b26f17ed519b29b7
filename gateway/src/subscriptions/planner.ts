/**
 * Plans operations that arrive over WebSocket with the same machinery as
 * @apollo/gateway: the supergraph read by @apollo/federation-internals and
 * @apollo/query-planner's QueryPlanner (the versions the gateway itself
 * uses). A subscription plans to `SubscriptionNode { primary, rest }`:
 * `primary` is the subscription sent to the owning subgraph, `rest` the
 * entity fetches that fill fields other subgraphs own.
 */
import { Supergraph, operationFromDocument, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type FetchNode, type PlanNode, type QueryPlan } from '@apollo/query-planner';
import { buildOperationContext } from '@apollo/gateway';
import { getOperationAST, parse, print, specifiedRules, validate, GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationRule } from 'graphql';
import { LRUCache } from 'lru-cache';

type OperationContext = ReturnType<typeof buildOperationContext>;

export interface PreparedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationContext: OperationContext;
  plan: QueryPlan;
  /** For a subscription: what the owning subgraph runs, and what the gateway resolves per event. */
  primary?: FetchNode;
  rest?: PlanNode;
}

export class OperationPlanner {
  readonly apiSchema: Schema;
  /** The API schema clients validate against (no join__ types, no @inaccessible fields). */
  readonly apiGraphQLSchema: GraphQLSchema;
  /** The full supergraph schema executeQueryPlan needs for rewrites and representations. */
  readonly supergraphSchema: GraphQLSchema;
  private readonly planner: QueryPlanner;
  private readonly cache: LRUCache<string, PreparedOperation>;
  /**
   * Valid documents by their text: a subscription holds its document for as long as it runs, so a thousand
   * subscribers of one console query share one parsed tree instead of holding a thousand (~15 KB each).
   */
  private readonly documents: LRUCache<string, DocumentNode>;

  constructor(supergraphSdl: string, private readonly validationRules: readonly ValidationRule[] = [], cacheSize = 500) {
    this.cache = new LRUCache<string, PreparedOperation>({ max: cacheSize });
    this.documents = new LRUCache<string, DocumentNode>({ max: cacheSize });
    const supergraph = Supergraph.build(supergraphSdl);
    this.supergraphSchema = supergraph.schema.toGraphQLJSSchema();
    this.apiSchema = supergraph.apiSchema();
    this.apiGraphQLSchema = this.apiSchema.toGraphQLJSSchema();
    this.planner = new QueryPlanner(supergraph);
  }

  /**
   * Parses and validates against the API schema; GraphQL errors for the client, never a throw. A text that was valid
   * before gets the same document again (validation depends only on the text, the schema and the rules).
   */
  parseAndValidate(query: unknown): { document: DocumentNode } | { errors: GraphQLError[] } {
    if (typeof query !== 'string' || !query.trim()) return { errors: [new GraphQLError('The operation must be a non-empty string', { extensions: { code: 'BAD_REQUEST' } })] };
    const known = this.documents.get(query);
    if (known) return { document: known };
    let document: DocumentNode;
    try {
      document = parse(query, { maxTokens: 5000 });
    } catch (err) {
      return { errors: [new GraphQLError((err as Error).message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
    }
    const errors = validate(this.apiGraphQLSchema, document, [...specifiedRules, ...this.validationRules]);
    if (errors.length) {
      return { errors: errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { ...e.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } })) };
    }
    this.documents.set(query, document);
    return { document };
  }

  /** The plan for a validated document (cached by its text and operation name). */
  prepare(document: DocumentNode, operationName?: string | null): PreparedOperation {
    const key = `${operationName ?? ''}\n${print(document)}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const operation = getOperationAST(document, operationName ?? undefined);
    if (!operation) throw new GraphQLError(operationName ? `Unknown operation named "${operationName}"` : 'Must provide an operation name when the document has several', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } });
    const operationContext = buildOperationContext({ schema: this.apiGraphQLSchema, operationDocument: document, operationName: operationName ?? undefined });
    const plan = this.planner.buildQueryPlan(operationFromDocument(this.apiSchema, document, { operationName: operationName ?? undefined }));
    const prepared: PreparedOperation = { document, operation, operationContext, plan };
    if (plan.node?.kind === 'Subscription') {
      prepared.primary = plan.node.primary;
      prepared.rest = plan.node.rest;
    }
    this.cache.set(key, prepared);
    return prepared;
  }
}
