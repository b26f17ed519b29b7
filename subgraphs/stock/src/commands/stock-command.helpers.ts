/** What the stock commands share: input checks against the catalog's facts and the station's own bins. */
import { assertStationAccess, badInput, checkQuantity, forbidden, notFound, unknownId, scopeStation, type Context, type Tx, idInput, rowOrRefuse } from '../../../shared/src';
import { stockPartFacts, type StockPartFact } from '../part-fact/part-fact.projection';
import { stationRepository, type BinRow, type WarehouseRow } from '../station/station.repository';
import { UNKNOWN_BIN, UNKNOWN_WAREHOUSE } from '../stock-level/stock-level.loader';

export type { BinRow, WarehouseRow };

export interface LineQuantity {
  partId: unknown;
  quantity: unknown;
  barcode?: unknown;
}

/** Facts for every line's part; NOT_FOUND for an unknown part, BAD_USER_INPUT for bad quantities or a barcode that is not the part's (条码对货). */
export async function checkLines<L extends LineQuantity>(ctx: Context, lines: L[], field = 'lines'): Promise<Map<string, StockPartFact>> {
  if (!Array.isArray(lines) || !lines.length) throw badInput('EMPTY_LIST', `${field} must not be empty`, { field });
  if (lines.length > 500) throw badInput('TOO_MANY_LINES', `At most 500 ${field} per call`, { field, max: 500, length: lines.length });
  for (const [i, l] of lines.entries()) idInput(l.partId, `${field}.${i + 1}.partId`, `${field}.${i + 1}.partId is not a valid id`, { line: i + 1 });
  const facts = await stockPartFacts(ctx, lines.map((l) => l.partId as string));
  lines.forEach((l, i) => {
    const fact = facts.get(l.partId as string);
    if (!fact) throw unknownId('PART_NOT_FOUND', 'Part', l.partId as string, 'partId');
    l.quantity = checkQuantity(Number(l.quantity), `${field}.${i + 1}.quantity`, { precision: fact.unitPrecision, partNo: fact.partNo });
    if (l.barcode !== undefined && l.barcode !== null && l.barcode !== '' && String(l.barcode).trim() !== (fact.barcode ?? '')) {
      throw badInput('BARCODE_MISMATCH', `The scanned barcode ${String(l.barcode).slice(0, 40)} is not the barcode of part ${fact.partNo}`, { field: `${field}.${i + 1}.barcode`, line: i + 1, barcode: String(l.barcode).slice(0, 40), partNo: fact.partNo });
    }
  });
  return facts;
}

/**
 * A warehouse of the station acted for (`stationId`, else the caller's; HQ: any).
 * Unknown → NOT_FOUND; another station's → FORBIDDEN (as Part.stock and the
 * documents answer), whichever path an operation names it by.
 */
export async function ownWarehouse(tx: Tx, ctx: Context, warehouseId: unknown, stationId?: string | null): Promise<WarehouseRow> {
  const w = await rowOrRefuse(warehouseId, (id) => stationRepository.warehouse(tx, id), UNKNOWN_WAREHOUSE);
  assertOwn(ctx, w.stationId, stationId, 'warehouse');
  return w;
}

/** FORBIDDEN unless a record of `owner` belongs to the station acted for and the caller may see it. */
function assertOwn(ctx: Context, owner: string, stationId: string | null | undefined, what: string): void {
  assertStationAccess(ctx, owner);
  const scope = scopeStation(ctx, stationId ?? owner);
  if (scope && owner !== scope) throw forbidden('OTHER_STATION', `That ${what} belongs to another station`);
}

export async function ownBin(tx: Tx, ctx: Context, binId: unknown, stationId?: string | null): Promise<BinRow> {
  const b = await rowOrRefuse(binId, (id) => stationRepository.bin(tx, id), UNKNOWN_BIN);
  assertOwn(ctx, b.stationId, stationId, 'bin');
  return b;
}

/** The first quarantine bin of a warehouse (every warehouse has one). */
export async function quarantineBin(tx: Tx, warehouseId: string): Promise<string> {
  const b = await stationRepository.quarantineBin(tx, warehouseId);
  if (!b) throw notFound('NO_QUARANTINE_BIN', 'The warehouse has no quarantine bin', { warehouseId });
  return b;
}

/** Where a receipt without a bin goes: the remembered bin, else the warehouse's first ordinary bin. */
export async function putawayBin(tx: Tx, partId: string, warehouseId: string): Promise<string> {
  const bin = await stationRepository.putawayBin(tx, partId, warehouseId);
  if (!bin) throw notFound('NO_ORDINARY_BIN', 'The warehouse has no ordinary bin to put the parts into', { warehouseId });
  return bin;
}
