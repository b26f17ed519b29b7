import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search: the embedded engine's documents (part-number trigrams, text terms
 * as a tsvector of Chinese unigrams/bigrams and English words, models,
 * supersession), the English vocabulary used for typo correction, and the
 * availability projection fed by stock events (the catalog never reads the
 * stock schema).
 */
export class CatalogSearch1763900000000 implements MigrationInterface {
  name = 'CatalogSearch1763900000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE catalog.search_doc (
      part_id uuid PRIMARY KEY REFERENCES catalog.part(id) ON DELETE CASCADE,
      part_no_norm text NOT NULL,
      barcode text,
      name_norm text NOT NULL,
      name_en_norm text,
      terms tsvector NOT NULL,
      model_ids uuid[] NOT NULL DEFAULT '{}',
      category text,
      successor_id uuid,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    // Any fragment of a number (LIKE '%…%', with '_' for one wrong character) is answered from trigrams.
    await q.query(`CREATE INDEX search_doc_part_no_trgm ON catalog.search_doc USING gin (part_no_norm public.gin_trgm_ops)`);
    await q.query(`CREATE INDEX search_doc_barcode ON catalog.search_doc (barcode) WHERE barcode IS NOT NULL`);
    await q.query(`CREATE INDEX search_doc_terms ON catalog.search_doc USING gin (terms)`);
    await q.query(`CREATE INDEX search_doc_models ON catalog.search_doc USING gin (model_ids)`);
    await q.query(`CREATE INDEX search_doc_category ON catalog.search_doc (category)`);
    await q.query(`CREATE TABLE catalog.search_term (word text PRIMARY KEY)`);
    await q.query(`CREATE TABLE catalog.part_availability (
      part_id uuid NOT NULL,
      station_id uuid NOT NULL,
      on_hand numeric(14,3) NOT NULL,
      available numeric(14,3) NOT NULL,
      in_transit numeric(14,3) NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (part_id, station_id))`);
    await q.query(`CREATE INDEX part_availability_in_stock ON catalog.part_availability (station_id, part_id) WHERE available > 0`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.part_availability`);
    await q.query(`DROP TABLE catalog.search_term`);
    await q.query(`DROP TABLE catalog.search_doc`);
  }
}
