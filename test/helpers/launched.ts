/**
 * The platform as `npm start` runs it — the launcher (scripts/start.ts) as a
 * separate process, which starts the four subgraphs and the gateway as
 * processes of their own and restarts them when they die, and (without
 * `databaseUrl`) its own supervised embedded PostgreSQL — for tests that kill
 * and freeze real processes. It runs the TypeScript sources through
 * test/helpers/ts-require.js, so no build is needed. Process ids are read from
 * /proc (children of the launcher) and from PostgreSQL's postmaster.pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signToken, type Role } from '../../subgraphs/shared/src';
import { freePort } from './ports';
import { gql, ok, type GqlResponse } from './graphql';
import type { Dataset } from '../../seeds/dataset';

export type ProcessName = 'catalog' | 'stock' | 'procurement' | 'workshop' | 'gateway';

export interface Launched {
  baseUrl: string;
  gatewayUrl: string;
  dataDir: string;
  secret: string;
  /** The launcher's own output (for a failing test's message). */
  output(): string;
  token(roles: Role | Role[], stationId?: string, sub?: string): Promise<string>;
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  /** The running process of a subgraph or the gateway (a new id after a restart). */
  pidOf(name: ProcessName): number | undefined;
  /** The embedded PostgreSQL's postmaster (none with `databaseUrl`). */
  postgresPid(): number | undefined;
  /** Admin URL of the embedded PostgreSQL (to look at pg_stat_activity). */
  postgresAdminUrl(): string | undefined;
  waitHealthy(timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');
const SCRIPT: Record<ProcessName, string> = {
  catalog: 'subgraphs/catalog/src/main.ts',
  stock: 'subgraphs/stock/src/main.ts',
  procurement: 'subgraphs/procurement/src/main.ts',
  workshop: 'subgraphs/workshop/src/main.ts',
  gateway: 'gateway/src/main.ts',
};

function childrenOf(ppid: number): { pid: number; cmdline: string }[] {
  const out: { pid: number; cmdline: string }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== ppid || fields[0] === 'Z') continue;
      out.push({ pid: Number(entry), cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ') });
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

export async function launch(o: { databaseUrl?: string; env?: Record<string, string>; seedDemo?: boolean } = {}): Promise<Launched> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-launched-'));
  fs.chmodSync(dataDir, 0o755); // the unprivileged postgres user must reach its data directory
  const secret = randomBytes(32).toString('base64url');
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: secret,
    PORT: String(port),
    CATALOG_PORT: String(await freePort()),
    STOCK_PORT: String(await freePort()),
    PROCUREMENT_PORT: String(await freePort()),
    WORKSHOP_PORT: String(await freePort()),
    IDENTITY_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    SEED_DEMO: String(o.seedDemo ?? true),
    DEMO_DAY: 'false', // the demo day (scripts/demo-day.ts) only when a test asks for it in env
    ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : { DATABASE_URL: '' }),
    ...o.env,
  };
  for (const k of ['CATALOG_URL', 'STOCK_URL', 'PROCUREMENT_URL', 'WORKSHOP_URL', 'IDENTITY_URL', 'HOST']) delete env[k];
  let log = '';
  const launcher: ChildProcess = spawn(process.execPath, ['-r', path.join(ROOT, 'test/helpers/ts-require.js'), path.join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    log += b.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  launcher.stdout!.on('data', keep);
  launcher.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => launcher.once('exit', () => r()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const pgPidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const l: Launched = {
    baseUrl,
    gatewayUrl: `${baseUrl}/graphql`,
    dataDir,
    secret,
    output: () => log,
    token: (roles, stationId, sub) => {
      const list = Array.isArray(roles) ? roles : [roles];
      return signToken(secret, { sub: sub ?? `${list[0].toLowerCase()}-test`, roles: list, stationId }, '1h');
    },
    query: (q, v, t) => gql(`${baseUrl}/graphql`, q, v, t),
    pidOf: (name) => childrenOf(launcher.pid!).find((c) => c.cmdline.includes(SCRIPT[name]))?.pid,
    postgresPid: () => {
      try {
        const pid = Number(fs.readFileSync(pgPidFile, 'utf8').split('\n')[0]);
        return pid && alive(pid) ? pid : undefined;
      } catch {
        return undefined;
      }
    },
    postgresAdminUrl: () => {
      if (o.databaseUrl) return undefined;
      const pw = fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
      return `postgres://postgres:${encodeURIComponent(pw)}@127.0.0.1:${env.EMBEDDED_PG_PORT}/partsgraph`;
    },
    async waitHealthy(timeoutMs = 90_000) {
      const started = Date.now();
      for (;;) {
        if (launcher.exitCode !== null) throw new Error(`the launcher exited (${launcher.exitCode}):\n${log.slice(-4000)}`);
        try {
          const r = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
          if (r.ok) return Date.now() - started;
        } catch {
          /* not yet */
        }
        if (Date.now() - started > timeoutMs) throw new Error(`not healthy after ${timeoutMs} ms:\n${log.slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      // Thaw anything a test froze, so it can stop.
      for (const c of childrenOf(launcher.pid!)) {
        try {
          process.kill(c.pid, 'SIGCONT');
        } catch {
          /* gone */
        }
      }
      const pg = l.postgresPid();
      if (launcher.exitCode === null && launcher.signalCode === null) {
        launcher.kill('SIGTERM');
        const force = setTimeout(() => launcher.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(force);
      }
      if (pg && alive(pg)) process.kill(pg, 'SIGKILL'); // never leave a cluster behind
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await l.waitHealthy();
  } catch (err) {
    await l.stop();
    throw err;
  }
  return l;
}

/**
 * Sends one mutation until it gets a definite answer — data, or a refusal that
 * is not SERVICE_UNAVAILABLE — retrying with the same variables (so the same
 * idempotency key) after failures and SERVICE_UNAVAILABLE. Returns the final
 * answer and every answer on the way (to check none was an internal error).
 */
export async function untilAnswered<T = any>(send: () => Promise<GqlResponse<T>>, o: { deadlineMs?: number; pauseMs?: number } = {}): Promise<{ final: GqlResponse<T>; attempts: GqlResponse<T>[]; transportErrors: number }> {
  const until = Date.now() + (o.deadlineMs ?? 60_000);
  const attempts: GqlResponse<T>[] = [];
  let transportErrors = 0;
  for (;;) {
    let r: GqlResponse<T> | undefined;
    try {
      r = await send();
      attempts.push(r);
    } catch {
      transportErrors++;
    }
    const codes = (r?.errors ?? []).map((e) => e.extensions?.code);
    const retry = !r || codes.includes('SERVICE_UNAVAILABLE') || codes.includes('INTERNAL_SERVER_ERROR');
    if (!retry) return { final: r!, attempts, transportErrors };
    if (Date.now() > until) return { final: r ?? { status: 0, errors: [{ message: 'no answer', extensions: { code: 'NO_ANSWER' } }] }, attempts, transportErrors };
    await new Promise((res) => setTimeout(res, o.pauseMs ?? 200));
  }
}

/** Runs `jobs` with at most `concurrency` at a time. */
export async function pool<T>(jobs: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }));
  return results;
}

/** The requisition both crash storms send (workshop → stock). */
export const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) {
  requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { id number lines { part { id } requested issued shortfall } } }`;

/** Whole-unit parts with at least `minOnHand` in exactly one bin of the station (in this warehouse), so that on hand is one level's story. */
export function singleBinParts(data: Dataset, stationId: string, warehouseId: string, minOnHand = 40): Dataset['stock'] {
  const whole = new Set(data.parts.filter((x) => x.unitPrecision === 0).map((x) => x.id));
  return data.stock.filter((l) => l.stationId === stationId && l.warehouseId === warehouseId && l.onHand >= minOnHand && whole.has(l.partId)
    && data.stock.filter((x) => x.partId === l.partId && x.stationId === stationId).length === 1);
}

/** On hand of a part at a station, through the gateway. */
export async function onHandAt(p: Launched, token: string, partId: string, stationId: string): Promise<number> {
  return ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { onHand } } }`, { id: partId, s: stationId }, token)).part.stock.onHand as number;
}
