/**
 * Deterministic generator for the PartsGraph demo / benchmark dataset.
 *
 * Everything is derived from `options.seed` through small seeded PRNGs, so the
 * same options always give byte-identical output (no Math.random(); the clock
 * is read once, for the default `asOf` only). Each concern (models, parts, stations, consumption, ...)
 * draws from its own named stream, so e.g. station ids do not change when the
 * catalog size changes, and part N is the same part whatever the total count
 * (only the supersession links and the consumption subset depend on it).
 *
 * The catalog imitates a Chery-style after-sales network: part numbers like
 * `T11-3707110CA` (platform prefix, 4-digit system group, 3-digit item,
 * optional letter suffix), Tiggo / Arrizo vehicle models, 4S-shop stations
 * with a main and a quick-repair warehouse, and 24 months of consumption
 * shaped by a demand profile per part.
 */
import { normalisePartNo } from '../subgraphs/shared/src/part-number';
import type {
  Dataset,
  GenerateOptions,
  SeedConsumption,
  SeedDemandLine,
  SeedPart,
  SeedStation,
  SeedStockLevel,
  SeedSupplier,
  SeedSupplierPart,
  SeedVehicleModel,
  SeedVinPattern,
  SeedWarehouse,
} from './dataset';

type DemandProfile = SeedPart['demandProfile'];
type Season = 'SUMMER' | 'WINTER' | 'RAINY';

const DEFAULTS = { seed: 20261123, parts: 2000, stations: 3, months: 24 };

/**
 * The demo's dates are relative to the day it is generated: by default `asOf`
 * is the first day of the current month (UTC), so the history ends with last
 * month whenever the demo is loaded. Everything else is drawn from the seed:
 * another asOf gives the same parts, stations, stock and quantities with the
 * months shifted (seasonal parts keep to their calendar season).
 */
export function defaultAsOf(now: Date = new Date()): string {
  return `${now.getUTCFullYear()}-${pad2(now.getUTCMonth() + 1)}-01`;
}

const AS_OF = /^(\d{4})-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?$/;

/** "2027-03" or "2027-03-01" → "2027-03-01"; the history is whole months, so asOf is the first day of one. */
export function normaliseAsOf(asOf: string): string {
  const m = AS_OF.exec(asOf);
  if (!m) throw new Error(`asOf must look like 2027-03-01 (got "${asOf}")`);
  return `${m[1]}-${m[2]}-01`;
}

/**
 * For big catalogs (the 100k-part benchmark) a station realistically only
 * moves a fraction of the catalog, and generating history for every part
 * would cost millions of rows. So consumption and opening stock are generated
 * for at most this many "active" parts per station (always including the
 * search fixtures); the remaining parts have no history and no stock there.
 */
const MAX_ACTIVE_PARTS_PER_STATION = 20000;

/**
 * The last this many months of history also have their demand lines (what
 * procurement's first-time fill rate counts), so the depot's station
 * scorecards and the KPIs have a fill rate for the months a manager looks at.
 */
export const DEMAND_LINE_MONTHS = 3;

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/** FNV-1a, used only to turn a stream label into a seed word. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: spreads a 32-bit value so nearby seeds give unrelated states. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * sfc32 — a small PRNG like mulberry32 but with a 128-bit state. mulberry32's
 * 32-bit state would make ids from different streams collide after a few
 * hundred thousand draws; sfc32's streams practically never overlap.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, label: string) {
    const h = hashString(label);
    this.a = splitmix32(seed ^ h);
    this.b = splitmix32(this.a ^ 0x243f6a88);
    this.c = splitmix32(this.b ^ h);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of entries) {
      r -= w;
      if (r < 0) return value;
    }
    return entries[entries.length - 1][0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Poisson; Knuth for small means, normal approximation for large ones. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.next();
    while (p > limit) {
      k++;
      p *= this.next();
    }
    return k;
  }

  /** Random UUID in the version-4 layout, but reproducible from the stream. */
  uuid(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    const w0 = this.nextUint32();
    const w1 = (this.nextUint32() & 0xffff0fff) | 0x00004000; // version nibble
    const w2 = (this.nextUint32() & 0x3fffffff) | 0x80000000; // RFC 4122 variant
    const w3 = this.nextUint32();
    const s = hex(w0) + hex(w1 >>> 0) + hex(w2 >>> 0) + hex(w3);
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
  }
}

// ---------------------------------------------------------------------------
// Small pure helpers (exported for tests and loaders)
// ---------------------------------------------------------------------------


