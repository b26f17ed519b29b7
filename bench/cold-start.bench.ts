/**
 * Cold start of `npm start` to a healthy /health on a fresh DATA_DIR (embedded
 * Postgres initdb, migrations, demo seed, five processes), and warm start on
 * the same directory. Runs the built launcher as a child process, as a user would.
 *   npm run bench -- --only cold-start
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Bench } from './lib/bench';
import type { Row } from './lib/report';

async function timeToHealthy(dataDir: string, port: number): Promise<number> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.resolve('dist/scripts/start.js')], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), CATALOG_PORT: String(port + 1), STOCK_PORT: String(port + 2), PROCUREMENT_PORT: String(port + 3), WORKSHOP_PORT: String(port + 4), EMBEDDED_PG_PORT: String(port + 50), LOG_LEVEL: 'warn', AUTH_JWT_SECRET: '' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
        if (r.ok) return Date.now() - started;
      } catch {
        /* not yet */
      }
      if (Date.now() - started > 120_000) throw new Error('not healthy after 120 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  }
}

export const bench: Bench = {
  name: 'cold-start',
  async run(_env, { say }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-coldstart-'));
    fs.chmodSync(dir, 0o755);
    try {
      say('cold start on an empty DATA_DIR…');
      const cold = await timeToHealthy(dir, 4200);
      say('warm start on the same DATA_DIR…');
      const warm = await timeToHealthy(dir, 4200);
      const rows: Row[] = [
        { benchmark: 'npm start → healthy', variant: 'cold (initdb + migrations + demo seed)', p50: cold, unit: 'ms', target: '≤ 20 s', notes: `${(cold / 1000).toFixed(1)} s; excludes tsc build` },
        { benchmark: 'npm start → healthy', variant: 'warm (existing data)', p50: warm, ratio: warm / cold, ratioOf: 'of cold', notes: `${(warm / 1000).toFixed(1)} s` },
      ];
      return rows;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
