import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A counter-sale return (退货) keeps why the parts came back and gets a number
 * for its 退料单, like a requisition return: "TL2026-000001", drawn from
 * workshop.document_sequence, series 'TL' — the one 退料单 series of the
 * station, whichever line the parts came back from.
 *
 * The returns booked before are numbered here, oldest first per station and
 * year (UTC, as nextDocumentNumber takes it), after the numbers the station's
 * TL counter has already handed out, so no number is given twice and the
 * column can be NOT NULL.
 */
export class WorkshopSaleReturnNumbers1765400000000 implements MigrationInterface {
  name = 'WorkshopSaleReturnNumbers1765400000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workshop.counter_sale_return ADD COLUMN reason text, ADD COLUMN number text`);
    // One statement: the UPDATE and the INSERT see the counters as they stood before, so the backfill's numbers come after them.
    await q.query(`WITH b AS (
        SELECT r.id, s.station_id, extract(year FROM r.returned_at AT TIME ZONE 'UTC')::int AS year,
               row_number() OVER (PARTITION BY s.station_id, extract(year FROM r.returned_at AT TIME ZONE 'UTC') ORDER BY r.returned_at, r.id) AS n
          FROM workshop.counter_sale_return r
          JOIN workshop.counter_sale_line l ON l.id = r.line_id
          JOIN workshop.counter_sale s ON s.id = l.counter_sale_id),
      v AS (
        SELECT b.id, b.year, coalesce(seq.last_value, 0) + b.n AS value
          FROM b LEFT JOIN workshop.document_sequence seq ON seq.station_id = b.station_id AND seq.series = 'TL' AND seq.year = b.year),
      numbered AS (
        UPDATE workshop.counter_sale_return r SET number = 'TL' || v.year::text || '-' || lpad(v.value::text, greatest(6, length(v.value::text)), '0')
          FROM v WHERE r.id = v.id)
      INSERT INTO workshop.document_sequence (station_id, series, year, last_value)
      SELECT station_id, 'TL', year, max(n) FROM b GROUP BY station_id, year
      ON CONFLICT (station_id, series, year) DO UPDATE SET last_value = document_sequence.last_value + EXCLUDED.last_value`);
    await q.query(`ALTER TABLE workshop.counter_sale_return ALTER COLUMN number SET NOT NULL`);
  }
  async down(q: QueryRunner): Promise<void> {
    // The TL counters keep the numbers handed out: a number once printed is never given again.
    await q.query(`ALTER TABLE workshop.counter_sale_return DROP COLUMN reason, DROP COLUMN number`);
  }
}
