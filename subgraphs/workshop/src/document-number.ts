/**
 * Workshop's document numbers per station, series and year (the kernel's
 * document-number.ts): repair orders "WO2026-000123", requisitions
 * "LL2026-000001" (领料单), returns "TL2026-000001" (退料单) and counter
 * sales "XS2026-000001", all in workshop.document_sequence.
 *
 * The counter row stays locked until the transaction ends, and every
 * requisition of a station draws from the same row: a statement that draws its
 * number should be its transaction's last (`documentNumberCte`), so the lock is
 * held for one statement and the commit, not the whole transaction.
 */
import type { EntityManager } from 'typeorm';
import { documentNumberCte as cte, nextDocumentNumber as next, type DocumentSequence } from '../../shared/src/document-number';

export type WorkshopSeries = 'WO' | 'LL' | 'TL' | 'XS';

const SEQUENCE: DocumentSequence = { table: 'workshop.document_sequence', counter: 'last_value' };

/** `doc_number(number)` for a `WITH`: the arguments are the SQL placeholders of station, series and year. */
export const documentNumberCte = (station: string, series: string, year: string): string => cte(SEQUENCE, station, series, year);

export async function nextDocumentNumber(tx: Pick<EntityManager, 'query'>, stationId: string, series: WorkshopSeries, now: Date): Promise<string> {
  return (await next(tx, SEQUENCE, stationId, series, now)).number;
}
