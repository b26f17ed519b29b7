/**
 * Loads the demo dataset into an empty platform database, each subgraph's
 * share into its own schema, and remembers which month the demo was dated as
 * of (the demo's dates are relative to the day it is loaded), so a later start
 * can tell last month's demo from this month's.
 */
import type { DataSource } from 'typeorm';
import { Client } from 'pg';
import { createDataSource } from '../subgraphs/shared/src';
import { generateDataset } from '../seeds/generate';
import type { Dataset, GenerateOptions } from '../seeds/dataset';
import { loadCatalogSeed } from '../subgraphs/catalog/src/seed/load-seed';
import { loadStockSeed } from '../subgraphs/stock/src/seed/load-seed';
import { loadProcurementSeed } from '../subgraphs/procurement/src/seed/load-seed';
import { loadStockHistory } from '../subgraphs/stock/src/surplus/seed-history';
import { loadOpeningBalances } from '../subgraphs/stock/src/seed/opening-balance';

const loaders: [string, (ds: DataSource, d: Dataset) => Promise<void>][] = [
  ['catalog', loadCatalogSeed],
  ['stock', loadStockSeed],
  ['stock', loadStockHistory], // the ledger's history before the opening balance (surplus detection, KPIs)
  ['stock', loadOpeningBalances], // …and the opening balance that makes every bin's ledger sum to its level
  ['procurement', loadProcurementSeed],
];

/** True when no subgraph holds data yet (so a restart never seeds twice). */
export async function isEmpty(databaseUrl: string): Promise<boolean> {
  const ds = createDataSource({ url: databaseUrl, schema: 'public', entities: [], migrations: [], poolSize: 1 });
  await ds.initialize();
  try {
    const [{ n }] = await ds.query(`SELECT (SELECT count(*) FROM catalog.part) + (SELECT count(*) FROM stock.station) AS n`);
    return Number(n) === 0;
  } finally {
    await ds.destroy();
  }
}

export async function seedDatabase(databaseUrl: string, options: GenerateOptions = {}, data: Dataset = generateDataset(options)): Promise<Dataset> {
  for (const [schema, load] of loaders) {
    const ds = createDataSource({ url: databaseUrl, schema, entities: [], migrations: [], poolSize: 2 });
    await ds.initialize();
    try {
      await load(ds, data);
    } finally {
      await ds.destroy();
    }
  }
  return data;
}

/** The platform's own note of the loaded demo (not a subgraph's data): its asOf and the rows per table right after loading. */
const MARKER = 'public.partsgraph_demo';

async function withClient<T>(databaseUrl: string, f: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Rows per table of the given schemas: a database nobody used since the demo was loaded has the same. */
async function rowCounts(c: Client, schemas: readonly string[]): Promise<Record<string, number>> {
  const { rows: tables } = await c.query<{ t: string }>(
    `SELECT format('%I.%I', table_schema, table_name) AS t FROM information_schema.tables
      WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1`, [schemas]);
  if (!tables.length) return {};
  const { rows } = await c.query<{ t: string; n: string }>(tables.map((x, i) => `SELECT $${i + 1}::text AS t, count(*) AS n FROM ${x.t}`).join(' UNION ALL '), tables.map((x) => x.t));
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

/**
 * The note's demo_day: 'PENDING' from the load until the demo day (scripts/demo-day.ts) has run, then
 * 'DONE'; null when none was asked for (DEMO_DAY=false, docker-compose's setup, notes older than it).
 */
async function ensureMarker(c: Client): Promise<void> {
  await c.query(`CREATE TABLE IF NOT EXISTS ${MARKER} (as_of date NOT NULL, row_counts jsonb NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now())`);
  await c.query(`ALTER TABLE ${MARKER} ADD COLUMN IF NOT EXISTS demo_day text`);
}

/** After the demo (and its users) are loaded: note its asOf and the rows it wrote (and, with `demoDay`, that its demo day is to run). */
export async function recordDemo(databaseUrl: string, asOf: string, schemas: readonly string[], demoDay = false): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    await ensureMarker(c);
    await c.query(`DELETE FROM ${MARKER}`);
    await c.query(`INSERT INTO ${MARKER} (as_of, row_counts, demo_day) VALUES ($1::date, $2::jsonb, $3)`, [asOf, JSON.stringify(await rowCounts(c, schemas)), demoDay ? 'PENDING' : null]);
  });
}

