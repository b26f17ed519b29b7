/**
 * One TypeORM DataSource per subgraph, confined to that subgraph's Postgres
 * schema (search_path and the migrations table live there). Counts SQL
 * statements so tests and benchmarks can prove batching.
 */
import 'reflect-metadata';
import { DataSource, type Logger as OrmLogger, type MixedList, type EntitySchema } from 'typeorm';
import { Client, type Pool } from 'pg';
import { AsyncLocalStorage } from 'node:async_hooks';

/** The statements of one request: set around each GraphQL request, so background work is not counted. */
export const sqlScope = new AsyncLocalStorage<{ statements: number }>();

/**
 * Statements sent per DataSource: `count` in total (the bench's
 * /internal/stats), `lastRequest` for the most recent GraphQL request alone
 * (what the batching tests compare; the outbox relay and consumers share the
 * DataSource and would otherwise add to it).
 */
export class QueryCounter implements OrmLogger {
  count = 0;
  lastRequest = 0;
  logQuery(): void {
    this.count++;
    const scope = sqlScope.getStore();
    if (scope) scope.statements++;
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** A statement prepared once per pooled connection (`name` unique in the process) — see `poolRows`. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/**
 * The rows of one read sent straight to the DataSource's pg pool, past
 * TypeORM's query runner (no runner, entity metadata or hydration per
 * statement) and as a named prepared statement (Postgres parses and plans
 * it once per connection). For the hot per-request loaders; counted like
 * every other statement. Not for work inside a transaction (`tx.query`).
 */
export async function poolRows<T>(ds: DataSource, statement: PreparedStatement, values: unknown[]): Promise<T[]> {
  (ds as DataSource & { counter?: QueryCounter }).counter?.logQuery();
  const pool = (ds.driver as unknown as { master: Pool }).master;
  const result = await pool.query<T & object>({ name: statement.name, text: statement.text, values });
  return result.rows;
}

export interface DataSourceOptions {
  url: string;
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource(o: DataSourceOptions): DataSource & { counter: QueryCounter } {
  const counter = new QueryCounter();
  const ds = new DataSource({
    type: 'postgres',
    url: o.url,
    schema: o.schema,
    entities: o.entities,
    migrations: o.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logger: counter,
    logging: ['query'],
    applicationName: o.applicationName ?? `partsgraph-${o.schema}`,
    extra: {
      max: o.poolSize ?? 10,
      // The working set lives in memory (shared_buffers and the OS cache): a random page costs about what a
      // sequential one does, so index scans are priced as such. At 4.0 (the default, for spinning disks) the
      // planner read all 100k search documents for a two-letter pinyin query (214 ms) instead of the text
      // index (13 ms). JIT compilation costs more than it saves on these short statements.
      options: `-c search_path=${o.schema},public -c random_page_cost=1.1 -c jit=off`,
      // A stuck statement must not hold a pool slot forever.
      statement_timeout: 30_000,
      idle_in_transaction_session_timeout: 60_000,
      // The database going away must not hang a request or kill the process: a bounded
      // connect, and an error listener on every connection (pg emits 'error' on a client
      // that is checked out when its server dies; unheard, that is an uncaught exception).
      // The pool drops broken connections; the next query connects afresh.
      connectionTimeoutMillis: 5000,
      onConnect: (client: { on(event: 'error', l: (err: Error) => void): void }) => { client.on('error', () => undefined); },
    },
  }) as DataSource & { counter: QueryCounter };
  ds.counter = counter;
  return ds;
}

/** Creates the subgraph's schema (migrations cannot create the schema their own table lives in) and runs pending migrations. */
export async function migrate(ds: DataSource, schema: string): Promise<string[]> {
  if (!ds.isInitialized) await ds.initialize();
  await ds.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const ran = await ds.runMigrations({ transaction: 'each' });
  return ran.map((m) => m.name);
}

/** Creates database `name` on the server of `adminUrl` when it does not exist (template optional). */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<boolean> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"${template ? ` TEMPLATE "${template}"` : ''}`);
    return true;
  } finally {
    await client.end();
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}

/**
 * The rows of a `tx.query(...)` result: TypeORM's Postgres driver returns
 * `[rows, affected]` for UPDATE/DELETE … RETURNING but plain rows otherwise.
 */
export function returned<T = any>(result: unknown): T[] {
  const r = result as unknown[];
  return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}

/**
 * Runs `step` under a savepoint of the open transaction: when it throws, what
 * it wrote is rolled back and the error is rethrown, and the transaction goes
 * on (one import row's failure does not undo the others).
 */
export async function inSavepoint<T>(tx: { query(sql: string): Promise<unknown> }, name: string, step: () => Promise<T>): Promise<T> {
  await tx.query(`SAVEPOINT ${name}`);
  try {
    const result = await step();
    await tx.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (err) {
    await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw err;
  }
}
