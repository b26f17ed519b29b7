/**
 * The one page builder behind every `<list>Page` (ARCHITECTURE.md,
 * convention 13; API.md, "Paging, sorting, filtering").
 *
 * A list declares once what may be sorted and filtered (`definePage`): the
 * rows it reads (a table or a subquery, aliased `q`), its sort columns
 * (whitelisted: a client names a field, never a column), its filters (each a
 * SQL condition on `q` with bound parameters). `run` then answers one page:
 * - a stable order: the chosen sort, ties broken by the id in the same
 *   direction, so pages neither repeat nor skip;
 * - an opaque keyset cursor (the sort key values as Postgres text, so
 *   microsecond timestamps and numerics round-trip exactly) that only fits the
 *   sort it was made with;
 * - `first` capped at 200 (never refused), `hasNextPage` from one extra row;
 * - `totalCount` of all rows that match the filters, counted only when a
 *   client asks for it.
 *
 * GraphQL side: `PageInfo`, `SortDirection`, `PageSort`, `PageArgs` (extend
 * it with the list's filters) and `pageType(Item)` for `{ items, pageInfo,
 * totalCount }`.
 */
import { ArgsType, Directive, Field, InputType, Int, ObjectType, registerEnumType, type ClassType } from 'type-graphql';
import { refusal, ErrorCode } from './errors';
import { isUuid } from './ids';
import { capFirst } from './loaders';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Ascending or descending.' });

@ObjectType({ description: 'Where a page ended: pass `endCursor` as `after` for the next page.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page (null for an empty page).' }) endCursor: string | null;
  @Field({ description: 'Whether more items follow this page.' }) hasNextPage: boolean;
}

@InputType({ description: 'Sort a page by one of the fields the list names (ties are always broken by id).' })
export class PageSort {
  @Field({ description: 'A sort field the list accepts (see the list\'s description).' }) field: string;
  @Field(() => SortDirection, { nullable: true, description: 'Default: the field\'s natural direction (newest first for dates).' }) direction?: SortDirection | null;
}

/** `first`, `after`, `sort`: every `<list>Page` takes these; extend the class with the list's filters. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: 'Up to 200; larger values are capped.' }) first: number;
  @Field(() => String, { nullable: true, description: 'The `pageInfo.endCursor` of the previous page.' }) after?: string | null;
  @Field(() => PageSort, { nullable: true }) sort?: PageSort | null;
}

/** What a `<list>Page` returns. `totalCount` may be a promise (counted on demand). */
export interface PageResult<T> {
  items: T[];
  pageInfo: PageInfo;
  readonly totalCount: number | Promise<number>;
}

/** The answer of a `<list>Page` that matches nothing without asking (a filter id that is not an id — see `ids` — or a caller who may see none). */
export const emptyPage = <T>(): PageResult<T> => ({ items: [], pageInfo: Object.assign(new PageInfo(), { endCursor: null, hasNextPage: false }), totalCount: 0 });

const pageTypes = new Map<string, ClassType>();

/**
 * The GraphQL page type of `item`: `<Item>Page { items: [Item!]!, pageInfo:
 * PageInfo!, totalCount: Int! }`. One class per name (call it anywhere; the
 * same class comes back).
 */
export function pageType<T extends object>(item: ClassType<T>, name = `${item.name}Page`): ClassType<PageResult<T>> {
  const known = pageTypes.get(name);
  if (known) return known as ClassType<PageResult<T>>;
  @ObjectType(name, { description: `A page of ${item.name} items, with the count of all that match.` })
  class Page implements PageResult<T> {
    @Field(() => [item]) items: T[];
    @Field(() => PageInfo) pageInfo: PageInfo;
    @Field(() => Int, { description: 'How many items match the filters, on all pages.' }) totalCount: number;
  }
  pageTypes.set(name, Page);
  return Page as unknown as ClassType<PageResult<T>>;
}

/** Binds a value as the next `$n` parameter and returns the placeholder. */
export type Bind = (value: unknown) => string;

