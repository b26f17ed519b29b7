import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search as the counter types it: HQ's mnemonic (助记码) on the part (null =
 * generated from the name), the effective mnemonic and the models a part
 * fits through supersession on its search document (pinyin initials, full
 * pinyin and mnemonic are prefix terms in the GIN-indexed `terms`), the
 * distinct names pinyin is read against, and HQ's VIN patterns. The embedded
 * documents are emptied so the catalog rebuilds them with the new terms at
 * its next start (~7 s per 100k parts; search answers from the new documents
 * once the subgraph is up).
 */
export class CatalogPinyinVin1764100000000 implements MigrationInterface {
  name = 'CatalogPinyinVin1764100000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE catalog.part ADD COLUMN mnemonic text CHECK (mnemonic ~ '^[A-Z0-9]{1,20}$')`);
    await q.query(`ALTER TABLE catalog.search_doc ADD COLUMN mnemonic text NOT NULL DEFAULT '', ADD COLUMN fit_model_ids uuid[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX search_doc_fit_models ON catalog.search_doc USING gin (fit_model_ids)`);
    await q.query(`CREATE TABLE catalog.search_name (name text PRIMARY KEY)`);
    await q.query(`CREATE TABLE catalog.vin_pattern (
      id uuid PRIMARY KEY,
      prefix text NOT NULL CHECK (prefix ~ '^[A-HJ-NPR-Z0-9]{3,8}$'),
      vehicle_model_id uuid NOT NULL REFERENCES catalog.vehicle_model(id),
      year_from int,
      year_to int,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from))`);
    await q.query(`CREATE UNIQUE INDEX vin_pattern_prefix_years ON catalog.vin_pattern (prefix, coalesce(year_from, 0), coalesce(year_to, 0))`);
    await q.query(`TRUNCATE catalog.search_doc_model, catalog.search_doc`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.vin_pattern`);
    await q.query(`DROP TABLE catalog.search_name`);
    await q.query(`ALTER TABLE catalog.search_doc DROP COLUMN fit_model_ids, DROP COLUMN mnemonic`);
    await q.query(`ALTER TABLE catalog.part DROP COLUMN mnemonic`);
  }
}
