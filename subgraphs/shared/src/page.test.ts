/**
 * The page builder on a real Postgres: walking every page of a list with ties
 * in its sort key (and NULLs in a nullable one) yields each row exactly once in
 * the declared order; filters, counts, the cap on `first` and bad cursors.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildSchema, Query, Resolver, Args, ObjectType, Field, ID, ArgsType } from 'type-graphql';
import { graphql, type GraphQLObjectType } from 'graphql';
import { createDataSource } from './db';
import { definePage, pageType, PageArgs, type PageResult } from './page';
import { createTestDatabase } from '../../../test/helpers/database';

const SCHEMA = 'page_test';

interface Filters { status?: string | null; from?: string | null; to?: string | null; partId?: string | null }

const page = definePage<Filters>({
  name: 'things',
  from: `${SCHEMA}.thing`,
  sorts: {
    createdAt: { sql: 'q.created_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'ASC' },
    amount: { sql: 'q.amount', type: 'numeric', direction: 'DESC', nullable: true },
    statusThenNumber: { sql: 'q.status', type: 'text', direction: 'ASC', then: [{ sql: 'q.number', type: 'text', opposite: true }, { sql: 'q.amount', type: 'numeric', nullable: true }] },
  },
  defaultSort: { field: 'createdAt' },
  filters: {
    status: (v, bind) => `q.status = ${bind(v)}`,
    from: (v, bind) => `q.created_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.created_at < ${bind(v)}::timestamptz`,
    partId: (v, bind) => `q.id = ${bind(v)}::uuid`,
  },
  ids: ['partId'],
});

async function walk(ds: DataSource, request: Parameters<typeof page.run>[1]): Promise<any[]> {
  const seen: any[] = [];
  let after: string | null = null;
  for (let n = 0; n < 1000; n++) {
    const p: PageResult<any> = await page.run(ds, { ...request, after }, (r) => ({ ...r }));
    seen.push(...p.items);
    if (!p.pageInfo.hasNextPage) {
      expect(p.items.length === 0 || p.pageInfo.endCursor).toBeTruthy();
      return seen;
    }
    after = p.pageInfo.endCursor;
  }
  throw new Error('never ended');
}

describe('definePage', () => {
  let ds: DataSource;
  const ROWS = 237;

  beforeAll(async () => {
    const url = await createTestDatabase('empty');
    ds = createDataSource({ url, schema: SCHEMA, entities: [], migrations: [], poolSize: 4 });
    await ds.initialize();
    await ds.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
    await ds.query(`CREATE TABLE ${SCHEMA}.thing (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), number text NOT NULL, status text NOT NULL,
      amount numeric(14,2), created_at timestamptz NOT NULL)`);
    // Many rows share a timestamp (ties), timestamps carry microseconds, every 7th amount is NULL.
    await ds.query(
      `INSERT INTO ${SCHEMA}.thing (number, status, amount, created_at)
       SELECT 'T' || lpad((g % 50)::text, 3, '0'), CASE WHEN g % 3 = 0 THEN 'OPEN' ELSE 'DONE' END,
              CASE WHEN g % 7 = 0 THEN NULL ELSE (g % 11) * 1.25 END,
              timestamp '2026-01-01 10:00:00.123456' + ((g % 40) || ' minutes')::interval
         FROM generate_series(1, ${ROWS}) g`);
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
  });

  it('walks every row exactly once, newest first with ties by id, whatever the page size', async () => {
    const all: any[] = await ds.query(`SELECT id FROM ${SCHEMA}.thing ORDER BY created_at DESC, id DESC`);
    for (const first of [1, 7, 50, 200]) {
      const seen = await walk(ds, { first });
      expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id));
    }
  });

  it('sorts by a whitelisted field in either direction, and by a nullable one with NULLs last', async () => {
    const asc = await walk(ds, { first: 13, sort: { field: 'number', direction: 'ASC' } });
    const expectedAsc: any[] = await ds.query(`SELECT id FROM ${SCHEMA}.thing ORDER BY number ASC, id ASC`);
    expect(asc.map((r) => r.id)).toEqual(expectedAsc.map((r) => r.id));

    const byAmount = await walk(ds, { first: 9, sort: { field: 'amount' } });
    const expectedAmount: any[] = await ds.query(`SELECT id FROM ${SCHEMA}.thing ORDER BY amount DESC NULLS LAST, id DESC`);
    expect(byAmount.map((r) => r.id)).toEqual(expectedAmount.map((r) => r.id));
    expect(byAmount[byAmount.length - 1].amount).toBeNull();

    const composite = await walk(ds, { first: 11, sort: { field: 'statusThenNumber' } });
    const expectedComposite: any[] = await ds.query(`SELECT id FROM ${SCHEMA}.thing ORDER BY status ASC, number DESC, amount ASC NULLS LAST, id ASC`);
    expect(composite.map((r) => r.id)).toEqual(expectedComposite.map((r) => r.id));
  });

  it('filters and counts all matching rows, not just the page', async () => {
    const p = await page.run(ds, { first: 5, filters: { status: 'OPEN', from: '2026-01-01T10:10:00Z', to: '2026-01-01T10:20:00Z' } }, (r) => r);
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM ${SCHEMA}.thing WHERE status = 'OPEN' AND created_at >= '2026-01-01T10:10:00Z' AND created_at < '2026-01-01T10:20:00Z'`);
    expect(n).toBeGreaterThan(5);
    expect(await p.totalCount).toBe(n);
    expect(p.items).toHaveLength(5);
    expect(p.items.every((r: any) => r.status === 'OPEN')).toBe(true);
    expect(p.pageInfo.hasNextPage).toBe(true);
  });

  it('answers an id filter that is not a UUID with an empty page instead of asking PostgreSQL', async () => {
    const [{ id }] = await ds.query(`SELECT id FROM ${SCHEMA}.thing LIMIT 1`);
    const one = await page.run(ds, { filters: { partId: id } }, (r) => r);
    expect(one.items.map((r: any) => r.id)).toEqual([id]);
    for (const partId of ['abc', `${id}x`, '']) {
      const p = await page.run(ds, { filters: { partId, status: 'OPEN' }, sort: { field: 'no such field' } }, (r) => r);
      expect(p.items).toEqual([]);
      expect(p.pageInfo).toMatchObject({ endCursor: null, hasNextPage: false });
      expect(await p.totalCount).toBe(0);
    }
  });

  it('caps first at 200 instead of refusing it', async () => {
    const p = await page.run(ds, { first: 10_000 }, (r) => r);
    expect(p.items).toHaveLength(200);
    expect(p.pageInfo.hasNextPage).toBe(true);
    expect(await p.totalCount).toBe(ROWS);
  });

  it('refuses unknown sort fields, garbage cursors and cursors of another sort order with reasons', async () => {
    await expect(page.run(ds, { sort: { field: 'status' } }, (r) => r)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'SORT_FIELD_UNKNOWN', params: { field: 'status', allowed: ['createdAt', 'number', 'amount', 'statusThenNumber'] } } });
    await expect(page.run(ds, { after: 'nonsense' }, (r) => r)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' } });
    const p = await page.run(ds, { first: 2 }, (r) => r);
    await expect(page.run(ds, { first: 2, after: p.pageInfo.endCursor, sort: { field: 'number' } }, (r) => r)).rejects.toMatchObject({ extensions: { reason: 'INVALID_CURSOR' } });
    // A well-formed cursor of the right order whose values PostgreSQL cannot read (a forged time, a forged id).
    const ids = p.items.map((r: any) => r.id);
    await expect(page.run(ds, { first: 2, after: page.cursorAt(['not a time', ids[1]]) }, (r) => r)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_CURSOR' } });
    await expect(page.run(ds, { first: 2, after: page.cursorAt(['2026-01-01T00:00:00Z', 'x']) }, (r) => r)).rejects.toMatchObject({ extensions: { reason: 'INVALID_CURSOR' } });
  });

  it('makes the cursor of a row from its key values (cursorAt): the same as the page gave it', async () => {
    const p = await page.run(ds, { first: 3 }, (r) => r);
    const last: any = p.items[2];
    const [row] = await ds.query(`SELECT created_at::text AS t, id::text AS id FROM ${SCHEMA}.thing WHERE id = $1`, [last.id]);
    expect(page.cursorAt([row.t, row.id])).toBe(p.pageInfo.endCursor);
    const next = await page.run(ds, { first: 3, after: page.cursorAt([row.t, row.id]) }, (r) => r);
    expect(next.items[0]).not.toMatchObject({ id: last.id });
    expect(page.cursorAt(['a', 'b'], { field: 'number' })).not.toBe(page.cursorAt(['a', 'b']));
  });

  it('gives a GraphQL page type { items, pageInfo, totalCount } that resolves the count only when asked', async () => {
    @ObjectType()
    class Thing {
      @Field(() => ID) id: string;
      @Field() number: string;
    }
    const ThingPage = pageType(Thing);
    expect(pageType(Thing)).toBe(ThingPage);
    @ArgsType()
    class ThingsArgs extends PageArgs {
      @Field(() => String, { nullable: true }) status?: string | null;
    }
    let counts = 0;
    const counting = { query: (sql: string, params?: unknown[]) => { if (/count\(\*\)/.test(sql)) counts++; return ds.query(sql, params); } };
    @Resolver()
    class ThingResolver {
      @Query(() => ThingPage)
      thingsPage(@Args() a: ThingsArgs) {
        return page.run(counting, { first: a.first, after: a.after, sort: a.sort, filters: { status: a.status } }, (r) => Object.assign(new Thing(), r));
      }
    }
    // authChecker: run alone (in band), the test shares type-graphql's metadata with the global setup's subgraphs, whose
    // resolvers declare @Authorized, and buildSchema refuses a schema without one.
    const schema = await buildSchema({ resolvers: [ThingResolver], validate: false, authChecker: () => true });
    const fields = (schema.getType('ThingPage') as GraphQLObjectType).getFields();
    expect(Object.fromEntries(Object.values(fields).map((f) => [f.name, String(f.type)]))).toEqual({ items: '[Thing!]!', pageInfo: 'PageInfo!', totalCount: 'Int!' });
    const info = (schema.getType('PageInfo') as GraphQLObjectType).getFields();
    expect(Object.fromEntries(Object.values(info).map((f) => [f.name, String(f.type)]))).toEqual({ endCursor: 'String', hasNextPage: 'Boolean!' });
    const args = schema.getQueryType()!.getFields().thingsPage.args;
    expect(args.map((a) => `${a.name}: ${String(a.type)}`)).toEqual(['first: Int!', 'after: String', 'sort: PageSort', 'status: String']);

    const r1: any = await graphql({ schema, source: '{ thingsPage(first: 3, status: "OPEN") { items { id number } pageInfo { endCursor hasNextPage } } }' });
    expect(r1.errors).toBeUndefined();
    expect(r1.data.thingsPage.items).toHaveLength(3);
    expect(counts).toBe(0);
    const r2: any = await graphql({ schema, source: `{ thingsPage(first: 3, status: "OPEN", after: "${r1.data.thingsPage.pageInfo.endCursor}", sort: null) { items { id } totalCount } }` });
    expect(r2.errors).toBeUndefined();
    expect(counts).toBe(1);
    expect(r2.data.thingsPage.totalCount).toBe(79);
    expect(r2.data.thingsPage.items.map((i: any) => i.id)).not.toContain(r1.data.thingsPage.items[0].id);
  });
});
