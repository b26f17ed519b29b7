/**
 * The SQL of stocktakes (stock.stocktake) and their count lines: the service
 * decides (stocktake.service.ts), this reads and writes. Rows as the table
 * has them; quantities of lines as float8.
 */
import type { Context, Tx } from '../../../shared/src';
import type { StocktakeStatus } from './stocktake.type';

type Db = Tx | Context['db'];

export interface StocktakeRow {
  id: string;
  number: string;
  warehouse_id: string;
  station_id: string;
  status: StocktakeStatus;
  started_by: string;
  started_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
  rejected_by: string | null;
  rejected_at: Date | null;
  reject_reason: string | null;
}

export interface StocktakeLineRow {
  part_id: string;
  bin_id: string;
  expected: number;
  counted: number | null;
  /** The book quantity when the bin was counted. */
  book: number | null;
  posted: number | null;
}

/** A counted line whose count differs from its book quantity: what approval posts. */
export interface VarianceRow { part_id: string; bin_id: string; variance: string }

export const stocktakeRepository = {
  async byId(db: Db, id: string): Promise<StocktakeRow | null> {
    const [row] = await db.query(`SELECT * FROM stock.stocktake WHERE id = $1`, [id]);
    return row ?? null;
  },
  async lock(tx: Tx, id: string): Promise<StocktakeRow | null> {
    const [row] = await tx.query(`SELECT * FROM stock.stocktake WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },
  lines(db: Db, id: string): Promise<StocktakeLineRow[]> {
    return db.query(
      `SELECT part_id, bin_id, expected::float8 AS expected, counted::float8 AS counted, book_at_count::float8 AS book, posted::float8 AS posted
         FROM stock.stocktake_line WHERE stocktake_id = $1 ORDER BY bin_id, part_id`, [id]);
  },
  /** The lines of several stocktakes in one statement (a page), each stocktake's in the order `lines` gives. */
  linesOf(db: Db, ids: string[]): Promise<(StocktakeLineRow & { stocktake_id: string })[]> {
    return db.query(
      `SELECT stocktake_id, part_id, bin_id, expected::float8 AS expected, counted::float8 AS counted, book_at_count::float8 AS book, posted::float8 AS posted
         FROM stock.stocktake_line WHERE stocktake_id = ANY($1::uuid[]) ORDER BY stocktake_id, bin_id, part_id`, [ids]);
  },
  async openNumberFor(tx: Tx, warehouseId: string): Promise<string | null> {
    const [row] = await tx.query(`SELECT number FROM stock.stocktake WHERE warehouse_id = $1 AND status = 'OPEN'`, [warehouseId]);
    return row?.number ?? null;
  },
  /** The stocktake, and a line per bin and part with stock in the warehouse, its book quantity frozen as `expected`. */
  async insertWithBook(tx: Tx, s: { id: string; number: string; warehouseId: string; stationId: string; by: string; at: Date }): Promise<void> {
    await tx.query(`INSERT INTO stock.stocktake (id, number, warehouse_id, station_id, status, started_by, started_at) VALUES ($1, $2, $3, $4, 'OPEN', $5, $6)`,
      [s.id, s.number, s.warehouseId, s.stationId, s.by, s.at]);
    await tx.query(
      `INSERT INTO stock.stocktake_line (stocktake_id, part_id, bin_id, expected)
       SELECT $1, l.part_id, l.bin_id, l.on_hand FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id WHERE b.warehouse_id = $2 AND l.on_hand > 0`,
      [s.id, s.warehouseId]);
  },
  /** The bin's on hand now (0 when it never held the part): the book quantity a count is compared with. */
  async bookNow(tx: Tx, partId: string, binId: string): Promise<number> {
    const [level] = await tx.query(`SELECT on_hand FROM stock.stock_level WHERE part_id = $1 AND bin_id = $2`, [partId, binId]);
    return Number(level?.on_hand ?? 0);
  },
  /** A count of a bin and part (a bin the book had not listed gets a line of its own), counting again replaces it. */
  async recordCount(tx: Tx, c: { stocktakeId: string; partId: string; binId: string; counted: number; book: number; by: string; at: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO stock.stocktake_line (stocktake_id, part_id, bin_id, expected, counted, book_at_count, counted_by, counted_at) VALUES ($1, $2, $3, 0, $4, $5, $6, $7)
       ON CONFLICT (stocktake_id, part_id, bin_id) DO UPDATE SET counted = EXCLUDED.counted, book_at_count = EXCLUDED.book_at_count, counted_by = EXCLUDED.counted_by, counted_at = EXCLUDED.counted_at`,
      [c.stocktakeId, c.partId, c.binId, c.counted, c.book, c.by, c.at]);
  },
  variances(tx: Tx, id: string): Promise<VarianceRow[]> {
    return tx.query(
      `SELECT part_id, bin_id, (counted - book_at_count) AS variance FROM stock.stocktake_line
        WHERE stocktake_id = $1 AND counted IS NOT NULL AND counted <> book_at_count ORDER BY part_id, bin_id`, [id]);
  },
  /** Approved: each counted line records what was posted (uncounted lines post nothing). */
  async markApproved(tx: Tx, id: string, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE stock.stocktake_line SET posted = CASE WHEN counted IS NULL THEN NULL ELSE counted - book_at_count END WHERE stocktake_id = $1`, [id]);
    await tx.query(`UPDATE stock.stocktake SET status = 'APPROVED', approved_by = $2, approved_at = $3 WHERE id = $1`, [id, by, at]);
  },
  async markRejected(tx: Tx, id: string, by: string, at: Date, reason: string): Promise<void> {
    await tx.query(`UPDATE stock.stocktake SET status = 'REJECTED', rejected_by = $2, rejected_at = $3, reject_reason = $4 WHERE id = $1`, [id, by, at, reason]);
  },
};
