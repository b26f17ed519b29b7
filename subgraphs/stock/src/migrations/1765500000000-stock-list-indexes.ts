import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HQ reads write-offs and stocktakes over all stations, and their indexes
 * began with station_id: an HQ page read and sorted the whole table (issue
 * 23: 50k write-offs, 20k stocktakes). One index per HQ sort, in the exact
 * order the page builder asks for (the sort key, then id in the same
 * direction; a backward scan serves the other direction):
 * - write-offs: requestedAt, number, quantity;
 * - stocktakes: startedAt, number.
 * With these, a station's write-offs sorted by number or quantity went down
 * the HQ index and filtered out the other stations' rows (by number the
 * station's own come last: 18k rows read for a first page): those two sorts
 * get the station-first index of their order as well.
 */
export class StockListIndexes1765500000000 implements MigrationInterface {
  name = 'StockListIndexes1765500000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX write_off_requested_all ON stock.write_off (requested_at DESC, id DESC)`);
    await q.query(`CREATE INDEX write_off_number ON stock.write_off (number DESC, id DESC)`);
    await q.query(`CREATE INDEX write_off_quantity ON stock.write_off (quantity DESC, id DESC)`);
    await q.query(`CREATE INDEX write_off_station_number ON stock.write_off (station_id, number DESC, id DESC)`);
    await q.query(`CREATE INDEX write_off_station_quantity ON stock.write_off (station_id, quantity DESC, id DESC)`);
    await q.query(`CREATE INDEX stocktake_started ON stock.stocktake (started_at DESC, id DESC)`);
    await q.query(`CREATE INDEX stocktake_number ON stock.stocktake (number DESC, id DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const i of ['stocktake_number', 'stocktake_started', 'write_off_station_quantity', 'write_off_station_number', 'write_off_quantity', 'write_off_number', 'write_off_requested_all']) await q.query(`DROP INDEX stock.${i}`);
  }
}
