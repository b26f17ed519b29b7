import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The users list's text filter (`query`: username or display name contains,
 * ILIKE '%…%') read every user (issue 23: 20k users): a trigram index on each
 * of the two columns lets the planner OR their matches (without GIN's
 * pending list, fastupdate off, as workshop's: a search never scans unmerged
 * entries). pg_trgm is the
 * extension catalog's search already uses (catalog 1763856000000); subgraphs
 * may migrate side by side in one database, so one that finds the extension
 * being created by another goes on.
 */
export class IdentityListIndexes1765500000000 implements MigrationInterface {
  name = 'IdentityListIndexes1765500000000';
  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public; EXCEPTION WHEN unique_violation THEN NULL; END $$`);
    await q.query(`CREATE INDEX app_user_username_trgm ON identity.app_user USING gin (username public.gin_trgm_ops) WITH (fastupdate = off)`);
    await q.query(`CREATE INDEX app_user_display_name_trgm ON identity.app_user USING gin (display_name public.gin_trgm_ops) WITH (fastupdate = off)`);
  }
  async down(q: QueryRunner): Promise<void> {
    // pg_trgm stays: catalog's search needs it.
    await q.query(`DROP INDEX identity.app_user_display_name_trgm`);
    await q.query(`DROP INDEX identity.app_user_username_trgm`);
  }
}
