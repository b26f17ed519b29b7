import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Suppliers, what they supply, and the monthly consumption history per station and part. */
export class ProcurementInitial1763856000000 implements MigrationInterface {
  name = 'ProcurementInitial1763856000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE procurement.supplier (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      lead_time_days int NOT NULL CHECK (lead_time_days BETWEEN 0 AND 365),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE procurement.supplier_part (
      supplier_id uuid NOT NULL REFERENCES procurement.supplier(id),
      part_id uuid NOT NULL,
      unit_price numeric(12,2) NOT NULL CHECK (unit_price >= 0),
      PRIMARY KEY (supplier_id, part_id))`);
    await q.query(`CREATE INDEX supplier_part_part ON procurement.supplier_part (part_id)`);
    await q.query(`CREATE TABLE procurement.monthly_consumption (
      station_id uuid NOT NULL,
      part_id uuid NOT NULL,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      quantity numeric(14,3) NOT NULL DEFAULT 0 CHECK (quantity >= 0),
      PRIMARY KEY (station_id, part_id, month))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE procurement.monthly_consumption`);
    await q.query(`DROP TABLE procurement.supplier_part`);
    await q.query(`DROP TABLE procurement.supplier`);
  }
}
