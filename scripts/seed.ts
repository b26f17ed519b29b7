/** Loads the demo dataset into an empty platform database, each subgraph's share into its own schema. */
import type { DataSource } from 'typeorm';
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
