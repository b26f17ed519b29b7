/**
 * The shape of a demo (or benchmark) dataset: plain data with fixed ids, so
 * that each subgraph's seed loader writes its own part into its own schema
 * and cross-subgraph references (part ids, station ids) agree.
 */
export interface SeedVehicleModel {
  id: string;
  code: string; // e.g. "T19"
  series: string; // "Tiggo" | "Arrizo" | ...
  name: string; // Chinese, e.g. "瑞虎7"
  nameEn: string; // "Tiggo 7"
  yearFrom: number;
  yearTo: number | null;
}

export interface SeedPart {
  id: string;
  partNo: string; // "A11-1109111", "T11-3707110CA"
  name: string; // Chinese name, e.g. "机油滤清器"
  nameEn: string; // "Oil filter"
  spec: string | null;
  unit: string; // 个, 套, L, 只, 条 ...
  unitPrecision: number; // 0 for pieces, 1..3 for liquids
  category: string; // e.g. "滤清器" / "Filters" — keep one language per category, Chinese
  brand: string | null;
  barcode: string | null; // EAN-13 like "6901234567892"
  imageUrls: string[];
  compatibleModelIds: string[];
  supersededById: string | null;
  prices: { retail: string; wholesale: string; member: string; insurance: string; internal: string; hqCap: string | null };
  /** Demand profile used to generate history; also handy for tests. */
  demandProfile: 'SMOOTH' | 'ERRATIC' | 'INTERMITTENT' | 'LUMPY' | 'SEASONAL' | 'NONE';
  packSize: number;
  minOrderQty: number;
}

/** An HQ VIN pattern (WMI + VDS prefix → model, model years) with a valid example VIN. */
export interface SeedVinPattern {
  id: string;
  prefix: string;
  vehicleModelId: string;
  yearFrom: number | null;
  yearTo: number | null;
  /** A VIN this pattern names (valid check digit), for demos and tests. */
  exampleVin: string;
}

export interface SeedBin { id: string; code: string; quarantine: boolean }
export interface SeedWarehouse { id: string; code: string; name: string; bins: SeedBin[] }
export interface SeedStation { id: string; code: string; name: string; region: string; warehouses: SeedWarehouse[]; /** Default STATION; HQ's parts depot (备品部) is DEPOT. */ kind?: 'STATION' | 'DEPOT' }

export interface SeedSupplier { id: string; code: string; name: string; leadTimeDays: number; /** The supplier that stands for HQ's depot: that station. */ depotStationId?: string }

/** Opening stock: one row per (part, bin). */
export interface SeedStockLevel { partId: string; binId: string; warehouseId: string; stationId: string; onHand: number }

/**
 * Monthly consumption per station and part; month is "YYYY-MM". Only non-zero rows are listed.
 * `shortfall`: asked for on the month's demand lines but not issued at the first asking (part of the month's demand).
 */
export interface SeedConsumption { stationId: string; partId: string; month: string; quantity: number; shortfall?: number }

/**
 * One line of workshop demand (a requisition or counter-sale line) as the
 * workshop would have reported it to procurement: what was asked for and what
 * was issued at the first asking — the first-time fill rate counts these. The
 * demo has them for its last months of history; their issued units sum to the
 * month's consumption, the rest is its `shortfall`.
 */
export interface SeedDemandLine {
  stationId: string;
  partId: string;
  month: string; // "YYYY-MM"
  source: 'REQUISITION' | 'COUNTER_SALE';
  requested: number;
  issued: number;
  /** When the line was asked for, inside its month ("YYYY-MM-DDTHH:mm:ssZ"). */
  recordedAt: string;
}

/** Which supplier supplies which part, at what price. */
export interface SeedSupplierPart { supplierId: string; partId: string; unitPrice: string }

export interface Dataset {
  /** The month after the last history month; history covers the 24 months before it. */
  asOf: string; // "YYYY-MM-DD"
  vehicleModels: SeedVehicleModel[];
  vinPatterns: SeedVinPattern[];
  parts: SeedPart[];
  stations: SeedStation[];
  suppliers: SeedSupplier[];
  supplierParts: SeedSupplierPart[];
  stock: SeedStockLevel[];
  consumption: SeedConsumption[];
  /** The stations' demand lines of the last months of history (none for the depot: its demand is the stations' orders). */
  demandLines?: SeedDemandLine[];
}

export interface GenerateOptions {
  seed?: number; // default 20261123
  parts?: number; // default 2000
  stations?: number; // default 3
  months?: number; // default 24
  /** "YYYY-MM-01" (or "YYYY-MM"): the month after the last history month; default the first day of the current month (UTC). */
  asOf?: string;
}