/** EAN-13 check digit for the first 12 digits. */
export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** The `months` months before asOf, oldest first, as "YYYY-MM". */
export function historyMonths(asOf: string, months: number): string[] {
  const [year, month] = asOf.split('-').map(Number);
  const endIndex = year * 12 + (month - 1); // the asOf month itself is excluded
  const result: string[] = [];
  for (let i = endIndex - months; i < endIndex; i++) {
    result.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return result;
}

function roundTo(value: number, precision: number): number {
  const f = 10 ** precision;
  return Math.round(value * f) / f;
}

function formatCents(cents: number): string {
  return (cents / 100).toFixed(2);
}

// ---------------------------------------------------------------------------
// Reference data: vehicle models and platforms
// ---------------------------------------------------------------------------

const MODELS: readonly Omit<SeedVehicleModel, 'id'>[] = [
  { code: 'T11', series: 'Tiggo', name: '瑞虎3', nameEn: 'Tiggo 3', yearFrom: 2014, yearTo: 2021 },
  { code: 'T21', series: 'Tiggo', name: '瑞虎5', nameEn: 'Tiggo 5', yearFrom: 2014, yearTo: 2019 },
  { code: 'T17', series: 'Tiggo', name: '瑞虎5x', nameEn: 'Tiggo 5x', yearFrom: 2017, yearTo: null },
  { code: 'T15', series: 'Tiggo', name: '瑞虎7', nameEn: 'Tiggo 7', yearFrom: 2016, yearTo: null },
  { code: 'T1E', series: 'Tiggo', name: '瑞虎7 PLUS', nameEn: 'Tiggo 7 Plus', yearFrom: 2021, yearTo: null },
  { code: 'T18', series: 'Tiggo', name: '瑞虎8', nameEn: 'Tiggo 8', yearFrom: 2018, yearTo: null },
  { code: 'T1D', series: 'Tiggo', name: '瑞虎8 PRO', nameEn: 'Tiggo 8 Pro', yearFrom: 2021, yearTo: null },
  { code: 'T19', series: 'Tiggo', name: '瑞虎8 PLUS', nameEn: 'Tiggo 8 Plus', yearFrom: 2021, yearTo: null },
  { code: 'T22', series: 'Tiggo', name: '瑞虎9', nameEn: 'Tiggo 9', yearFrom: 2023, yearTo: null },
  { code: 'A13', series: 'Arrizo', name: '艾瑞泽3', nameEn: 'Arrizo 3', yearFrom: 2015, yearTo: 2018 },
  { code: 'M1D', series: 'Arrizo', name: '艾瑞泽5', nameEn: 'Arrizo 5', yearFrom: 2016, yearTo: null },
  { code: 'M1E', series: 'Arrizo', name: '艾瑞泽5 PLUS', nameEn: 'Arrizo 5 Plus', yearFrom: 2021, yearTo: null },
  { code: 'M1F', series: 'Arrizo', name: '艾瑞泽GX', nameEn: 'Arrizo GX', yearFrom: 2018, yearTo: 2022 },
  { code: 'M11', series: 'Arrizo', name: '艾瑞泽7', nameEn: 'Arrizo 7', yearFrom: 2013, yearTo: 2019 },
  { code: 'M36', series: 'Arrizo', name: '艾瑞泽8', nameEn: 'Arrizo 8', yearFrom: 2022, yearTo: null },
];

/**
 * Part-number prefixes are platform codes; a part only fits models of its
 * platform, which keeps compatibility believable (a T19 part fits Tiggo 8s).
 * The first model of each list is the platform's "own" model.
 */
const PLATFORMS: Readonly<Record<string, readonly string[]>> = {
  A11: ['A13', 'M1D', 'T11', 'M1F', 'T17'],
  B11: ['M11', 'T21', 'T18'],
  S11: ['A13', 'T11', 'M1D'],
  T11: ['T11', 'T21', 'T17'],
  T15: ['T15', 'T1E', 'T17', 'T18'],
  T19: ['T19', 'T1D', 'T18', 'T22'],
  T21: ['T21', 'T17', 'T15'],
  J69: ['M1D', 'M1E', 'M1F', 'A13'],
  M11: ['M11', 'M36', 'M1E'],
  T18: ['T18', 'T1D', 'T19', 'T22', 'T1E'],
  M1D: ['M1D', 'M1E', 'M1F'],
};
const PLATFORM_CODES = Object.keys(PLATFORMS);
/** Search fixtures (the first instance of every kind) live on the Tiggo 7 platform. */
const FIXTURE_PLATFORM = 'T15';

// ---------------------------------------------------------------------------
// Reference data: part kinds
// ---------------------------------------------------------------------------

interface PartKind {
  name: string;
  nameEn: string;
  category: string;
  unit: string;
  precision: number;
  /** 4-digit system group and base 3-digit item of the part number. */
  group: string;
  item: number;
  /** Typical retail price range in CNY. */
  price: readonly [number, number];
  /** Profiles this kind can have; the first one is the typical one. */
  profiles: readonly DemandProfile[];
  season?: Season;
  /** Typical monthly jobs per station for fast movers (SMOOTH/ERRATIC/SEASONAL). */
  rate: number;
  /** Quantity used per job (litres for liquids, 4 spark plugs, ...). */
  perJob: number;
  pack: number;
  moq: number;
  brands: readonly string[];
  specs: readonly string[];
  /** Body panels and lamps fit one or two models; mechanical parts are shared. */
  specific: boolean;
  sided: boolean;
}

const FILTER_BRANDS = ['奇瑞原厂', 'Mann', 'Bosch'];
const OEM_BRANDS = ['奇瑞原厂', '开瑞'];
const ENGINES = ['1.5L', '1.5T', '1.6T', '2.0T'];

/** Compact kind builder so the table below stays one line per kind. */
function kind(
  name: string,
  nameEn: string,
  category: string,
  code: string,
  price: readonly [number, number],
  profiles: readonly DemandProfile[],
  extra: Partial<PartKind> = {},
): PartKind {
  const [group, item] = code.split('-');
  return {
    name,
    nameEn,
    category,
    unit: '个',
    precision: 0,
    group,
    item: Number(item),
    price,
    profiles,
    rate: 4,
    perJob: 1,
    pack: 1,
    moq: 1,
    brands: OEM_BRANDS,
    specs: [],
    specific: false,
    sided: false,
    ...extra,
  };
}

const S: DemandProfile = 'SMOOTH';
const E: DemandProfile = 'ERRATIC';
const I: DemandProfile = 'INTERMITTENT';
const L: DemandProfile = 'LUMPY';
const SE: DemandProfile = 'SEASONAL';
const N: DemandProfile = 'NONE';

const BODY = { specific: true, brands: OEM_BRANDS } as const;
const LAMP = { specific: true, sided: true, brands: ['奇瑞原厂', 'Valeo'] } as const;
const FILTER = { pack: 10, moq: 10, brands: FILTER_BRANDS, specs: ENGINES } as const;

const KINDS: readonly PartKind[] = [
  // 滤清器
  kind('机油滤清器', 'Oil filter', '滤清器', '1012-010', [25, 80], [S, E, N], { ...FILTER, rate: 40 }),
  kind('空气滤清器', 'Air filter', '滤清器', '1109-111', [40, 120], [S, E, I, N], { ...FILTER, rate: 25 }),
  kind('空调滤清器', 'Cabin air filter', '滤清器', '8107-910', [30, 120], [S, E, I, N], { ...FILTER, rate: 25, specs: ['普通型', '活性炭', 'PM2.5'] }),
  kind('燃油滤清器', 'Fuel filter', '滤清器', '1117-110', [35, 150], [E, S, I, N], { ...FILTER, rate: 8 }),
  kind('变速箱滤清器', 'Transmission filter', '滤清器', '1701-310', [60, 220], [I, L, N], { ...FILTER, pack: 5, moq: 5, specs: ['CVT', '6DCT', '7DCT'] }),
  // 制动系统
  kind('前刹车片', 'Front brake pads', '制动系统', '3501-080', [180, 480], [S, E, I, N], { unit: '套', rate: 12, brands: ['奇瑞原厂', 'Bosch', '开瑞'], specs: ['陶瓷', '半金属'] }),
  kind('后刹车片', 'Rear brake pads', '制动系统', '3502-080', [150, 420], [E, S, I, N], { unit: '套', rate: 8, brands: ['奇瑞原厂', 'Bosch', '开瑞'], specs: ['陶瓷', '半金属'] }),
  kind('刹车盘', 'Brake disc', '制动系统', '3501-075', [220, 650], [I, E, L, N], { unit: '只', rate: 5, brands: ['奇瑞原厂', 'Bosch'], specs: ['前', '后'] }),
  kind('制动卡钳', 'Brake caliper', '制动系统', '3501-050', [450, 1200], [L, I, N], { specs: ['前左', '前右', '后左', '后右'] }),
  kind('制动总泵', 'Brake master cylinder', '制动系统', '3505-010', [380, 900], [L, I, N]),
  kind('手刹拉线', 'Parking brake cable', '制动系统', '3508-010', [80, 220], [I, L, N], { unit: '条', sided: true }),
  kind('ABS轮速传感器', 'ABS wheel speed sensor', '制动系统', '3550-110', [150, 420], [I, E, N], { brands: ['奇瑞原厂', 'Bosch'], specs: ['前左', '前右', '后左', '后右'] }),
  kind('制动软管', 'Brake hose', '制动系统', '3506-050', [45, 130], [I, N], { unit: '条', specs: ['前', '后'] }),
  // 点火系统
  kind('火花塞', 'Spark plug', '点火系统', '3707-110', [25, 90], [S, E, N], { unit: '只', rate: 20, perJob: 4, pack: 4, moq: 4, brands: ['NGK', 'Bosch', '奇瑞原厂'], specs: ['铱金', '铂金', '镍合金'] }),
  kind('点火线圈', 'Ignition coil', '点火系统', '3705-110', [180, 450], [I, E, N], { brands: ['奇瑞原厂', 'Bosch'], specs: ENGINES }),
  kind('高压线', 'Ignition cable set', '点火系统', '3707-130', [90, 260], [I, N], { unit: '套', brands: ['奇瑞原厂', 'NGK'] }),
  kind('曲轴位置传感器', 'Crankshaft position sensor', '点火系统', '3611-010', [120, 320], [I, L, N], { brands: ['奇瑞原厂', 'Bosch'] }),
  // 冷却系统
  kind('防冻液', 'Coolant', '油液', '1300-050', [18, 45], [SE, E, N], { unit: 'L', precision: 1, season: 'SUMMER', rate: 10, perJob: 6, pack: 4, moq: 4, brands: ['奇瑞原厂', '开瑞'], specs: ['-25℃', '-35℃', '-45℃'] }),
  kind('水泵', 'Water pump', '冷却系统', '1307-010', [260, 720], [I, E, L, N], { brands: ['奇瑞原厂', 'Bosch'], specs: ENGINES }),
  kind('节温器', 'Thermostat', '冷却系统', '1306-010', [90, 260], [I, L, N], { specs: ENGINES }),
  kind('散热器', 'Radiator', '冷却系统', '1301-110', [600, 1500], [L, I, N]),
  kind('散热器上水管', 'Radiator upper hose', '冷却系统', '1303-110', [45, 140], [I, L, N], { unit: '条' }),
  kind('散热器下水管', 'Radiator lower hose', '冷却系统', '1303-120', [45, 140], [I, L, N], { unit: '条' }),
  kind('电子风扇总成', 'Cooling fan assembly', '冷却系统', '1308-010', [500, 1300], [L, SE, N], { season: 'SUMMER' }),
  kind('膨胀水箱', 'Coolant expansion tank', '冷却系统', '1311-010', [80, 220], [I, L, N]),
  // 空调系统
  kind('空调压缩机', 'A/C compressor', '空调系统', '8103-010', [1800, 4200], [SE, L, N], { season: 'SUMMER', rate: 1.2, brands: ['奇瑞原厂', 'Valeo'] }),
  kind('空调冷凝器', 'A/C condenser', '空调系统', '8105-010', [450, 1100], [SE, L, N], { season: 'SUMMER', rate: 1.5, brands: ['奇瑞原厂', 'Valeo'] }),
  kind('制冷剂', 'Refrigerant R134a', '空调系统', '8101-010', [60, 140], [SE, E, N], { unit: '瓶', season: 'SUMMER', rate: 12, pack: 12, moq: 12, brands: ['奇瑞原厂', '开瑞'], specs: ['R134a 500g', 'R1234yf 500g'] }),
  kind('膨胀阀', 'A/C expansion valve', '空调系统', '8105-150', [150, 380], [SE, I, N], { season: 'SUMMER', rate: 2, brands: ['奇瑞原厂', 'Valeo'] }),
  kind('鼓风机', 'Blower motor', '空调系统', '8107-130', [280, 650], [I, SE, N], { season: 'SUMMER', rate: 1.5, brands: ['奇瑞原厂', 'Valeo'] }),
  kind('空调皮带', 'A/C drive belt', '空调系统', '8104-010', [60, 180], [E, SE, I, N], { unit: '条', season: 'SUMMER', rate: 4 }),
  // 发动机
  kind('正时皮带', 'Timing belt', '发动机', '1025-010', [160, 420], [I, E, N], { unit: '条', rate: 4, brands: ['奇瑞原厂', 'Bosch'], specs: ENGINES }),
  kind('正时皮带张紧轮', 'Timing belt tensioner', '发动机', '1025-050', [120, 360], [I, L, N], { specs: ENGINES }),
  kind('正时套件', 'Timing belt kit', '发动机', '1025-100', [450, 1100], [I, L, N], { unit: '套', specs: ENGINES }),
  kind('多楔带', 'Serpentine belt', '发动机', '1025-200', [60, 180], [E, I, N], { unit: '条', rate: 4 }),
  kind('气门室盖垫', 'Valve cover gasket', '发动机', '1003-030', [40, 120], [I, E, N], { specs: ENGINES }),
  kind('气缸垫', 'Cylinder head gasket', '发动机', '1003-080', [120, 380], [L, I, N], { specs: ENGINES }),
  kind('发动机悬置', 'Engine mount', '发动机', '1001-110', [220, 600], [I, L, N], { specs: ['左', '右', '后'] }),
  kind('曲轴前油封', 'Crankshaft front oil seal', '发动机', '1005-030', [25, 80], [I, N], { pack: 10, moq: 10 }),
  kind('喷油嘴', 'Fuel injector', '发动机', '1112-010', [220, 580], [I, L, N], { brands: ['奇瑞原厂', 'Bosch'], specs: ENGINES }),
  kind('节气门体', 'Throttle body', '发动机', '1129-010', [650, 1500], [L, I, N], { brands: ['奇瑞原厂', 'Bosch'] }),
  kind('氧传感器', 'Oxygen sensor', '发动机', '1205-110', [260, 680], [I, E, N], { brands: ['奇瑞原厂', 'Bosch'], specs: ['前氧', '后氧'] }),
  kind('油底壳密封垫', 'Oil pan gasket', '发动机', '1009-020', [35, 110], [I, N]),
  kind('机油放油螺栓', 'Oil drain plug', '发动机', '1009-050', [8, 25], [S, E, N], { rate: 15, pack: 20, moq: 20 }),
  // 油液
  kind('机油', 'Engine oil', '油液', '1010-001', [60, 140], [S, E, N], { unit: 'L', precision: 1, rate: 40, perJob: 4, pack: 4, moq: 4, brands: ['奇瑞原厂', 'Mobil', '开瑞'], specs: ['5W-30 SN 4L', '5W-40 SP 4L', '0W-20 SP 4L', '0W-40 SP 1L'] }),
  kind('变速箱油', 'Transmission fluid', '油液', '1701-020', [80, 180], [E, I, N], { unit: 'L', precision: 1, rate: 4, perJob: 5, pack: 4, moq: 4, specs: ['CVT 4L', 'DCT 4L', 'ATF 1L'] }),
  kind('刹车油', 'Brake fluid', '油液', '3540-010', [45, 120], [E, S, N], { unit: '瓶', rate: 8, pack: 12, moq: 12, specs: ['DOT4 1L', 'DOT4 500ml'] }),
  kind('玻璃水', 'Windshield washer fluid', '油液', '5207-010', [10, 35], [SE, E, N], { unit: '瓶', season: 'WINTER', rate: 20, pack: 12, moq: 12, specs: ['-15℃ 2L', '-30℃ 2L', '0℃ 2L'] }),
  kind('转向助力油', 'Power steering fluid', '油液', '3407-010', [40, 90], [I, N], { unit: 'L', precision: 1, perJob: 1, pack: 4, moq: 4 }),
  // 底盘
  kind('前减震器', 'Front shock absorber', '底盘', '2905-010', [350, 900], [I, L, N], { unit: '只', sided: true }),
  kind('后减震器', 'Rear shock absorber', '底盘', '2915-010', [300, 800], [I, L, N], { unit: '只', sided: true }),
  kind('下摆臂', 'Lower control arm', '底盘', '2904-010', [280, 700], [L, I, N], { sided: true }),
  kind('稳定杆连杆', 'Stabilizer link', '底盘', '2906-030', [60, 180], [E, I, N], { rate: 3, sided: true }),
  kind('转向横拉杆球头', 'Tie rod end', '底盘', '3003-050', [80, 220], [I, E, N], { sided: true }),
  kind('轮毂轴承', 'Wheel hub bearing', '底盘', '3001-015', [180, 480], [I, L, N], { specs: ['前', '后'] }),
  kind('传动轴防尘套', 'CV joint boot kit', '底盘', '2203-040', [60, 160], [I, N], { unit: '套', specs: ['内', '外'] }),
  kind('离合器片', 'Clutch disc', '底盘', '1601-030', [260, 620], [L, I, N]),
  kind('离合器压盘', 'Clutch pressure plate', '底盘', '1601-020', [320, 780], [L, I, N]),
  // 车身附件
  kind('前保险杠', 'Front bumper', '车身附件', '2803-010', [600, 1800], [L, I, N], BODY),
  kind('后保险杠', 'Rear bumper', '车身附件', '2804-010', [550, 1600], [L, I, N], BODY),
  kind('雨刮片', 'Wiper blade', '车身附件', '5206-110', [35, 120], [SE, E, S, N], { unit: '条', season: 'RAINY', rate: 14, pack: 10, moq: 10, brands: ['奇瑞原厂', 'Bosch', 'Valeo'], specs: ['主驾 24"', '副驾 16"', '后窗 12"', '无骨 一对'] }),
  kind('雨刮电机', 'Wiper motor', '车身附件', '5205-110', [260, 620], [I, L, N], { brands: ['奇瑞原厂', 'Valeo'] }),
  kind('外后视镜总成', 'Exterior mirror assembly', '车身附件', '8202-010', [380, 1200], [L, I, N], { ...BODY, sided: true }),
  kind('前翼子板', 'Front fender', '车身附件', '8403-010', [300, 800], [L, I, N], { ...BODY, sided: true }),
  kind('发动机盖', 'Hood', '车身附件', '8402-010', [800, 2200], [L, N], BODY),
  kind('中网', 'Front grille', '车身附件', '8401-010', [300, 950], [L, I, N], BODY),
  kind('车门外把手', 'Outer door handle', '车身附件', '6105-150', [60, 220], [I, L, N], { ...BODY, specs: ['前左', '前右', '后左', '后右'] }),
  kind('玻璃升降器', 'Window regulator', '车身附件', '6104-010', [180, 480], [I, L, N], { specs: ['前左', '前右', '后左', '后右'] }),
  kind('前挡风玻璃', 'Windshield', '车身附件', '5203-010', [700, 1800], [L, N], BODY),
  kind('车身卡扣', 'Body trim clip', '车身附件', '5401-015', [1, 6], [E, S, N], { rate: 30, pack: 50, moq: 50 }),
  // 照明
  kind('大灯总成', 'Headlamp assembly', '照明', '4121-010', [900, 3200], [I, L, N], LAMP),
  kind('尾灯总成', 'Tail lamp assembly', '照明', '4133-010', [380, 1200], [I, L, N], LAMP),
  kind('雾灯', 'Fog lamp', '照明', '4116-010', [120, 380], [I, L, N], LAMP),
  kind('大灯灯泡', 'Headlamp bulb', '照明', '4121-110', [25, 90], [E, S, N], { unit: '只', rate: 10, pack: 10, moq: 10, brands: ['奇瑞原厂', 'Bosch'], specs: ['H7 55W', 'H4 60/55W', 'H11 55W', 'LED'] }),
  kind('转向灯', 'Turn signal lamp', '照明', '4111-010', [60, 200], [I, L, N], LAMP),
  kind('高位刹车灯', 'High-mounted stop lamp', '照明', '4133-050', [80, 240], [I, N], { specific: true }),
  // 电器
  kind('蓄电池', 'Battery', '电器', '3703-010', [450, 1200], [SE, E, N], { season: 'WINTER', rate: 6, brands: ['奇瑞原厂', 'Varta', '风帆'], specs: ['45Ah', '60Ah', '70Ah AGM'] }),
  kind('发电机', 'Alternator', '电器', '3701-010', [900, 2200], [L, I, N], { brands: ['奇瑞原厂', 'Bosch', 'Valeo'], specs: ENGINES }),
  kind('起动机', 'Starter motor', '电器', '3708-010', [700, 1800], [L, I, N], { brands: ['奇瑞原厂', 'Bosch', 'Valeo'], specs: ENGINES }),
  kind('喇叭', 'Horn', '电器', '3721-010', [50, 160], [I, N], { specs: ['高音', '低音'] }),
  kind('保险丝', 'Fuse', '电器', '3722-110', [2, 8], [E, S, N], { rate: 12, pack: 10, moq: 10, specs: ['10A', '15A', '20A', '30A'] }),
  kind('继电器', 'Relay', '电器', '3735-010', [25, 80], [I, E, N], { pack: 5, moq: 5 }),
  kind('组合开关', 'Combination switch', '电器', '3774-010', [220, 560], [I, L, N]),
  kind('倒车雷达传感器', 'Parking sensor', '电器', '3616-010', [120, 320], [I, L, N], { brands: ['奇瑞原厂', 'Bosch', 'Valeo'] }),
];

/** Target share of each profile in the catalog (the brief's mix). */
const PROFILE_MIX: readonly (readonly [DemandProfile, number])[] = [
  ['SMOOTH', 0.15],
  ['ERRATIC', 0.15],
  ['INTERMITTENT', 0.35],
  ['LUMPY', 0.2],
  ['SEASONAL', 0.1],
  ['NONE', 0.05],
];

/** Kinds eligible for each profile, computed once. */
const KINDS_BY_PROFILE: ReadonlyMap<DemandProfile, readonly PartKind[]> = new Map(
  PROFILE_MIX.map(([profile]) => [profile, KINDS.filter((k) => k.profiles.includes(profile))]),
);

/** Multiplier per calendar month (index 0 = January). */
const SEASON_INDEX: Readonly<Record<Season, readonly number[]>> = {
  SUMMER: [0.3, 0.3, 0.4, 0.6, 1.0, 2.2, 2.8, 2.4, 1.0, 0.5, 0.3, 0.3],
  WINTER: [2.8, 2.0, 0.9, 0.5, 0.4, 0.4, 0.4, 0.4, 0.5, 0.8, 1.6, 2.6],
  RAINY: [0.5, 0.5, 0.6, 0.9, 1.5, 2.2, 2.4, 1.8, 1.0, 0.6, 0.5, 0.5],
};

// ---------------------------------------------------------------------------
// Stations, warehouses, suppliers
// ---------------------------------------------------------------------------

const STATION_TEMPLATES = [
  { code: 'BJ01', name: '北京奇瑞望京4S店', region: '华北', scale: 1.25 },
  { code: 'SH01', name: '上海奇瑞浦东4S店', region: '华东', scale: 1.1 },
  { code: 'GZ01', name: '广州奇瑞天河4S店', region: '华南', scale: 0.9 },
  { code: 'WH01', name: '芜湖奇瑞鸠江4S店', region: '华东', scale: 1.0 },
  { code: 'CD01', name: '成都奇瑞高新4S店', region: '西南', scale: 0.85 },
  { code: 'WU01', name: '武汉奇瑞汉阳4S店', region: '华中', scale: 0.8 },
  { code: 'XA01', name: '西安奇瑞曲江4S店', region: '西北', scale: 0.7 },
  { code: 'SY01', name: '沈阳奇瑞铁西4S店', region: '东北', scale: 0.7 },
  { code: 'SZ01', name: '深圳奇瑞南山4S店', region: '华南', scale: 0.95 },
  { code: 'HZ01', name: '杭州奇瑞滨江4S店', region: '华东', scale: 0.9 },
] as const;

const REGIONS = ['华北', '华东', '华南', '华中', '西南', '西北', '东北'];

const SUPPLIERS: readonly Omit<SeedSupplier, 'id'>[] = [
  { code: 'SUP-CPS', name: '奇瑞汽车零部件供应中心', leadTimeDays: 7 },
  { code: 'SUP-BOSCH', name: '博世汽车配件', leadTimeDays: 14 },
  { code: 'SUP-MANN', name: '曼胡默尔滤清器', leadTimeDays: 10 },
  { code: 'SUP-NGK', name: 'NGK火花塞（上海）', leadTimeDays: 12 },
  { code: 'SUP-VALEO', name: '法雷奥汽车空调', leadTimeDays: 30 },
  { code: 'SUP-RJ', name: '芜湖瑞鲸汽配物流', leadTimeDays: 3 },
];

/** Which supplier normally delivers a brand; unknown brands go via the Chery centre. */
const SUPPLIER_BY_BRAND: Readonly<Record<string, string>> = {
  Bosch: 'SUP-BOSCH',
  Mann: 'SUP-MANN',
  NGK: 'SUP-NGK',
  Valeo: 'SUP-VALEO',
};

// ---------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------

export function generateDataset(options: GenerateOptions = {}): Dataset {
  const given = stripUndefined(options);
  const opts = { ...DEFAULTS, ...given, asOf: normaliseAsOf(given.asOf ?? defaultAsOf()) };
  const months = historyMonths(opts.asOf, opts.months);

  const vehicleModels = generateModels(opts.seed);
  const parts = generateParts(opts.seed, opts.parts, vehicleModels);
  assignSupersessions(opts.seed, parts);
  const vinPatterns = generateVinPatterns(opts.seed, vehicleModels);
  const stations = generateStations(opts.seed, opts.stations);
  const suppliers = SUPPLIERS.map((s, i) => ({ id: new Rng(opts.seed, `supplier-${i}`).uuid(), ...s }));
  const supplierParts = generateSupplierParts(opts.seed, parts, suppliers);

  const stock: SeedStockLevel[] = [];
  const consumption: SeedConsumption[] = [];
  const demandLines: SeedDemandLine[] = [];
  stations.forEach((station, index) => {
    generateStationHistory(opts.seed, station, STATION_TEMPLATES[index]?.scale ?? 0.8, parts, months, stock, consumption, demandLines);
  });
  // HQ's parts depot comes last, so that the stations (and every index into them) stay as they were.
  const depot = generateDepot(opts.seed, parts, stock, consumption);
  stations.push(depot.station);
  suppliers.push(depot.supplier);
  // One by one: a spread of the 100k-part benchmark's rows would overflow the call stack.
  for (const x of depot.supplierParts) supplierParts.push(x);
  for (const x of depot.stock) stock.push(x);
  for (const x of depot.consumption) consumption.push(x);

  applyPolyphoneVariants(parts);
  return { asOf: opts.asOf, vehicleModels, vinPatterns, parts, stations, suppliers, supplierParts, stock, consumption, demandLines };
}

/**
 * A few parts carry a variant of their kind's name with a polyphone in it
 * (长效 cháng, 行李架 xíng, 重载 zhòng), so search has the classic pinyin
 * traps to get right. Applied after everything that draws random numbers,
 * to parts outside any supersession, so the rest of the dataset is the same
 * with or without them.
 */
export const POLYPHONE_VARIANTS: readonly { base: string; name: string; nameEn: string; count: number }[] = [
  { base: '防冻液', name: '长效防冻液', nameEn: 'Long-life coolant', count: 2 },
  { base: '雨刮片', name: '加长雨刮片', nameEn: 'Extended wiper blade', count: 1 },
  { base: '车身卡扣', name: '行李架卡扣', nameEn: 'Roof rack clip', count: 2 },
  { base: '后减震器', name: '重载后减震器', nameEn: 'Heavy-duty rear shock absorber', count: 2 },
];

function applyPolyphoneVariants(parts: SeedPart[]): void {
  const inChain = new Set(parts.flatMap((p) => (p.supersededById ? [p.id, p.supersededById] : [])));
  const fixtures = fixtureCount(parts);
  for (const v of POLYPHONE_VARIANTS) {
    let left = v.count;
    for (let i = fixtures; i < parts.length && left > 0; i++) {
      const p = parts[i];
      if (p.name !== v.base || inChain.has(p.id)) continue;
      p.name = v.name;
      p.nameEn = v.nameEn;
      left--;
    }
  }
}

/** VIN year codes (position 10), 2001–2030. */
const VIN_YEAR = '123456789ABCDEFGHJKLMNPRSTVWXY';
const vinValue = (c: string) => (/[0-9]/.test(c) ? Number(c) : 'ABCDEFGHJKLMNPRSTUVWXYZ'.indexOf(c) >= 0 ? [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]['ABCDEFGHJKLMNPRSTUVWXYZ'.indexOf(c)] : 0);

/** The VIN with its check digit (ISO 3779 weights) in position 9. */
export function vinWithCheckDigit(vin: string): string {
  const w = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) if (i !== 8) sum += vinValue(vin[i]) * w[i];
  const r = sum % 11;
  return vin.slice(0, 8) + (r === 10 ? 'X' : String(r)) + vin.slice(9);
}

