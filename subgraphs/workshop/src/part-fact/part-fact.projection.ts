/**
 * Workshop's copy of the catalog facts it prices and checks lines with (unit
 * precision, price tiers, HQ cap, part number) — every requisition, counter
 * sale, estimate and lost sale needs them, so a requisition reads one local
 * row instead of calling the catalog's partFacts command over HTTP: that call
 * was the catalog's whole share of a requisition (3.8 ms of catalog CPU, plus
 * the round trip and the service-token work on both ends). The whole fact is
 * kept as jsonb. How it is kept (consumer overwrites and deletes, the request
 * path only inserts) is the kernel's `partFactProjection`, shared with stock.
 * Prices of a requisition are fixed when it is claimed, so a retry or the
 * sweep never re-prices.
 */
import { partFactProjection, type PartFacts, type PartFactTable } from '../../../shared/src';

export const workshopPartFactTable: PartFactTable<PartFacts> = {
  table: 'workshop.part_fact',
  consumerId: 'workshop:part-facts',
  columns: [{ name: 'facts', type: 'jsonb', value: (f) => JSON.stringify(f) }],
  select: 'facts',
  fromRow: (row) => row.facts as PartFacts,
  fromFacts: (f) => f,
};

const projection = partFactProjection(workshopPartFactTable);

/** Facts for every id, or NOT_FOUND naming the first unknown part. */
export const requireWorkshopPartFacts = projection.requireFacts;
export const partFactConsumer = projection.consumer;
