import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SUPPLIER_RETURN (退货给供应商): damaged goods leave the quarantine bin back to
 * the supplier. The ledger's movement types become rows of a small table the
 * type column references, instead of a CHECK list: a migration that adds a
 * type inserts one row, so migrations adding different types (this one,
 * the depot's DEPOT_SHIPMENT) do not undo each other whatever order they run in.
 */
export class StockSupplierReturn1764700000000 implements MigrationInterface {
  name = 'StockSupplierReturn1764700000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE IF NOT EXISTS stock.movement_type (name text PRIMARY KEY)`);
    await q.query(`INSERT INTO stock.movement_type (name)
      SELECT unnest(ARRAY['RECEIPT','ISSUE','RETURN','BIN_MOVE','TRANSFER_OUT','TRANSFER_IN','ADJUSTMENT','WRITE_OFF','QUARANTINE','SUPPLIER_RETURN'])
      ON CONFLICT DO NOTHING`);
    await q.query(`INSERT INTO stock.movement_type (name) SELECT DISTINCT type FROM stock.stock_movement ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE stock.stock_movement DROP CONSTRAINT IF EXISTS stock_movement_type_check`);
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'stock_movement_type_fk') THEN
        ALTER TABLE stock.stock_movement ADD CONSTRAINT stock_movement_type_fk FOREIGN KEY (type) REFERENCES stock.movement_type(name);
      END IF; END $$`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock.stock_movement DROP CONSTRAINT IF EXISTS stock_movement_type_fk`);
    await q.query(`DELETE FROM stock.movement_type WHERE name = 'SUPPLIER_RETURN'`);
  }
}
