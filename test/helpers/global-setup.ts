/**
 * Jest global setup: one embedded PostgreSQL for the whole run, and two
 * template databases every test file copies from (CREATE DATABASE … TEMPLATE
 * is a file copy, far faster than migrating): `tpl_empty` (migrated) and
 * `tpl_demo_YYYYMM` (migrated + the demo seed as of that month, the current
 * one: PARTSGRAPH_DEMO_AS_OF tells every test file which).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ports';
import { ensureDatabase, withDatabase, migrateSubgraph } from '../../subgraphs/shared/src';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { definitions } from '../../scripts/subgraphs';
import { seedDatabase } from '../../scripts/seed';
import { defaultAsOf } from '../../seeds/generate';
import { templateName } from './database';
import { Client } from 'pg';

async function prepareTemplate(adminUrl: string, name: string, seed: { asOf: string } | false): Promise<void> {
  await ensureDatabase(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  for (const def of definitions) await migrateSubgraph(def, url);
  if (seed) await seedDatabase(url, seed);
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(`ALTER DATABASE "${name}" WITH is_template true`);
  await c.end();
}

export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-test-'));
  fs.chmodSync(dir, 0o755); // the unprivileged postgres user must reach its data directory
  const pg = await startEmbeddedPostgres(dir, await freePort());
  // Fixed here once: a test file starting after midnight at a month's end still gets the template's months.
  process.env.PARTSGRAPH_DEMO_AS_OF ||= defaultAsOf();
  const asOf = process.env.PARTSGRAPH_DEMO_AS_OF;
  await Promise.all([prepareTemplate(pg.adminUrl, templateName('empty'), false), prepareTemplate(pg.adminUrl, templateName('demo'), { asOf })]);
  process.env.PARTSGRAPH_TEST_PG = pg.adminUrl;
  process.env.PARTSGRAPH_TEST_DIR = dir;
  (globalThis as any).__partsgraphPg = pg;
  if (!process.env.CI) return;
  console.log(`\n[test] embedded PostgreSQL and templates ready in ${Date.now() - started} ms`);
}