/**
 * HQ's VIN patterns for the demo models: Chery's WMI LVV, D (SUV) or A
 * (sedan), the model code; 瑞虎7 PLUS also has a longer prefix inside
 * 瑞虎7's (LVVDT15E), so the longest prefix decides.
 */
function generateVinPatterns(seed: number, models: SeedVehicleModel[]): SeedVinPattern[] {
  const rng = new Rng(seed, 'vin-pattern-ids');
  const pattern = (prefix: string, m: SeedVehicleModel, serial: number): SeedVinPattern => {
    const year = Math.min(m.yearTo ?? 2025, Math.max(m.yearFrom, 2022));
    const vin = vinWithCheckDigit(prefix.padEnd(8, 'B') + '0' + VIN_YEAR[year - 2001] + 'D' + String(100000 + serial).slice(1).padStart(6, '0'));
    return { id: rng.uuid(), prefix, vehicleModelId: m.id, yearFrom: m.yearFrom, yearTo: m.yearTo, exampleVin: vin };
  };
  const out = models.map((m, i) => pattern(`LVV${m.series === 'Tiggo' ? 'D' : 'A'}${m.code}`, m, i + 1));
  const plus = models.find((m) => m.code === 'T1E');
  if (plus) out.push(pattern('LVVDT15E', plus, 99));
  return out;
}

