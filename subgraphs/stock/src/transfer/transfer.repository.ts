/**
 * The SQL of transfers (stock.transfer, 调拨单), their lines and the source
 * bins each line holds: transfer.service.ts decides, this reads and writes.
 * Quantities of lines and allocations are read as float8 numbers; the held
 * stock itself is in stock_level (movement.service.ts).
 */
import type { EntityManager } from 'typeorm';
import type { TransferStatus } from './transfer.type';

type Db = Pick<EntityManager, 'query'>;

export interface TransferRow {
  id: string;
  number: string;
  status: TransferStatus;
  from_warehouse_id: string;
  to_warehouse_id: string;
  from_station_id: string;
  to_station_id: string;
  swap_id: string | null;
  created_by: string;
  created_at: Date;
  shipped_by: string | null;
  shipped_at: Date | null;
  received_by: string | null;
  received_at: Date | null;
}

export interface TransferLineRow {
  id: string;
  transfer_id: string;
  line_no: number;
  part_id: string;
  quantity: number;
  received: number;
  written_off: number;
  unit_price: string | null;
  /** Where the line was put away at receipt; null before, and for lines received before the column (migration 1764900000000). */
  put_away_bin_id: string | null;
}

/** A source bin a line holds (reserved until shipped or cancelled). */
export interface AllocationRow { transfer_line_id: string; bin_id: string; quantity: number }

/** A held quantity with its part, in (part, bin) order — the order every stock writer locks levels in. */
export interface HeldRow { part_id: string; bin_id: string; quantity: number }

/** The TRANSFER_IN ledger rows of transfers, summed per (transfer number, part, bin). */
export interface PutAwayRow { reference: string; part_id: string; bin_id: string; quantity: number }

export const transferRepository = {
  async lock(tx: Db, id: string): Promise<TransferRow | undefined> {
    const [row] = await tx.query(`SELECT * FROM stock.transfer WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  },
  byIds(db: Db, ids: readonly string[]): Promise<TransferRow[]> {
    return db.query(`SELECT * FROM stock.transfer WHERE id = ANY($1::uuid[]) ORDER BY created_at DESC`, [ids]);
  },
  linesOf(db: Db, transferIds: readonly string[]): Promise<TransferLineRow[]> {
    return db.query(
      `SELECT id, transfer_id, line_no, part_id, quantity::float8 AS quantity, received::float8 AS received, written_off::float8 AS written_off, unit_price, put_away_bin_id
         FROM stock.transfer_line WHERE transfer_id = ANY($1::uuid[]) ORDER BY line_no`, [transferIds]);
  },
  /** The source bins of lines, in bin-code order (as the 调拨单 prints them). */
  allocationsOf(db: Db, lineIds: readonly string[]): Promise<AllocationRow[]> {
    return db.query(
      `SELECT a.transfer_line_id, a.bin_id, a.quantity::float8 AS quantity FROM stock.transfer_allocation a JOIN stock.bin b ON b.id = a.bin_id
        WHERE a.transfer_line_id = ANY($1::uuid[]) ORDER BY b.code, a.bin_id`, [lineIds]);
  },
  /** What a transfer holds at its source, per part and bin. */
  held(tx: Db, transferId: string): Promise<HeldRow[]> {
    return tx.query(
      `SELECT l.part_id, a.bin_id, a.quantity::float8 AS quantity FROM stock.transfer_allocation a JOIN stock.transfer_line l ON l.id = a.transfer_line_id
        WHERE l.transfer_id = $1 ORDER BY l.part_id, a.bin_id`, [transferId]);
  },
  /** The part's levels in the warehouse's non-quarantine bins (or the one bin), locked, with what is available. */
  async availableToHold(tx: Db, partId: string, warehouseId: string, binId: string | null): Promise<{ binId: string; available: number }[]> {
    const rows: { bin_id: string; available: string }[] = await tx.query(
      `SELECT l.bin_id, l.on_hand - l.reserved AS available FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id AND NOT b.quarantine
        WHERE l.part_id = $1 AND b.warehouse_id = $2 AND ($3::uuid IS NULL OR l.bin_id = $3) ORDER BY l.bin_id FOR UPDATE OF l`,
      [partId, warehouseId, binId]);
    return rows.map((r) => ({ binId: r.bin_id, available: Number(r.available) }));
  },
  async insert(tx: Db, t: { id: string; number: string; from: { id: string; stationId: string }; to: { id: string; stationId: string }; swapId: string | null; by: string; at: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO stock.transfer (id, number, from_warehouse_id, to_warehouse_id, from_station_id, to_station_id, status, swap_id, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'DRAFT', $7, $8, $9)`,
      [t.id, t.number, t.from.id, t.to.id, t.from.stationId, t.to.stationId, t.swapId, t.by, t.at]);
  },
  async insertLine(tx: Db, l: { id: string; transferId: string; lineNo: number; partId: string; quantity: number; unitPrice: string | null }): Promise<void> {
    await tx.query(`INSERT INTO stock.transfer_line (id, transfer_id, line_no, part_id, quantity, unit_price) VALUES ($1, $2, $3, $4, $5, $6)`,
      [l.id, l.transferId, l.lineNo, l.partId, l.quantity, l.unitPrice]);
  },
  async insertAllocation(tx: Db, lineId: string, binId: string, quantity: number): Promise<void> {
    await tx.query(`INSERT INTO stock.transfer_allocation (transfer_line_id, bin_id, quantity) VALUES ($1, $2, $3)`, [lineId, binId, quantity]);
  },
  async markShipped(tx: Db, id: string, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE stock.transfer SET status = 'SHIPPED', shipped_by = $2, shipped_at = $3 WHERE id = $1`, [id, by, at]);
  },
  async markReceived(tx: Db, id: string, by: string, at: Date): Promise<void> {
    await tx.query(`UPDATE stock.transfer SET status = 'RECEIVED', received_by = $2, received_at = $3 WHERE id = $1`, [id, by, at]);
  },
  async markCancelled(tx: Db, id: string): Promise<void> {
    await tx.query(`UPDATE stock.transfer SET status = 'CANCELLED' WHERE id = $1`, [id]);
  },
  async receiveLine(tx: Db, lineId: string, quantity: number, binId: string): Promise<void> {
    await tx.query(`UPDATE stock.transfer_line SET received = $2, put_away_bin_id = $3 WHERE id = $1`, [lineId, quantity, binId]);
  },
  putAway(db: Db, numbers: readonly string[]): Promise<PutAwayRow[]> {
    return db.query(
      `SELECT m.reference, m.part_id, m.bin_id, sum(m.quantity)::float8 AS quantity FROM stock.stock_movement m
        WHERE m.reference = ANY($1::text[]) AND m.type = 'TRANSFER_IN' GROUP BY m.reference, m.part_id, m.bin_id ORDER BY m.reference, min(m.seq)`, [numbers]);
  },
};
