/**
 * Consumption history per station, part and month: read with zero months
 * filled in, and imported from a station's old system (replacing those
 * months' issued quantity; unmet demand recorded here is kept).
 */
import { badInput, bulkInsert, checkQuantity, fetchPartFacts, isUuid, scopeStation, type Context, idInput } from '../../../shared/src';
import { ConsumptionInput, MonthlyConsumption } from './consumption.type';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_IMPORT_ROWS = 50_000;

/** The `count` months ending with the month of `now` (UTC), oldest first, as "YYYY-MM". */
export function monthsEndingAt(now: Date, count: number): string[] {
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

export const consumptionService = {
  async history(ctx: Context, stationIdArg: string, partId: string, months: number): Promise<MonthlyConsumption[]> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    if (!Number.isInteger(months) || months < 1) throw badInput('OUT_OF_RANGE', 'months must be a whole number of at least 1', { field: 'months', min: 1 });
    const list = monthsEndingAt(ctx.now(), Math.min(months, 120));
    if (!isUuid(stationId) || !isUuid(partId)) return list.map((month) => ({ month, quantity: 0, demand: 0 }));
    const rows: { m: string; quantity: string; demand: string }[] = await ctx.db.query(
      `SELECT to_char(month, 'YYYY-MM') AS m, quantity, demand FROM procurement.monthly_consumption
        WHERE station_id = $1 AND part_id = $2 AND month >= $3::date AND month <= $4::date`,
      [stationId, partId, `${list[0]}-01`, `${list[list.length - 1]}-01`]);
    const byMonth = new Map(rows.map((r) => [r.m, r]));
    return list.map((month) => {
      const r = byMonth.get(month);
      const quantity = r ? Number(r.quantity) : 0;
      return { month, quantity, demand: r ? Number(r.demand) : 0 }; // demand column: quantity + shortfall + lost + emergency
    });
  },

  /** Validates every row first (a bad row writes nothing), then upserts them in one transaction. */
  async import(ctx: Context, stationIdArg: string, rows: ConsumptionInput[]): Promise<number> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    idInput(stationId, 'stationId');
    if (rows.length > MAX_IMPORT_ROWS) throw badInput('TOO_MANY_LINES', `At most ${MAX_IMPORT_ROWS} rows per call`, { field: 'rows', max: MAX_IMPORT_ROWS, length: rows.length });
    const seen = new Set<string>();
    const clean = rows.map((r, i) => {
      idInput(r.partId, `rows.${i + 1}.partId`, `Row ${i + 1}: partId must be an id`, { line: i + 1 });
      if (!MONTH.test(r.month)) throw badInput('INVALID_MONTH', `Row ${i + 1}: month must look like 2026-03`, { field: `rows.${i + 1}.month`, line: i + 1 });
      const quantity = checkQuantity(r.quantity, `rows.${i + 1}.quantity`, { allowZero: true });
      const k = `${r.partId}|${r.month}`;
      if (seen.has(k)) throw badInput('DUPLICATE_LINE', `Row ${i + 1} repeats part and month`, { field: `rows.${i + 1}`, line: i + 1 });
      seen.add(k);
      return { station_id: stationId, part_id: r.partId, month: `${r.month}-01`, quantity };
    });
    if (!clean.length) return 0;
    const partIds = [...new Set(clean.map((r) => r.part_id))];
    const known = await fetchPartFacts(ctx, partIds);
    const unknown = partIds.find((id) => !known.has(id));
    if (unknown) {
      const row = clean.findIndex((r) => r.part_id === unknown);
      throw badInput('PART_NOT_FOUND', `Row ${row + 1}: part ${unknown} is not in the catalog`, { field: `rows.${row + 1}.partId`, line: row + 1, partId: unknown });
    }
    await ctx.db.transaction((tx) => bulkInsert(tx, 'procurement.monthly_consumption', { station_id: 'uuid', part_id: 'uuid', month: 'date', quantity: 'numeric' }, clean,
      { onConflict: 'ON CONFLICT (station_id, part_id, month) DO UPDATE SET quantity = EXCLUDED.quantity' }));
    return clean.length;
  },
};
