/**
 * What the demo day (scripts/demo-day.ts) creates at each station, picked
 * from the demo dataset alone — so the same demo (`asOf`) always gives the
 * same documents, on the same parts and bins, with the same idempotency keys.
 * Every part a station's documents use is used by one story only, so the
 * stories' quantities are each one story's and the ledger reads simply.
 */
import type { Dataset, SeedPart, SeedStation, SeedStockLevel, SeedVinPattern } from '../seeds/dataset';

export interface PlannedLine { partId: string; partNo: string; binId: string; warehouseId: string; onHand: number }

export interface StationPlan {
  station: SeedStation;
  /** The station's main warehouse (its documents) and its quick-service store (the open stocktake). */
  main: string;
  quick: string;
  /** Where this station's inbound swaps come from (the previous station in a ring). */
  source: { station: SeedStation; main: string; listing: PlannedLine & { quantity: number; unitPrice: string } };
  repairOrders: { key: string; plate: string; vin: string; vehicleModelId: string; lines: { line: PlannedLine; quantity: number }[]; target: 'OPEN' | 'RETURNED' | 'SHORTFALL' | 'COMPLETED' | 'SETTLED' }[];
  sales: { key: string; customerType: 'WALK_IN' | 'MEMBER'; customerName: string | null; lines: { line: PlannedLine; quantity: number }[]; returnOne: boolean }[];
  lostSale: { key: string; partId: string; quantity: number };
  writeOff: { line: PlannedLine; quantity: number; reason: string };
  /** Offered to the next station (which requests two swaps of it). */
  listing: PlannedLine & { quantity: number; unitPrice: string };
  purchaseOrders: { key: string; note: string; supplierId: string; lines: { line: PlannedLine; quantity: number }[]; target: 'DRAFT' | 'SUBMITTED' | 'PARTIALLY_RECEIVED' }[];
  depotOrders: { key: string; note: string; lines: { line: PlannedLine; quantity: number }[]; target: 'SUBMITTED' | 'SHIPPED' }[];
}

const PLATE_PREFIX: Record<string, string> = { BJ: '京A', SH: '沪A', GZ: '粤A' };

