/**
 * The gateway's input guard: every argument of an operation — variables and
 * inline literals — is checked against the supergraph's types and the limits
 * of `subgraphs/shared/src/limits.ts` before the request is planned. A bad
 * value never reaches a subgraph (where a refused variable was an HTTP 400
 * the gateway reported as an internal error): the answer is BAD_USER_INPUT
 * with a reason and params.variable (a variable) or params.field (a literal,
 * list positions counted from 1).
 *
 * It also keeps `first` from counting above its maximum in the cost limit:
 * lists cap `first` at 200 (API.md), so the cost of `first: 1000` is the cost
 * of `first: 200`.
 */
import {
  GraphQLError, Kind, TypeInfo, visit, visitWithTypeInfo, typeFromAST, isNonNullType, isListType, isInputObjectType, isScalarType, isEnumType,
  type ASTNode, type DocumentNode, type GraphQLInputType, type GraphQLSchema, type OperationDefinitionNode, type ValidationContext, type ValueNode, type ASTVisitor,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { costLimitRule, type CostLimitOptions } from '@escape.tech/graphql-armor-cost-limit';
import { LIMITS, checkListLength, isDateTime, maxListLength, moneyProblem, textKindOf, textProblem, fieldPath, type Reason, type RefusalParams } from '../../subgraphs/shared/src';

export const MAX_FIRST = 200;

function refuse(reason: Reason, message: string, params: RefusalParams): never {
  throw new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason, params, http: { status: 400 } } });
}

interface Where {
  /** The variable the value came from, when it did. */
  variable?: string;
  /** The argument or input field a variable is passed to (what decides its limits). */
  usedAs?: string;
  /** The input path below the variable or argument. */
  path: (string | number)[];
}

const describe = (w: Where) => (w.variable ? `$${w.variable}${w.path.length ? '.' + fieldPath(w.path) : ''}` : fieldPath(w.path));
const paramsOf = (w: Where): RefusalParams => (w.variable ? { variable: w.variable, ...(w.path.length ? { field: fieldPath(w.path) } : {}) } : { field: fieldPath(w.path) });
const lastName = (w: Where) => [...w.path].reverse().find((p): p is string => typeof p === 'string') ?? w.usedAs ?? w.variable ?? '';

function checkString(value: string, w: Where): void {
  const problem = textProblem(value, textKindOf(lastName(w)));
  if (!problem) return;
  const [reason, extra] = problem;
  const what = reason === 'TOO_LONG' ? `is longer than ${extra.max} characters` : reason === 'IDEMPOTENCY_KEY_INVALID' ? `must be ${LIMITS.idempotencyKey.min}–${LIMITS.idempotencyKey.max} characters` : reason === 'CONTROL_CHARACTER' ? 'contains a control character' : 'contains a NUL character or a broken character';
  refuse(reason, `${describe(w)} ${what}`, { ...paramsOf(w), ...extra });
}

function checkScalar(typeName: string, value: unknown, w: Where): void {
  switch (typeName) {
    case 'String':
    case 'ID':
      if (typeof value === 'string') checkString(value, w);
      return;
    case 'Decimal': {
      const problem = moneyProblem(value);
      if (problem === 'INVALID_VALUE') refuse('INVALID_VALUE', `${describe(w)}: "${String(value).slice(0, 40)}" is not a decimal amount such as "128.50"`, paramsOf(w));
      if (problem) refuse('MONEY_OUT_OF_RANGE', `${describe(w)}: ${String(value).slice(0, 40)} is outside what a money amount may hold (≥ 0, at most ${LIMITS.money.integerDigits} integer digits and ${LIMITS.money.decimals} decimals)`, { ...paramsOf(w), value: String(value).slice(0, 40), integerDigits: LIMITS.money.integerDigits, decimals: LIMITS.money.decimals });
      return;
    }
    case 'DateTime':
      if (!isDateTime(value)) refuse('INVALID_VALUE', `${describe(w)} is not an ISO-8601 date-time`, paramsOf(w));
      return;
    case 'Float':
    case 'Int':
      if (typeof value === 'number' && !Number.isFinite(value)) refuse('INVALID_VALUE', `${describe(w)} is not a finite number`, paramsOf(w));
      return;
    case 'JSONObject':
    case 'JSON':
      if (typeof value === 'string') checkString(value, w);
      else if (value && typeof value === 'object') JSON.stringify(value, (_k, v) => (typeof v === 'string' ? (checkString(v, w), v) : v));
      return;
    default:
  }
}

