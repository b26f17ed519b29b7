/**
 * Stock's copy of the catalog facts it checks lines against: unit precision
 * (whole numbers only for pieces) and barcode (条码对货), so the hot path —
 * every issue, receipt, move — reads one local row instead of calling the
 * catalog's partFacts command over HTTP (that hop was a quarter of an
 * issue's latency). How it is kept (consumer overwrites and deletes, the
 * request path only inserts) is the kernel's `partFactProjection`, shared
 * with workshop.
 */
import { partFactProjection, type PartFactTable } from '../../../shared/src';

export interface StockPartFact {
  partId: string;
  partNo: string;
  unitPrecision: number;
  barcode: string | null;
}

export const stockPartFactTable: PartFactTable<StockPartFact> = {
  table: 'stock.part_fact',
  consumerId: 'stock:part-facts',
  columns: [
    { name: 'part_no', type: 'text', value: (f) => f.partNo },
    { name: 'unit_precision', type: 'int', value: (f) => f.unitPrecision },
    { name: 'barcode', type: 'text', value: (f) => f.barcode ?? null },
  ],
  select: 'part_id AS "partId", part_no AS "partNo", unit_precision AS "unitPrecision", barcode',
  fromRow: (row) => row as unknown as StockPartFact,
  fromFacts: (f) => ({ partId: f.partId, partNo: f.partNo, unitPrecision: f.unitPrecision, barcode: f.barcode ?? null }),
};

const projection = partFactProjection(stockPartFactTable);

/** Facts for `partIds` (unknown parts are left out): local rows, the rest from the catalog once. */
export const stockPartFacts = projection.facts;
export const partFactConsumer = projection.consumer;
