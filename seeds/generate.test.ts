import type { Dataset, SeedPart } from './dataset';
import { DEMAND_LINE_MONTHS, defaultAsOf, generateDataset, historyMonths, isValidEan13 } from './generate';
import { normalisePartNo } from '../subgraphs/shared/src/part-number';

/** Generated once: the default dataset is what every other suite seeds from. */
let dataset: Dataset;

/** "YYYY-MM" of a month index (year × 12 + month − 1). */
const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

beforeAll(() => {
  dataset = generateDataset();
});

/** True if `value` has at most `precision` decimals (tolerating float noise). */
function respectsPrecision(value: number, precision: number): boolean {
  const scaled = value * 10 ** precision;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function partsNamed(name: string): SeedPart[] {
  return dataset.parts.filter((p) => p.name === name);
}

describe('generateDataset', () => {
  it('is deterministic for the same options and differs for another seed', () => {
    const again = JSON.stringify(generateDataset());
    expect(again).toBe(JSON.stringify(dataset));
    const other = generateDataset({ seed: 1, parts: 200 });
    expect(other.parts[0].id).not.toBe(dataset.parts[0].id);
  });

  it('dates the history relative to the day it is generated: it ends with last month', () => {
    // The month of the clock (UTC), read on both sides: a run across a month's end still names one of the two.
    const utcMonth = () => monthOf(new Date().getUTCFullYear() * 12 + new Date().getUTCMonth());
    const before = utcMonth();
    const fresh = generateDataset({ parts: 200 });
    expect([before, utcMonth()]).toContain(fresh.asOf.slice(0, 7));
    expect(fresh.asOf).toMatch(/^\d{4}-\d{2}-01$/);
    const last = monthOf(monthIndex(fresh.asOf) - 1); // the month before the current one
    expect([...new Set(fresh.consumption.map((c) => c.month))].sort().at(-1)).toBe(last);
    expect(historyMonths(fresh.asOf, 24).at(-1)).toBe(last);
    // Whatever the day: on 15 March 2027 the demo is as of 1 March, its history ends with February.
    jest.useFakeTimers({ now: new Date('2027-03-15T10:00:00Z') });
    try {
      const march = generateDataset({ parts: 100 });
      expect(march.asOf).toBe('2027-03-01');
      expect([...new Set(march.consumption.map((c) => c.month))].sort().at(-1)).toBe('2027-02');
    } finally {
      jest.useRealTimers();
    }
    expect(defaultAsOf(new Date('2027-03-31T23:59:59Z'))).toBe('2027-03-01');
    expect(defaultAsOf(new Date('2027-01-01T00:00:00Z'))).toBe('2027-01-01');
  });

  it('with an explicit asOf: 24 months ending the month before, and the same dataset with only the months shifted', () => {
    const march = generateDataset({ parts: 300, asOf: '2027-03-01' });
    expect(march.asOf).toBe('2027-03-01');
    const months = [...new Set(march.consumption.map((c) => c.month))].sort();
    expect(months.at(-1)).toBe('2027-02');
    expect(months[0]).toBe('2025-03');
    expect(generateDataset({ parts: 300, asOf: '2027-03' }).asOf).toBe('2027-03-01');
    expect(() => generateDataset({ parts: 10, asOf: '2027-13-01' })).toThrow(/asOf/);
    // Deterministic for a seed and asOf…
    expect(JSON.stringify(generateDataset({ parts: 300, asOf: '2027-03-01' }))).toBe(JSON.stringify(march));
    // …and a month later the same parts, stations, suppliers and stock, and every non-seasonal part's
    // quantities one month later (seasonal parts keep to the calendar: batteries in winter, coolant in summer).
    const april = generateDataset({ parts: 300, asOf: '2027-04-01' });
    expect(april.parts).toEqual(march.parts);
    expect(april.stations).toEqual(march.stations);
    expect(april.supplierParts).toEqual(march.supplierParts);
    const seasonal = new Set(march.parts.filter((p) => p.demandProfile === 'SEASONAL').map((p) => p.id));
    const depot = march.stations.find((s) => s.kind === 'DEPOT')!.id;
    const shifted = (d: Dataset, by: number) => d.consumption.filter((c) => !seasonal.has(c.partId) && c.stationId !== depot)
      .map((c) => ({ ...c, month: monthOf(monthIndex(c.month) + by) }));
    expect(shifted(april, 0)).toEqual(shifted(march, 1));
    expect(shifted(march, 0).length).toBeGreaterThan(1000);
    const stockOf = (d: Dataset) => d.stock.filter((l) => !seasonal.has(l.partId) && l.stationId !== depot);
    expect(stockOf(april)).toEqual(stockOf(march));
    const linesOf = (d: Dataset, by: number) => (d.demandLines ?? []).filter((l) => !seasonal.has(l.partId))
      .map((l) => ({ ...l, month: monthOf(monthIndex(l.month) + by), recordedAt: l.recordedAt.slice(7) }));
    expect(linesOf(april, 0)).toEqual(linesOf(march, 1));
    // The seasonal parts do follow the calendar: their months moved, their quantities are not the same sequence.
    expect(april.consumption.filter((c) => seasonal.has(c.partId)).map((c) => c.month)).toContain('2027-03');
  });

  it('has demand lines for the last months of history: issued units sum to the month, the rest is its shortfall', () => {
    const lines = dataset.demandLines ?? [];
    const recent = historyMonths(dataset.asOf, DEMAND_LINE_MONTHS);
    expect([...new Set(lines.map((l) => l.month))].sort()).toEqual(recent);
    const depot = dataset.stations.find((s) => s.kind === 'DEPOT')!;
    expect(lines.filter((l) => l.stationId === depot.id)).toEqual([]);
    const byRow = new Map<string, { issued: number; short: number }>();
    expect(lines.filter((l) => !(l.issued > 0) || l.requested < l.issued || l.recordedAt.slice(0, 7) !== l.month)).toEqual([]);
    for (const l of lines) {
      const key = `${l.stationId}|${l.partId}|${l.month}`;
      const row = byRow.get(key) ?? { issued: 0, short: 0 };
      row.issued += l.issued;
      row.short += l.requested - l.issued;
      byRow.set(key, row);
    }
    const rows = dataset.consumption.filter((c) => c.stationId !== depot.id && recent.includes(c.month));
    expect(rows.length).toBe(byRow.size);
    const off = (a: number, b: number) => Math.abs(a - b) > 5e-4;
    expect(rows.filter((c) => {
      const row = byRow.get(`${c.stationId}|${c.partId}|${c.month}`);
      return !row || off(row.issued, c.quantity) || off(row.short, c.shortfall ?? 0);
    })).toEqual([]);
    expect(rows.some((c) => (c.shortfall ?? 0) > 0)).toBe(true);
    // every station misses some lines at the first asking, but serves most of them
    for (const s of dataset.stations.filter((x) => x.kind !== 'DEPOT')) {
      const own = lines.filter((l) => l.stationId === s.id);
      const filled = own.filter((l) => l.requested === l.issued).length / own.length;
      expect(filled).toBeGreaterThan(0.8);
      expect(filled).toBeLessThan(1);
    }
  });

  it('produces the default counts and station layout', () => {
    expect(dataset.asOf).toBe(defaultAsOf());
    expect(dataset.parts.length).toBeGreaterThanOrEqual(2000);
    expect(dataset.vehicleModels.length).toBeGreaterThanOrEqual(12);
    expect(dataset.suppliers.length).toBeGreaterThanOrEqual(6);
    expect(dataset.stations.length).toBeGreaterThanOrEqual(3);
    for (const station of dataset.stations.filter((s) => s.kind !== 'DEPOT')) {
      expect(station.warehouses.map((w) => w.code)).toEqual(['MAIN', 'QUICK']);
      for (const warehouse of station.warehouses) {
        expect(warehouse.bins.filter((b) => b.quarantine).map((b) => b.code)).toEqual(['QC-01']);
        expect(warehouse.bins.filter((b) => !b.quarantine).length).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it('uses unique UUID-formatted ids', () => {
    const ids = [
      ...dataset.vehicleModels.map((m) => m.id),
      ...dataset.parts.map((p) => p.id),
      ...dataset.suppliers.map((s) => s.id),
      ...dataset.stations.flatMap((s) => [s.id, ...s.warehouses.flatMap((w) => [w.id, ...w.bins.map((b) => b.id)])]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(ids.filter((id) => !uuid.test(id))).toEqual([]);
  });

  it('has Chery-style, unique normalised part numbers', () => {
    const pattern = /^[A-Z][0-9A-Z]{2}-\d{7}[A-Z]{0,2}$/;
    expect(dataset.parts.filter((p) => !pattern.test(p.partNo)).map((p) => p.partNo)).toEqual([]);
    const normalised = dataset.parts.map((p) => normalisePartNo(p.partNo));
    expect(new Set(normalised).size).toBe(normalised.length);
  });

  it('has unique barcodes with valid EAN-13 check digits', () => {
    const barcodes = dataset.parts.map((p) => p.barcode).filter((b): b is string => b !== null);
    expect(barcodes.length).toBeGreaterThan(dataset.parts.length * 0.9);
    expect(new Set(barcodes).size).toBe(barcodes.length);
    expect(barcodes.every(isValidEan13)).toBe(true);
    expect(isValidEan13('6901234567892')).toBe(true);
    expect(isValidEan13('6901234567893')).toBe(false);
  });

  it('orders price tiers internal < wholesale < insurance ≤ member < retail ≤ hqCap', () => {
    const money = /^\d+\.\d{2}$/;
    const wellOrdered = ({ prices }: SeedPart): boolean => {
      const tiers = [prices.internal, prices.wholesale, prices.insurance, prices.member, prices.retail];
      if (![...tiers, prices.hqCap ?? '0.00'].every((v) => money.test(v))) return false;
      const [internal, wholesale, insurance, member, retail] = tiers.map(Number);
      const capOk = prices.hqCap === null || Number(prices.hqCap) >= Math.max(internal, wholesale, insurance, member, retail);
      return internal > 0 && internal < wholesale && wholesale < insurance && insurance <= member && member < retail && capOk;
    };
    expect(dataset.parts.filter((p) => !wellOrdered(p)).map((p) => [p.partNo, p.prices])).toEqual([]);
    const capShare = dataset.parts.filter((p) => p.prices.hqCap !== null).length / dataset.parts.length;
    expect(capShare).toBeGreaterThan(0.85);
    expect(capShare).toBeLessThan(0.95);
  });

  it('supersedes ~2% of parts by existing, non-superseded parts of the same kind', () => {
    const byId = new Map(dataset.parts.map((p) => [p.id, p]));
    const superseded = dataset.parts.filter((p) => p.supersededById !== null);
    expect(superseded.length / dataset.parts.length).toBeGreaterThan(0.01);
    expect(superseded.length / dataset.parts.length).toBeLessThan(0.03);
    for (const p of superseded) {
      const target = byId.get(p.supersededById!);
      expect(target).toBeDefined();
      expect(target!.id).not.toBe(p.id);
      expect(target!.supersededById).toBeNull();
      expect(target!.name).toBe(p.name);
    }
  });

  it('references existing vehicle models and suppliers', () => {
    const modelIds = new Set(dataset.vehicleModels.map((m) => m.id));
    const badFitment = dataset.parts.filter((p) => {
      const ids = p.compatibleModelIds;
      return ids.length < 1 || ids.length > 5 || new Set(ids).size !== ids.length || !ids.every((id) => modelIds.has(id));
    });
    expect(badFitment.map((p) => p.partNo)).toEqual([]);
    const supplierIds = new Set(dataset.suppliers.map((s) => s.id));
    expect(dataset.supplierParts.filter((sp) => !supplierIds.has(sp.supplierId))).toEqual([]);
    const suppliersPerPart = new Map<string, number>();
    const depotSupplier = dataset.suppliers.find((x) => x.depotStationId)!.id;
    for (const sp of dataset.supplierParts.filter((x) => x.supplierId !== depotSupplier)) suppliersPerPart.set(sp.partId, (suppliersPerPart.get(sp.partId) ?? 0) + 1);
    const badSupply = dataset.parts.filter((p) => ![1, 2].includes(suppliersPerPart.get(p.id) ?? 0));
    expect(badSupply.map((p) => p.partNo)).toEqual([]);
  });

  it('keeps consumption inside the 24-month window and on the unit precision grid', () => {
    const months = new Set(historyMonths(dataset.asOf, 24));
    const asOf = monthIndex(dataset.asOf);
    expect(months.has(monthOf(asOf - 24))).toBe(true);
    expect(months.has(monthOf(asOf - 1))).toBe(true);
    expect(months.has(monthOf(asOf))).toBe(false);
    expect(months.has(monthOf(asOf - 25))).toBe(false);
    expect(historyMonths('2027-03-01', 24)[0]).toBe('2025-03');
    expect(historyMonths('2027-03-01', 24).at(-1)).toBe('2027-02');
    const partById = new Map(dataset.parts.map((p) => [p.id, p]));
    const bad = dataset.consumption.filter(
      (c) => !months.has(c.month) || !(c.quantity > 0) || !respectsPrecision(c.quantity, partById.get(c.partId)!.unitPrecision),
    );
    expect(bad).toEqual([]);
    expect(dataset.consumption.some((c) => !Number.isInteger(c.quantity))).toBe(true);
  });

  it('gives dead-stock parts no demand in the last 12 months', () => {
    const lastYear = new Set(historyMonths(dataset.asOf, 12));
    const none = new Set(dataset.parts.filter((p) => p.demandProfile === 'NONE').map((p) => p.id));
    const recent = dataset.consumption.filter((c) => none.has(c.partId) && lastYear.has(c.month));
    expect(recent).toEqual([]);
  });

  it('places non-negative opening stock in non-quarantine bins of the right station', () => {
    const partById = new Map(dataset.parts.map((p) => [p.id, p]));
    const binOwner = new Map<string, { stationId: string; warehouseId: string; quarantine: boolean }>();
    for (const s of dataset.stations) {
      for (const w of s.warehouses) for (const b of w.bins) binOwner.set(b.id, { stationId: s.id, warehouseId: w.id, quarantine: b.quarantine });
    }
    const bad = dataset.stock.filter((row) => {
      const owner = binOwner.get(row.binId);
      return !owner || owner.quarantine || owner.stationId !== row.stationId || owner.warehouseId !== row.warehouseId
        || !(row.onHand > 0) || !respectsPrecision(row.onHand, partById.get(row.partId)!.unitPrecision);
    });
    expect(bad).toEqual([]);
    expect(new Set(dataset.stock.map((r) => `${r.partId}|${r.binId}`)).size).toBe(dataset.stock.length);
    const stockedNone = new Set(dataset.stock.filter((r) => partById.get(r.partId)!.demandProfile === 'NONE').map((r) => r.partId));
    expect(stockedNone.size).toBeGreaterThan(0);
  });

  it('mixes demand profiles roughly as specified', () => {
    const expected = { SMOOTH: 0.15, ERRATIC: 0.15, INTERMITTENT: 0.35, LUMPY: 0.2, SEASONAL: 0.1, NONE: 0.05 };
    for (const [profile, share] of Object.entries(expected)) {
      const actual = dataset.parts.filter((p) => p.demandProfile === profile).length / dataset.parts.length;
      expect(Math.abs(actual - share)).toBeLessThan(0.05);
    }
  });

  it('contains the fixtures the search tests rely on', () => {
    const tiggo7 = dataset.vehicleModels.find((m) => m.name === '瑞虎7')!;
    expect(tiggo7.nameEn).toBe('Tiggo 7');
    const oilFilter = partsNamed('机油滤清器').find((p) => p.nameEn === 'Oil filter' && p.compatibleModelIds.includes(tiggo7.id));
    expect(oilFilter).toBeDefined();
    expect(oilFilter!.demandProfile).toBe('SMOOTH');
    expect(partsNamed('前刹车片').length).toBeGreaterThan(0);
    expect(partsNamed('防冻液').some((p) => p.unitPrecision > 0 && p.unit === 'L')).toBe(true);
    expect(partsNamed('机油').some((p) => p.unitPrecision > 0)).toBe(true);
    expect(new Set(dataset.parts.map((p) => p.name)).size).toBeGreaterThanOrEqual(60);
    expect(dataset.parts.some((p) => p.partNo.includes('1109'))).toBe(true);
  });

  it('has one depot (HQ\'s 备品部) with its supplier, stock for the parts the stations move and their demand as its history', () => {
    const depots = dataset.stations.filter((s) => s.kind === 'DEPOT');
    expect(depots).toHaveLength(1);
    const depot = depots[0];
    expect(dataset.stations[dataset.stations.length - 1]).toBe(depot);
    const supplier = dataset.suppliers.find((s) => s.depotStationId === depot.id)!;
    expect(supplier).toBeDefined();
    const stocked = dataset.stock.filter((l) => l.stationId === depot.id);
    expect(stocked.length).toBeGreaterThan(dataset.parts.length / 2);
    expect(dataset.supplierParts.filter((s) => s.supplierId === supplier.id).every((s) => s.unitPrice === dataset.parts.find((p) => p.id === s.partId)!.prices.wholesale)).toBe(true);
    const part = dataset.consumption.find((c) => c.stationId !== depot.id)!;
    const network = dataset.consumption.filter((c) => c.stationId !== depot.id && c.partId === part.partId && c.month === part.month).reduce((s, c) => s + c.quantity, 0);
    expect(dataset.consumption.find((c) => c.stationId === depot.id && c.partId === part.partId && c.month === part.month)!.quantity).toBeCloseTo(network, 3);
  });

  it('handles a benchmark-sized catalog with a bounded consumption subset', () => {
    const big = generateDataset({ parts: 21000, stations: 1, months: 6 });
    expect(big.parts.length).toBe(21000);
    expect(new Set(big.parts.map((p) => normalisePartNo(p.partNo))).size).toBe(21000);
    const partsWithHistory = new Set([...big.consumption.map((c) => c.partId), ...big.stock.map((s) => s.partId)]);
    expect(partsWithHistory.size).toBeLessThanOrEqual(20000);
    // Part N does not depend on the catalog size (only supersession links may differ).
    const withoutLink = ({ supersededById, ...rest }: SeedPart) => rest;
    expect(withoutLink(big.parts[1234])).toEqual(withoutLink(dataset.parts[1234]));
  });
});
