import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog facts workshop prices and checks lines with, projected from
 * catalog.part_changed so that a requisition does not ask the catalog over
 * HTTP each time (see part-fact/part-fact.projection.ts). The whole partFacts
 * answer is kept as it came, so the projection never disagrees with the
 * command's shape.
 */
export class WorkshopPartFacts1764400000000 implements MigrationInterface {
  name = 'WorkshopPartFacts1764400000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workshop.part_fact (
      part_id uuid PRIMARY KEY,
      facts jsonb NOT NULL,
      synced_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE workshop.part_fact`);
  }
}
