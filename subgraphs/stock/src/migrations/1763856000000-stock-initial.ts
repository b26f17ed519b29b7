import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Stations, warehouses, bins and stock levels per (part, bin). Quantities never go negative: CHECKs, not only code. */
export class StockInitial1763856000000 implements MigrationInterface {
  name = 'StockInitial1763856000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stock.station (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      region text,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE stock.warehouse (
      id uuid PRIMARY KEY,
      station_id uuid NOT NULL REFERENCES stock.station(id),
      code text NOT NULL,
      name text NOT NULL,
      UNIQUE (station_id, code))`);
    await q.query(`CREATE TABLE stock.bin (
      id uuid PRIMARY KEY,
      warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      code text NOT NULL,
      quarantine boolean NOT NULL DEFAULT false,
      UNIQUE (warehouse_id, code))`);
    await q.query(`CREATE TABLE stock.stock_level (
      part_id uuid NOT NULL,
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      on_hand numeric(14,3) NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
      reserved numeric(14,3) NOT NULL DEFAULT 0 CHECK (reserved >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (part_id, bin_id),
      CHECK (reserved <= on_hand))`);
    await q.query(`CREATE INDEX stock_level_bin ON stock.stock_level (bin_id)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock.stock_level`);
    await q.query(`DROP TABLE stock.bin`);
    await q.query(`DROP TABLE stock.warehouse`);
    await q.query(`DROP TABLE stock.station`);
  }
}
