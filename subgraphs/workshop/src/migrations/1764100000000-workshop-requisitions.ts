import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Repair-order numbering, estimated parts (预估材料), requisitions (领料单)
 * with their lines, price changes (调价) and returns (退料).
 *
 * A requisition is a saga across workshop and stock: its row is committed
 * PENDING (with the request and the acting user) before stock is asked to
 * issue, and becomes DONE with its lines once stock has answered. The
 * number is drawn only then, so a refused requisition leaves no gap.
 */
export class WorkshopRequisitions1764100000000 implements MigrationInterface {
  name = 'WorkshopRequisitions1764100000000';
  async up(q: QueryRunner): Promise<void> {
    // "WO2026-000123" (repair orders) and "LL2026-000001" (requisitions) per station and year.
    await q.query(`CREATE TABLE workshop.document_sequence (
      station_id uuid NOT NULL,
      series text NOT NULL,
      year int NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (station_id, series, year))`);
    await q.query(`ALTER TABLE workshop.repair_order ADD COLUMN cancelled_at timestamptz`);
    await q.query(`ALTER TABLE workshop.repair_order DROP CONSTRAINT repair_order_number_key`);
    await q.query(`ALTER TABLE workshop.repair_order ADD CONSTRAINT repair_order_station_number UNIQUE (station_id, number)`);
    await q.query(`CREATE INDEX repair_order_station_status ON workshop.repair_order (station_id, status, opened_at DESC, id DESC)`);
    await q.query(`DROP INDEX workshop.repair_order_station`);
    await q.query(`CREATE INDEX repair_order_station ON workshop.repair_order (station_id, opened_at DESC, id DESC)`);

    await q.query(`CREATE TABLE workshop.estimated_part (
      id uuid PRIMARY KEY,
      repair_order_id uuid NOT NULL REFERENCES workshop.repair_order(id),
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      warehouse_id uuid,
      note text,
      requisition_id uuid,
      added_by text NOT NULL,
      added_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX estimated_part_order ON workshop.estimated_part (repair_order_id, added_at)`);

    await q.query(`CREATE TABLE workshop.requisition (
      id uuid PRIMARY KEY,
      repair_order_id uuid NOT NULL REFERENCES workshop.repair_order(id),
      station_id uuid NOT NULL,
      number text,
      kind text NOT NULL CHECK (kind IN ('ISSUE', 'PURCHASE_AND_ISSUE')),
      status text NOT NULL CHECK (status IN ('PENDING', 'DONE')),
      idempotency_key text NOT NULL,
      fingerprint text NOT NULL,
      allow_partial boolean NOT NULL,
      request jsonb NOT NULL,
      actor jsonb NOT NULL,
      purchase_order_id uuid,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      completed_at timestamptz,
      CHECK ((status = 'DONE') = (number IS NOT NULL)),
      UNIQUE (station_id, idempotency_key),
      UNIQUE (station_id, number))`);
    await q.query(`CREATE INDEX requisition_order ON workshop.requisition (repair_order_id, requested_at)`);
    await q.query(`CREATE INDEX requisition_pending ON workshop.requisition (requested_at) WHERE status = 'PENDING'`);

    await q.query(`CREATE TABLE workshop.requisition_line (
      id uuid PRIMARY KEY,
      requisition_id uuid NOT NULL REFERENCES workshop.requisition(id),
      repair_order_id uuid NOT NULL REFERENCES workshop.repair_order(id),
      line_no int NOT NULL,
      part_id uuid NOT NULL,
      unit_precision int NOT NULL,
      warehouse_id uuid,
      requested numeric(14,3) NOT NULL CHECK (requested > 0),
      issued numeric(14,3) NOT NULL CHECK (issued >= 0),
      shortfall numeric(14,3) NOT NULL CHECK (shortfall >= 0),
      returned numeric(14,3) NOT NULL DEFAULT 0 CHECK (returned >= 0),
      tier_price numeric(12,4) NOT NULL CHECK (tier_price >= 0),
      hq_cap numeric(12,4),
      unit_price numeric(12,4) NOT NULL CHECK (unit_price >= 0),
      bin_id uuid,
      allocations jsonb NOT NULL DEFAULT '[]',
      shortage_id uuid,
      purchase_order_id uuid,
      CHECK (issued + shortfall = requested),
      CHECK (returned <= issued),
      CHECK (hq_cap IS NULL OR unit_price <= hq_cap),
      UNIQUE (requisition_id, line_no))`);
    await q.query(`CREATE INDEX requisition_line_order ON workshop.requisition_line (repair_order_id)`);

    await q.query(`CREATE TABLE workshop.requisition_price_change (
      id uuid PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES workshop.requisition_line(id),
      from_price numeric(12,4) NOT NULL,
      to_price numeric(12,4) NOT NULL,
      changed_by text NOT NULL,
      changed_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX requisition_price_change_line ON workshop.requisition_price_change (line_id, changed_at)`);

    // 退料: booked here first (PENDING, quantity reserved on the line), then in stock, then DONE.
    await q.query(`CREATE TABLE workshop.requisition_return (
      id uuid PRIMARY KEY,
      line_id uuid NOT NULL REFERENCES workshop.requisition_line(id),
      repair_order_id uuid NOT NULL REFERENCES workshop.repair_order(id),
      idempotency_key text NOT NULL UNIQUE,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      requested_bin_id uuid,
      bin_id uuid,
      status text NOT NULL CHECK (status IN ('PENDING', 'DONE')),
      actor jsonb NOT NULL,
      returned_by text NOT NULL,
      returned_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX requisition_return_line ON workshop.requisition_return (line_id)`);
    await q.query(`CREATE INDEX requisition_return_pending ON workshop.requisition_return (returned_at) WHERE status = 'PENDING'`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const t of ['requisition_return', 'requisition_price_change', 'requisition_line', 'requisition', 'estimated_part', 'document_sequence']) {
      await q.query(`DROP TABLE workshop.${t}`);
    }
    await q.query(`ALTER TABLE workshop.repair_order DROP COLUMN cancelled_at`);
  }
}
