/**
 * Procurement's document numbers per station, series and year (the kernel's
 * document-number.ts): purchase orders "CG2026-000001" (采购), replacement
 * orders "P2026-000001" (补发, the manual's "P" prefix), goods receipts
 * "RK2026-000001" (入库), damage claims "HS2026-000001" (货损). Standard
 * orders deliberately do not start with "P".
 */
import type { EntityManager } from 'typeorm';
import { nextDocumentNumber as next, type DocumentSequence } from '../../../shared/src/document-number';

export type DocumentSeries = 'CG' | 'P' | 'RK' | 'HS';

const SEQUENCE: DocumentSequence = { table: 'procurement.document_sequence', counter: 'last_value' };

export async function nextDocumentNumber(tx: EntityManager, stationId: string, series: DocumentSeries, now: Date): Promise<string> {
  return (await next(tx, SEQUENCE, stationId, series, now)).number;
}
