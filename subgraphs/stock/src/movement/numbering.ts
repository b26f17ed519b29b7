/** Document numbers per station, series and year (e.g. TR2026-000042), from a counter row locked by the writing transaction. */
import type { Tx } from '../../../shared/src';

export async function nextNumber(tx: Tx, stationId: string, series: string, at: Date): Promise<string> {
  const year = at.getUTCFullYear();
  const [row] = await tx.query(
    `INSERT INTO stock.number_sequence (station_id, series, year, last) VALUES ($1, $2, $3, 1)
     ON CONFLICT (station_id, series, year) DO UPDATE SET last = stock.number_sequence.last + 1 RETURNING last`,
    [stationId, series, year]);
  const [station] = await tx.query(`SELECT code FROM stock.station WHERE id = $1`, [stationId]);
  return `${series}${year}-${station?.code ?? 'X'}-${String(row.last).padStart(6, '0')}`;
}
