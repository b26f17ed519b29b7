/**
 * The federation glue, once for all subgraphs: build the type-graphql schema,
 * print it with its directives under the federation @link header, and hand
 * it with the resolvers (plus each entity's __resolveReference) to
 * @apollo/subgraph.
 */
import 'reflect-metadata';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { getNamedType, isLeafType, isObjectType, parse, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { ArgumentValidationError, buildSchema, createResolversMap, getMetadataStorage, type AuthChecker, type NonEmptyArray, type PubSub, type ResolverData } from 'type-graphql';
import { validate as validateObject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { scalarsMap } from './scalars';
import { isHq, isService, requireRole, type Context } from './context';
import { forbidden } from './errors';
import type { Role } from './auth';

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

/** `__resolveReference` per entity type name; go through a request DataLoader. */
export type ReferenceResolvers = Record<string, (ref: { id: string; [k: string]: unknown }, ctx: Context) => unknown>;

export interface SubgraphSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references?: ReferenceResolvers;
  /**
   * Plain graphql resolvers for hot `@FieldResolver`s, per type and field, used instead of type-graphql's wrapper
   * (its parameter conversion, and a promise per argument from the schema-wide validateFn — for every object of a
   * long list). The decorated method still declares the field; both should call the same function. Only for fields
   * without `@Authorized` or middleware (on the method or its class) and with leaf arguments only, which the wrapper
   * would neither check nor validate: anything else fails the build.
   */
  directResolvers?: Record<string, Record<string, GraphQLFieldResolver<any, Context, any>>>;
}

export interface BuiltSubgraphSchema {
  schema: GraphQLSchema;
  /** The SDL that goes into schema/<name>.graphql and composition. */
  sdl: string;
}

/**
 * type-graphql insists on a PubSub once a schema has a @Subscription, even when
 * every subscription brings its own `subscribe` (ours read Postgres NOTIFY, see
 * shared/subscriptions.ts); topic-based ones are not used here.
 */
const noTopicPubSub: PubSub = {
  publish: () => { throw new Error('Topic pub/sub is not used: give @Subscription a subscribe function'); },
  subscribe: () => { throw new Error('Topic pub/sub is not used: give @Subscription a subscribe function'); },
};

/**
 * Authorisation is declared on resolvers: `@Authorized('PARTS_CLERK', 'STATION_MANAGER')`
 * lets those roles, HQ_ADMIN and services through and refuses everyone else
 * with FORBIDDEN, reason ROLE_REQUIRED, params.roles (`@Authorized('HQ_ADMIN')`: reason
 * HQ_ONLY) — before any argument is
 * read; `@Authorized()` without roles admits every signed-in user. Station scoping stays in services (`scopeStation`, `assertStationAccess`).
 */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  // `@Authorized()` without roles: any signed-in user (the edge has checked the token).
  if (roles.length === 1 && roles[0] === 'HQ_ADMIN') {
    // HQ's own work (the catalog, the depot desk): services acting for HQ pass, nobody else.
    if (!isHq(context.user) && !(isService(context.user) && !context.user.stationId)) throw forbidden('HQ_ONLY', 'Only HQ may do this', {});
  } else if (roles.length) requireRole(context, ...roles);
  return true;
};

const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true, validationError: { target: false, value: false } };

/**
 * type-graphql's argument validation (class-validator on input objects), except that an item of a list argument is
 * named in the errors — `lines.2.partId`, counted from 1 (errors.ts fieldPath) — where type-graphql's own drops the
 * index and the argument (`partId`), so a client could not tell which line to mend.
 */
export async function validateArgument(value: unknown, _type: unknown, data: ResolverData): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  if (!Array.isArray(value)) {
    const errors = await validateObject(value, VALIDATOR_OPTIONS);
    if (errors.length) throw new ArgumentValidationError(errors);
    return;
  }
  const items: ValidationError[] = [];
  for (const [i, item] of value.entries()) {
    if (item === null || typeof item !== 'object') continue;
    const errors = await validateObject(item, VALIDATOR_OPTIONS);
    if (errors.length) items.push({ property: String(i), children: errors } as ValidationError);
  }
  if (!items.length) return;
  // The argument's name: `data.args` holds the values as sent (before they became input instances), so match by shape.
  const lists = Object.entries(data.args ?? {}).filter(([, v]) => Array.isArray(v) && v.length === value.length);
  const name = lists.length === 1 ? lists[0][0] : undefined;
  throw new ArgumentValidationError(name ? [{ property: name, children: items } as ValidationError] : items);
}

