import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalog: vehicle models, parts with their prices and compatible models. */
export class CatalogInitial1763856000000 implements MigrationInterface {
  name = 'CatalogInitial1763856000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await q.query(`CREATE TABLE catalog.vehicle_model (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      series text NOT NULL,
      name text NOT NULL,
      name_en text,
      year_from int,
      year_to int,
      CHECK (year_to IS NULL OR year_from IS NULL OR year_to >= year_from))`);
    await q.query(`CREATE TABLE catalog.part (
      id uuid PRIMARY KEY,
      part_no text NOT NULL,
      part_no_norm text NOT NULL UNIQUE,
      name text NOT NULL,
      name_en text,
      spec text,
      unit text NOT NULL,
      unit_precision smallint NOT NULL DEFAULT 0 CHECK (unit_precision BETWEEN 0 AND 3),
      category text,
      brand text,
      barcode text UNIQUE,
      image_urls text[] NOT NULL DEFAULT '{}',
      superseded_by_id uuid REFERENCES catalog.part(id),
      price_retail numeric(12,2) NOT NULL CHECK (price_retail >= 0),
      price_wholesale numeric(12,2) NOT NULL CHECK (price_wholesale >= 0),
      price_member numeric(12,2) NOT NULL CHECK (price_member >= 0),
      price_insurance numeric(12,2) NOT NULL CHECK (price_insurance >= 0),
      price_internal numeric(12,2) NOT NULL CHECK (price_internal >= 0),
      hq_cap numeric(12,2) CHECK (hq_cap >= 0),
      pack_size numeric(14,3) NOT NULL DEFAULT 1 CHECK (pack_size > 0),
      min_order_qty numeric(14,3) NOT NULL DEFAULT 1 CHECK (min_order_qty > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (superseded_by_id IS NULL OR superseded_by_id <> id),
      CHECK (hq_cap IS NULL OR hq_cap >= GREATEST(price_retail, price_wholesale, price_member, price_insurance, price_internal)))`);
    await q.query(`CREATE INDEX part_superseded_by ON catalog.part (superseded_by_id) WHERE superseded_by_id IS NOT NULL`);
    await q.query(`CREATE TABLE catalog.part_model (
      part_id uuid NOT NULL REFERENCES catalog.part(id) ON DELETE CASCADE,
      model_id uuid NOT NULL REFERENCES catalog.vehicle_model(id),
      PRIMARY KEY (part_id, model_id))`);
    await q.query(`CREATE INDEX part_model_model ON catalog.part_model (model_id)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalog.part_model`);
    await q.query(`DROP TABLE catalog.part`);
    await q.query(`DROP TABLE catalog.vehicle_model`);
  }
}
