/**
 * What PostgreSQL executed during a run, from `pg_stat_statements`: the bench
 * platform preloads the module (`PG_STATEMENTS_FLAGS`), the bench resets the
 * counters before a run and reads them after, and a row's notes can say how
 * many statements (and which) one request cost, and their execution time.
 * Statements are grouped by the schema they name first (`workshop.`,
 * `stock.` …), which is the subgraph that sent them (no subgraph touches
 * another's schema); `BEGIN`/`COMMIT` and other schema-less ones are `other`.
 */
import { Client } from 'pg';

/** The server settings that make the counters available (`-c` pairs for the embedded PostgreSQL). */
export const PG_STATEMENTS_FLAGS = ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track=all', '-c', 'pg_stat_statements.max=5000'];

export interface StatementStat {
  query: string;
  calls: number;
  totalMs: number;
  rows: number;
}

/** The first schema a statement names, or `other`. */
export function schemaOf(query: string): string {
  const m = /\b"?(catalog|stock|procurement|workshop|identity)"?\./.exec(query);
  return m ? m[1] : 'other';
}

export interface PgStatements {
  /** Zeroes the counters (of every database of the cluster). */
  reset(): Promise<void>;
  /** The counters since the last reset, most-called first. */
  read(): Promise<StatementStat[]>;
  close(): Promise<void>;
}

/** Undefined when the server has not loaded the module (a DATABASE_URL not started by the bench). */
export async function pgStatements(databaseUrl: string): Promise<PgStatements | undefined> {
  const client = new Client({ connectionString: databaseUrl, application_name: 'bench-statements' });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await client.query('SELECT pg_stat_statements_reset()');
  } catch {
    await client.end();
    return undefined;
  }
  return {
    async reset() {
      await client.query('SELECT pg_stat_statements_reset()');
    },
    async read() {
      const r = await client.query(
        `SELECT query, calls::int AS calls, total_exec_time AS "totalMs", rows::int AS rows FROM pg_stat_statements s
           JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = current_database() AND query NOT LIKE '%pg_stat_statements%' ORDER BY calls DESC`);
      return r.rows.map((x) => ({ query: x.query, calls: Number(x.calls), totalMs: Number(x.totalMs), rows: Number(x.rows) }));
    },
    close: () => client.end(),
  };
}

/** Statements per request by schema, e.g. "workshop 14.0 · stock 9.0 · other 6.0 · all 29.0". */
export function perRequestBySchema(stats: StatementStat[], requests: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of stats) out[schemaOf(s.query)] = (out[schemaOf(s.query)] ?? 0) + s.calls / requests;
  out.all = Object.values(out).reduce((a, b) => a + b, 0);
  return out;
}

/** A readable listing: calls per request, ms of execution per call, the statement's first characters. */
export function formatStatements(stats: StatementStat[], requests: number, top = 40): string {
  return stats.slice(0, top).map((s) =>
    `${(s.calls / requests).toFixed(2).padStart(7)} /req ${(s.totalMs / Math.max(1, s.calls)).toFixed(3).padStart(8)} ms  ${schemaOf(s.query).padEnd(11)} ${s.query.replace(/\s+/g, ' ').slice(0, 150)}`).join('\n');
}
