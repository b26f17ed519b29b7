/**
 * Event consumers: apply another subgraph's events to this subgraph's own
 * tables. The cursor (`inbox_cursor`) advances in the same transaction as the
 * handler's writes, under a row lock, so redelivery and concurrent replicas
 * apply each event exactly once.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from './logger';
import { EVENTS_CHANNEL, type OutboxEvent } from './outbox';
import { fetchEvents, type InternalClientOptions } from './internal';
import type { PgListener } from './pubsub';
import { startTriggered } from './triggered';

export type EventHandler = (tx: EntityManager, event: OutboxEvent) => Promise<void>;

export interface ConsumerDefinition {
  /** Subgraph whose events are consumed (its name is also its schema). */
  source: string;
  /** Handlers by event type; events of other types only advance the cursor. */
  handlers: Record<string, EventHandler>;
  /** Called after each committed batch (e.g. to publish subscription events). */
  afterCommit?: (events: OutboxEvent[]) => void | Promise<void>;
  /**
   * For consumers nobody waits on (the audit log, demand history): how long
   * after the source's notification to fetch (default 0: at once). Each fetch
   * costs an HTTP call with a service token on both ends and a transaction,
   * whatever the batch size; under load, a few hundred ms of lag turns one
   * fetch per event into one per many.
   */
  settleMs?: number;
}

export interface ConsumerOptions {
  ds: DataSource;
  schema: string;
  sourceUrl: string;
  listener: PgListener;
  log: Logger;
  client: InternalClientOptions;
  pollMs?: number;
  batch?: number;
}

export async function applyBatch(def: ConsumerDefinition, ds: DataSource, schema: string, events: OutboxEvent[]): Promise<number> {
  if (!events.length) return 0;
  const applied: OutboxEvent[] = [];
  await ds.transaction(async (tx) => {
    await tx.query(`INSERT INTO "${schema}".inbox_cursor (source) VALUES ($1) ON CONFLICT DO NOTHING`, [def.source]);
    const [{ last_seq }] = await tx.query(`SELECT last_seq FROM "${schema}".inbox_cursor WHERE source = $1 FOR UPDATE`, [def.source]);
    let last = Number(last_seq);
    for (const e of events) {
      if (e.seq <= last) continue; // another replica got there first
      const h = def.handlers[e.type];
      if (h) await h(tx, e);
      last = e.seq;
      applied.push(e);
    }
    await tx.query(`UPDATE "${schema}".inbox_cursor SET last_seq = $2, updated_at = now() WHERE source = $1`, [def.source, last]);
  });
  if (applied.length && def.afterCommit) await def.afterCommit(applied);
  return applied.length;
}

/** Starts pulling `def.source`'s events on NOTIFY and on a poll timer. */
export function startConsumer(def: ConsumerDefinition, o: ConsumerOptions): Promise<() => void> {
  const batch = o.batch ?? 500;
  let stopped = false;
  const cursor = async () => {
    const rows = await o.ds.query(`SELECT last_seq FROM "${o.schema}".inbox_cursor WHERE source = $1`, [def.source]);
    return rows.length ? Number(rows[0].last_seq) : 0;
  };
  const stop = startTriggered({
    listener: o.listener,
    channel: EVENTS_CHANNEL,
    matches: (payload) => payload.startsWith(def.source + ':'),
    intervalMs: o.pollMs ?? 2000,
    settleMs: def.settleMs,
    work: async () => {
      for (;;) {
        if (stopped) return;
        const events = await fetchEvents(o.sourceUrl, await cursor(), batch, o.client);
        if (!events.length) return;
        await applyBatch(def, o.ds, o.schema, events);
        if (events.length < batch) return;
      }
    },
    // The source may be restarting; the next trigger retries from the cursor.
    onError: (err) => !stopped && o.log.debug({ err: (err as Error).message, source: def.source }, 'event consumer will retry'),
  });
  return stop.then((off) => () => {
    stopped = true;
    off();
  });
}