/** A deterministic pseudo-random sequence (mulberry32), so picks spread over the catalogue without Math.random. */
function sequence(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';

export function planDemoDay(data: Dataset): StationPlan[] {
  const parts = new Map(data.parts.map((p) => [p.id, p]));
  const depot = data.stations.find((s) => s.kind === 'DEPOT');
  const depotSupplier = data.suppliers.find((s) => s.depotStationId && s.depotStationId === depot?.id);
  const stations = data.stations.filter((s) => s.kind !== 'DEPOT');
  const levelsAt = new Map<string, SeedStockLevel[]>();
  for (const l of data.stock) levelsAt.set(`${l.stationId}|${l.partId}`, [...(levelsAt.get(`${l.stationId}|${l.partId}`) ?? []), l]);
  const depotOnHand = (partId: string) => (depot ? (levelsAt.get(`${depot.id}|${partId}`) ?? []).reduce((s, l) => s + l.onHand, 0) : 0);
  const offers = new Map<string, string[]>(); // supplierId → part ids
  for (const sp of [...data.supplierParts].sort((a, b) => a.partId.localeCompare(b.partId))) offers.set(sp.supplierId, [...(offers.get(sp.supplierId) ?? []), sp.partId]);
  const plain = (p: SeedPart | undefined): p is SeedPart => !!p && p.unitPrecision === 0 && !p.supersededById;

  // Per station: whole-unit, current parts held in exactly one bin of the main warehouse (one level tells the part's story).
  const pools = new Map<string, PlannedLine[]>();
  for (const s of stations) {
    const main = s.warehouses.find((w) => w.code === 'MAIN') ?? s.warehouses[0];
    const pool: PlannedLine[] = [];
    for (const l of data.stock) {
      if (l.stationId !== s.id || l.warehouseId !== main.id) continue;
      const p = parts.get(l.partId);
      if (!plain(p) || levelsAt.get(`${s.id}|${l.partId}`)!.length !== 1) continue;
      pool.push({ partId: l.partId, partNo: p.partNo, binId: l.binId, warehouseId: l.warehouseId, onHand: l.onHand });
    }
    pools.set(s.id, pool.sort((a, b) => a.partId.localeCompare(b.partId)));
  }
  const used = new Set<string>(); // station|part already given to a story
  const take = (stationId: string, want: (l: PlannedLine) => boolean, rnd: () => number): PlannedLine => {
    const pool = pools.get(stationId)!.filter((l) => !used.has(`${stationId}|${l.partId}`) && want(l));
    if (!pool.length) throw new Error(`demo day: no part left at station ${stationId} for a story`);
    const l = pool[Math.floor(rnd() * pool.length)];
    used.add(`${stationId}|${l.partId}`);
    return l;
  };
  const vinsByModel = [...data.vinPatterns].sort((a, b) => a.prefix.localeCompare(b.prefix));

  const plans: StationPlan[] = [];
  // Listings first: each station's listing is also what the next station swaps from.
  const listings = new Map<string, StationPlan['listing']>();
  for (const s of stations) {
    const rnd = sequence(0x5eed + s.code.charCodeAt(0) * 31 + s.code.charCodeAt(1));
    // Slow movers make a plausible surplus: no modelled demand, a good stock.
    const l = take(s.id, (x) => x.onHand >= 10 && parts.get(x.partId)!.demandProfile === 'NONE', rnd);
    const p = parts.get(l.partId)!;
    const price = p.prices.hqCap && Number(p.prices.hqCap) < Number(p.prices.wholesale) ? p.prices.hqCap : p.prices.wholesale;
    listings.set(s.id, { ...l, quantity: 6, unitPrice: price });
  }
  stations.forEach((s, i) => {
    const code = s.code;
    const rnd = sequence(0xd3a0 + i * 7919);
    const main = s.warehouses.find((w) => w.code === 'MAIN') ?? s.warehouses[0];
    const quick = s.warehouses.find((w) => w.code !== main.code) ?? main;
    const source = stations[(i + stations.length - 1) % stations.length];
    const stocked = (x: PlannedLine) => x.onHand >= 20;
    const key = (k: string) => `demo-day:${data.asOf}:${code}:${k}`;
    const plate = () => `${PLATE_PREFIX[code.slice(0, 2)] ?? '京A'}${Array.from({ length: 5 }, () => PLATE_CHARS[Math.floor(rnd() * PLATE_CHARS.length)]).join('')}`;
    const car = (): { vin: string; vehicleModelId: string } => {
      const v: SeedVinPattern = vinsByModel[Math.floor(rnd() * vinsByModel.length)];
      return { vin: v.exampleVin, vehicleModelId: v.vehicleModelId };
    };
    const ro = (k: string, target: StationPlan['repairOrders'][number]['target'], lines: { line: PlannedLine; quantity: number }[]) => ({ key: key(k), plate: plate(), ...car(), lines, target });
    const repairOrders: StationPlan['repairOrders'] = [
      ro('ro-open', 'OPEN', [{ line: take(s.id, stocked, rnd), quantity: 2 }, { line: take(s.id, stocked, rnd), quantity: 1 }]),
      ro('ro-returned', 'RETURNED', [{ line: take(s.id, stocked, rnd), quantity: 3 }]),
      // Asks for more than the bin holds: the rest becomes a shortfall and a shortage for the purchaser.
      ro('ro-shortfall', 'SHORTFALL', [(() => { const l = take(s.id, (x) => x.onHand >= 1 && x.onHand <= 3, rnd); return { line: l, quantity: l.onHand + 2 }; })()]),
      ro('ro-completed', 'COMPLETED', [{ line: take(s.id, stocked, rnd), quantity: 4 }, { line: take(s.id, stocked, rnd), quantity: 1 }]),
      ro('ro-settled', 'SETTLED', [{ line: take(s.id, stocked, rnd), quantity: 2 }]),
    ];
    const sales: StationPlan['sales'] = [
      { key: key('sale-walk-in'), customerType: 'WALK_IN', customerName: null, lines: [{ line: take(s.id, stocked, rnd), quantity: 1 }], returnOne: false },
      { key: key('sale-member'), customerType: 'MEMBER', customerName: '张先生', lines: [{ line: take(s.id, stocked, rnd), quantity: 2 }, { line: take(s.id, stocked, rnd), quantity: 4 }], returnOne: true },
    ];
    // A part the station does not stock at all: the counter could not serve it.
    const notStocked = data.parts.filter((p) => plain(p) && !levelsAt.has(`${s.id}|${p.id}`)).sort((a, b) => a.id.localeCompare(b.id));
    const lostSale = { key: key('lost-sale'), partId: notStocked[Math.floor(rnd() * notStocked.length)].id, quantity: 2 };
    const writeOff = { line: take(s.id, stocked, rnd), quantity: 1, reason: '包装破损受潮，无法销售' };

    // Purchasing: a supplier that offers parts the station stocks in the main warehouse (receivable into their bin).
    const suppliers = data.suppliers.filter((x) => !x.depotStationId).sort((a, b) => a.code.localeCompare(b.code));
    const offered = (supplierId: string) => (x: PlannedLine) => (offers.get(supplierId) ?? []).includes(x.partId);
    const supplier = suppliers.map((_, j) => suppliers[(i + j) % suppliers.length]).find((x) => pools.get(s.id)!.filter((l) => offered(x.id)(l) && !used.has(`${s.id}|${l.partId}`)).length >= 5)!;
    const po = (k: string, note: string, target: StationPlan['purchaseOrders'][number]['target'], n: number) => ({
      key: key(k), note, supplierId: supplier.id, target,
      lines: Array.from({ length: n }, (_, j) => ({ line: take(s.id, offered(supplier.id), rnd), quantity: 6 + 2 * j })),
    });
    const purchaseOrders: StationPlan['purchaseOrders'] = [
      po('po-draft', '月度补货（草稿，待采购员确认）', 'DRAFT', 2),
      po('po-sent', '常规补货（已发供应商）', 'SUBMITTED', 1),
      po('po-partial', '常规补货（部分到货，一件破损）', 'PARTIALLY_RECEIVED', 2),
    ];
    const depotOrders: StationPlan['depotOrders'] = [];
    if (depotSupplier) {
      const fromDepot = (min: number) => (x: PlannedLine) => (offers.get(depotSupplier.id) ?? []).includes(x.partId) && depotOnHand(x.partId) >= min;
      depotOrders.push({ key: key('depot-submitted'), note: '向总部备品部订货（待总部确认）', target: 'SUBMITTED', lines: [{ line: take(s.id, fromDepot(1), rnd), quantity: 4 }] });
      // One station also has an order the depot confirmed and shipped, on its way to be received.
      if (i === 0) depotOrders.push({ key: key('depot-shipped'), note: '向总部备品部订货（总部已发货，待验收）', target: 'SHIPPED', lines: [{ line: take(s.id, fromDepot(12), rnd), quantity: 3 }] });
    }
    const sourceMain = source.warehouses.find((w) => w.code === 'MAIN') ?? source.warehouses[0];
    plans.push({
      station: s, main: main.id, quick: quick.id,
      source: { station: source, main: sourceMain.id, listing: listings.get(source.id)! },
      repairOrders, sales, lostSale, writeOff, listing: listings.get(s.id)!, purchaseOrders, depotOrders,
    });
  });
  return plans;
}
