/**
 * Runs the shortage-alert benchmark on its own platform (own DATA_DIR,
 * ports 4300-4304, embedded Postgres on 54340), so it can run next to other
 * benchmarks or an `npm start`:
 *   npm run -s build && node dist/bench/alerts-run.js            (30 alerts × 1,000 subscribers)
 *   npm run -s build && node dist/bench/alerts-run.js --quick    (10 alerts)
 * `npm run bench -- --only alerts` runs the same module on the shared bench platform.
 */
import path from 'node:path';
import { loadConfig, signToken, type Role } from '../subgraphs/shared/src';
import { launchPlatform } from '../scripts/launcher';
import { generateDataset } from '../seeds/generate';
import { formatTable } from './lib/report';
import type { BenchEnv } from './lib/platform';
import { bench } from './alerts.bench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const ports = { PORT: '4300', CATALOG_PORT: '4301', STOCK_PORT: '4302', PROCUREMENT_PORT: '4303', WORKSHOP_PORT: '4304' };
  // The launcher's children read their ports from the environment.
  Object.assign(process.env, ports, { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const seed = { parts: 2000, stations: 3, months: 3 };
  const config = loadConfig({ ...process.env, ...ports, DATA_DIR: path.resolve('.data', 'bench-alerts'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', AUTH_JWT_SECRET: '' });
  const say = (m: string) => console.log(`[bench] ${m}`);
  const platform = await launchPlatform({ config, seed, say, stdio: 'inherit', embeddedPgPort: 54340 });
  const token = (roles: Role | Role[], stationId?: string) => signToken(platform.secret, { sub: `bench-${Math.random().toString(36).slice(2)}`, roles: Array.isArray(roles) ? roles : [roles], stationId }, '2h');
  const env: BenchEnv = {
    ...platform,
    data: generateDataset(seed),
    quick,
    token,
    subgraphUrl: (name) => config.urls[name],
    sqlStatements: async () => ({}),
    lastRequestStatements: async () => ({}),
  };
  try {
    console.log(formatTable(await bench.run(env, { quick, say })));
  } finally {
    await platform.stop();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
