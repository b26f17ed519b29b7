import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HQ's parts depot (备品部): a station of kind DEPOT; the depot's stock held
 * for confirmed orders of the stations (per order line and bin, reserved on
 * the level rows until shipped); DEPOT_SHIPMENT joins the ledger's movement
 * types.
 */
export class StockDepot1764200000000 implements MigrationInterface {
  name = 'StockDepot1764200000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock.station ADD COLUMN kind text NOT NULL DEFAULT 'STATION' CHECK (kind IN ('STATION', 'DEPOT'))`);
    // Movement types are rows of stock.movement_type (the type column references it), as the SUPPLIER_RETURN migration
    // shapes them too: whichever of the two runs first creates the table, and neither undoes the other's type.
    await q.query(`CREATE TABLE IF NOT EXISTS stock.movement_type (name text PRIMARY KEY)`);
    await q.query(`INSERT INTO stock.movement_type (name)
      SELECT unnest(ARRAY['RECEIPT','ISSUE','RETURN','BIN_MOVE','TRANSFER_OUT','TRANSFER_IN','ADJUSTMENT','WRITE_OFF','QUARANTINE','DEPOT_SHIPMENT'])
      ON CONFLICT DO NOTHING`);
    await q.query(`INSERT INTO stock.movement_type (name) SELECT DISTINCT type FROM stock.stock_movement ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE stock.stock_movement DROP CONSTRAINT IF EXISTS stock_movement_type_check`);
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'stock_movement_type_fk') THEN
        ALTER TABLE stock.stock_movement ADD CONSTRAINT stock_movement_type_fk FOREIGN KEY (type) REFERENCES stock.movement_type(name);
      END IF; END $$`);
    // What the depot holds for one confirmed order line (line_key: the purchase order line), per bin.
    await q.query(`CREATE TABLE stock.depot_reservation (
      line_key text NOT NULL,
      part_id uuid NOT NULL,
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      station_id uuid NOT NULL REFERENCES stock.station(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity >= 0),
      shipped numeric(14,3) NOT NULL DEFAULT 0 CHECK (shipped >= 0 AND shipped <= quantity),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (line_key, bin_id))`);
    await q.query(`CREATE INDEX depot_reservation_part ON stock.depot_reservation (part_id)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock.depot_reservation`);
    await q.query(`DELETE FROM stock.movement_type WHERE name = 'DEPOT_SHIPMENT'`);
    await q.query(`ALTER TABLE stock.station DROP COLUMN kind`);
  }
}
