import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at 100k parts: the embedded engine ranks a capped candidate set per
 * signal instead of scoring every match. Candidates that rank by part number
 * come from btrees read in order, stopping after one page: browsing walks
 * search_doc by number; a model alone walks search_doc_model (model, number),
 * because walking all numbers and filtering on model_ids crossed 70k rows
 * before finding a page for models whose parts have late numbers.
 */
export class CatalogSearchRanking1764000000000 implements MigrationInterface {
  name = 'CatalogSearchRanking1764000000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS search_doc_part_no ON catalog.search_doc (part_no_norm)`);
    await q.query(`CREATE TABLE catalog.search_doc_model (
      model_id uuid NOT NULL,
      part_no_norm text NOT NULL,
      part_id uuid NOT NULL REFERENCES catalog.search_doc(part_id) ON DELETE CASCADE,
      PRIMARY KEY (model_id, part_no_norm, part_id))`);
    await q.query(`CREATE INDEX search_doc_model_part ON catalog.search_doc_model (part_id)`);
    await q.query(`INSERT INTO catalog.search_doc_model (model_id, part_no_norm, part_id)
      SELECT DISTINCT unnest(model_ids), part_no_norm, part_id FROM catalog.search_doc`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS catalog.search_doc_model`);
    await q.query(`DROP INDEX IF EXISTS catalog.search_doc_part_no`);
  }
}
