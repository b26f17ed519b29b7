import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Ordering and receiving: purchase orders, goods receipts with the pending
 * stock posting (crash safety), damage claims, shortages, reorder policies,
 * the last known stock position per part (from stock events) and the demand
 * column of the consumption history.
 */
export class ProcurementOrdering1763857000000 implements MigrationInterface {
  name = 'ProcurementOrdering1763857000000';
  async up(q: QueryRunner): Promise<void> {
    // Document numbers are per station, series (CG, P, RK, HS) and year.
    await q.query(`CREATE TABLE procurement.document_sequence (
      station_id uuid NOT NULL,
      series text NOT NULL,
      year int NOT NULL,
      last_value int NOT NULL,
      PRIMARY KEY (station_id, series, year))`);
    await q.query(`CREATE TABLE procurement.purchase_order (
      id uuid PRIMARY KEY,
      number text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('STANDARD', 'REPLACEMENT')),
      station_id uuid NOT NULL,
      supplier_id uuid NOT NULL REFERENCES procurement.supplier(id),
      status text NOT NULL CHECK (status IN ('DRAFT','SUBMITTED','SHIPPED','PARTIALLY_RECEIVED','RECEIVED','CLOSED','CANCELLED')),
      idempotency_key text,
      repair_order_id uuid,
      note text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz,
      shipped_at timestamptz,
      received_at timestamptz,
      closed_at timestamptz,
      cancelled_at timestamptz,
      UNIQUE (station_id, number),
      UNIQUE (station_id, idempotency_key))`);
    await q.query(`CREATE INDEX purchase_order_station_status ON procurement.purchase_order (station_id, status)`);
    await q.query(`CREATE TABLE procurement.purchase_order_line (
      id uuid PRIMARY KEY,
      purchase_order_id uuid NOT NULL REFERENCES procurement.purchase_order(id),
      line_no int NOT NULL,
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(12,4) NOT NULL CHECK (unit_price >= 0),
      unit_precision int NOT NULL DEFAULT 3,
      category text,
      received numeric(14,3) NOT NULL DEFAULT 0 CHECK (received >= 0),
      accepted numeric(14,3) NOT NULL DEFAULT 0 CHECK (accepted >= 0),
      damaged numeric(14,3) NOT NULL DEFAULT 0 CHECK (damaged >= 0),
      CHECK (accepted + damaged = received),
      UNIQUE (purchase_order_id, line_no))`);
    await q.query(`CREATE INDEX purchase_order_line_part ON procurement.purchase_order_line (part_id)`);
    await q.query(`CREATE TABLE procurement.damage_claim (
      id uuid PRIMARY KEY,
      number text NOT NULL,
      station_id uuid NOT NULL,
      supplier_id uuid NOT NULL REFERENCES procurement.supplier(id),
      purchase_order_id uuid NOT NULL REFERENCES procurement.purchase_order(id),
      replacement_order_id uuid REFERENCES procurement.purchase_order(id),
      status text NOT NULL CHECK (status IN ('OPEN','SUBMITTED','ACCEPTED','REJECTED','SETTLED')),
      amount numeric(14,2) NOT NULL CHECK (amount >= 0),
      resolution_note text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (station_id, number))`);
    await q.query(`CREATE INDEX damage_claim_station_status ON procurement.damage_claim (station_id, status)`);
    await q.query(`CREATE TABLE procurement.goods_receipt (
      id uuid PRIMARY KEY,
      number text NOT NULL,
      station_id uuid NOT NULL,
      purchase_order_id uuid NOT NULL REFERENCES procurement.purchase_order(id),
      warehouse_id uuid NOT NULL,
      idempotency_key text NOT NULL,
      damage_claim_id uuid REFERENCES procurement.damage_claim(id),
      received_by text NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (station_id, number),
      UNIQUE (station_id, idempotency_key))`);
    await q.query(`CREATE INDEX goods_receipt_order ON procurement.goods_receipt (purchase_order_id)`);
    await q.query(`ALTER TABLE procurement.damage_claim ADD COLUMN goods_receipt_id uuid UNIQUE REFERENCES procurement.goods_receipt(id)`);
    await q.query(`CREATE TABLE procurement.goods_receipt_line (
      id uuid PRIMARY KEY,
      goods_receipt_id uuid NOT NULL REFERENCES procurement.goods_receipt(id),
      purchase_order_line_id uuid NOT NULL REFERENCES procurement.purchase_order_line(id),
      part_id uuid NOT NULL,
      received numeric(14,3) NOT NULL CHECK (received >= 0),
      accepted numeric(14,3) NOT NULL CHECK (accepted >= 0),
      damaged numeric(14,3) NOT NULL CHECK (damaged >= 0),
      damage_reason text,
      unit_price numeric(12,4) NOT NULL,
      requested_bin_id uuid,
      bin_id uuid,
      quarantine_bin_id uuid,
      CHECK (accepted + damaged = received))`);
    await q.query(`CREATE INDEX goods_receipt_line_receipt ON procurement.goods_receipt_line (goods_receipt_id)`);
    await q.query(`CREATE TABLE procurement.damage_claim_line (
      id uuid PRIMARY KEY,
      damage_claim_id uuid NOT NULL REFERENCES procurement.damage_claim(id),
      goods_receipt_line_id uuid NOT NULL REFERENCES procurement.goods_receipt_line(id),
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(12,4) NOT NULL,
      amount numeric(14,2) NOT NULL,
      reason text)`);
    await q.query(`CREATE INDEX damage_claim_line_claim ON procurement.damage_claim_line (damage_claim_id)`);
    // The receipt's stock posting: written with the receipt, completed after the commit by
    // the receiveStock call (idempotency key = the receipt), retried until done.
    await q.query(`CREATE TABLE procurement.stock_posting (
      goods_receipt_id uuid PRIMARY KEY REFERENCES procurement.goods_receipt(id),
      status text NOT NULL CHECK (status IN ('PENDING','DONE','FAILED')),
      request jsonb NOT NULL,
      actor jsonb NOT NULL,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz)`);
    await q.query(`CREATE INDEX stock_posting_pending ON procurement.stock_posting (created_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE TABLE procurement.shortage (
      id uuid PRIMARY KEY,
      seq bigserial NOT NULL UNIQUE,
      station_id uuid NOT NULL,
      part_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('BELOW_REORDER_POINT','OUT_OF_STOCK','REQUISITION_SHORTFALL')),
      quantity numeric(14,3) NOT NULL CHECK (quantity >= 0),
      repair_order_id uuid,
      reference text,
      opened_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz)`);
    // At most one open shortage per station, part and kind.
    await q.query(`CREATE UNIQUE INDEX shortage_one_open ON procurement.shortage (station_id, part_id, kind) WHERE resolved_at IS NULL`);
    await q.query(`CREATE INDEX shortage_station_opened ON procurement.shortage (station_id, opened_at DESC)`);
    await q.query(`CREATE TABLE procurement.shortage_request (
      idempotency_key text PRIMARY KEY,
      shortage_id uuid NOT NULL REFERENCES procurement.shortage(id),
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE procurement.reorder_policy (
      station_id uuid NOT NULL,
      part_id uuid NOT NULL,
      reorder_point numeric(14,3) NOT NULL CHECK (reorder_point >= 0),
      order_up_to numeric(14,3) NOT NULL CHECK (order_up_to >= reorder_point),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (station_id, part_id))`);
    await q.query(`CREATE TABLE procurement.stock_position (
      station_id uuid NOT NULL,
      part_id uuid NOT NULL,
      on_hand numeric(14,3) NOT NULL,
      available numeric(14,3) NOT NULL,
      in_transit numeric(14,3) NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (station_id, part_id))`);
    // quantity stays "net issued"; shortfall is demand that could not be met, so demand = quantity + shortfall.
    await q.query(`ALTER TABLE procurement.monthly_consumption ADD COLUMN shortfall numeric(14,3) NOT NULL DEFAULT 0 CHECK (shortfall >= 0)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.monthly_consumption DROP COLUMN shortfall`);
    for (const t of ['stock_position', 'reorder_policy', 'shortage_request', 'shortage', 'stock_posting', 'damage_claim_line', 'goods_receipt_line']) {
      await q.query(`DROP TABLE procurement.${t}`);
    }
    await q.query(`ALTER TABLE procurement.damage_claim DROP COLUMN goods_receipt_id`);
    for (const t of ['goods_receipt', 'damage_claim', 'purchase_order_line', 'purchase_order', 'document_sequence']) {
      await q.query(`DROP TABLE procurement.${t}`);
    }
  }
}
