import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter sales and their returns become pending commands like requisitions:
 * a sale is claimed first (PENDING, with the decided lines, the fingerprint of
 * the request and the acting user) and written as a sale when stock has
 * issued, so a crash in between is finished by a retry or by the sweep; a
 * counter-sale return keeps its actor so the sweep can finish it as them.
 */
export class WorkshopPendingCommands1764300000000 implements MigrationInterface {
  name = 'WorkshopPendingCommands1764300000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workshop.counter_sale_command (
      id uuid PRIMARY KEY,
      station_id uuid NOT NULL,
      idempotency_key text NOT NULL,
      fingerprint text NOT NULL,
      allow_partial boolean NOT NULL,
      request jsonb NOT NULL,
      actor jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'DONE')),
      counter_sale_id uuid REFERENCES workshop.counter_sale(id),
      requested_at timestamptz NOT NULL,
      UNIQUE (station_id, idempotency_key))`);
    await q.query(`CREATE INDEX counter_sale_command_pending ON workshop.counter_sale_command (requested_at) WHERE status = 'PENDING'`);
    await q.query(`ALTER TABLE workshop.counter_sale_return ADD COLUMN actor jsonb`);
    await q.query(`CREATE INDEX counter_sale_return_pending ON workshop.counter_sale_return (returned_at) WHERE status = 'PENDING'`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workshop.counter_sale_return_pending`);
    await q.query(`ALTER TABLE workshop.counter_sale_return DROP COLUMN actor`);
    await q.query(`DROP TABLE workshop.counter_sale_command`);
  }
}
