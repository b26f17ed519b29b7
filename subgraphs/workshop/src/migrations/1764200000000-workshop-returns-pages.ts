import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A return (退料) keeps why the parts came back and gets a number for its 退料单; repair orders page newest first. */
export class WorkshopReturnsPages1764200000000 implements MigrationInterface {
  name = 'WorkshopReturnsPages1764200000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workshop.requisition_return ADD COLUMN reason text, ADD COLUMN number text`);
    await q.query(`CREATE INDEX repair_order_station_opened ON workshop.repair_order (station_id, opened_at DESC, id DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workshop.repair_order_station_opened`);
    await q.query(`ALTER TABLE workshop.requisition_return DROP COLUMN reason, DROP COLUMN number`);
  }
}
