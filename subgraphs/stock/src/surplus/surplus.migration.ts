import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The surplus exchange (积压备件调剂): per-station thresholds, listings with the
 * bins their reservation sits in, and swap requests. The quantity rules are
 * CHECKs as well as code: a listing's remaining never exceeds what was listed
 * or drops below zero, so two requests for the last units cannot both win.
 */
export class StockSurplus1763900000000 implements MigrationInterface {
  name = 'StockSurplus1763900000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE stock.surplus_policy (
      station_id uuid PRIMARY KEY REFERENCES stock.station(id),
      min_months_of_cover numeric(6,2) NOT NULL CHECK (min_months_of_cover > 0),
      no_issue_months int NOT NULL CHECK (no_issue_months > 0),
      demand_window_months int NOT NULL CHECK (demand_window_months > 0),
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE TABLE stock.surplus_listing (
      id uuid PRIMARY KEY,
      station_id uuid NOT NULL REFERENCES stock.station(id),
      warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      remaining numeric(14,3) NOT NULL CHECK (remaining >= 0 AND remaining <= quantity),
      swapped numeric(14,3) NOT NULL DEFAULT 0 CHECK (swapped >= 0 AND swapped <= quantity),
      unit_price numeric(14,4) NOT NULL CHECK (unit_price >= 0),
      status text NOT NULL CHECK (status IN ('OPEN', 'EXHAUSTED', 'WITHDRAWN')),
      note text,
      listed_by text NOT NULL,
      listed_at timestamptz NOT NULL,
      withdrawn_by text,
      withdrawn_at timestamptz,
      CHECK (status <> 'OPEN' OR remaining > 0),
      CHECK (status <> 'EXHAUSTED' OR remaining = 0))`);
    await q.query(`CREATE INDEX surplus_listing_open_part ON stock.surplus_listing (part_id) WHERE status = 'OPEN'`);
    await q.query(`CREATE INDEX surplus_listing_station ON stock.surplus_listing (station_id, listed_at DESC)`);
    // Where a listing's reservation sits: released from these bins on withdrawal, rejection-after-withdrawal and acceptance.
    await q.query(`CREATE TABLE stock.surplus_allocation (
      listing_id uuid NOT NULL REFERENCES stock.surplus_listing(id),
      bin_id uuid NOT NULL REFERENCES stock.bin(id),
      quantity numeric(14,3) NOT NULL CHECK (quantity >= 0),
      PRIMARY KEY (listing_id, bin_id))`);
    await q.query(`CREATE TABLE stock.swap_request (
      id uuid PRIMARY KEY,
      listing_id uuid NOT NULL REFERENCES stock.surplus_listing(id),
      from_station_id uuid NOT NULL REFERENCES stock.station(id),
      to_station_id uuid NOT NULL REFERENCES stock.station(id),
      to_warehouse_id uuid NOT NULL REFERENCES stock.warehouse(id),
      part_id uuid NOT NULL,
      quantity numeric(14,3) NOT NULL CHECK (quantity > 0),
      unit_price numeric(14,4) NOT NULL,
      amount numeric(16,2) NOT NULL,
      status text NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'CANCELLED')),
      reason text,
      transfer_id uuid,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      decided_by text,
      decided_at timestamptz,
      CHECK (from_station_id <> to_station_id),
      CHECK (status <> 'ACCEPTED' OR transfer_id IS NOT NULL))`);
    await q.query(`CREATE INDEX swap_request_listing ON stock.swap_request (listing_id)`);
    await q.query(`CREATE INDEX swap_request_from ON stock.swap_request (from_station_id, requested_at DESC)`);
    await q.query(`CREATE INDEX swap_request_to ON stock.swap_request (to_station_id, requested_at DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stock.swap_request`);
    await q.query(`DROP TABLE stock.surplus_allocation`);
    await q.query(`DROP TABLE stock.surplus_listing`);
    await q.query(`DROP TABLE stock.surplus_policy`);
  }
}
