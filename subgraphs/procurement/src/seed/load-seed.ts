/** Loads procurement's share of a seed dataset: suppliers, supplier prices and consumption history. */
import type { DataSource } from 'typeorm';
import { bulkInsert } from '../../../shared/src';
import type { Dataset } from '../../../../seeds/dataset';

export async function loadProcurementSeed(ds: DataSource, data: Dataset): Promise<void> {
  await ds.transaction(async (tx) => {
    await bulkInsert(tx, 'procurement.supplier', { id: 'uuid', code: 'text', name: 'text', lead_time_days: 'int', depot_station_id: 'uuid' },
      data.suppliers.map((s) => ({ id: s.id, code: s.code, name: s.name, lead_time_days: s.leadTimeDays, depot_station_id: s.depotStationId ?? null })));
    await bulkInsert(tx, 'procurement.supplier_part', { supplier_id: 'uuid', part_id: 'uuid', unit_price: 'numeric' },
      data.supplierParts.map((sp) => ({ supplier_id: sp.supplierId, part_id: sp.partId, unit_price: sp.unitPrice })));
    await bulkInsert(tx, 'procurement.monthly_consumption', { station_id: 'uuid', part_id: 'uuid', month: 'date', quantity: 'numeric' },
      data.consumption.map((c) => ({ station_id: c.stationId, part_id: c.partId, month: `${c.month}-01`, quantity: c.quantity })), { chunk: 20000 });
  });
}
