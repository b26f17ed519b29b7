/** Loads the stock share of a seed dataset: stations, warehouses, bins and opening levels. */
import type { DataSource } from 'typeorm';
import { bulkInsert } from '../../../shared/src';
import type { Dataset } from '../../../../seeds/dataset';

export async function loadStockSeed(ds: DataSource, data: Dataset): Promise<void> {
  await ds.transaction(async (tx) => {
    await bulkInsert(tx, 'stock.station', { id: 'uuid', code: 'text', name: 'text', region: 'text', kind: 'text' },
      data.stations.map(({ id, code, name, region, kind }) => ({ id, code, name, region, kind: kind ?? 'STATION' })));
    const warehouses = data.stations.flatMap((s) => s.warehouses.map((w) => ({ ...w, stationId: s.id })));
    await bulkInsert(tx, 'stock.warehouse', { id: 'uuid', station_id: 'uuid', code: 'text', name: 'text' },
      warehouses.map((w) => ({ id: w.id, station_id: w.stationId, code: w.code, name: w.name })));
    await bulkInsert(tx, 'stock.bin', { id: 'uuid', warehouse_id: 'uuid', code: 'text', quarantine: 'boolean' },
      warehouses.flatMap((w) => w.bins.map((b) => ({ id: b.id, warehouse_id: w.id, code: b.code, quarantine: b.quarantine }))));
    // The catalog facts stock checks lines against, as the catalog.part_changed consumer would have projected them.
    await bulkInsert(tx, 'stock.part_fact', { part_id: 'uuid', part_no: 'text', unit_precision: 'int', barcode: 'text' },
      data.parts.map((x) => ({ part_id: x.id, part_no: x.partNo, unit_precision: x.unitPrecision, barcode: x.barcode })));
    await bulkInsert(tx, 'stock.stock_level', { part_id: 'uuid', bin_id: 'uuid', on_hand: 'numeric' },
      data.stock.map((l) => ({ part_id: l.partId, bin_id: l.binId, on_hand: l.onHand })));
  });
}
