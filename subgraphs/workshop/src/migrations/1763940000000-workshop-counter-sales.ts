import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counter sales (配件销售) with their lines, manual price changes and returns,
 * and lost sales (未满足需求) captured at the counter. Quantity rules are CHECKs
 * as well as code: a line never returns more than it issued, and issued plus
 * shortfall is what was asked for.
 */
export class WorkshopCounterSales1763940000000 implements MigrationInterface {
  name = 'WorkshopCounterSales1763940000000';
  async up(q: QueryRunner): Promise<void> {
    // "XS2026-000001" per station and year (销售单); its own counter so no other document series is touched.
    await q.query(`CREATE TABLE workshop.counter_sale_sequence (
      station_id uuid NOT NULL,
      year int NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (station_id, year))`);
    await q.query(`CREATE TABLE workshop.counter_sale (
      id uuid PRIMARY KEY,
      number text NOT NULL,
      station_id uuid NOT NULL,
      customer_type text NOT NULL CHECK (customer_type IN ('WALK_IN', 'MEMBER', 'WHOLESALE', 'INSURANCE')),
      customer_name text,
      idempotency_key text NOT NULL,
      sold_by text NOT NULL,
      sold_at timestamptz NOT NULL,
      UNIQUE (station_id, number),
      UNIQUE (station_id, idempotency_key))`);
    await q.query(`CREATE INDEX counter_sale_station ON workshop.counter_sale (station_id, sold_at DESC, id DESC)`);
    await q.query(`CREATE TABLE workshop.counter_sale_line (
      id uuid PRIMARY KEY,
      counter_sale_id uuid NOT NULL REFERENCES workshop.counter_sale(id),
      line_no int NOT NULL,
      part_id uuid NOT NULL,
      unit_precision int NOT NULL,
      requested numeric(14,3) NOT NULL CHECK (requested > 0),
      issued numeric(14,3) NOT NULL CHECK (issued >= 0),
      shortfall numeric(14,3) NOT NULL CHECK (shortfall >= 0),
      returned numeric(14,3) NOT NULL DEFAULT 0 CHECK (returned >= 0),
      price_tier text NOT NULL CHECK (price_tier IN ('RETAIL', 'MEMBER', 'WHOLESALE', 'INSURANCE')),
      tier_price numeric(12,4) NOT NULL CHECK (tier_price >= 0),
      hq_cap numeric(12,4),
      unit_price numeric(12,4) NOT NULL CHECK (unit_price >= 0),
      bin_id uuid,
      allocations jsonb NOT NULL DEFAULT '[]',
      shortage_id uuid,
      CHECK (issued + shortfall = requested),
      CHECK (returned <= issued),
      CHECK (hq_cap IS NULL OR unit_price <= hq_cap),
      UNIQUE (counter_sale_id, line_no))`);
    await q.query(`CREATE INDEX counter_sale_line_sale ON workshop.counter_sale_line (counter_sale_id)`);
    // 调价 record: who changed which line's price, when, from what to what.
    await q.query(`CREATE TABLE workshop.counter_sale_price_change (
      id uuid PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES workshop.counter_sale_line(id),
      from_price numeric(12,4) NOT NULL,
      to_price numeric(12,4) NOT NULL,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX counter_sale_price_change_line ON workshop.counter_sale_price_change (line_id, changed_at)`);
    // A return is booked here first (PENDING, quantity reserved on the line), then in stock, then DONE.
    await q.query(`CREATE TABLE workshop.counter_sale_return (
      id uuid PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES workshop.counter_sale_line(id),
      idempotency_key text NOT NULL UNIQUE,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      requested_bin_id uuid,
      bin_id uuid,
      status text NOT NULL CHECK (status IN ('PENDING', 'DONE')),
      returned_by text NOT NULL,
      returned_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX counter_sale_return_line ON workshop.counter_sale_return (line_id)`);
    await q.query(`CREATE TABLE workshop.lost_sale (
      id uuid PRIMARY KEY,
      station_id uuid NOT NULL,
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      reason text NOT NULL CHECK (reason IN ('NOT_STOCKED', 'OUT_OF_STOCK', 'PRICE', 'OTHER')),
      emergency_purchase boolean NOT NULL DEFAULT false,
      note text,
      idempotency_key text,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL,
      UNIQUE (station_id, idempotency_key))`);
    await q.query(`CREATE INDEX lost_sale_station ON workshop.lost_sale (station_id, recorded_at DESC, id DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const t of ['lost_sale', 'counter_sale_return', 'counter_sale_price_change', 'counter_sale_line', 'counter_sale', 'counter_sale_sequence']) {
      await q.query(`DROP TABLE workshop.${t}`);
    }
  }
}
