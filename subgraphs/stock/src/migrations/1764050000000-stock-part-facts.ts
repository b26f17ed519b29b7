import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalog facts stock checks every line against (unit precision, barcode),
 * projected from catalog.part_changed so that an issue does not ask the
 * catalog over HTTP each time (see part-fact/part-fact.projection.ts).
 */
export class StockPartFacts1764050000000 implements MigrationInterface {
  name = 'StockPartFacts1764050000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stock.part_fact (
      part_id uuid PRIMARY KEY,
      part_no text NOT NULL,
      unit_precision int NOT NULL CHECK (unit_precision BETWEEN 0 AND 3),
      barcode text,
      synced_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock.part_fact`);
  }
}
