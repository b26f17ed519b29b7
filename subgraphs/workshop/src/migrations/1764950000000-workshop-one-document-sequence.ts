import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter sales' numbers (XS2026-000001) are drawn from workshop.document_sequence, series 'XS', like every other
 * workshop document (document-number.ts): their own table (station, year) goes, its counters carried over.
 */
export class WorkshopOneDocumentSequence1764950000000 implements MigrationInterface {
  name = 'WorkshopOneDocumentSequence1764950000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`INSERT INTO workshop.document_sequence (station_id, series, year, last_value)
      SELECT station_id, 'XS', year, last_value FROM workshop.counter_sale_sequence
      ON CONFLICT (station_id, series, year) DO UPDATE SET last_value = greatest(document_sequence.last_value, EXCLUDED.last_value)`);
    await q.query(`DROP TABLE workshop.counter_sale_sequence`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workshop.counter_sale_sequence (
      station_id uuid NOT NULL,
      year int NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (station_id, year))`);
    await q.query(`INSERT INTO workshop.counter_sale_sequence (station_id, year, last_value)
      SELECT station_id, year, last_value FROM workshop.document_sequence WHERE series = 'XS'`);
    await q.query(`DELETE FROM workshop.document_sequence WHERE series = 'XS'`);
  }
}