function stripUndefined(options: GenerateOptions): GenerateOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}

function generateModels(seed: number): SeedVehicleModel[] {
  const rng = new Rng(seed, 'vehicle-model-ids');
  return MODELS.map((m) => ({ id: rng.uuid(), ...m }));
}

/** Mutable bookkeeping while building the catalog. */
interface CatalogState {
  rng: Rng;
  idRng: Rng;
  usedPartNos: Set<string>;
  usedBarcodes: Set<string>;
  modelIdByCode: Map<string, string>;
  modelNameByCode: Map<string, string>;
}

function generateParts(seed: number, count: number, models: SeedVehicleModel[]): SeedPart[] {
  const state: CatalogState = {
    rng: new Rng(seed, 'catalog'),
    idRng: new Rng(seed, 'part-ids'),
    usedPartNos: new Set(),
    usedBarcodes: new Set(),
    modelIdByCode: new Map(models.map((m) => [m.code, m.id])),
    modelNameByCode: new Map(models.map((m) => [m.code, m.name])),
  };
  const parts: SeedPart[] = [];
  for (let i = 0; i < count; i++) {
    // The first instance of every kind is a plain, predictable fixture on the
    // Tiggo 7 platform so that search tests can rely on "机油滤清器 for 瑞虎7".
    const fixtureKind = i < KINDS.length ? KINDS[i] : null;
    const profile = fixtureKind ? fixtureKind.profiles[0] : state.rng.weighted(PROFILE_MIX);
    const k = fixtureKind ?? state.rng.pick(KINDS_BY_PROFILE.get(profile)!);
    parts.push(buildPart(state, k, profile, fixtureKind !== null));
  }
  return parts;
}

