/** Stock's document numbers per station, series and year, with the station's code (e.g. TR2026-BJ01-000042): the kernel's counter row (document-number.ts). */
import type { Tx } from '../../../shared/src';
import { nextDocumentNumber, type DocumentSequence } from '../../../shared/src/document-number';

const SEQUENCE: DocumentSequence = { table: 'stock.number_sequence', counter: 'last' };

export async function nextNumber(tx: Tx, stationId: string, series: string, at: Date): Promise<string> {
  const { value, year } = await nextDocumentNumber(tx, SEQUENCE, stationId, series, at);
  const [station] = await tx.query(`SELECT code FROM stock.station WHERE id = $1`, [stationId]);
  return `${series}${year}-${station?.code ?? 'X'}-${String(value).padStart(6, '0')}`;
}
