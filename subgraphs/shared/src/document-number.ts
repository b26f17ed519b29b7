/**
 * Document numbers per station, series and year ("LL2026-000001",
 * "CG2026-000042"): one counter row per (station, series, year) in the
 * subgraph's own sequence table, bumped by an upsert in the writing
 * transaction. A rolled-back document leaves no gap once another commits, and
 * concurrent writers queue on the row until the commit — so draw the number
 * as late in the transaction as the document allows.
 */
import type { EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;

/** A subgraph's sequence table: (station_id uuid, series text, year int, <counter> int), keyed by the first three. */
export interface DocumentSequence {
  table: string;
  counter: string;
}

/**
 * `doc_number AS (…)`, for a `WITH` that draws the number in the same statement as the write that uses it; its one row's
 * `number` is "<series><year>-<at least 6 digits>". Arguments are SQL expressions (usually `$n` parameters).
 */
export function documentNumberCte(seq: DocumentSequence, station: string, series: string, year: string): string {
  const c = seq.counter;
  return `doc_number AS (
    INSERT INTO ${seq.table} AS seq (station_id, series, year, ${c}) VALUES (${station}, ${series}, ${year}, 1)
    ON CONFLICT (station_id, series, year) DO UPDATE SET ${c} = seq.${c} + 1
    RETURNING seq.${c} AS value, series || year::text || '-' || lpad(seq.${c}::text, greatest(6, length(seq.${c}::text)), '0') AS number)`;
}

/** The next number of the series at `at`'s year, in the caller's transaction: its counter value and its text. */
export async function nextDocumentNumber(tx: Db, seq: DocumentSequence, stationId: string, series: string, at: Date): Promise<{ value: number; number: string; year: number }> {
  const year = at.getUTCFullYear();
  const [row] = await tx.query(`WITH ${documentNumberCte(seq, '$1', '$2', '$3')} SELECT value, number FROM doc_number`, [stationId, series, year]);
  return { value: Number(row.value), number: row.number, year };
}