/** The asOf of a loaded demo whose demo day has not run to its end yet (a first start, or one stopped half-way), else null. */
export async function pendingDemoDay(databaseUrl: string): Promise<string | null> {
  return withClient(databaseUrl, async (c) => {
    const { rows: [exists] } = await c.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [MARKER]);
    if (!exists?.t) return null;
    await ensureMarker(c);
    const { rows: [row] } = await c.query<{ as_of: string }>(`SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of FROM ${MARKER} WHERE demo_day = 'PENDING' LIMIT 1`);
    return row?.as_of ?? null;
  });
}

/**
 * The demo day has run: noted, with the rows as they are now — the demo day is part of the demo, so a later
 * month's start still tells a demo nobody changed (reloaded afresh) from one with changes of yours. Waits
 * (up to `settleMs`) until the row counts hold still, so events the day set off are counted in.
 */
export async function finishDemoDay(databaseUrl: string, schemas: readonly string[], settleMs = 3000): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    await ensureMarker(c);
    let counts = JSON.stringify(await rowCounts(c, schemas));
    for (const until = Date.now() + settleMs; Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 300));
      const now = JSON.stringify(await rowCounts(c, schemas));
      if (now === counts) break;
      counts = now;
    }
    await c.query(`UPDATE ${MARKER} SET demo_day = 'DONE', row_counts = $1::jsonb`, [counts]);
  });
}

export interface LoadedDemo {
  /** "YYYY-MM-01" the loaded demo is dated as of. */
  asOf: string;
  /** Nobody changed anything since it was loaded (the same rows in every table); counts every table, so asked only when it matters. */
  untouched(): Promise<boolean>;
}

/** The demo this database holds, or null when it was not loaded with its note (before notes were kept, or SEED_DEMO=false). */
export async function loadedDemo(databaseUrl: string, schemas: readonly string[]): Promise<LoadedDemo | null> {
  return withClient(databaseUrl, async (c) => {
    const { rows: [exists] } = await c.query<{ t: string | null }>(`SELECT to_regclass($1)::text AS t`, [MARKER]);
    if (!exists?.t) return null;
    const { rows: [row] } = await c.query<{ as_of: string; row_counts: Record<string, number> }>(`SELECT to_char(as_of, 'YYYY-MM-DD') AS as_of, row_counts FROM ${MARKER} LIMIT 1`);
    if (!row) return null;
    const before = row.row_counts;
    const untouched = () => withClient(databaseUrl, async (c2) => {
      const now = await rowCounts(c2, schemas);
      return Object.keys(now).length === Object.keys(before).length && Object.entries(now).every(([t, n]) => before[t] === n);
    });
    return { asOf: row.as_of, untouched };
  });
}

/** Drops every subgraph's schema and the demo's note: the database is as new (migrations run again). */
export async function dropDemo(databaseUrl: string, schemas: readonly string[]): Promise<void> {
  await withClient(databaseUrl, async (c) => {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s.replace(/"/g, '')}" CASCADE`);
    await c.query(`DROP TABLE IF EXISTS ${MARKER}`);
  });
}

/** The last month of consumption history in the database ("YYYY-MM"), or null: for a demo loaded before its month was noted. */
export async function historyEnd(databaseUrl: string): Promise<string | null> {
  return withClient(databaseUrl, async (c) => {
    const { rows: [row] } = await c.query<{ m: string | null }>(`SELECT to_char(max(month), 'YYYY-MM') AS m FROM procurement.monthly_consumption`);
    return row?.m ?? null;
  });
}
