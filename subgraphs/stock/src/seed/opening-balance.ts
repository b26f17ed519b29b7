/**
 * Opening balances for a migrated station: one ADJUSTMENT per (part, bin),
 * dated before the imported history, so that the ledger of every bin sums to
 * its on-hand level — the invariant the stock tests check — even though the
 * history (ISSUE rows from the old system) was loaded without moving levels.
 */
import type { DataSource } from 'typeorm';
import type { Dataset } from '../../../../seeds/dataset';

export async function loadOpeningBalances(ds: DataSource, data: Dataset): Promise<void> {
  const first = [...new Set(data.consumption.map((c) => c.month))].sort()[0] ?? data.asOf.slice(0, 7);
  const openedAt = new Date(`${first}-01T00:00:00Z`);
  openedAt.setUTCDate(openedAt.getUTCDate() - 1);
  await ds.query(
    `INSERT INTO stock.stock_movement (type, part_id, bin_id, warehouse_id, station_id, quantity, reference, actor, occurred_at)
     SELECT 'ADJUSTMENT', k.part_id, k.bin_id, b.warehouse_id, w.station_id, coalesce(l.on_hand, 0) - coalesce(m.total, 0), 'OPENING', 'migration', $1
       FROM (SELECT part_id, bin_id FROM stock.stock_level UNION SELECT part_id, bin_id FROM stock.stock_movement) k
       JOIN stock.bin b ON b.id = k.bin_id JOIN stock.warehouse w ON w.id = b.warehouse_id
       LEFT JOIN stock.stock_level l ON l.part_id = k.part_id AND l.bin_id = k.bin_id
       LEFT JOIN (SELECT part_id, bin_id, sum(quantity) AS total FROM stock.stock_movement GROUP BY 1, 2) m ON m.part_id = k.part_id AND m.bin_id = k.bin_id
      WHERE coalesce(l.on_hand, 0) - coalesce(m.total, 0) <> 0`,
    [openedAt]);
}
