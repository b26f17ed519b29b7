/**
 * Document numbers per station, series and year: purchase orders "CG2026-000001"
 * (采购), replacement orders "P2026-000001" (补发, the manual's "P" prefix),
 * goods receipts "RK2026-000001" (入库), damage claims "HS2026-000001" (货损).
 * Standard orders deliberately do not start with "P". The counter row is
 * updated in the caller's transaction, so a rolled-back document leaves no gap
 * behind once another commits, and concurrent writers queue on the row.
 */
import type { EntityManager } from 'typeorm';

export type DocumentSeries = 'CG' | 'P' | 'RK' | 'HS';

export async function nextDocumentNumber(tx: EntityManager, stationId: string, series: DocumentSeries, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const [{ last_value }] = await tx.query(
    `INSERT INTO procurement.document_sequence (station_id, series, year, last_value) VALUES ($1, $2, $3, 1)
     ON CONFLICT (station_id, series, year) DO UPDATE SET last_value = document_sequence.last_value + 1
     RETURNING last_value`,
    [stationId, series, year],
  );
  return `${series}${year}-${String(last_value).padStart(6, '0')}`;
}