/** Number of fixture parts at the start of the catalog (never superseded, always stocked). */
function fixtureCount(parts: readonly SeedPart[]): number {
  return Math.min(parts.length, KINDS.length);
}

function buildPart(state: CatalogState, k: PartKind, profile: DemandProfile, fixture: boolean): SeedPart {
  const { rng } = state;
  const platform = fixture ? FIXTURE_PLATFORM : rng.pick(PLATFORM_CODES);
  const modelCodes = pickCompatibleModels(rng, platform, k, fixture);
  const partNo = uniquePartNo(state, platform, k, fixture);
  const brand = fixture ? k.brands[0] : rng.chance(0.02) ? null : rng.weighted(k.brands.map((b, i) => [b, i === 0 ? 3 : 1] as const));
  const imageCount = fixture ? 1 : rng.weighted([[0, 3], [1, 5], [2, 2]] as const);
  return {
    id: state.idRng.uuid(),
    partNo,
    name: k.name,
    nameEn: k.nameEn,
    spec: buildSpec(rng, k, state.modelNameByCode.get(modelCodes[0])!, fixture),
    unit: k.unit,
    unitPrecision: k.precision,
    category: k.category,
    brand,
    barcode: !fixture && rng.chance(0.02) ? null : uniqueBarcode(state),
    // Pictures the platform serves itself (gateway /images/parts/…); clients get them under PUBLIC_URL (catalog image-urls.ts).
    imageUrls: Array.from({ length: imageCount }, (_, n) =>
      `/images/parts/${partNo}${n === 0 ? '' : `-${n + 1}`}.svg`),
    compatibleModelIds: modelCodes.map((c) => state.modelIdByCode.get(c)!),
    supersededById: null,
    prices: buildPrices(rng, k),
    demandProfile: profile,
    packSize: k.pack,
    minOrderQty: k.moq,
  };
}

