import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demand beyond what was issued (issue 13): lost sales and emergency purchases
 * captured at the counter join the consumption history, and `demand` becomes
 * a stored column so every reader (consumptionHistory, the reorder engine, the
 * KPIs) adds the same terms:
 *
 *   demand = quantity (net issued) + shortfall (unmet requisition / counter
 *            shortfall) + lost (lost sales) + emergency (emergency purchases)
 *
 * `demand_line` keeps each workshop demand line (requisition line, counter-sale
 * line, lost-sale record) as the workshop reported it, for the first-time fill
 * rate on lines and units.
 */
export class ProcurementDemand1763930000000 implements MigrationInterface {
  name = 'ProcurementDemand1763930000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE procurement.monthly_consumption
      ADD COLUMN lost numeric(14,3) NOT NULL DEFAULT 0 CHECK (lost >= 0),
      ADD COLUMN emergency numeric(14,3) NOT NULL DEFAULT 0 CHECK (emergency >= 0)`);
    await q.query(`ALTER TABLE procurement.monthly_consumption
      ADD COLUMN demand numeric(15,3) GENERATED ALWAYS AS (quantity + shortfall + lost + emergency) STORED`);
    await q.query(`CREATE TABLE procurement.demand_line (
      source_seq bigint PRIMARY KEY,
      station_id uuid NOT NULL,
      part_id uuid NOT NULL,
      month date NOT NULL CHECK (extract(day FROM month) = 1),
      source text NOT NULL CHECK (source IN ('REQUISITION', 'COUNTER_SALE', 'LOST_SALE')),
      requested numeric(14,3) NOT NULL CHECK (requested >= 0),
      issued numeric(14,3) NOT NULL CHECK (issued >= 0),
      lost numeric(14,3) NOT NULL CHECK (lost >= 0),
      emergency numeric(14,3) NOT NULL CHECK (emergency >= 0),
      recorded_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX demand_line_station_month ON procurement.demand_line (station_id, month)`);
    await q.query(`CREATE INDEX demand_line_month ON procurement.demand_line (month)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE procurement.demand_line`);
    await q.query(`ALTER TABLE procurement.monthly_consumption DROP COLUMN demand`);
    await q.query(`ALTER TABLE procurement.monthly_consumption DROP COLUMN emergency, DROP COLUMN lost`);
  }
}
