/**
 * The ledger's history for a seed dataset: one ISSUE movement per station,
 * part and month of `dataset.consumption` (reference "HIST", actor
 * "migration", mid-month), in a bin of the station's MAIN warehouse — the bin
 * the part has its opening stock in, else the first non-quarantine bin.
 *
 * These movements are history from the station's old system *before* the
 * opening balance: they do not change stock levels (the seed's levels are the
 * balance after them), and they are not published as events (procurement
 * loads the same history into its consumption table from the dataset; an
 * event would count it twice). Surplus detection and the KPIs read demand and
 * the last issue from them.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Dataset } from '../../../../seeds/dataset';

export const HISTORY_REFERENCE = 'HIST';
export const HISTORY_ACTOR = 'migration';

const CHUNK = 20_000;

/** The columns the ledger table has (its owner decides the shape; this loader fills what it knows). */
async function ledgerColumns(tx: EntityManager): Promise<Set<string>> {
  const rows: { column_name: string }[] = await tx.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'stock' AND table_name = 'stock_movement'`);
  return new Set(rows.map((r) => r.column_name));
}

export async function loadStockHistory(ds: DataSource, data: Dataset): Promise<void> {
  await ds.transaction(async (tx) => {
    const columns = await ledgerColumns(tx);
    // Built in parallel with the ledger: until its migration exists there is no history to write (detection then has no demand data).
    if (!columns.size) {
      console.warn('stock history seed skipped: stock.stock_movement does not exist yet');
      return;
    }
    const [{ n }] = await tx.query(`SELECT count(*)::int AS n FROM stock.stock_movement WHERE reference = $1 AND actor = $2`, [HISTORY_REFERENCE, HISTORY_ACTOR]);
    if (n > 0) return; // loaded already

    // HQ's depot issued nothing to workshops: its history (the network's orders) is procurement's alone.
    const stationById = new Map(data.stations.filter((s) => s.kind !== 'DEPOT').map((s) => [s.id, s]));
    const main = new Map(data.stations.map((s) => [s.id, s.warehouses.find((w) => w.code === 'MAIN') ?? s.warehouses[0]]));
    const firstBin = new Map([...main].map(([sid, w]) => [sid, [...w.bins].filter((b) => !b.quarantine).sort((a, b) => a.code.localeCompare(b.code))[0]]));
    const openingBin = new Map<string, string>();
    for (const l of data.stock) {
      const key = `${l.stationId}:${l.partId}`;
      if (l.warehouseId === main.get(l.stationId)?.id && !openingBin.has(key)) openingBin.set(key, l.binId);
    }

    const rows = data.consumption.filter((c) => c.quantity > 0 && stationById.has(c.stationId)).map((c) => {
      const binId = openingBin.get(`${c.stationId}:${c.partId}`) ?? firstBin.get(c.stationId)!.id;
      return {
        id: randomUUID(),
        type: 'ISSUE',
        part_id: c.partId,
        bin_id: binId,
        warehouse_id: main.get(c.stationId)!.id,
        station_id: c.stationId,
        quantity: c.quantity,
        reference: HISTORY_REFERENCE,
        actor: HISTORY_ACTOR,
        occurred_at: `${c.month}-15T12:00:00Z`,
      };
    });
    const types: Record<string, string> = {
      id: 'uuid', type: 'text', part_id: 'uuid', bin_id: 'uuid', warehouse_id: 'uuid', station_id: 'uuid',
      quantity: 'numeric', reference: 'text', actor: 'text', occurred_at: 'timestamptz',
    };
    if (!rows.length) return;
    const use = Object.keys(types).filter((c) => columns.has(c));
    // The ledger's sign convention is its owner's: signed (− out, as the stock.movement event) unless the table only takes positive quantities.
    await tx.query('SAVEPOINT history_sign');
    let sign = -1;
    try {
      await tx.query(`INSERT INTO stock.stock_movement (${use.map((c) => `"${c}"`).join(', ')}) SELECT ${use.map((_, i) => `$${i + 1}::${types[use[i]]}`).join(', ')}`,
        use.map((c) => (c === 'quantity' ? -1 : c === 'id' ? randomUUID() : (rows[0] as any)[c])));
    } catch (err) {
      if ((err as { code?: string }).code !== '23514') throw err;
      sign = 1;
    }
    await tx.query('ROLLBACK TO SAVEPOINT history_sign');
    for (let i = 0; i < rows.length; i += CHUNK) {
      const slice = rows.slice(i, i + CHUNK);
      await tx.query(
        `INSERT INTO stock.stock_movement (${use.map((c) => `"${c}"`).join(', ')})
         SELECT * FROM unnest(${use.map((c, j) => `$${j + 1}::${types[c]}[]`).join(', ')})`,
        use.map((c) => slice.map((r) => (c === 'quantity' ? sign * r.quantity : (r as any)[c]))));
    }
  });
}
