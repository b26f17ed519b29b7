import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the stock room's pages and documents need:
 * - the ledger pages newest first per station (occurred_at, then seq);
 * - a transfer line keeps what was received short: `written_off` counts how
 *   much of that difference approved write-offs have taken off, the rest is
 *   still missing on the transfer;
 * - a write-off may be of a transfer line's missing quantity (no bin: that
 *   stock left the source and never reached a bin);
 * - a stocktake can be rejected with a reason (nothing is posted).
 */
export class StockPages1764300000000 implements MigrationInterface {
  name = 'StockPages1764300000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX stock_movement_station_time ON stock.stock_movement (station_id, occurred_at DESC, seq DESC)`);
    await q.query(`CREATE INDEX stock_movement_time ON stock.stock_movement (occurred_at DESC, seq DESC)`);
    await q.query(`CREATE INDEX transfer_created ON stock.transfer (created_at DESC, id DESC)`);
    await q.query(`ALTER TABLE stock.transfer_line ADD COLUMN written_off numeric(14,3) NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE stock.transfer_line ADD CONSTRAINT transfer_line_written_off CHECK (written_off >= 0 AND received + written_off <= quantity)`);
    await q.query(`ALTER TABLE stock.write_off ALTER COLUMN bin_id DROP NOT NULL`);
    await q.query(`ALTER TABLE stock.write_off ADD COLUMN transfer_line_id uuid REFERENCES stock.transfer_line(id)`);
    await q.query(`ALTER TABLE stock.write_off ADD CONSTRAINT write_off_bin_or_transfer CHECK ((bin_id IS NULL) <> (transfer_line_id IS NULL))`);
    await q.query(`CREATE INDEX write_off_requested ON stock.write_off (station_id, requested_at DESC)`);
    await q.query(`ALTER TABLE stock.stocktake DROP CONSTRAINT stocktake_status_check`);
    await q.query(`ALTER TABLE stock.stocktake ADD CONSTRAINT stocktake_status_check CHECK (status IN ('OPEN','APPROVED','REJECTED','CANCELLED'))`);
    await q.query(`ALTER TABLE stock.stocktake ADD COLUMN rejected_by text, ADD COLUMN rejected_at timestamptz, ADD COLUMN reject_reason text`);
    await q.query(`CREATE INDEX stocktake_station ON stock.stocktake (station_id, started_at DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stock.stocktake_station`);
    await q.query(`ALTER TABLE stock.stocktake DROP COLUMN rejected_by, DROP COLUMN rejected_at, DROP COLUMN reject_reason`);
    await q.query(`ALTER TABLE stock.stocktake DROP CONSTRAINT stocktake_status_check`);
    await q.query(`ALTER TABLE stock.stocktake ADD CONSTRAINT stocktake_status_check CHECK (status IN ('OPEN','APPROVED','CANCELLED'))`);
    await q.query(`DROP INDEX stock.write_off_requested`);
    await q.query(`ALTER TABLE stock.write_off DROP CONSTRAINT write_off_bin_or_transfer`);
    await q.query(`ALTER TABLE stock.write_off DROP COLUMN transfer_line_id`);
    await q.query(`ALTER TABLE stock.write_off ALTER COLUMN bin_id SET NOT NULL`);
    await q.query(`ALTER TABLE stock.transfer_line DROP CONSTRAINT transfer_line_written_off`);
    await q.query(`ALTER TABLE stock.transfer_line DROP COLUMN written_off`);
    await q.query(`DROP INDEX stock.transfer_created`);
    await q.query(`DROP INDEX stock.stock_movement_time`);
    await q.query(`DROP INDEX stock.stock_movement_station_time`);
  }
}
