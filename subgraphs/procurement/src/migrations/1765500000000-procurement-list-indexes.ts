import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HQ reads purchase orders over all stations, and their only index began with
 * station_id: an HQ page read and sorted the whole table (issue 23: 50k
 * orders). One index per sort, in the exact order the page builder asks for
 * (the sort key, then id in the same direction; nullable keys NULLS LAST in
 * their default direction — submittedAt newest first, expectedAt soonest
 * first; a backward scan serves the other direction of the others). A
 * station's orders by date then went down the HQ index and filtered out the
 * other stations' (a supplier with none at the station: all 50k read), so
 * the default sort gets the station-first index of its order too.
 */
export class ProcurementListIndexes1765500000000 implements MigrationInterface {
  name = 'ProcurementListIndexes1765500000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX purchase_order_created ON procurement.purchase_order (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX purchase_order_station_created ON procurement.purchase_order (station_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX purchase_order_number ON procurement.purchase_order (number DESC, id DESC)`);
    await q.query(`CREATE INDEX purchase_order_status ON procurement.purchase_order (status, id)`);
    await q.query(`CREATE INDEX purchase_order_submitted ON procurement.purchase_order (submitted_at DESC NULLS LAST, id DESC)`);
    await q.query(`CREATE INDEX purchase_order_expected ON procurement.purchase_order (expected_at ASC NULLS LAST, id ASC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const i of ['purchase_order_expected', 'purchase_order_submitted', 'purchase_order_status', 'purchase_order_number', 'purchase_order_station_created', 'purchase_order_created']) await q.query(`DROP INDEX procurement.${i}`);
  }
}