/** 1–5 models of the part's platform; body panels and lamps fit only 1–2. */
function pickCompatibleModels(rng: Rng, platform: string, k: PartKind, fixture: boolean): string[] {
  const candidates = PLATFORMS[platform];
  const primary = fixture ? candidates[0] : rng.pick(candidates);
  const wanted = k.specific
    ? rng.weighted([[1, 3], [2, 1]] as const)
    : rng.weighted([[1, 4], [2, 3], [3, 2], [4, 1], [5, 0.5]] as const);
  const others = candidates.filter((c) => c !== primary);
  const chosen = [primary];
  while (chosen.length < Math.min(wanted, candidates.length)) {
    const next = others.splice(Math.floor(rng.next() * others.length), 1)[0];
    chosen.push(next);
  }
  return chosen;
}

const SUFFIXES = ['A', 'B', 'C', 'BA', 'CA', 'AB', 'DA', 'EA', 'FA', 'AA', 'AC', 'BB', 'CB', 'DB', 'GA', 'HA'];

/**
 * Part numbers follow the Chery pattern PREFIX-GGGGIII[SUFFIX]. Variants of a
 * kind get nearby item numbers or a letter suffix; on collision we retry with
 * a wider item range, then fall back to a scan so the loop always terminates.
 */
function uniquePartNo(state: CatalogState, platform: string, k: PartKind, fixture: boolean): string {
  const { rng } = state;
  const format = (item: number, suffix: string) =>
    `${platform}-${k.group}${String(item % 1000).padStart(3, '0')}${suffix}`;
  if (fixture && claim(state.usedPartNos, normalisePartNo(format(k.item, '')))) return format(k.item, '');
  for (let attempt = 0; attempt < 40; attempt++) {
    const spread = attempt < 10 ? 40 : 200;
    const suffix = attempt < 5 && rng.chance(0.6) ? '' : rng.pick(SUFFIXES);
    const candidate = format(k.item + rng.int(0, spread - 1), suffix);
    if (claim(state.usedPartNos, normalisePartNo(candidate))) return candidate;
  }
  for (let item = 0; item < 1000; item++) {
    for (const suffix of SUFFIXES) {
      const candidate = format(item, suffix);
      if (claim(state.usedPartNos, normalisePartNo(candidate))) return candidate;
    }
  }
  throw new Error(`part number space exhausted for ${platform}-${k.group}`);
}

/** Adds value to the set; false if it was already there. */
function claim(set: Set<string>, value: string): boolean {
  if (set.has(value)) return false;
  set.add(value);
  return true;
}

/** EAN-13 under the Chinese GS1 prefix 69x, unique within the catalog. */
function uniqueBarcode(state: CatalogState): string {
  for (;;) {
    let digits = '69';
    for (let i = 0; i < 10; i++) digits += String(state.rng.int(0, 9));
    const code = digits + ean13CheckDigit(digits);
    if (claim(state.usedBarcodes, code)) return code;
  }
}

function buildSpec(rng: Rng, k: PartKind, primaryModelName: string, fixture: boolean): string | null {
  const pieces: string[] = [];
  if (k.specs.length > 0) pieces.push(fixture ? k.specs[0] : rng.pick(k.specs));
  if (k.sided) pieces.push(fixture ? '左' : rng.pick(['左', '右']));
  if (k.specific || (!fixture && rng.chance(0.3))) pieces.push(`${primaryModelName}专用`);
  if (pieces.length === 0) return fixture || rng.chance(0.5) ? null : `${primaryModelName}专用`;
  return pieces.join(' ');
}

/**
 * Price tiers in integer cents, enforcing
 * internal < wholesale < insurance ≤ member < retail ≤ hqCap.
 */
function buildPrices(rng: Rng, k: PartKind): SeedPart['prices'] {
  // Mark-ups between consecutive tiers; the internal price is derived from
  // them so that retail lands inside the kind's typical range.
  const toWholesale = rng.float(1.1, 1.2);
  const toInsurance = rng.float(1.05, 1.12);
  const toMember = rng.float(1.0, 1.05);
  const toRetail = rng.float(1.06, 1.15);
  const targetRetail = rng.float(k.price[0], k.price[1]) * 100;
  const internal = Math.max(50, Math.round(targetRetail / (toWholesale * toInsurance * toMember * toRetail)));
  const wholesale = Math.max(internal + 1, Math.round(internal * toWholesale));
  const insurance = Math.max(wholesale + 1, Math.round(wholesale * toInsurance));
  const member = Math.max(insurance, Math.round(insurance * toMember));
  const retail = Math.max(member + 1, Math.round(member * toRetail));
  const hqCap = rng.chance(0.9) ? Math.max(retail, Math.round(retail * rng.float(1.0, 1.1))) : null;
  return {
    retail: formatCents(retail),
    wholesale: formatCents(wholesale),
    member: formatCents(member),
    insurance: formatCents(insurance),
    internal: formatCents(internal),
    hqCap: hqCap === null ? null : formatCents(hqCap),
  };
}

/**
 * 2% of the non-fixture parts are replaced by a newer part of the same kind.
 * Targets are drawn only from parts that are not superseded themselves, so
 * chains never exceed one step and cycles are impossible.
 */
function assignSupersessions(seed: number, parts: SeedPart[]): void {
  const rng = new Rng(seed, 'supersession');
  const fixtures = fixtureCount(parts);
  const candidates = parts.slice(fixtures);
  const wanted = Math.round(candidates.length * 0.02);
  const superseded = new Set<SeedPart>();
  while (superseded.size < wanted) superseded.add(rng.pick(candidates));

  const targetsByKind = new Map<string, SeedPart[]>();
  for (const p of parts) {
    if (superseded.has(p)) continue;
    const key = `${p.name}|${p.nameEn}`;
    const list = targetsByKind.get(key);
    if (list) list.push(p);
    else targetsByKind.set(key, [p]);
  }
  for (const part of parts) {
    if (!superseded.has(part)) continue;
    const targets = targetsByKind.get(`${part.name}|${part.nameEn}`);
    if (targets) part.supersededById = rng.pick(targets).id;
  }
}

function generateStations(seed: number, count: number): SeedStation[] {
  const stations: SeedStation[] = [];
  for (let i = 0; i < count; i++) {
    const rng = new Rng(seed, `station-${i}`);
    const template = STATION_TEMPLATES[i];
    const n = String(i + 1).padStart(3, '0');
    stations.push({
      id: rng.uuid(),
      code: template?.code ?? `ST${n}`,
      name: template?.name ?? `奇瑞特约服务站${n}`,
      region: template?.region ?? REGIONS[i % REGIONS.length],
      warehouses: [
        buildWarehouse(rng, 'MAIN', '主仓库', ['A', 'B', 'C'], 4, 3),
        buildWarehouse(rng, 'QUICK', '快修仓', ['A'], 4, 3),
      ],
    });
  }
  return stations;
}

/** Bins "A-01-01" (row-shelf-level) plus exactly one quarantine bin "QC-01". */
function buildWarehouse(rng: Rng, code: string, name: string, rows: string[], shelves: number, levels: number): SeedWarehouse {
  const id = rng.uuid();
  const bins = [];
  for (const row of rows) {
    for (let s = 1; s <= shelves; s++) {
      for (let l = 1; l <= levels; l++) {
        bins.push({ id: rng.uuid(), code: `${row}-${pad2(s)}-${pad2(l)}`, quarantine: false });
      }
    }
  }
  bins.push({ id: rng.uuid(), code: 'QC-01', quarantine: true });
  return { id, code, name, bins };
}