/**
 * For an argument validated by hand in its service (importParts' rows: each bad row is reported, the others saved):
 * `@Arg('rows', () => [PartInput], { validateFn: validatedByHand })`. Not `validate: false` — with a schema-wide
 * validateFn (validateArgument) type-graphql ignores that setting.
 */
export const validatedByHand = async (): Promise<void> => undefined;

/**
 * Plain data fields — no `@Authorized`, no `@UseMiddleware` (on the field or its class), not renamed — are read by
 * graphql's default resolver instead of type-graphql's per-field wrapper (a closure, a ResolverData object and the
 * middleware dispatch for every field of every object: 20 parts × levels × bin × warehouse on the counter page).
 * The same as type-graphql's `simpleResolvers`, for every such field; an explicit `simple` or `simpleResolvers` is kept.
 * Fields with a `@FieldResolver` keep theirs (type-graphql prefers it over `simple`).
 */
export function plainFieldsUseDefaultResolver(): void {
  const s = getMetadataStorage();
  const targets = new Map<unknown, number>();
  const id = (target: unknown) => targets.get(target) ?? (targets.set(target, targets.size), targets.size - 1);
  const guarded = new Set([...s.authorizedFields, ...s.middlewares].map((m) => `${id(m.target)}:${m.fieldName}`));
  const guardedClasses = new Set<unknown>([...s.authorizedResolver, ...s.resolverMiddlewares].map((m) => m.target));
  const explicit = new Set<unknown>(s.objectTypes.filter((t) => t.simpleResolvers !== undefined).map((t) => t.target));
  for (const f of s.fields) {
    if (f.simple !== undefined || f.name !== f.schemaName || guardedClasses.has(f.target) || explicit.has(f.target)) continue;
    if (!guarded.has(`${id(f.target)}:${f.name}`)) f.simple = true;
  }
}

export async function buildFederatedSchema(o: SubgraphSchemaOptions): Promise<BuiltSubgraphSchema> {
  plainFieldsUseDefaultResolver();
  const schema = await buildSchema({
    resolvers: o.resolvers,
    orphanedTypes: o.orphanedTypes,
    scalarsMap,
    skipCheck: true,
    pubSub: noTopicPubSub,
    authChecker,
    authMode: 'error',
    validateFn: validateArgument,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}\n`;
  const resolvers = createResolversMap(schema) as Record<string, any>;
  for (const [typeName, resolve] of Object.entries(o.references ?? {})) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), __resolveReference: resolve };
  }
  for (const [typeName, fields] of Object.entries(o.directResolvers ?? {})) {
    for (const [fieldName, resolve] of Object.entries(fields)) {
      assertDirectable(schema, typeName, fieldName);
      resolvers[typeName][fieldName] = resolve;
    }
  }
  return { schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers }), sdl };
}

/** A direct resolver may replace only what type-graphql would add nothing to: no roles, no middleware, leaf arguments. */
function assertDirectable(schema: GraphQLSchema, typeName: string, fieldName: string): void {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  const s = getMetadataStorage();
  const meta = s.fieldResolvers.find((r) => r.schemaName === fieldName && s.objectTypes.find((t) => t.target === r.getObjectType?.())?.name === typeName);
  const why = !field ? 'no such field'
    : !meta ? 'not a @FieldResolver'
    : meta.roles !== undefined || (meta.middlewares?.length ?? 0) > 0 ? 'it is authorised or has middleware'
    : field.args.some((a) => !isLeafType(getNamedType(a.type))) ? 'an argument is an input object (validated)'
    : undefined;
  if (why) throw new Error(`directResolvers: ${typeName}.${fieldName} cannot be resolved directly: ${why}`);
}
