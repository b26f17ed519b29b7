import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchasing end to end (issue 24):
 * - supplier offers: `supplier_part` becomes the offer — its own lead time,
 *   minimum order quantity and pack size (null: the supplier's lead time, the
 *   part's MOQ / pack) and at most one preferred offer per part. Existing rows
 *   get a preferred offer per part: the fastest supplier, then the cheapest.
 * - purchase orders: the reason a cancelled order gives, when it is expected.
 * - damage claims: the return of the damaged goods to the supplier (key, when).
 * - shortages: who has acknowledged which (per user).
 */
export class ProcurementPurchasing1764700000000 implements MigrationInterface {
  name = 'ProcurementPurchasing1764700000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.supplier_part
      ADD COLUMN lead_time_days int CHECK (lead_time_days BETWEEN 0 AND 365),
      ADD COLUMN min_order_qty numeric(14,3) CHECK (min_order_qty >= 0),
      ADD COLUMN pack_size numeric(14,3) CHECK (pack_size > 0),
      ADD COLUMN preferred boolean NOT NULL DEFAULT false,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`CREATE UNIQUE INDEX supplier_part_one_preferred ON procurement.supplier_part (part_id) WHERE preferred`);
    await q.query(`UPDATE procurement.supplier_part sp SET preferred = true FROM (
        SELECT DISTINCT ON (x.part_id) x.part_id, x.supplier_id FROM procurement.supplier_part x JOIN procurement.supplier s ON s.id = x.supplier_id
         ORDER BY x.part_id, s.lead_time_days, x.unit_price, x.supplier_id) best
       WHERE sp.part_id = best.part_id AND sp.supplier_id = best.supplier_id`);
    await q.query(`ALTER TABLE procurement.purchase_order ADD COLUMN cancel_reason text, ADD COLUMN expected_at timestamptz`);
    await q.query(`ALTER TABLE procurement.damage_claim
      ADD COLUMN return_key text,
      ADD COLUMN return_requested_at timestamptz,
      ADD COLUMN returned_at timestamptz,
      ADD COLUMN returned_by text`);
    await q.query(`CREATE TABLE procurement.shortage_acknowledgement (
      shortage_id uuid NOT NULL REFERENCES procurement.shortage(id),
      user_id text NOT NULL,
      acknowledged_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (shortage_id, user_id))`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE procurement.shortage_acknowledgement`);
    await q.query(`ALTER TABLE procurement.damage_claim DROP COLUMN return_key, DROP COLUMN return_requested_at, DROP COLUMN returned_at, DROP COLUMN returned_by`);
    await q.query(`ALTER TABLE procurement.purchase_order DROP COLUMN cancel_reason, DROP COLUMN expected_at`);
    await q.query(`DROP INDEX procurement.supplier_part_one_preferred`);
    await q.query(`ALTER TABLE procurement.supplier_part DROP COLUMN lead_time_days, DROP COLUMN min_order_qty, DROP COLUMN pack_size, DROP COLUMN preferred, DROP COLUMN updated_at`);
  }
}
