/**
 * What every list of `scripts/lists-at-volume` shares: a subgraph migrated
 * with its real migrations into one database of the embedded PostgreSQL, a
 * caller's context, the cursor of a deep page, and the timing of cases through
 * the real services — median of 5 runs after one warm-up, with EXPLAIN
 * (ANALYZE, BUFFERS) of the page statement (and of the count, when the case
 * asks for totalCount) of any case over 20 ms.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createDataSource, createLogger, migrateSubgraph, type Context } from '../../subgraphs/shared/src';
import { definitions } from '../subgraphs';
import { percentile } from '../../bench/lib/load';

export const SLOW_MS = 20;
export const RUNS = 5;
export const PAGE = 50;

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** `--only stock,workshop`: the families to run (default all). */
export function only(name: string): boolean {
  const i = process.argv.indexOf('--only');
  return i < 0 || process.argv[i + 1].split(',').includes(name);
}

export interface Db { query(sql: string, params?: unknown[]): Promise<any> }

interface Statement { sql: string; params: unknown[] }

/** Every statement the services sent since the last case run began. */
const seen: Statement[] = [];

export interface Subgraph {
  ds: DataSource;
  /** The data source's own query, not recorded (fills, look-ups, EXPLAIN), without the statement timeout. */
  query: Db['query'];
}

/** The subgraph's schema with its real migrations, and a data source whose statements are recorded for EXPLAIN. */
export async function openSubgraph(url: string, name: string): Promise<Subgraph> {
  const def = definitions.find((d) => d.name === name)!;
  await migrateSubgraph(def, url);
  const ds = createDataSource({ url, schema: name, entities: def.entities, migrations: [], poolSize: 2 });
  await ds.initialize();
  const own = ds.query.bind(ds) as Db['query'];
  // EntityManager.query passes its transaction's query runner as a third argument: it must reach the data source's own query.
  (ds as any).query = (sql: string, params?: unknown[], ...rest: unknown[]) => { seen.push({ sql, params: params ?? [] }); return (own as any)(sql, params, ...rest); };
  // The fills are single statements of up to 500k rows: on a loaded (shared) machine they can outlast the pool's
  // 30 s statement_timeout, which is for a service's statements, not for these. The services' statements keep it.
  const query: Db['query'] = (sql, params) => ds.transaction(async (m) => {
    await m.queryRunner!.query(`SET LOCAL statement_timeout = 0`);
    return m.queryRunner!.query(sql, params);
  });
  return { ds, query };
}

export type Caller = { id: string; roles: string[]; stationId: string | null };

/** A fresh request context (its own loaders) for this caller on this subgraph. */
export function contextOf(sub: Subgraph, user: Caller): () => Context {
  const base = { user, token: '', log: createLogger('lists', 'warn'), db: sub.ds, requestId: randomUUID(), now: () => new Date() };
  return () => ({ ...base, loaders: new Map() }) as unknown as Context;
}

/** The cursor after `pages` pages of 50 in that order. */
export async function deep<A extends object>(page: (a: A & { after?: string | null }) => Promise<{ pageInfo: { endCursor: string | null } }>, a: A, pages = 50): Promise<string | null> {
  let after: string | null = null;
  for (let i = 0; i < pages; i++) after = (await page({ ...a, after })).pageInfo.endCursor;
  return after;
}

export interface Case {
  list: string;
  /** Who asks: `station` (one station's user) or `HQ` (all stations). */
  caller: string;
  name: string;
  sub: Subgraph;
  call: () => Promise<{ items: unknown[]; totalCount?: number | Promise<number> }>;
  /** Also await the page's totalCount. */
  count?: boolean;
}

export interface Result { list: string; caller: string; case: string; rows: number; total?: number; ms: number }

const isPage = (s: Statement) => /ORDER BY[\s\S]*LIMIT \d+$/.test(s.sql) && s.sql.includes(' AS "__k0"');
const isCount = (s: Statement) => s.sql.startsWith('SELECT count(*)::int AS n FROM ');

/** Times each case; prints EXPLAIN (ANALYZE, BUFFERS) of the slow ones' page (and count) statements after the table. */
export async function measure(cases: Case[]): Promise<Result[]> {
  const results: Result[] = [];
  const slow: { c: Case; statements: Statement[] }[] = [];
  for (const c of cases) {
    const once = async () => {
      const p = await c.call();
      return { n: p.items.length, total: c.count ? await p.totalCount : undefined };
    };
    await once(); // warm
    const times: number[] = [];
    let last = { n: 0, total: undefined as number | undefined };
    for (let i = 0; i < RUNS; i++) {
      seen.length = 0;
      const t0 = performance.now();
      last = await once();
      times.push(performance.now() - t0);
    }
    const ms = percentile(times, 50);
    results.push({ list: c.list, caller: c.caller, case: c.name, rows: last.n, total: last.total, ms: Math.round(ms * 10) / 10 });
    const statements = [seen.find(isPage), c.count ? seen.find(isCount) : undefined].filter((s): s is Statement => !!s);
    if (ms > SLOW_MS && statements.length) slow.push({ c, statements });
  }
  console.log(`| list | caller | case | rows | totalCount | ms |\n|---|---|---|---:|---:|---:|`);
  for (const r of results) console.log(`| ${r.list} | ${r.caller} | ${r.case} | ${r.rows} | ${r.total ?? ''} | ${r.ms} |`);
  for (const { c, statements } of slow) {
    for (const s of statements) {
      const plan = await c.sub.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      console.log(`\n--- ${c.list} (${c.caller}): ${c.name}\n${s.sql}\n${plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
    }
  }
  return results;
}

/** Prints how long a fill took. */
export async function timed(what: string, fill: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  await fill();
  console.log(`filled ${what} in ${Date.now() - t0} ms`);
}

export type Add = (list: string, caller: string, name: string, call: Case['call'], count?: boolean) => void;

/** A list of cases on this subgraph and the function that adds one. */
export function caseList(sub: Subgraph): { cases: Case[]; add: Add } {
  const cases: Case[] = [];
  return { cases, add: (list, caller, name, call, count = false) => cases.push({ list, caller, name, sub, call, count }) };
}

type Sort = { field: string; direction?: string };
type Paged = { items: unknown[]; pageInfo: { endCursor: string | null }; totalCount?: number | Promise<number> };

/** The default order and each of `sorts`: the first page and page 51 (through the cursor 50 pages give); then the first page with totalCount. */
export async function sortCases(add: Add, list: string, caller: string, page: (a: { sort?: Sort; after?: string | null }) => Promise<Paged>, defaultOrder: string, sorts: Sort[], deepPages = true): Promise<void> {
  for (const sort of [undefined, ...sorts]) {
    const label = sort ? `sort ${sort.field} ${sort.direction ?? '(its default)'}` : `first page (${defaultOrder})`;
    add(list, caller, label, () => page({ sort }));
    if (deepPages) {
      const after = await deep(page, { sort });
      add(list, caller, `${label}, page 51`, () => page({ sort, after }));
    }
  }
  add(list, caller, 'first page + totalCount', () => page({}), true);
}
