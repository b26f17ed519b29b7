import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Repair orders (委托书 / 工单) as far as the parts flow needs them. */
export class WorkshopInitial1763856000000 implements MigrationInterface {
  name = 'WorkshopInitial1763856000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workshop.repair_order (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      station_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','IN_PROGRESS','COMPLETED','SETTLED','CANCELLED')),
      vin text,
      plate text,
      vehicle_model_id uuid,
      opened_by text NOT NULL,
      opened_at timestamptz NOT NULL DEFAULT now(),
      completed_at timestamptz,
      settled_at timestamptz)`);
    await q.query(`CREATE INDEX repair_order_station ON workshop.repair_order (station_id, opened_at DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workshop.repair_order`);
  }
}
