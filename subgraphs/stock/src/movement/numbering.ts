/** Stock's document numbers per station, series and year, with the station's code (e.g. TR2026-BJ01-000042): the kernel's counter row (document-number.ts). */
import type { Tx } from '../../../shared/src';
import { nextDocumentNumber, type DocumentSequence } from '../../../shared/src/document-number';
import { stationRepository } from '../station/station.repository';

const SEQUENCE: DocumentSequence = { table: 'stock.number_sequence', counter: 'last' };

export async function nextNumber(tx: Tx, stationId: string, series: string, at: Date): Promise<string> {
  const { value, year } = await nextDocumentNumber(tx, SEQUENCE, stationId, series, at);
  const code = await stationRepository.stationCode(tx, stationId);
  return `${series}${year}-${code ?? 'X'}-${String(value).padStart(6, '0')}`;
}
