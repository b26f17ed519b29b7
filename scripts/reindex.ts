/**
 * `npm run reindex`: rebuilds the search index from the catalog tables —
 * Meilisearch when MEILI_HOST is set, else the embedded engine's documents —
 * with a progress bar reporting parts/s. Reads DATABASE_URL (or, when it is
 * unset, the embedded PostgreSQL that `npm start` runs under DATA_DIR, which
 * must be up). Safe while the platform serves: documents are upserts, and
 * changes during the rebuild also arrive through the outbox.
 */
import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { createDataSource, loadConfig } from '../subgraphs/shared/src';
import { EmbeddedSearchEngine } from '../subgraphs/catalog/src/search/embedded.engine';
import { MeiliSearchEngine } from '../subgraphs/catalog/src/search/meilisearch.engine';
import { reindexAll } from '../subgraphs/catalog/src/search/search-indexer';

export function databaseUrl(config = loadConfig()): string {
  if (config.databaseUrl) return config.databaseUrl;
  const pw = path.join(config.dataDir, 'pg-password');
  if (!fs.existsSync(pw)) throw new Error('DATABASE_URL is not set and no embedded PostgreSQL was found under DATA_DIR (start the platform first)');
  const port = Number(process.env.EMBEDDED_PG_PORT || 54320);
  return `postgres://postgres:${encodeURIComponent(fs.readFileSync(pw, 'utf8').trim())}@127.0.0.1:${port}/partsgraph`;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const url = databaseUrl(config);
  const ds = createDataSource({ url, schema: 'catalog', entities: [], migrations: [], poolSize: 4 });
  await ds.initialize();
  try {
    const db = new URL(url).pathname.slice(1) || 'partsgraph';
    const engine = config.meiliHost ? new MeiliSearchEngine(config.meiliHost, config.meiliApiKey, `parts_${db.replace(/[^A-Za-z0-9_-]/g, '_')}`) : new EmbeddedSearchEngine(ds);
    await engine.start();
    const bar = new cliProgress.SingleBar({ format: `reindex (${engine.name}) [{bar}] {value}/{total} parts | {rate} parts/s | {duration_formatted}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    const started = Date.now();
    const n = await reindexAll(ds, engine, (done, total) => {
      if (done === 0) bar.start(total, 0, { rate: 0 });
      else bar.update(done, { rate: Math.round(done / Math.max(0.001, (Date.now() - started) / 1000)) });
    });
    bar.stop();
    const s = (Date.now() - started) / 1000;
    console.log(`reindexed ${n} parts into ${engine.name} in ${s.toFixed(1)} s (${Math.round(n / Math.max(s, 0.001))} parts/s)`);
  } finally {
    await ds.destroy();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err?.message ?? err);
    process.exit(1);
  });
}
