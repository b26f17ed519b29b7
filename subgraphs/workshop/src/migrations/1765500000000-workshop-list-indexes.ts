import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes the workshop's lists lacked at volume (issue 23: 200k repair
 * orders and counter sales, 50k lost sales).
 *
 * HQ reads these lists over all stations, and every index they had began with
 * station_id: an HQ page sorted by date or number read and sorted the whole
 * table. One index per HQ sort, in the exact order the page builder asks for
 * (the sort key, then id in the same direction; a `then` key in its own
 * direction), so a first page or a keyset page reads its rows from the index
 * in order (a backward scan serves the other direction):
 * - repair orders: openedAt, number, status (status, then newest first);
 * - counter sales: soldAt, number (amount and quantity have theirs, 1765200000000 and 1765300000000);
 * - lost sales: recordedAt, quantity, reason (reason, then newest first); a
 *   station's lost sales by quantity or reason went down those and filtered
 *   out the other stations' rows, so these two also get a station-first index.
 * The lines' part serves counter sales filtered by a part (EXISTS on the lines).
 *
 * The text filters (`query`, ILIKE '%…%' on each column) read every row: a
 * trigram index per filtered column of repair orders (number, plate, VIN) and
 * counter sales (number, customer name) lets the planner OR the matches of
 * each. Without GIN's pending list (fastupdate off): a new order or sale
 * costs a little more to write, but a search never scans up to 4 MB of
 * unmerged entries (at volume, with the index filled row by row and not yet
 * vacuumed, a customer search read 4× the index pages and took 62 ms, against
 * 4.5 ms on an index built after the fill). pg_trgm is the extension catalog's search
 * already uses (catalog 1763856000000); subgraphs may migrate side by side in
 * one database, so one that finds the extension being created by another goes
 * on.
 */
export class WorkshopListIndexes1765500000000 implements MigrationInterface {
  name = 'WorkshopListIndexes1765500000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX repair_order_opened ON workshop.repair_order (opened_at DESC, id DESC)`);
    await q.query(`CREATE INDEX repair_order_number ON workshop.repair_order (number DESC, id DESC)`);
    await q.query(`CREATE INDEX repair_order_status_opened ON workshop.repair_order (status, opened_at DESC, id)`);
    await q.query(`CREATE INDEX counter_sale_sold ON workshop.counter_sale (sold_at DESC, id DESC)`);
    await q.query(`CREATE INDEX counter_sale_number ON workshop.counter_sale (number DESC, id DESC)`);
    await q.query(`CREATE INDEX counter_sale_line_part ON workshop.counter_sale_line (part_id)`);
    await q.query(`CREATE INDEX lost_sale_recorded ON workshop.lost_sale (recorded_at DESC, id DESC)`);
    await q.query(`CREATE INDEX lost_sale_quantity ON workshop.lost_sale (quantity DESC, id DESC)`);
    await q.query(`CREATE INDEX lost_sale_reason ON workshop.lost_sale (reason, recorded_at DESC, id)`);
    await q.query(`CREATE INDEX lost_sale_station_quantity ON workshop.lost_sale (station_id, quantity DESC, id DESC)`);
    await q.query(`CREATE INDEX lost_sale_station_reason ON workshop.lost_sale (station_id, reason, recorded_at DESC, id)`);
    await q.query(`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public; EXCEPTION WHEN unique_violation THEN NULL; END $$`);
    for (const [table, column] of [['repair_order', 'number'], ['repair_order', 'plate'], ['repair_order', 'vin'], ['counter_sale', 'number'], ['counter_sale', 'customer_name']]) {
      await q.query(`CREATE INDEX ${table}_${column}_trgm ON workshop.${table} USING gin (${column} public.gin_trgm_ops) WITH (fastupdate = off)`);
    }
  }
  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays: catalog's search needs it.
    for (const i of ['counter_sale_customer_name_trgm', 'counter_sale_number_trgm', 'repair_order_vin_trgm', 'repair_order_plate_trgm', 'repair_order_number_trgm',
      'lost_sale_station_reason', 'lost_sale_station_quantity', 'lost_sale_reason', 'lost_sale_quantity', 'lost_sale_recorded', 'counter_sale_line_part', 'counter_sale_number', 'counter_sale_sold',
      'repair_order_status_opened', 'repair_order_number', 'repair_order_opened']) {
      await q.query(`DROP INDEX workshop.${i}`);
    }
  }
}
