/**
 * The SQL of write-offs (stock.write_off), and of the transfer line a
 * write-off of a transfer's missing quantity reads and lowers: the service
 * decides (write-off.service.ts), this reads and writes. Rows as the table
 * has them (numerics as text).
 */
import { returned, type Tx } from '../../../shared/src';
import type { WriteOffStatus } from './write-off.type';

export interface WriteOffRow {
  id: string;
  number: string;
  part_id: string;
  /** Null for a transfer's missing quantity (no bin holds it). */
  bin_id: string | null;
  warehouse_id: string;
  station_id: string;
  quantity: string;
  reason: string;
  status: WriteOffStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  transfer_line_id: string | null;
  /** Only where the query joins the transfer line (the page). */
  transfer_id?: string | null;
}

/** A transfer line under lock, with what a write-off of its missing quantity needs to know. */
export interface TransferLineForWriteOff {
  id: string;
  part_id: string;
  line_no: number;
  quantity: number;
  received: number;
  written_off: number;
  number: string;
  status: string;
  to_station_id: string;
  to_warehouse_id: string;
}

export interface NewWriteOff {
  id: string;
  number: string;
  partId: string;
  binId: string | null;
  warehouseId: string;
  stationId: string;
  quantity: number;
  reason: string;
  by: string;
  at: Date;
  transferLineId: string | null;
}

export const writeOffRepository = {
  async lock(tx: Tx, id: string): Promise<WriteOffRow | null> {
    const [row] = await tx.query(`SELECT * FROM stock.write_off WHERE id = $1 FOR UPDATE`, [id]);
    return row ?? null;
  },
  async insert(tx: Tx, w: NewWriteOff): Promise<WriteOffRow> {
    const [row] = await tx.query(
      `INSERT INTO stock.write_off (id, number, part_id, bin_id, warehouse_id, station_id, quantity, reason, status, requested_by, requested_at, transfer_line_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9, $10, $11) RETURNING *`,
      [w.id, w.number, w.partId, w.binId, w.warehouseId, w.stationId, w.quantity, w.reason, w.by, w.at, w.transferLineId]);
    return row;
  },
  async decide(tx: Tx, id: string, status: 'APPROVED' | 'REJECTED', by: string, at: Date, note: string | null): Promise<WriteOffRow> {
    const [row] = returned(await tx.query(`UPDATE stock.write_off SET status = $5, decided_by = $2, decided_at = $3, decision_note = $4 WHERE id = $1 RETURNING *`,
      [id, by, at, note, status]));
    return row;
  },
  async lockTransferLine(tx: Tx, transferLineId: string): Promise<TransferLineForWriteOff | null> {
    const [line] = await tx.query(
      `SELECT tl.id, tl.part_id, tl.line_no, tl.quantity::float8 AS quantity, tl.received::float8 AS received, tl.written_off::float8 AS written_off,
              t.number, t.status, t.to_station_id, t.to_warehouse_id
         FROM stock.transfer_line tl JOIN stock.transfer t ON t.id = tl.transfer_id WHERE tl.id = $1 FOR UPDATE OF tl`, [transferLineId]);
    return line ?? null;
  },
  /** What pending write-offs already ask of the line's missing quantity. */
  async pendingOnTransferLine(tx: Tx, transferLineId: string): Promise<number> {
    const [{ pending }] = await tx.query(`SELECT coalesce(sum(quantity), 0)::float8 AS pending FROM stock.write_off WHERE transfer_line_id = $1 AND status = 'PENDING'`, [transferLineId]);
    return pending;
  },
  /** The line's written-off quantity goes up, unless that would exceed what it still misses: false then. */
  async writeOffOnTransferLine(tx: Tx, transferLineId: string, quantity: number): Promise<boolean> {
    const done = returned(await tx.query(`UPDATE stock.transfer_line SET written_off = written_off + $2 WHERE id = $1 AND received + written_off + $2 <= quantity RETURNING id`,
      [transferLineId, quantity]));
    return done.length > 0;
  },
  async transferOfLine(db: Pick<Tx, 'query'>, transferLineId: string): Promise<string | null> {
    const [r] = await db.query(`SELECT transfer_id FROM stock.transfer_line WHERE id = $1`, [transferLineId]);
    return r?.transfer_id ?? null;
  },
};
