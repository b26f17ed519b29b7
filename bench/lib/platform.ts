/**
 * The platform a benchmark run measures: `npm start`'s multi-process platform
 * on the embedded PostgreSQL, with a large generated dataset that is loaded
 * once and kept under .data/bench (or .data/bench-quick for --quick).
 */
import path from 'node:path';
import { loadConfig, signToken, type Role } from '../../subgraphs/shared/src';
import { launchPlatform, type LaunchedPlatform } from '../../scripts/launcher';
import { generateDataset } from '../../seeds/generate';
import type { Dataset, GenerateOptions } from '../../seeds/dataset';

export interface BenchEnv extends LaunchedPlatform {
  data: Dataset;
  quick: boolean;
  token(roles: Role | Role[], stationId?: string): Promise<string>;
  /** SQL statements each subgraph has sent so far. */
  sqlStatements(): Promise<Record<string, number>>;
  /** SQL statements of the last GraphQL request each subgraph served. */
  lastRequestStatements(): Promise<Record<string, number>>;
  subgraphUrl(name: 'catalog' | 'stock' | 'procurement' | 'workshop'): string;
}

export function datasetOptions(quick: boolean): GenerateOptions {
  return quick ? { parts: 10_000, stations: 3, months: 24 } : { parts: 100_000, stations: 3, months: 24 };
}

export async function startBenchPlatform(quick: boolean, say: (m: string) => void): Promise<BenchEnv> {
  const options = datasetOptions(quick);
  const dataDir = path.resolve('.data', quick ? 'bench-quick' : 'bench');
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: '4100',
    CATALOG_PORT: '4101',
    STOCK_PORT: '4102',
    PROCUREMENT_PORT: '4103',
    WORKSHOP_PORT: '4104',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    AUTH_JWT_SECRET: '',
  });
  say(`starting the platform on ${options.parts} parts × ${options.stations} stations (data in ${dataDir}; the first run loads it)`);
  const platform = await launchPlatform({ config, seed: options, say, stdio: 'inherit', embeddedPgPort: quick ? 54331 : 54330 });
  const data = generateDataset(options);
  const token = (roles: Role | Role[], stationId?: string) =>
    signToken(platform.secret, { sub: 'bench', roles: Array.isArray(roles) ? roles : [roles], stationId }, '2h');
  const subgraphUrl = (name: 'catalog' | 'stock' | 'procurement' | 'workshop') => config.urls[name];
  const stats = async (field: 'sqlStatements' | 'lastRequestStatements') => {
    const service = await signToken(platform.secret, { sub: 'bench', roles: ['SERVICE'] }, 300);
    const out: Record<string, number> = {};
    for (const name of ['catalog', 'stock', 'procurement', 'workshop'] as const) {
      const r = await fetch(`${config.urls[name]}/internal/stats`, { headers: { authorization: `Bearer ${service}` } });
      out[name] = ((await r.json()) as Record<string, number>)[field];
    }
    return out;
  };
  return {
    ...platform,
    data,
    quick,
    token,
    subgraphUrl,
    sqlStatements: () => stats('sqlStatements'),
    lastRequestStatements: () => stats('lastRequestStatements'),
  };
}
