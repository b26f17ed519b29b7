import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KEEP_TOTAL_FUNCTION } from './1765200000000-workshop-sale-totals';

/**
 * A counter sale keeps its quantity on its row beside its total
 * (`counter_sale.quantity`: the sum of its lines' issued − returned, what the
 * customer took and kept — the quantities the total is the amount of), so the
 * list sorts by quantity through an index. The lines' trigger now adds the
 * difference a write makes to both, in one update of the sale row.
 */
export class WorkshopSaleQuantities1765300000000 implements MigrationInterface {
  name = 'WorkshopSaleQuantities1765300000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE workshop.counter_sale ADD COLUMN quantity numeric(16,3) NOT NULL DEFAULT 0`);
    await q.query(`CREATE OR REPLACE FUNCTION workshop.keep_counter_sale_total() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        was numeric := 0;
        becomes numeric := 0;
        was_q numeric := 0;
        becomes_q numeric := 0;
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          was := workshop.counter_sale_line_amount(OLD.issued, OLD.returned, OLD.unit_price);
          was_q := OLD.issued - OLD.returned;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          becomes := workshop.counter_sale_line_amount(NEW.issued, NEW.returned, NEW.unit_price);
          becomes_q := NEW.issued - NEW.returned;
        END IF;
        IF TG_OP = 'UPDATE' AND OLD.counter_sale_id <> NEW.counter_sale_id THEN
          UPDATE workshop.counter_sale SET total = total - was, quantity = quantity - was_q WHERE id = OLD.counter_sale_id;
          was := 0;
          was_q := 0;
        END IF;
        IF becomes <> was OR becomes_q <> was_q THEN
          UPDATE workshop.counter_sale SET total = total + (becomes - was), quantity = quantity + (becomes_q - was_q)
           WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.counter_sale_id ELSE NEW.counter_sale_id END;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`UPDATE workshop.counter_sale s SET quantity = t.quantity
      FROM (SELECT counter_sale_id, sum(issued - returned) AS quantity FROM workshop.counter_sale_line GROUP BY counter_sale_id) t
      WHERE t.counter_sale_id = s.id`);
    // The quantity sort's keyset page: a station's sales by quantity, ties by id (either direction); HQ's over all stations.
    await q.query(`CREATE INDEX counter_sale_station_quantity ON workshop.counter_sale (station_id, quantity DESC, id DESC)`);
    await q.query(`CREATE INDEX counter_sale_quantity ON workshop.counter_sale (quantity DESC, id DESC)`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX workshop.counter_sale_quantity`);
    await q.query(`DROP INDEX workshop.counter_sale_station_quantity`);
    await q.query(KEEP_TOTAL_FUNCTION);
    await q.query(`ALTER TABLE workshop.counter_sale DROP COLUMN quantity`);
  }
}
