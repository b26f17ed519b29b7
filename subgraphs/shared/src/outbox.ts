/**
 * Transactional outbox. `appendEvent` writes the event in the caller's
 * transaction; the relay (one per process, serialised across replicas by an
 * advisory lock) gives committed events a gap-free, commit-ordered `seq` and
 * NOTIFYs `partsgraph_events`. Consumers in other subgraphs read events by
 * `seq` through GET /internal/events — never the owner's tables — so an
 * event is seen only after its transaction committed, in order, once.
 */
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import type { Logger } from './logger';
import type { PgListener } from './pubsub';
import { startTriggered } from './triggered';
import { isDatabaseUnavailable } from './unavailable';

const RELAY_BATCH = 5000;

export const OUTBOX_CHANNEL = 'partsgraph_outbox';
export const EVENTS_CHANNEL = 'partsgraph_events';

export interface OutboxEvent<T = any> {
  seq: number;
  type: string;
  payload: T;
  occurredAt: string;
}

/** Migration step that every subgraph includes: the outbox and the inbox cursor tables. */
export function outboxMigration(schema: string, timestamp: number): new () => MigrationInterface {
  return class OutboxMigration implements MigrationInterface {
    name = `Outbox${timestamp}`;
    async up(q: QueryRunner): Promise<void> {
      await q.query(`CREATE TABLE "${schema}".outbox_event (
        id bigserial PRIMARY KEY,
        seq bigint UNIQUE,
        type text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz)`);
      await q.query(`CREATE INDEX outbox_event_unpublished ON "${schema}".outbox_event (id) WHERE seq IS NULL`);
      await q.query(`CREATE TABLE "${schema}".inbox_cursor (
        source text PRIMARY KEY,
        last_seq bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now())`);
    }
    async down(q: QueryRunner): Promise<void> {
      await q.query(`DROP TABLE "${schema}".inbox_cursor`);
      await q.query(`DROP TABLE "${schema}".outbox_event`);
    }
  };
}

/** Writes events in the caller's transaction; they become visible to consumers only if it commits. */
export async function appendEvents(tx: EntityManager, schema: string, events: { type: string; payload: unknown }[]): Promise<void> {
  if (!events.length) return;
  // One statement (one round trip): the NOTIFY, delivered on commit only, wakes the relay at once instead of at its next sweep.
  await tx.query(
    `WITH ins AS (INSERT INTO "${schema}".outbox_event (type, payload) SELECT t, p FROM unnest($1::text[], $2::jsonb[]) AS x(t, p))
     SELECT pg_notify($3, $4)`,
    [events.map((e) => e.type), events.map((e) => JSON.stringify(e.payload)), OUTBOX_CHANNEL, schema],
  );
}

export const appendEvent = (tx: EntityManager, schema: string, type: string, payload: unknown) =>
  appendEvents(tx, schema, [{ type, payload }]);

/** Assigns `seq` to committed, unpublished events and announces them. Returns how many were published. */
export async function relayOnce(ds: DataSource, schema: string): Promise<number> {
  return ds.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`outbox:${schema}`]);
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM "${schema}".outbox_event WHERE seq IS NULL ORDER BY id LIMIT ${RELAY_BATCH}`,
    );
    if (!rows.length) return 0;
    const [{ max }] = await tx.query(`SELECT coalesce(max(seq), 0)::bigint AS max FROM "${schema}".outbox_event`);
    const base = Number(max);
    await tx.query(
      `UPDATE "${schema}".outbox_event o SET seq = v.seq, published_at = now()
         FROM unnest($1::bigint[], $2::bigint[]) AS v(id, seq) WHERE o.id = v.id`,
      [rows.map((r) => r.id), rows.map((_, i) => base + i + 1)],
    );
    await tx.query(`SELECT pg_notify($1, $2)`, [EVENTS_CHANNEL, `${schema}:${base + rows.length}`]);
    return rows.length;
  });
}

/** Reads published events after `after` (what GET /internal/events serves). */
export async function readEvents(ds: DataSource, schema: string, after: number, limit: number): Promise<OutboxEvent[]> {
  const rows = await ds.query(
    `SELECT seq, type, payload, created_at FROM "${schema}".outbox_event WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [after, limit],
  );
  return rows.map((r: any) => ({ seq: Number(r.seq), type: r.type, payload: r.payload, occurredAt: new Date(r.created_at).toISOString() }));
}

/** Runs the relay on NOTIFY and on a sweep timer (covers a crash between commit and relay). */
export function startRelay(ds: DataSource, schema: string, listener: PgListener, log: Logger, sweepMs = 1000): Promise<() => void> {
  return startTriggered({
    listener,
    channel: OUTBOX_CHANNEL,
    matches: (payload) => payload === schema,
    intervalMs: sweepMs,
    work: async () => {
      while ((await relayOnce(ds, schema)) === RELAY_BATCH);
    },
    // The database restarting is expected to heal: one line, no stack.
    onError: (err) => ds.isInitialized && (isDatabaseUnavailable(err) ? log.warn({ err: (err as Error).message }, 'outbox relay: database unavailable; will retry') : log.warn({ err }, 'outbox relay failed; will retry')),
  });
}
