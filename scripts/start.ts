/**
 * `npm start`: the whole platform on one machine. Starts the embedded
 * PostgreSQL (unless DATABASE_URL is set), migrates every subgraph, loads the
 * demo data into an empty database (unless SEED_DEMO=false), starts the four
 * subgraphs and the gateway as separate processes, restarts one that dies,
 * and stops everything — Postgres included — on Ctrl-C.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureDatabase, ensureSecret, loadConfig, withDatabase, SUBGRAPHS } from '../subgraphs/shared/src';
import { startEmbeddedPostgres, type EmbeddedPg } from './embedded-postgres';
import { prepareDatabase } from './setup';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (msg: string) => console.log(`[partsgraph ${elapsed()}] ${msg}`);

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not become healthy within ${timeoutMs / 1000}s`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const secret = ensureSecret(config);
  let embedded: EmbeddedPg | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const port = Number(process.env.EMBEDDED_PG_PORT || 54320);
    say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.join(config.dataDir, 'pg')})`);
    embedded = await startEmbeddedPostgres(config.dataDir, port);
    // embedded-postgres stops the cluster on SIGINT/SIGTERM by itself, racing the
    // services still using it; the launcher stops the services first, then Postgres.
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    await ensureDatabase(embedded.adminUrl, 'partsgraph');
    databaseUrl = withDatabase(embedded.adminUrl, 'partsgraph');
  }

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    await Promise.all([...children.values()].map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 8000).unref();
    })));
    if (embedded) await embedded.stop().catch(() => undefined);
    say('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stopAll(0));

  try {
    await prepareDatabase(databaseUrl, config.seedDemo, say);
  } catch (err) {
    console.error(err);
    await stopAll(1);
    return;
  }

  const env = { ...process.env, DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: secret, DATA_DIR: config.dataDir };
  const restarts = new Map<string, number[]>();
  const spawn = (name: string, script: string) => {
    const child = fork(script, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    children.set(name, child);
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const recent = (restarts.get(name) ?? []).filter((t) => Date.now() - t < 60_000);
      if (recent.length >= 5) {
        say(`${name} keeps failing (exit ${code ?? signal}); giving up`);
        void stopAll(1);
        return;
      }
      restarts.set(name, [...recent, Date.now()]);
      say(`${name} exited (${code ?? signal}); restarting`);
      setTimeout(() => !stopping && spawn(name, script), 500 * (recent.length + 1));
    });
  };
  const dist = path.resolve(__dirname, '..');
  for (const name of SUBGRAPHS) spawn(name, path.join(dist, 'subgraphs', name, 'src', 'main.js'));
  spawn('gateway', path.join(dist, 'gateway', 'src', 'main.js'));

  const base = `http://localhost:${config.ports.gateway}`;
  try {
    await waitForHealth(`${base}/health`, 60_000);
  } catch (err) {
    console.error((err as Error).message);
    await stopAll(1);
    return;
  }
  say(`healthy in ${elapsed()}`);
  console.log(`
  PartsGraph is up.
    GraphQL (HTTP + graphql-ws):  ${base}/graphql
    Health:                       ${base}/health
    Get a token:                  npm run token -- --role HQ_ADMIN
                                  npm run token -- --role PARTS_CLERK --station <stationId>
    Station ids:                  query { stations { id code name } } with an HQ_ADMIN token
  Ctrl-C stops everything.
`);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
