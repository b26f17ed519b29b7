import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The movement ledger and everything that moves stock: remembered bins,
 * idempotent command results, transfers, stocktakes and write-offs.
 * Ledger quantities are signed (+ in, − out of the bin), like the
 * `stock.movement` event; per (part, bin) the ledger sums to on_hand.
 */
export class StockLedger1763860000000 implements MigrationInterface {
  name = 'StockLedger1763860000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stock.stock_movement (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      seq bigserial NOT NULL UNIQUE,
      type text NOT NULL CHECK (type IN ('RECEIPT','ISSUE','RETURN','BIN_MOVE','TRANSFER_OUT','TRANSFER_IN','ADJUSTMENT','WRITE_OFF','QUARANTINE')),
      part_id uuid NOT NULL,
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      station_id uuid NOT NULL REFERENCES stock.station(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity <> 0),
      reference text,
      actor text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX stock_movement_part ON stock.stock_movement (part_id, occurred_at DESC, seq DESC)`);
    await q.query(`CREATE INDEX stock_movement_warehouse ON stock.stock_movement (warehouse_id, occurred_at DESC, seq DESC)`);
    await q.query(`CREATE INDEX stock_movement_station_part ON stock.stock_movement (station_id, part_id, occurred_at)`);
    await q.query(`CREATE INDEX stock_movement_reference ON stock.stock_movement (reference, part_id) WHERE reference IS NOT NULL`);
    // Ledger rows are history: never changed, never deleted.
    await q.query(`CREATE FUNCTION stock.ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'stock_movement is append-only' USING ERRCODE = '23514'; END $$`);
    await q.query(`CREATE TRIGGER stock_movement_append_only BEFORE UPDATE OR DELETE ON stock.stock_movement
      FOR EACH ROW EXECUTE FUNCTION stock.ledger_is_append_only()`);

    await q.query(`CREATE TABLE stock.part_default_bin (
      part_id uuid NOT NULL,
      warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (part_id, warehouse_id))`);

    await q.query(`CREATE TABLE stock.command_result (
      key text PRIMARY KEY,
      command text NOT NULL,
      result jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE stock.number_sequence (
      station_id uuid NOT NULL,
      series text NOT NULL,
      year int NOT NULL,
      last int NOT NULL DEFAULT 0,
      PRIMARY KEY (station_id, series, year))`);

    await q.query(`CREATE TABLE stock.transfer (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      from_warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      to_warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      from_station_id uuid NOT NULL REFERENCES stock.station(id),
      to_station_id uuid NOT NULL REFERENCES stock.station(id),
      status text NOT NULL CHECK (status IN ('DRAFT','SHIPPED','RECEIVED','CANCELLED')),
      swap_id uuid,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      shipped_by text, shipped_at timestamptz,
      received_by text, received_at timestamptz,
      CHECK (from_warehouse_id <> to_warehouse_id))`);
    await q.query(`CREATE INDEX transfer_from ON stock.transfer (from_station_id, status)`);
    await q.query(`CREATE INDEX transfer_to ON stock.transfer (to_station_id, status)`);
    await q.query(`CREATE TABLE stock.transfer_line (
      id uuid PRIMARY KEY,
      transfer_id uuid NOT NULL REFERENCES stock.transfer(id),
      line_no int NOT NULL,
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      received numeric(14,3) NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= quantity),
      unit_price numeric(12,2),
      UNIQUE (transfer_id, line_no))`);
    await q.query(`CREATE INDEX transfer_line_part ON stock.transfer_line (part_id)`);
    // Where each line's stock is held (reserved while DRAFT) and leaves from.
    await q.query(`CREATE TABLE stock.transfer_allocation (
      transfer_line_id uuid NOT NULL REFERENCES stock.transfer_line(id),
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      PRIMARY KEY (transfer_line_id, bin_id))`);

    await q.query(`CREATE TABLE stock.stocktake (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      station_id uuid NOT NULL REFERENCES stock.station(id),
      status text NOT NULL CHECK (status IN ('OPEN','APPROVED','CANCELLED')),
      started_by text NOT NULL, started_at timestamptz NOT NULL,
      approved_by text, approved_at timestamptz)`);
    // One open count per warehouse at a time.
    await q.query(`CREATE UNIQUE INDEX stocktake_one_open ON stock.stocktake (warehouse_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE TABLE stock.stocktake_line (
      stocktake_id uuid NOT NULL REFERENCES stock.stocktake(id),
      part_id uuid NOT NULL,
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      expected numeric(14,3) NOT NULL DEFAULT 0,
      counted numeric(14,3) CHECK (counted >= 0),
      book_at_count numeric(14,3),
      counted_by text, counted_at timestamptz,
      posted numeric(14,3),
      PRIMARY KEY (stocktake_id, part_id, bin_id))`);

    await q.query(`CREATE TABLE stock.write_off (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      part_id uuid NOT NULL,
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      station_id uuid NOT NULL REFERENCES stock.station(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING','APPROVED','REJECTED')),
      requested_by text NOT NULL, requested_at timestamptz NOT NULL,
      decided_by text, decided_at timestamptz, decision_note text)`);
    await q.query(`CREATE INDEX write_off_station ON stock.write_off (station_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['write_off', 'stocktake_line', 'stocktake', 'transfer_allocation', 'transfer_line', 'transfer', 'number_sequence', 'command_result', 'part_default_bin', 'stock_movement']) {
      await q.query(`DROP TABLE stock.${t}`);
    }
    await q.query(`DROP FUNCTION stock.ledger_is_append_only()`);
  }
}
