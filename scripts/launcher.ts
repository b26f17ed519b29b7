/**
 * Starts the whole platform on one machine, as `npm start` and `npm run bench`
 * need it: the embedded PostgreSQL (unless DATABASE_URL is set), migrations and
 * seed, the five subgraphs and the gateway as separate processes (restarted if
 * they die), and a `stop()` that stops the services first, then Postgres.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ensureDatabase, ensureSecret, withDatabase, SUBGRAPHS, type Config } from '../subgraphs/shared/src';
import { startEmbeddedPostgres, type EmbeddedPg } from './embedded-postgres';
import { prepareDatabase } from './setup';
import type { DemoUser } from './seed-users';
import type { GenerateOptions } from '../seeds/dataset';
import type { PendingDemoDay } from './setup';

export interface LaunchOptions {
  config: Config;
  /** Demo data for an empty database: generator options, or false for none. */
  seed: GenerateOptions | false;
  say?: (msg: string) => void;
  /** Child processes' output: 'inherit' (npm start) or 'ignore' (bench). */
  stdio?: 'inherit' | 'ignore';
  /** Extra environment for the child processes. */
  env?: Record<string, string>;
  /** Called when a child keeps failing and the platform gives up. */
  onFatal?: (reason: string) => void;
  /** Receives `stop` at once, so a signal during start-up can stop what has started so far. */
  registerStop?: (stop: () => Promise<void>) => void;
  embeddedPgPort?: number;
  /** More server settings for the embedded PostgreSQL, as `-c name=value` pairs (bench/lib/pg-statements.ts). */
  embeddedPgFlags?: string[];
  /** Note a demo loaded now as waiting for its demo day (npm start; the caller runs it once healthy). Default false. */
  demoDay?: boolean;
}

export interface LaunchedPlatform {
  baseUrl: string;
  gatewayUrl: string;
  databaseUrl: string;
  secret: string;
  config: Config;
  stop(): Promise<void>;
  /** The demo users created on this (first) start, with their one-time setup codes; empty on later starts. */
  demoUsers: DemoUser[];
  /** The demo day still to run (asked for with `demoDay`, on the start that loaded the demo or after one stopped half-way), else null. */
  demoDay: PendingDemoDay | null;
}

export async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
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

export async function launchPlatform(o: LaunchOptions): Promise<LaunchedPlatform> {
  const { config } = o;
  const say = o.say ?? (() => undefined);
  const secret = ensureSecret(config);
  let embedded: EmbeddedPg | undefined;
  let databaseUrl = config.databaseUrl;
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.all([...children.values()].map((c) => new Promise<void>((resolve) => {
      if (c.exitCode !== null || c.signalCode !== null) return resolve();
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
      setTimeout(() => c.kill('SIGKILL'), 8000).unref();
    })));
    if (embedded) await embedded.stop().catch(() => undefined);
  };
  o.registerStop?.(stop);

  try {
    if (!databaseUrl) {
      const port = o.embeddedPgPort ?? Number(process.env.EMBEDDED_PG_PORT || 54320);
      say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${path.join(config.dataDir, 'pg')})`);
      // Supervised like the subgraphs: restarted with backoff when it dies; the services reconnect by themselves.
      embedded = await startEmbeddedPostgres(config.dataDir, port, undefined, { say, onFatal: (reason) => o.onFatal?.(reason) }, o.embeddedPgFlags);
      await ensureDatabase(embedded.adminUrl, 'partsgraph');
      databaseUrl = withDatabase(embedded.adminUrl, 'partsgraph');
    }
    const prepared = await prepareDatabase(databaseUrl, o.seed !== false, say, o.seed || undefined, o.demoDay ?? false);

    // The children read the same configuration the caller resolved, not only process.env.
    const env = {
      ...process.env,
      ...o.env,
      DATABASE_URL: databaseUrl,
      // Service tokens only; person tokens are signed by identity (AUTH_JWT_SECRET passes through only when the caller set it).
      AUTH_SERVICE_SECRET: secret,
      DATA_DIR: config.dataDir,
      HOST: config.host,
      LOG_LEVEL: config.logLevel,
      SQL_PER_REQUEST: String(config.sqlPerRequest),
      PORT: String(config.ports.gateway),
      CATALOG_PORT: String(config.ports.catalog),
      STOCK_PORT: String(config.ports.stock),
      PROCUREMENT_PORT: String(config.ports.procurement),
      WORKSHOP_PORT: String(config.ports.workshop),
      IDENTITY_PORT: String(config.ports.identity),
      CATALOG_URL: config.urls.catalog,
      STOCK_URL: config.urls.stock,
      PROCUREMENT_URL: config.urls.procurement,
      WORKSHOP_URL: config.urls.workshop,
      IDENTITY_URL: config.urls.identity,
      ...(config.meiliHost ? { MEILI_HOST: config.meiliHost, MEILI_API_KEY: config.meiliApiKey ?? '' } : {}),
    };
    const restarts = new Map<string, number[]>();
    const spawn = (name: string, script: string) => {
      // The heap's growth factor (HEAP_GROWTH_PERCENT, 0: V8's own) unless the launcher's own flags already set one.
      const heap = config.heapGrowthPercent && !process.execArgv.some((a) => a.startsWith('--heap-growing-percent')) ? [`--heap-growing-percent=${config.heapGrowthPercent}`] : [];
      const child = fork(script, [], { env, execArgv: [...process.execArgv, ...heap], stdio: [o.stdio ?? 'inherit', o.stdio ?? 'inherit', o.stdio ?? 'inherit', 'ipc'] });
      children.set(name, child);
      child.on('exit', (code, signal) => {
        if (stopping) return;
        const recent = (restarts.get(name) ?? []).filter((t) => Date.now() - t < 60_000);
        if (recent.length >= 5) {
          o.onFatal?.(`${name} keeps failing (exit ${code ?? signal}); giving up`);
          return;
        }
        restarts.set(name, [...recent, Date.now()]);
        say(`${name} exited (${code ?? signal}); restarting`);
        setTimeout(() => !stopping && spawn(name, script), 500 * (recent.length + 1));
      });
    };
    // Built (dist/…/main.js) or, when the launcher itself runs from source under a
    // TypeScript require hook (the multi-process tests), the sources: fork passes the hook on.
    const dist = path.resolve(__dirname, '..');
    const main = `main${path.extname(__filename)}`;
    for (const name of SUBGRAPHS) spawn(name, path.join(dist, 'subgraphs', name, 'src', main));
    spawn('gateway', path.join(dist, 'gateway', 'src', main));

    const baseUrl = `http://127.0.0.1:${config.ports.gateway}`;
    await waitForHealth(`${baseUrl}/health`, 120_000);
    return { baseUrl, gatewayUrl: `${baseUrl}/graphql`, databaseUrl, secret, config, stop, demoUsers: prepared.demoUsers, demoDay: prepared.demoDay };
  } catch (err) {
    await stop();
    throw err;
  }
}