/**
 * HQ's parts depot (备品部, kind DEPOT) and the Supplier that stands for it:
 * one big warehouse stocked with about two months of the network's demand for
 * every part some station stocks or uses (one in ten of them out of stock, so
 * there is something to back-order), its price list at the catalog's
 * wholesale price (批发价: what stations pay HQ), and as its history the
 * network's monthly demand — the stations' orders are the depot's demand.
 */
function generateDepot(seed: number, parts: SeedPart[], stationStock: SeedStockLevel[], stationConsumption: SeedConsumption[]): {
  station: SeedStation; supplier: SeedSupplier; supplierParts: SeedSupplierPart[]; stock: SeedStockLevel[]; consumption: SeedConsumption[];
} {
  const rng = new Rng(seed, 'depot');
  const station: SeedStation = {
    id: rng.uuid(), code: 'HQ01', name: '奇瑞总部备品部', region: '华东', kind: 'DEPOT',
    warehouses: [buildWarehouse(rng, 'MAIN', '备品部中心库', ['A', 'B', 'C', 'D'], 5, 4)],
  };
  const supplier: SeedSupplier = { id: rng.uuid(), code: 'SUP-HQ-DEPOT', name: '奇瑞总部备品部', leadTimeDays: 5, depotStationId: station.id };
  const byPartMonth = new Map<string, number>();
  const total = new Map<string, number>();
  for (const c of stationConsumption) {
    const key = `${c.partId}|${c.month}`;
    byPartMonth.set(key, (byPartMonth.get(key) ?? 0) + c.quantity);
    total.set(c.partId, (total.get(c.partId) ?? 0) + c.quantity);
  }
  const months = new Set(stationConsumption.map((c) => c.month)).size || 1;
  const active = new Set([...stationStock.map((l) => l.partId), ...total.keys()]);
  const warehouse = station.warehouses[0];
  const bins = warehouse.bins.filter((b) => !b.quarantine);
  const stock: SeedStockLevel[] = [];
  const supplierParts: SeedSupplierPart[] = [];
  parts.forEach((part, i) => {
    if (!active.has(part.id)) return;
    supplierParts.push({ supplierId: supplier.id, partId: part.id, unitPrice: part.prices.wholesale });
    if (part.supersededById || rng.chance(0.1)) return;
    const monthly = (total.get(part.id) ?? 0) / months;
    const onHand = roundTo(Math.max(part.unitPrecision > 0 ? 5 : 2, monthly * rng.float(1.5, 2.5)), part.unitPrecision);
    const bin = bins[i % bins.length];
    stock.push({ partId: part.id, binId: bin.id, warehouseId: warehouse.id, stationId: station.id, onHand });
  });
  const consumption: SeedConsumption[] = [...byPartMonth].map(([key, quantity]) => {
    const [partId, month] = key.split('|');
    return { stationId: station.id, partId, month, quantity: roundTo(quantity, 3) };
  }).filter((c) => c.quantity > 0).sort((a, b) => (a.partId < b.partId ? -1 : a.partId > b.partId ? 1 : a.month < b.month ? -1 : 1));
  return { station, supplier, supplierParts, stock, consumption };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Each part gets its brand's supplier, and sometimes a second, local source. */
function generateSupplierParts(seed: number, parts: SeedPart[], suppliers: SeedSupplier[]): SeedSupplierPart[] {
  const rng = new Rng(seed, 'supplier-parts');
  const idByCode = new Map(suppliers.map((s) => [s.code, s.id]));
  const result: SeedSupplierPart[] = [];
  for (const part of parts) {
    const primary = (part.brand && SUPPLIER_BY_BRAND[part.brand]) || 'SUP-CPS';
    const codes = [primary];
    if (rng.chance(0.4)) codes.push(primary === 'SUP-CPS' ? 'SUP-RJ' : 'SUP-CPS');
    const internalCents = Math.round(Number(part.prices.internal) * 100);
    for (const code of codes) {
      const cents = Math.max(1, Math.round(internalCents * rng.float(0.9, 1.05)));
      result.push({ supplierId: idByCode.get(code)!, partId: part.id, unitPrice: formatCents(cents) });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------
// Consumption history and opening stock
// ---------------------------------------------------------------------------

const KIND_BY_NAME: ReadonlyMap<string, PartKind> = new Map(KINDS.map((k) => [`${k.name}|${k.nameEn}`, k]));

function kindOf(part: SeedPart): PartKind {
  return KIND_BY_NAME.get(`${part.name}|${part.nameEn}`)!;
}

/** Indices of the parts that have history at a station (see MAX_ACTIVE_PARTS_PER_STATION). */
function activePartIndices(rng: Rng, parts: readonly SeedPart[]): number[] {
  if (parts.length <= MAX_ACTIVE_PARTS_PER_STATION) return parts.map((_, i) => i);
  const fixtures = fixtureCount(parts);
  const pool = new Int32Array(parts.length - fixtures);
  for (let i = 0; i < pool.length; i++) pool[i] = fixtures + i;
  const wanted = MAX_ACTIVE_PARTS_PER_STATION - fixtures;
  for (let i = 0; i < wanted; i++) {
    // Partial Fisher–Yates: only the first `wanted` slots are shuffled.
    const j = i + Math.floor(rng.next() * (pool.length - i));
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  const chosen = Array.from(pool.subarray(0, wanted)).sort((a, b) => a - b);
  return [...Array.from({ length: fixtures }, (_, i) => i), ...chosen];
}

function generateStationHistory(
  seed: number,
  station: SeedStation,
  scale: number,
  parts: readonly SeedPart[],
  months: readonly string[],
  stock: SeedStockLevel[],
  consumption: SeedConsumption[],
  demandLines: SeedDemandLine[],
): void {
  // How often this station's counter could not serve a line in full at the first asking.
  const missRate = new Rng(seed, `service-${station.code}`).float(0.03, 0.12);
  const linesFrom = months.length - Math.min(DEMAND_LINE_MONTHS, months.length);
  const calendarMonths = months.map((m) => Number(m.slice(5, 7)) - 1);
  const fixtures = fixtureCount(parts);
  for (const index of activePartIndices(new Rng(seed, `history-${station.code}`), parts)) {
    const part = parts[index];
    const k = kindOf(part);
    // Each part its own stream: a seasonal part draws a different number of times when the window's
    // calendar months shift (another asOf), and that must not change every part after it.
    const rng = new Rng(seed, `history-${station.code}-${part.id}`);
    const quantities = monthlyDemand(rng, part.demandProfile, k, scale * rng.float(0.5, 1.5), calendarMonths);
    let total = 0;
    const lineRng = new Rng(seed, `demand-lines-${station.code}-${part.id}`);
    quantities.forEach((q, m) => {
      if (q <= 0) return;
      total += q;
      const row: SeedConsumption = { stationId: station.id, partId: part.id, month: months[m], quantity: q };
      if (m >= linesFrom) {
        const shortfall = generateDemandLines(lineRng, station, part, k, months[m], q, missRate, demandLines);
        if (shortfall > 0) row.shortfall = shortfall;
      }
      consumption.push(row);
    });
    const onHand = openingStock(rng, part, k, total / months.length, index < fixtures);
    if (onHand > 0) placeStock(rng, station, part, onHand, stock);
  }
}

/**
 * A month's consumption of a part at a station as its demand lines: one line
 * per job, at most three, whose issued units sum to the month's quantity; a
 * share of them (`missRate`) asked for more than was issued. Returns the
 * month's shortfall (requested − issued).
 */
function generateDemandLines(
  rng: Rng, station: SeedStation, part: SeedPart, k: PartKind, month: string, quantity: number, missRate: number, out: SeedDemandLine[],
): number {
  const precision = part.unitPrecision;
  const step = 10 ** -precision;
  // In whole steps of the unit (0.1 L, one piece), so every line issues something and they sum exactly.
  const units = Math.round(quantity / step);
  const count = Math.max(1, Math.min(3, Math.round(quantity / k.perJob), units));
  const share = Math.floor(units / count);
  let shortfall = 0;
  for (let i = 0; i < count; i++) {
    const issued = roundTo((i === count - 1 ? units - share * (count - 1) : share) * step, precision);
    const short = rng.chance(missRate) ? Math.max(step, roundTo(issued * rng.float(0.2, 1), precision)) : 0;
    shortfall += short;
    const day = rng.int(1, 28);
    out.push({
      stationId: station.id, partId: part.id, month, source: rng.chance(0.8) ? 'REQUISITION' : 'COUNTER_SALE',
      requested: roundTo(issued + short, precision), issued, recordedAt: `${month}-${pad2(day)}T${pad2(rng.int(1, 9))}:${pad2(rng.int(0, 59))}:00Z`,
    });
  }
  return roundTo(shortfall, 3);
}

/** One quantity per month (0 = no demand), already rounded to the unit precision. */
function monthlyDemand(rng: Rng, profile: DemandProfile, k: PartKind, factor: number, calendarMonths: readonly number[]): number[] {
  const n = calendarMonths.length;
  const jobs = new Array<number>(n).fill(0);
  switch (profile) {
    case 'SMOOTH': {
      const mean = k.rate * factor;
      const trend = rng.float(-0.1, 0.1); // up to ±10% drift over the window
      for (let m = 0; m < n; m++) jobs[m] = rng.poisson(mean * (1 + trend * (m / n - 0.5)));
      break;
    }
    case 'ERRATIC': {
      // Frequent but highly variable: lognormal noise on top of Poisson.
      const mean = Math.max(3, k.rate * 0.6) * factor;
      for (let m = 0; m < n; m++) {
        if (rng.chance(0.85)) jobs[m] = rng.poisson(mean * Math.exp(0.9 * rng.normal() - 0.4));
      }
      break;
    }
    case 'INTERMITTENT': {
      const p = rng.float(0.2, 0.4);
      for (let m = 0; m < n; m++) if (rng.chance(p)) jobs[m] = 1 + rng.poisson(0.5);
      break;
    }
    case 'LUMPY': {
      const p = rng.float(0.08, 0.25);
      for (let m = 0; m < n; m++) {
        if (rng.chance(p)) jobs[m] = Math.max(1, Math.round(Math.exp(1.2 + 0.8 * rng.normal())));
      }
      break;
    }
    case 'SEASONAL': {
      const index = SEASON_INDEX[k.season ?? 'SUMMER'];
      const mean = Math.max(1, k.rate) * factor;
      for (let m = 0; m < n; m++) jobs[m] = rng.poisson(mean * index[calendarMonths[m]]);
      break;
    }
    case 'NONE': {
      // Dead stock: nothing in the last 12+ months, maybe a trickle before that.
      const cutoff = n - 12 - rng.int(0, 6);
      if (rng.chance(0.5)) {
        for (let m = 0; m < cutoff; m++) if (rng.chance(0.25)) jobs[m] = 1;
      }
      break;
    }
  }
  return jobs.map((j) => jobsToQuantity(rng, j, k));
}

/** Liquids are consumed per job with some spread (4.2 L for one oil change). */
function jobsToQuantity(rng: Rng, jobs: number, k: PartKind): number {
  if (jobs <= 0) return 0;
  if (k.precision === 0) return jobs * k.perJob;
  const q = roundTo(jobs * k.perJob * rng.float(0.9, 1.1), k.precision);
  return Math.max(q, 10 ** -k.precision);
}

/**
 * Opening stock: 1–3 months of average demand; dead-stock (NONE) parts carry
 * clear excess so surplus listings have material; ~5% of active parts are
 * out of stock (fixtures never are, so search "in stock" filters have hits).
 */
function openingStock(rng: Rng, part: SeedPart, k: PartKind, avgMonthly: number, fixture: boolean): number {
  const zero = rng.chance(0.05);
  let quantity: number;
  if (part.demandProfile === 'NONE') {
    quantity = rng.int(6, 40) * k.perJob * (k.precision > 0 ? rng.float(0.9, 1.1) : 1);
  } else if (avgMonthly > 0) {
    quantity = avgMonthly * rng.float(1, 3);
  } else {
    quantity = rng.chance(0.5) ? rng.int(1, 2) * k.perJob : 0;
  }
  if (zero && !fixture) return 0;
  if (fixture) quantity = Math.max(quantity, k.perJob * 2);
  return k.precision === 0 ? Math.ceil(quantity) : roundTo(quantity, k.precision);
}

/** Put stock in one or two MAIN bins, and for fast movers a share in QUICK. */
function placeStock(rng: Rng, station: SeedStation, part: SeedPart, onHand: number, stock: SeedStockLevel[]): void {
  const [main, quick] = station.warehouses;
  const shares: [SeedWarehouse, number][] = [];
  const fastMover = part.demandProfile === 'SMOOTH' || part.demandProfile === 'ERRATIC';
  const minSplit = 2 * 10 ** -part.unitPrecision;
  if (onHand >= minSplit && fastMover && rng.chance(0.35)) {
    const quickShare = splitQuantity(rng, onHand, part.unitPrecision);
    shares.push([main, onHand - quickShare], [quick, quickShare]);
  } else if (onHand >= minSplit && rng.chance(0.15)) {
    const second = splitQuantity(rng, onHand, part.unitPrecision);
    shares.push([main, onHand - second], [main, second]);
  } else {
    shares.push([main, onHand]);
  }
  const usedBins = new Set<string>();
  for (const [warehouse, quantity] of shares) {
    const bins = warehouse.bins.filter((b) => !b.quarantine && !usedBins.has(b.id));
    const bin = rng.pick(bins);
    usedBins.add(bin.id);
    stock.push({ partId: part.id, binId: bin.id, warehouseId: warehouse.id, stationId: station.id, onHand: roundTo(quantity, part.unitPrecision) });
  }
}

/** A positive share strictly below the total, on the unit's precision grid. */
function splitQuantity(rng: Rng, total: number, precision: number): number {
  const step = 10 ** -precision;
  const share = roundTo(total * rng.float(0.2, 0.5), precision);
  return Math.min(Math.max(share, step), roundTo(total - step, precision));
}

// ---------------------------------------------------------------------------
// CLI: `node generate.js --parts 100000 --stations 3` prints summary counts
// ---------------------------------------------------------------------------

function parseArgs(argv: readonly string[]): GenerateOptions {
  const options: GenerateOptions = {};
  for (let i = 0; i < argv.length; i += 2) {
    const value = argv[i + 1];
    switch (argv[i]) {
      case '--parts': options.parts = Number(value); break;
      case '--stations': options.stations = Number(value); break;
      case '--months': options.months = Number(value); break;
      case '--seed': options.seed = Number(value); break;
      case '--asOf': options.asOf = value; break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  return options;
}

export function summarize(dataset: Dataset): Record<string, unknown> {
  const profiles: Record<string, number> = {};
  for (const p of dataset.parts) profiles[p.demandProfile] = (profiles[p.demandProfile] ?? 0) + 1;
  return {
    asOf: dataset.asOf,
    vehicleModels: dataset.vehicleModels.length,
    parts: dataset.parts.length,
    supersededParts: dataset.parts.filter((p) => p.supersededById !== null).length,
    stations: dataset.stations.length,
    warehouses: dataset.stations.reduce((n, s) => n + s.warehouses.length, 0),
    bins: dataset.stations.reduce((n, s) => n + s.warehouses.reduce((m, w) => m + w.bins.length, 0), 0),
    suppliers: dataset.suppliers.length,
    supplierParts: dataset.supplierParts.length,
    stockRows: dataset.stock.length,
    consumptionRows: dataset.consumption.length,
    demandLines: dataset.demandLines?.length ?? 0,
    profiles,
  };
}

if (require.main === module) {
  const started = process.hrtime.bigint();
  const dataset = generateDataset(parseArgs(process.argv.slice(2)));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(JSON.stringify({ ...summarize(dataset), generationMs: Math.round(elapsedMs) }, null, 2));
}