/** A variable's JSON value against its declared type. */
function checkValue(type: GraphQLInputType, value: unknown, w: Where): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, w);
  if (isListType(type)) {
    if (!Array.isArray(value)) return checkValue(type.ofType, value, w);
    if (value.length > maxListLength(lastName(w))) refuse('TOO_MANY_LINES', `${describe(w)} has ${value.length} entries; at most ${maxListLength(lastName(w))} are allowed`, { ...paramsOf(w), max: maxListLength(lastName(w)), length: value.length });
    value.forEach((v, i) => checkValue(type.ofType, v, { ...w, path: [...w.path, i] }));
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return; // graphql's own coercion refuses it (BAD_USER_INPUT)
    const fields = type.getFields();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[k];
      if (field) checkValue(field.type, v, { ...w, path: [...w.path, k] });
    }
    return;
  }
  if (isScalarType(type)) return checkScalar(type.name, value, w);
  if (isEnumType(type) && typeof value === 'string') checkString(value, w);
}

/** An inline literal against its argument's type (variables inside it are checked as variables). */
function checkLiteral(type: GraphQLInputType, node: ValueNode, w: Where): void {
  if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return;
  if (isNonNullType(type)) return checkLiteral(type.ofType, node, w);
  if (isListType(type)) {
    if (node.kind !== Kind.LIST) return checkLiteral(type.ofType, node, w);
    checkListLengthAt(node.values.length, w);
    node.values.forEach((v, i) => checkLiteral(type.ofType, v, { ...w, path: [...w.path, i] }));
    return;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return;
    const fields = type.getFields();
    for (const f of node.fields) {
      const field = fields[f.name.value];
      if (field) checkLiteral(field.type, f.value, { ...w, path: [...w.path, f.name.value] });
    }
    return;
  }
  if (isScalarType(type)) {
    if (node.kind === Kind.STRING) return checkScalar(type.name, node.value, w);
    if (node.kind === Kind.INT || node.kind === Kind.FLOAT) {
      if (type.name === 'Decimal') return checkScalar('Decimal', node.value, w);
      return checkScalar(type.name, Number(node.value), w);
    }
    if (type.name === 'Decimal' || type.name === 'DateTime') refuse('INVALID_VALUE', `${describe(w)} must be a string`, paramsOf(w));
  }
}

function checkListLengthAt(length: number, w: Where) {
  try {
    checkListLength(length, lastName(w));
  } catch (err) {
    const e = err as GraphQLError;
    refuse('TOO_MANY_LINES', `${describe(w)} has ${length} entries; at most ${(e.extensions.params as RefusalParams).max} are allowed`, { ...paramsOf(w), max: (e.extensions.params as RefusalParams).max, length });
  }
}

/** What checking an operation needs beyond its variables' values, worked out once per parsed document (see `guardOf`). */
interface OperationGuard {
  schema: GraphQLSchema;
  /** The declared variables with their types and the argument or input field each is passed to. */
  variables: { name: string; type: GraphQLInputType; usedAs?: string }[];
  /** False when an inline literal of the operation or its fragments is refused (rechecked then, to throw that refusal). */
  literalsPass: boolean;
}

/**
 * Apollo Server keeps each parsed document (its document store, keyed by the query's hash) and hands the same
 * DocumentNode and OperationDefinitionNode to every request with that query, so the document's part of the check
 * — variable types, where each variable goes, and the inline literals, which depend on the document alone — is
 * kept here by operation node; each request checks only its variables' values.
 */
