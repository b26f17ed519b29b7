/**
 * The platform a benchmark run measures: `npm start`'s multi-process platform
 * on the embedded PostgreSQL, with a large generated dataset that is loaded
 * once per month and kept under .data/bench-YYYYMM (or .data/bench-quick-YYYYMM for --quick).
 */
import path from 'node:path';
import { loadConfig, serviceToken, type Role } from '../../subgraphs/shared/src';
import { launchPlatform, type LaunchedPlatform } from '../../scripts/launcher';
import { defaultAsOf, generateDataset } from '../../seeds/generate';
import type { Dataset, GenerateOptions } from '../../seeds/dataset';
import { formatTable, type Row } from './report';
import { cpuMeter, type CpuMeter } from './cpu';
import { pgStatements, PG_STATEMENTS_FLAGS, type PgStatements } from './pg-statements';
import { SigningKeys } from '../../subgraphs/identity/src/key/signing-keys';

export interface BenchEnv extends LaunchedPlatform {
  data: Dataset;
  quick: boolean;
  token(roles: Role | Role[], stationId?: string): Promise<string>;
  /** SQL statements each subgraph has sent so far. */
  sqlStatements(): Promise<Record<string, number>>;
  /** SQL statements of the last GraphQL request each subgraph served. */
  lastRequestStatements(): Promise<Record<string, number>>;
  subgraphUrl(name: 'catalog' | 'stock' | 'procurement' | 'workshop'): string;
  /** CPU per process (gateway, subgraphs, PostgreSQL, the load generator): `const c = env.cpu.start(); …; row.cpu = c.per(requests)`. */
  cpu: CpuMeter;
  /** PostgreSQL's own statement counters (pg_stat_statements; the embedded server preloads it), when available. */
  pgStatements?: PgStatements;
}

export function datasetOptions(quick: boolean): GenerateOptions {
  return quick ? { parts: 10_000, stations: 3, months: 24 } : { parts: 100_000, stations: 3, months: 24 };
}

/** Where and on what a bench platform runs; the defaults are `npm run bench`'s. */
export interface BenchPlatformOptions {
  /** Folder under .data (kept between runs). */
  dataDirName?: string;
  dataset?: GenerateOptions;
  /** Gateway port; the subgraphs take the next four. */
  portBase?: number;
  pgPort?: number;
}

export async function startBenchPlatform(quick: boolean, say: (m: string) => void, o: BenchPlatformOptions = {}): Promise<BenchEnv> {
  // Every run generates the same dataset in this process (ids, stock, history) as the one loaded: the asOf is fixed here,
  // and the data folder is per month — a folder loaded in another month holds other months' history.
  const options = { asOf: defaultAsOf(), ...(o.dataset ?? datasetOptions(quick)) };
  const month = options.asOf!.slice(0, 7).replace('-', '');
  const dataDir = path.resolve('.data', `${o.dataDirName ?? (quick ? 'bench-quick' : 'bench')}-${month}`);
  const base = o.portBase ?? Number(process.env.BENCH_PORT_BASE || 4100);
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(base),
    CATALOG_PORT: String(base + 1),
    STOCK_PORT: String(base + 2),
    PROCUREMENT_PORT: String(base + 3),
    WORKSHOP_PORT: String(base + 4),
    IDENTITY_PORT: String(base + 5),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // The federated-page rows compare statements per request; SQL_PER_REQUEST=false measures without the counter.
    SQL_PER_REQUEST: process.env.SQL_PER_REQUEST ?? 'true',
    AUTH_JWT_SECRET: '',
  });
  say(`starting the platform on ${options.parts} parts × ${options.stations} stations (data in ${dataDir}; the first run loads it)`);
  const pgPort = o.pgPort ?? (Number(process.env.BENCH_PG_PORT) || (quick ? 54331 : 54330));
  const platform = await launchPlatform({ config, seed: options, say, stdio: 'inherit', embeddedPgPort: pgPort, embeddedPgFlags: PG_STATEMENTS_FLAGS });
  const cpu = cpuMeter([{ name: 'gateway', port: config.ports.gateway }, ...(['catalog', 'stock', 'procurement', 'workshop', 'identity'] as const).map((name) => ({ name, port: config.ports[name] }))], config.databaseUrl ? undefined : pgPort);
  const data = generateDataset(options);
  // Person tokens are signed with the platform's private key (as `npm run token`); identity made it on start.
  const keys = new SigningKeys({ dataDir: config.dataDir, pem: config.auth.signingKey });
  await keys.load();
  const token = (roles: Role | Role[], stationId?: string) =>
    keys.sign({ sub: 'bench', roles: Array.isArray(roles) ? roles : [roles], stationId }, 7200);
  const subgraphUrl = (name: 'catalog' | 'stock' | 'procurement' | 'workshop') => config.urls[name];
  const stats = async (field: 'sqlStatements' | 'lastRequestStatements') => {
    const service = await serviceToken(platform.secret, 'bench');
    const out: Record<string, number> = {};
    for (const name of ['catalog', 'stock', 'procurement', 'workshop'] as const) {
      const r = await fetch(`${config.urls[name]}/internal/stats`, { headers: { authorization: `Bearer ${service}` } });
      out[name] = ((await r.json()) as Record<string, number>)[field];
    }
    return out;
  };
  const statements = config.databaseUrl ? undefined : await pgStatements(platform.databaseUrl);
  return {
    ...platform,
    stop: async () => {
      await statements?.close();
      await platform.stop();
    },
    pgStatements: statements,
    data,
    quick,
    token,
    subgraphUrl,
    cpu,
    sqlStatements: () => stats('sqlStatements'),
    lastRequestStatements: () => stats('lastRequestStatements'),
  };
}

/**
 * Runs one benchmark on a platform of its own (own data folder, ports and
 * Postgres), so it can run beside `npm start` or other benchmarks; prints its table.
 */
export async function runStandalone(bench: { run(env: BenchEnv, o: { quick: boolean; say: (m: string) => void }): Promise<Row[]> }, o: BenchPlatformOptions): Promise<void> {
  const quick = process.argv.includes('--quick');
  const say = (m: string) => console.log(`[bench] ${m}`);
  const env = await startBenchPlatform(quick, say, o);
  try {
    console.log(formatTable(await bench.run(env, { quick, say })));
  } finally {
    await env.stop();
  }
}
