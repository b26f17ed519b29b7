/**
 * Runs the stock-issue benchmark on its own platform (own DATA_DIR
 * .data/bench-stock, ports 4400-4404, embedded Postgres on 54350), so it can
 * run next to other benchmarks or an `npm start`:
 *   npm run -s build && node dist/bench/stock-issue-run.js            (3,000 hot + 2,000 spread issues)
 *   npm run -s build && node dist/bench/stock-issue-run.js --quick    (1,000 hot + 2,000 spread issues)
 * `npm run bench -- --only stock-issue` runs the same module on the shared bench platform.
 */
import path from 'node:path';
import { loadConfig, signToken, type Role } from '../subgraphs/shared/src';
import { launchPlatform } from '../scripts/launcher';
import { generateDataset } from '../seeds/generate';
import { formatTable } from './lib/report';
import type { BenchEnv } from './lib/platform';
import { bench } from './stock-issue.bench';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const ports = { PORT: '4400', CATALOG_PORT: '4401', STOCK_PORT: '4402', PROCUREMENT_PORT: '4403', WORKSHOP_PORT: '4404' };
  // The launcher's children read their ports from the environment.
  Object.assign(process.env, ports, { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const seed = { parts: 3000, stations: 3, months: 3 };
  const config = loadConfig({ ...process.env, ...ports, DATA_DIR: path.resolve('.data', 'bench-stock'), LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', AUTH_JWT_SECRET: '' });
  const say = (m: string) => console.log(`[bench] ${m}`);
  const platform = await launchPlatform({ config, seed, say, stdio: 'inherit', embeddedPgPort: 54350 });
  const token = (roles: Role | Role[], stationId?: string) => signToken(platform.secret, { sub: 'bench', roles: Array.isArray(roles) ? roles : [roles], stationId }, '2h');
  const service = () => signToken(platform.secret, { sub: 'bench', roles: ['SERVICE'] }, 300);
  const env: BenchEnv = {
    ...platform,
    data: generateDataset(seed),
    quick,
    token,
    subgraphUrl: (name) => config.urls[name],
    async sqlStatements() {
      const out: Record<string, number> = {};
      for (const name of ['catalog', 'stock', 'procurement', 'workshop'] as const) {
        const r = await fetch(`${config.urls[name]}/internal/stats`, { headers: { authorization: `Bearer ${await service()}` } });
        out[name] = ((await r.json()) as { sqlStatements: number }).sqlStatements;
      }
      return out;
    },
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
