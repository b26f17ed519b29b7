import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, sign-in throttling, sessions with their refresh tokens, and the audit log. */
export class IdentityInitial1764600000000 implements MigrationInterface {
  name = 'IdentityInitial1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE identity.app_user (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL,
      display_name text NOT NULL,
      roles text[] NOT NULL CHECK (cardinality(roles) > 0),
      station_id uuid,
      active boolean NOT NULL DEFAULT true,
      password_hash text,
      password_changed_at timestamptz,
      setup_code_hash text,
      setup_expires_at timestamptz,
      last_login_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX app_user_username ON identity.app_user (lower(username))`);
    await q.query(`CREATE INDEX app_user_station ON identity.app_user (station_id)`);
    await q.query(`CREATE TABLE identity.login_throttle (
      key text PRIMARY KEY,
      failures int NOT NULL,
      window_started_at timestamptz NOT NULL,
      locked_until timestamptz)`);
    await q.query(`CREATE TABLE identity.session (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES identity.app_user(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      end_reason text,
      address text)`);
    await q.query(`CREATE INDEX session_by_user ON identity.session (user_id) WHERE ended_at IS NULL`);
    await q.query(`CREATE INDEX session_by_end ON identity.session (ended_at) WHERE ended_at IS NOT NULL`);
    await q.query(`CREATE TABLE identity.refresh_token (
      hash text PRIMARY KEY,
      session_id uuid NOT NULL REFERENCES identity.session(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      used_at timestamptz)`);
    await q.query(`CREATE INDEX refresh_token_session ON identity.refresh_token (session_id)`);
    await q.query(`CREATE TABLE identity.audit_entry (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      subject text,
      station_id text,
      operation text NOT NULL,
      summary text NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('OK', 'REFUSED')),
      service text NOT NULL,
      code text,
      reason text,
      via text,
      source text,
      source_seq bigint,
      UNIQUE (source, source_seq))`);
    await q.query(`CREATE INDEX audit_entry_at ON identity.audit_entry (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_entry_station ON identity.audit_entry (station_id, at DESC)`);
    await q.query(`CREATE INDEX audit_entry_subject ON identity.audit_entry (subject, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['audit_entry', 'refresh_token', 'session', 'login_throttle', 'app_user']) await q.query(`DROP TABLE identity.${t}`);
  }
}
