import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A log of the statements that changed a station's demand history (the
 * complete months of `monthly_consumption`, the months the reorder engine
 * reads): one row per statement and station, written by statement-level
 * triggers. The reorder service keys its copy of a station's history by the
 * number of these rows, so it re-reads the history only when it changed.
 *
 * - Insert-only, never pruned: a row that commits late (a lower id after a
 *   higher one was seen) still raises the count.
 * - The current month is not history yet, so its writes (every issue's
 *   consumption) are not logged — except in the last hour of the month, so that
 *   a write made just before the month turns and committed just after it is.
 * - TRUNCATE logs a row for every station (station_id NULL).
 */
export class ProcurementHistoryChanges1764800000000 implements MigrationInterface {
  name = 'ProcurementHistoryChanges1764800000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE procurement.history_change (
      id bigserial PRIMARY KEY,
      station_id uuid,
      changed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX history_change_station ON procurement.history_change (station_id)`);
    await q.query(`CREATE FUNCTION procurement.log_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'TRUNCATE' THEN
          INSERT INTO procurement.history_change (station_id) VALUES (NULL);
        ELSE
          INSERT INTO procurement.history_change (station_id)
            SELECT DISTINCT station_id FROM changed
             WHERE month < (date_trunc('month', (clock_timestamp() AT TIME ZONE 'UTC') + interval '1 hour'))::date;
        END IF;
        RETURN NULL;
      END $$`);
    for (const [event, table] of [['INSERT', 'NEW'], ['UPDATE', 'NEW'], ['DELETE', 'OLD']]) {
      await q.query(`CREATE TRIGGER monthly_consumption_history_${event.toLowerCase()} AFTER ${event} ON procurement.monthly_consumption
        REFERENCING ${table} TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION procurement.log_history_change()`);
    }
    await q.query(`CREATE TRIGGER monthly_consumption_history_truncate AFTER TRUNCATE ON procurement.monthly_consumption
      FOR EACH STATEMENT EXECUTE FUNCTION procurement.log_history_change()`);
  }
  async down(q: QueryRunner): Promise<void> {
    for (const event of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER monthly_consumption_history_${event} ON procurement.monthly_consumption`);
    await q.query(`DROP FUNCTION procurement.log_history_change()`);
    await q.query(`DROP TABLE procurement.history_change`);
  }
}