export interface SortColumn {
  /** An SQL expression over `q` (e.g. `q.created_at`). */
  sql: string;
  /** Its Postgres type, for the cursor's comparison (`timestamptz`, `text`, `numeric`, `bigint`, `uuid`, …). */
  type: string;
  /** The direction when the client names none. */
  direction?: 'ASC' | 'DESC';
  /** The column may be NULL: nulls sort last in either direction. */
  nullable?: boolean;
  /** Further keys of this sort, before the id (e.g. same region first, then newest); `opposite` sorts that key the other way. */
  then?: { sql: string; type: string; nullable?: boolean; opposite?: boolean }[];
}

export interface PageDefinition<F> {
  /** A name for messages (e.g. `transfers`). */
  name: string;
  /** The rows: a table or a parenthesised subquery, aliased `q` by the builder. `bind` adds parameters (scoping, for example). */
  from: string | ((bind: Bind, filters: F) => string);
  /** Sortable fields by their public name. */
  sorts: Record<string, SortColumn>;
  /** The order when the client asks for none. */
  defaultSort: { field: string; direction?: 'ASC' | 'DESC' };
  /** The id column that breaks ties (default `q.id`, type `uuid`). */
  id?: { sql: string; type: string };
  /** One condition per filter; return undefined/null to add none (an unset filter). */
  filters?: { [K in keyof F]?: (value: NonNullable<F[K]>, bind: Bind, all: F) => string | null | undefined };
  /** Filters (or scoping values passed as filters) that are ids: one set (not null or undefined — `''` too) to something that is not a UUID matches no row, and the page is empty without asking. */
  ids?: (keyof F)[];
  /** Extra conditions that always apply (scoping): `bind` for the values. */
  where?: (bind: Bind, filters: F) => (string | null | undefined | false)[];
}

export interface PageRequest<F> {
  first?: number | null;
  after?: string | null;
  sort?: { field: string; direction?: string | null } | null;
  filters?: F;
  /** Default page size when `first` is absent (default 50). */
  defaultFirst?: number;
}

/** Something that runs SQL: a DataSource or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<any>;
}

export interface PageDefinitionHandle<F> {
  readonly definition: PageDefinition<F>;
  /** One page of raw rows (the columns of `from`), mapped by `map`. */
  run<T>(db: Queryable, request: PageRequest<F>, map: (row: any) => T): Promise<PageResult<T>>;
  /** The resolved order for a request (exported for tests and the export route). */
  order(sort: PageRequest<F>['sort']): ResolvedKey[];
  /** The cursor of a row with these sort key values (as Postgres text) in `sort`'s order (default: the list's own). */
  cursorAt(values: (string | null)[], sort?: PageRequest<F>['sort']): string;
}

interface ResolvedKey {
  sql: string;
  type: string;
  direction: 'ASC' | 'DESC';
  nullable: boolean;
}

type CursorPayload = { o: string; k: (string | null)[] };
const isCursorPayload = (v: unknown): v is CursorPayload =>
  !!v && typeof v === 'object' && typeof (v as CursorPayload).o === 'string' && Array.isArray((v as CursorPayload).k)
  && (v as CursorPayload).k.every((x) => x === null || typeof x === 'string');

export function encodePageCursor(payload: CursorPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodePageCursor(cursor: string): CursorPayload {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isCursorPayload(v)) return v;
  } catch {
    /* fall through */
  }
  throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_CURSOR', 'The cursor is not valid', { field: 'after' });
}

/** `%text%` for an ILIKE filter, with the pattern's own characters (\\ % _) escaped (the default escape character). */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SAFE_TYPE = /^[a-z][a-z0-9_ ]*(\[\])?$/i;

