import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order loop between the stations and HQ's parts depot (备品部):
 * - the Supplier that stands for a depot station (`depot_station_id`);
 * - per order line what HQ confirmed (reserved in the depot's stock), what is
 *   back-ordered and when it is expected, what was shipped; the order's
 *   delivery note;
 * - `depot_command`: the pending-command rows of confirmations and shipments
 *   (claimed here, driven against stock's idempotent commands, finished here;
 *   a sweep finishes what a crash left PENDING);
 * - per part whether back-orders are confirmed automatically when stock arrives.
 */
export class ProcurementDepot1764200000000 implements MigrationInterface {
  name = 'ProcurementDepot1764200000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.supplier ADD COLUMN depot_station_id uuid UNIQUE`);
    await q.query(`ALTER TABLE procurement.purchase_order ADD COLUMN delivery_note_number text`);
    await q.query(`ALTER TABLE procurement.purchase_order_line
      ADD COLUMN confirmed numeric(14,3) NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
      ADD COLUMN backordered numeric(14,3) NOT NULL DEFAULT 0 CHECK (backordered >= 0),
      ADD COLUMN eta timestamptz,
      ADD COLUMN shipped numeric(14,3) NOT NULL DEFAULT 0 CHECK (shipped >= 0),
      ADD COLUMN backordered_at timestamptz,
      ADD CONSTRAINT purchase_order_line_depot_quantities CHECK (confirmed + backordered <= quantity AND shipped <= confirmed)`);
    await q.query(`CREATE INDEX purchase_order_line_backordered ON procurement.purchase_order_line (part_id, backordered_at) WHERE backordered > 0`);
    await q.query(`CREATE TABLE procurement.depot_command (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('CONFIRM', 'SHIP')),
      purchase_order_id uuid NOT NULL REFERENCES procurement.purchase_order(id),
      idempotency_key text,
      status text NOT NULL CHECK (status IN ('PENDING', 'DONE')),
      request jsonb NOT NULL,
      plan jsonb NOT NULL,
      actor jsonb NOT NULL,
      result jsonb,
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz)`);
    // One confirmation or shipment of an order in flight at a time; a shipment key names one shipment.
    await q.query(`CREATE UNIQUE INDEX depot_command_one_pending ON procurement.depot_command (purchase_order_id) WHERE status = 'PENDING'`);
    await q.query(`CREATE UNIQUE INDEX depot_command_key ON procurement.depot_command (kind, idempotency_key) WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX depot_command_pending ON procurement.depot_command (created_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE TABLE procurement.depot_backorder_rule (
      part_id uuid PRIMARY KEY,
      auto_confirm boolean NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE procurement.depot_backorder_rule`);
    await q.query(`DROP TABLE procurement.depot_command`);
    await q.query(`ALTER TABLE procurement.purchase_order_line DROP CONSTRAINT purchase_order_line_depot_quantities,
      DROP COLUMN backordered_at, DROP COLUMN shipped, DROP COLUMN eta, DROP COLUMN backordered, DROP COLUMN confirmed`);
    await q.query(`ALTER TABLE procurement.purchase_order DROP COLUMN delivery_note_number`);
    await q.query(`ALTER TABLE procurement.supplier DROP COLUMN depot_station_id`);
  }
}
