/**
 * Loads the catalog's share of a seed dataset (vehicle models, VIN patterns, parts,
 * compatible models) into the catalog schema, builds the embedded search
 * documents, and seeds the availability projection from the dataset's opening
 * stock (the demo seed writes stock levels directly, without stock events).
 */
import type { DataSource } from 'typeorm';
import { bulkInsert } from '../../../shared/src';
import type { Dataset } from '../../../../seeds/dataset';
import { normalisePartNo } from '../../../shared/src/part-number';
import { EmbeddedSearchEngine } from '../search/embedded.engine';
import { loadSearchDocuments } from '../search/search-document';

export async function loadCatalogSeed(ds: DataSource, data: Dataset): Promise<void> {
  await ds.transaction(async (tx) => {
    await bulkInsert(tx, 'catalog.vehicle_model', { id: 'uuid', code: 'text', series: 'text', name: 'text', name_en: 'text', year_from: 'int', year_to: 'int' },
      data.vehicleModels.map((m) => ({ id: m.id, code: m.code, series: m.series, name: m.name, name_en: m.nameEn, year_from: m.yearFrom, year_to: m.yearTo })));
    await bulkInsert(tx, 'catalog.vin_pattern', { id: 'uuid', prefix: 'text', vehicle_model_id: 'uuid', year_from: 'int', year_to: 'int' },
      (data.vinPatterns ?? []).map((v) => ({ id: v.id, prefix: v.prefix, vehicle_model_id: v.vehicleModelId, year_from: v.yearFrom, year_to: v.yearTo })));
    // Successors first is not needed: the FK is checked per statement, and all parts go in before supersession is set.
    await bulkInsert(tx, 'catalog.part', {
      id: 'uuid', part_no: 'text', part_no_norm: 'text', name: 'text', name_en: 'text', spec: 'text', unit: 'text', unit_precision: 'smallint',
      category: 'text', brand: 'text', barcode: 'text', image_urls: 'text[]', price_retail: 'numeric', price_wholesale: 'numeric', price_member: 'numeric',
      price_insurance: 'numeric', price_internal: 'numeric', hq_cap: 'numeric', pack_size: 'numeric', min_order_qty: 'numeric',
    }, data.parts.map((p) => ({
      id: p.id, part_no: p.partNo, part_no_norm: normalisePartNo(p.partNo), name: p.name, name_en: p.nameEn, spec: p.spec, unit: p.unit,
      unit_precision: p.unitPrecision, category: p.category, brand: p.brand, barcode: p.barcode, image_urls: p.imageUrls,
      price_retail: p.prices.retail, price_wholesale: p.prices.wholesale, price_member: p.prices.member, price_insurance: p.prices.insurance,
      price_internal: p.prices.internal, hq_cap: p.prices.hqCap, pack_size: p.packSize, min_order_qty: p.minOrderQty,
    })));
    const superseded = data.parts.filter((p) => p.supersededById);
    if (superseded.length) {
      await tx.query(`UPDATE catalog.part p SET superseded_by_id = x.s FROM unnest($1::uuid[], $2::uuid[]) AS x(id, s) WHERE p.id = x.id`,
        [superseded.map((p) => p.id), superseded.map((p) => p.supersededById)]);
    }
    await bulkInsert(tx, 'catalog.part_model', { part_id: 'uuid', model_id: 'uuid' },
      data.parts.flatMap((p) => p.compatibleModelIds.map((m) => ({ part_id: p.id, model_id: m }))));
    const perStation = new Map<string, { part_id: string; station_id: string; on_hand: number }>();
    for (const l of data.stock) {
      const key = `${l.partId}:${l.stationId}`;
      const row = perStation.get(key) ?? { part_id: l.partId, station_id: l.stationId, on_hand: 0 };
      row.on_hand = Math.round((row.on_hand + l.onHand) * 1000) / 1000;
      perStation.set(key, row);
    }
    await bulkInsert(tx, 'catalog.part_availability', { part_id: 'uuid', station_id: 'uuid', on_hand: 'numeric', available: 'numeric' },
      [...perStation.values()].map((r) => ({ ...r, available: r.on_hand })));
    const engine = new EmbeddedSearchEngine(ds);
    const ids = data.parts.map((p) => p.id);
    for (let i = 0; i < ids.length; i += 5000) await engine.index(await loadSearchDocuments(tx, ids.slice(i, i + 5000)), tx);
  });
}