/** Declares a paged list once; `run` answers its pages. */
export function definePage<F extends object = Record<string, never>>(definition: PageDefinition<F>): PageDefinitionHandle<F> {
  if (!definition.sorts[definition.defaultSort.field]) throw new Error(`page ${definition.name}: default sort ${definition.defaultSort.field} is not a sort field`);
  const id = definition.id ?? { sql: 'q.id', type: 'uuid' };
  for (const s of [...Object.values(definition.sorts).flatMap((c) => [c, ...(c.then ?? [])]), id]) if (!SAFE_TYPE.test(s.type)) throw new Error(`page ${definition.name}: bad type ${s.type}`);

  const order = (sort: PageRequest<F>['sort']): ResolvedKey[] => {
    const field = sort?.field ?? definition.defaultSort.field;
    const col = definition.sorts[field];
    if (!col) {
      throw refusal(ErrorCode.BAD_USER_INPUT, 'SORT_FIELD_UNKNOWN', `The list ${definition.name} cannot be sorted by ${field}`, {
        field, allowed: Object.keys(definition.sorts),
      });
    }
    const dir = (sort?.direction ?? (sort?.field ? col.direction : definition.defaultSort.direction ?? col.direction) ?? 'ASC').toUpperCase();
    if (dir !== 'ASC' && dir !== 'DESC') throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE', `Sort direction ${dir} is not ASC or DESC`, { field: 'sort.direction' });
    const direction = dir as 'ASC' | 'DESC';
    const keys: ResolvedKey[] = [];
    if (col.sql !== id.sql) keys.push({ sql: col.sql, type: col.type, direction, nullable: !!col.nullable });
    for (const t of col.then ?? []) keys.push({ sql: t.sql, type: t.type, direction: t.opposite ? (direction === 'ASC' ? 'DESC' : 'ASC') : direction, nullable: !!t.nullable });
    keys.push({ sql: id.sql, type: id.type, direction, nullable: false });
    return keys;
  };

  const signature = (keys: ResolvedKey[]) => keys.map((k) => `${k.sql} ${k.direction}`).join(',');

  const run = async <T>(db: Queryable, request: PageRequest<F>, map: (row: any) => T): Promise<PageResult<T>> => {
    const filters = (request.filters ?? {}) as F;
    // "Set" as the filters below read it (anything but null/undefined, the empty string too): every id the SQL will bind must be a UUID.
    if (definition.ids?.some((name) => filters[name] != null && !isUuid(filters[name]))) return emptyPage<T>();
    const keys = order(request.sort);
    const first = capFirst(request.first, request.defaultFirst ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    const params: unknown[] = [];
    const bind: Bind = (value) => {
      params.push(value);
      return `$${params.length}`;
    };
    const from = typeof definition.from === 'function' ? definition.from(bind, filters) : definition.from;
    const conditions: string[] = [];
    for (const c of definition.where?.(bind, filters) ?? []) if (c) conditions.push(`(${c})`);
    for (const [name, make] of Object.entries(definition.filters ?? {}) as [keyof F, any][]) {
      const value = filters[name];
      if (value === undefined || value === null || make === undefined) continue;
      const c = make(value, bind, filters);
      if (c) conditions.push(`(${c})`);
    }
    const filterParams = params.length;
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';

    // The count sees the same rows and parameters as the page, without the cursor.
    const countSql = `SELECT count(*)::int AS n FROM ${from} AS q ${where}`;
    const countParams = params.slice(0, filterParams);
    let counted: Promise<number> | undefined;
    const count = () => (counted ??= db.query(countSql, countParams).then((r: { n: number }[]) => Number(r[0]?.n ?? 0)));

    const pageConditions = [...conditions];
    if (request.after) {
      const c = decodePageCursor(request.after);
      if (c.o !== signature(keys) || c.k.length !== keys.length) {
        throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_CURSOR', 'The cursor belongs to another sort order; start again without `after`', { field: 'after' });
      }
      pageConditions.push(`(${after(keys, c.k, bind)})`);
    }
    const orderBy = keys.map((k) => `${k.sql} ${k.direction}${k.nullable ? ' NULLS LAST' : ''}`).join(', ');
    const keyCols = keys.map((k, i) => `(${k.sql})::text AS "__k${i}"`).join(', ');
    const sql = `SELECT q.*, ${keyCols} FROM ${from} AS q ${pageConditions.length ? `WHERE ${pageConditions.join(' AND ')}` : ''} ORDER BY ${orderBy} LIMIT ${first + 1}`;
    const rows: any[] = first === 0 ? [] : await db.query(sql, params).catch((err: { code?: string }) => {
      // A cursor's values go to PostgreSQL as bound parameters cast to the key's type; one it cannot read (class 22,
      // data exception: a forged time, a number that is not one) is a bad cursor, not a fault of the list.
      if (request.after && typeof err?.code === 'string' && err.code.startsWith('22')) {
        throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_CURSOR', 'The cursor is not valid', { field: 'after' });
      }
      throw err;
    });
    const hasNextPage = first === 0 ? (await count()) > 0 : rows.length > first;
    const pageRows = rows.slice(0, first);
    const last = pageRows[pageRows.length - 1];
    const endCursor = last ? encodePageCursor({ o: signature(keys), k: keys.map((_, i) => last[`__k${i}`] ?? null) }) : null;
    const items = pageRows.map((r) => {
      const cursor = encodePageCursor({ o: signature(keys), k: keys.map((_, i) => r[`__k${i}`] ?? null) });
      for (let i = 0; i < keys.length; i++) delete r[`__k${i}`];
      const item = map(r) as T & { cursor?: string };
      if (item && typeof item === 'object' && !('cursor' in item && item.cursor)) {
        try { (item as { cursor?: string }).cursor = cursor; } catch { /* frozen */ }
      }
      return item as T;
    });
    const pageInfo = Object.assign(new PageInfo(), { endCursor, hasNextPage });
    // A getter: graphql reads totalCount only when the client selected it, and then counts once.
    const result = { items, pageInfo } as PageResult<T>;
    Object.defineProperty(result, 'totalCount', { get: count, enumerable: true });
    return result;
  };

  const cursorAt = (values: (string | null)[], sort?: PageRequest<F>['sort']) => encodePageCursor({ o: signature(order(sort ?? null)), k: values });

  return { definition, run, order, cursorAt };
}

/**
 * The keyset condition "strictly after the cursor row" in the page's order.
 * Keys all in one direction, none NULL: a row comparison, (k0, k1, …) > (c0,
 * c1, …), which PostgreSQL uses as the bound of an index scan in that order.
 * Otherwise (k0 after c0) OR (k0 = c0 AND k1 after c1) OR … — one key at a
 * time, so mixed directions and NULLs (sorted last) work — and, when the
 * first key cannot be NULL, AND k0 ≥ c0 (implied by every branch), so the
 * scan still starts at the cursor instead of filtering every row before it
 * (an HQ page 51 of depot orders by number read ~40k other orders).
 */
function after(keys: ResolvedKey[], values: (string | null)[], bind: Bind): string {
  const oneDirection = keys.every((k) => k.direction === keys[0].direction);
  if (oneDirection && keys.every((k, i) => !k.nullable && values[i] !== null)) {
    const op = keys[0].direction === 'ASC' ? '>' : '<';
    return `(${keys.map((k) => k.sql).join(', ')}) ${op} (${keys.map((k, i) => `${bind(values[i])}::${k.type}`).join(', ')})`;
  }
  const bound = keys.length && !keys[0].nullable && values[0] !== null
    ? ` AND ${keys[0].sql} ${keys[0].direction === 'ASC' ? '>=' : '<='} ${bind(values[0])}::${keys[0].type}`
    : '';
  return `(${orForm(keys, values, bind)})${bound}`;
}

function orForm(keys: ResolvedKey[], values: (string | null)[], bind: Bind): string {
  const ors: string[] = [];
  for (let i = 0; i < keys.length; i++) {
    // Nothing sorts after NULL in a key (nulls last): only later keys can move on from it.
    if (values[i] === null) continue;
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      const k = keys[j];
      ands.push(values[j] === null ? `${k.sql} IS NULL` : `${k.sql} = ${bind(values[j])}::${k.type}`);
    }
    const k = keys[i];
    const cmp = `${k.sql} ${k.direction === 'ASC' ? '>' : '<'} ${bind(values[i])}::${k.type}`;
    ands.push(k.nullable ? `(${cmp} OR ${k.sql} IS NULL)` : cmp);
    ors.push(ands.join(' AND '));
  }
  return ors.length ? ors.join(' OR ') : 'false';
}
