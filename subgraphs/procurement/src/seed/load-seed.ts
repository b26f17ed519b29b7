/**
 * Loads procurement's share of a seed dataset: suppliers, supplier prices,
 * consumption history and the demand lines of its last months (the first-time
 * fill rate's facts, as the workshop.demand consumer would have recorded them;
 * their source_seq is negative, so no workshop event's sequence number meets one).
 */
import type { DataSource } from 'typeorm';
import { bulkInsert } from '../../../shared/src';
import type { Dataset } from '../../../../seeds/dataset';

export async function loadProcurementSeed(ds: DataSource, data: Dataset): Promise<void> {
  await ds.transaction(async (tx) => {
    await bulkInsert(tx, 'procurement.supplier', { id: 'uuid', code: 'text', name: 'text', lead_time_days: 'int', depot_station_id: 'uuid' },
      data.suppliers.map((s) => ({ id: s.id, code: s.code, name: s.name, lead_time_days: s.leadTimeDays, depot_station_id: s.depotStationId ?? null })));
    await bulkInsert(tx, 'procurement.supplier_part', { supplier_id: 'uuid', part_id: 'uuid', unit_price: 'numeric' },
      data.supplierParts.map((sp) => ({ supplier_id: sp.supplierId, part_id: sp.partId, unit_price: sp.unitPrice })));
    // One preferred offer per part, as the offers migration chooses for existing data: the fastest supplier, then the cheapest.
    await tx.query(`UPDATE procurement.supplier_part sp SET preferred = true FROM (
        SELECT DISTINCT ON (x.part_id) x.part_id, x.supplier_id FROM procurement.supplier_part x JOIN procurement.supplier s ON s.id = x.supplier_id
         ORDER BY x.part_id, s.lead_time_days, x.unit_price, x.supplier_id) best
       WHERE sp.part_id = best.part_id AND sp.supplier_id = best.supplier_id AND NOT sp.preferred`);
    await bulkInsert(tx, 'procurement.monthly_consumption', { station_id: 'uuid', part_id: 'uuid', month: 'date', quantity: 'numeric', shortfall: 'numeric' },
      data.consumption.map((c) => ({ station_id: c.stationId, part_id: c.partId, month: `${c.month}-01`, quantity: c.quantity, shortfall: c.shortfall ?? 0 })), { chunk: 20000 });
    await bulkInsert(tx, 'procurement.demand_line', {
      source_seq: 'bigint', station_id: 'uuid', part_id: 'uuid', month: 'date', source: 'text', requested: 'numeric', issued: 'numeric', lost: 'numeric', emergency: 'numeric', recorded_at: 'timestamptz',
    }, (data.demandLines ?? []).map((l, i) => ({
      source_seq: -(i + 1), station_id: l.stationId, part_id: l.partId, month: `${l.month}-01`, source: l.source,
      requested: l.requested, issued: l.issued, lost: 0, emergency: 0, recorded_at: l.recordedAt,
    })), { chunk: 20000 });
  });
}