const guards = new WeakMap<OperationDefinitionNode, OperationGuard>();

function usedAsOf(document: DocumentNode): Map<string, string> {
  // Which argument or input field each variable is passed to: a note's limits differ from a name's.
  const usedAs = new Map<string, string>();
  visit(document, {
    Argument: (a) => void (a.value.kind === Kind.VARIABLE && usedAs.set(a.value.name.value, a.name.value)),
    ObjectField: (f) => void (f.value.kind === Kind.VARIABLE && usedAs.set(f.value.name.value, f.name.value)),
  });
  return usedAs;
}

/** Throws the first refused inline literal of `operation` and the document's fragments. */
function checkLiterals(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): void {
  const typeInfo = new TypeInfo(schema);
  const check = (node: ASTNode) =>
    visit(node, visitWithTypeInfo(typeInfo, {
      Argument(arg) {
        const type = typeInfo.getArgument()?.type;
        if (type) checkLiteral(type, arg.value, { path: [arg.name.value] });
        return false;
      },
    }));
  check(operation);
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) check(def);
}

function guardOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationGuard {
  const kept = guards.get(operation);
  if (kept && kept.schema === schema) return kept;
  const usedAs = usedAsOf(document);
  const variables: OperationGuard['variables'] = [];
  for (const def of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, def.type as any) as GraphQLInputType | undefined;
    if (type) variables.push({ name: def.variable.name.value, type, usedAs: usedAs.get(def.variable.name.value) });
  }
  let literalsPass = true;
  try {
    checkLiterals(schema, document, operation);
  } catch {
    literalsPass = false;
  }
  const guard = { schema, variables, literalsPass };
  guards.set(operation, guard);
  return guard;
}

/** Checks every argument of `operation` (and the fragments it uses); throws the first refusal (variables first, then literals). */
export function checkOperationInput(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>): void {
  const guard = guardOf(schema, document, operation);
  for (const v of guard.variables) checkValue(v.type, variables[v.name], { variable: v.name, usedAs: v.usedAs, path: [] });
  if (!guard.literalsPass) checkLiterals(schema, document, operation);
}

/** Apollo Server plugin: the guard runs once the operation is resolved, before the gateway plans it. */
export function inputGuardPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (operation) checkOperationInput(schema, document, operation, (request.variables ?? {}) as Record<string, unknown>);
        },
      };
    },
  };
}

/** `first`/`last` literals above the maximum count as the maximum. */
function capFirstLiterals<T extends ASTNode>(node: T): T {
  return visit(node, {
    Argument(arg) {
      if ((arg.name.value === 'first' || arg.name.value === 'last') && arg.value.kind === Kind.INT && Number(arg.value.value) > MAX_FIRST) {
        return { ...arg, value: { ...arg.value, value: String(MAX_FIRST) } };
      }
      return undefined;
    },
  }) as T;
}

/** graphql-armor's cost limit over the document with `first` capped as the lists cap it. */
export function cappedCostLimitRule(options: CostLimitOptions) {
  return (context: ValidationContext): ASTVisitor => {
    const capped = new Map<string, any>();
    const proxy = new Proxy(context, {
      get(target, prop, receiver) {
        if (prop === 'getFragment') {
          return (name: string) => {
            if (!capped.has(name)) {
              const f = target.getFragment(name);
              capped.set(name, f ? capFirstLiterals(f) : f);
            }
            return capped.get(name);
          };
        }
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const report = (ctx: ValidationContext | null, err: GraphQLError) =>
      ctx?.reportError(new GraphQLError(err.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX', params: { maxCost: options.maxCost } } }));
    const visitor = costLimitRule({ ...options, propagateOnRejection: false, onReject: [report] })(proxy) as unknown as { OperationDefinition: { enter(op: OperationDefinitionNode): void } };
    return { OperationDefinition: { enter: (op: OperationDefinitionNode) => visitor.OperationDefinition.enter(capFirstLiterals(op)) } } as ASTVisitor;
  };
}
