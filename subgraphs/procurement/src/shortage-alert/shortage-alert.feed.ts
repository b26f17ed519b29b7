/**
 * The process-wide source of shortage alerts. Every procurement process
 * LISTENs on `partsgraph_events`; when the relay announces new procurement
 * events ("procurement:<seq>") each process reads them from its own outbox in
 * seq order — once per process, whatever the number of subscribers — turns
 * `procurement.shortage_opened` into alerts and fans them out to the
 * subscribers whose station scope matches. The outbox seq is gap-free and
 * assigned in commit order, so it is the alert sequence a reconnecting
 * client resumes from (the shortage table's bigserial is assigned at insert
 * and can commit out of order, so it is not used for resuming).
 */
import type { DataSource } from 'typeorm';
import { EVENTS_CHANNEL, readEvents, type Logger, type OutboxEvent, type SubgraphRuntime } from '../../../shared/src';
import { BoundedQueue } from '../../../shared/src/subscriptions';
import { ShortageAlert } from './shortage-alert.type';
import { alertFromEvent, loadAlertFigures, loadShortages, SHORTAGE_OPENED, type ShortageOpenedPayload } from './shortage-alert.mapper';

const SCHEMA = 'procurement';
/** How many missed alerts a reconnecting client is replayed at most (oldest dropped first). */
export const REPLAY_LIMIT = 1000;
/** How many alerts a subscriber may fall behind before it is cut off. */
export const SUBSCRIBER_BUFFER = 500;

interface Subscriber {
  /** null: every station (HQ). */
  stationId: string | null;
  queue: BoundedQueue<ShortageAlert>;
  /** Alerts up to this seq were already delivered (by the replay). */
  deliveredSeq: number;
  /** While replaying, live alerts wait here. */
  pending: ShortageAlert[] | null;
}

export class ShortageAlertFeed {
  private static feeds = new WeakMap<SubgraphRuntime, ShortageAlertFeed>();

  /** The feed of this process (one per running procurement subgraph), started on first use. */
  static of(rt: SubgraphRuntime): ShortageAlertFeed {
    let f = this.feeds.get(rt);
    if (!f) {
      f = new ShortageAlertFeed(rt.ds, rt.log);
      this.feeds.set(rt, f);
      f.ready = f.start(rt);
    }
    return f;
  }

  private head = 0;
  private subscribers = new Set<Subscriber>();
  private pumping = false;
  private again = false;
  private sweep?: NodeJS.Timeout;
  private ready!: Promise<void>;

  private constructor(private readonly ds: DataSource, private readonly log: Logger, private readonly sweepMs = 1000) {}

  private async start(rt: SubgraphRuntime): Promise<void> {
    const [{ max }] = await this.ds.query(`SELECT coalesce(max(seq), 0)::bigint AS max FROM "${SCHEMA}".outbox_event`);
    this.head = Number(max);
    await rt.listener.listen(EVENTS_CHANNEL, (payload) => {
      const [schema, seq] = payload.split(':');
      if (schema === SCHEMA && Number(seq) > this.head) void this.pump();
    });
    // A NOTIFY lost while the listener reconnected is picked up by the sweep.
    this.sweep = setInterval(() => this.subscribers.size && void this.pump(), this.sweepMs);
    this.sweep.unref();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * Alerts for `stationId` (null: all) from now on; with `afterSeq`, first the
   * ones after it that the client missed (at most REPLAY_LIMIT, oldest first).
   */
  async subscribe(stationId: string | null, afterSeq: number | null, onOverflow: () => void = () => undefined): Promise<AsyncIterableIterator<ShortageAlert>> {
    await this.ready;
    const sub: Subscriber = {
      stationId,
      deliveredSeq: 0,
      pending: afterSeq === null ? null : [],
      queue: undefined as never,
    };
    sub.queue = new BoundedQueue<ShortageAlert>(SUBSCRIBER_BUFFER + (afterSeq === null ? 0 : REPLAY_LIMIT), onOverflow, () => this.subscribers.delete(sub));
    // Registered before the replay reads, so nothing committed in between is lost; duplicates are dropped by seq.
    this.subscribers.add(sub);
    if (afterSeq !== null) {
      try {
        for (const alert of await this.replay(stationId, afterSeq)) {
          sub.queue.push(alert);
          sub.deliveredSeq = alert.seq;
        }
      } catch (err) {
        sub.queue.end(err);
        return sub.queue;
      }
      const live = sub.pending!;
      sub.pending = null;
      for (const a of live) this.offer(sub, a);
    }
    return sub.queue;
  }

  /** The seq of the alert with this id (the shortage id), for clients that resume by id. */
  async seqOfAlert(alertId: string): Promise<number | null> {
    const rows = await this.ds.query(
      `SELECT seq FROM "${SCHEMA}".outbox_event WHERE type = $1 AND payload->>'shortageId' = $2 AND seq IS NOT NULL LIMIT 1`,
      [SHORTAGE_OPENED, alertId],
    );
    return rows.length ? Number(rows[0].seq) : null;
  }

  private async replay(stationId: string | null, afterSeq: number): Promise<ShortageAlert[]> {
    const rows: { seq: string; payload: ShortageOpenedPayload; created_at: Date }[] = await this.ds.query(
      `SELECT seq, payload, created_at FROM "${SCHEMA}".outbox_event
        WHERE seq > $1 AND type = $2 AND ($3::text IS NULL OR payload->>'stationId' = $3)
        ORDER BY seq DESC LIMIT $4`,
      [afterSeq, SHORTAGE_OPENED, stationId, REPLAY_LIMIT],
    );
    const events: OutboxEvent<ShortageOpenedPayload>[] = rows.reverse().map((r) => ({ seq: Number(r.seq), type: SHORTAGE_OPENED, payload: r.payload, occurredAt: new Date(r.created_at).toISOString() }));
    return this.toAlerts(events);
  }

  private async toAlerts(events: OutboxEvent<ShortageOpenedPayload>[]): Promise<ShortageAlert[]> {
    if (!events.length) return [];
    const payloads = events.map((e) => e.payload);
    const [figures, shortages] = await Promise.all([loadAlertFigures(this.ds, payloads), loadShortages(this.ds, payloads)]);
    return events.map((e) => alertFromEvent(e, figures, shortages));
  }

  private offer(sub: Subscriber, alert: ShortageAlert): void {
    if (sub.stationId !== null && sub.stationId !== alert.stationId) return;
    if (sub.pending) {
      sub.pending.push(alert);
      return;
    }
    if (alert.seq <= sub.deliveredSeq) return;
    sub.deliveredSeq = alert.seq;
    sub.queue.push(alert);
  }

  /** Reads what the relay published since `head`, in seq order; one reader per process. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        for (;;) {
          const batch = await readEvents(this.ds, SCHEMA, this.head, 500);
          if (!batch.length) break;
          const opened = batch.filter((e) => e.type === SHORTAGE_OPENED) as OutboxEvent<ShortageOpenedPayload>[];
          // Nobody listening: skip the figures query but keep the head moving.
          const alerts = this.subscribers.size ? await this.toAlerts(opened) : [];
          this.head = batch[batch.length - 1].seq;
          for (const alert of alerts) for (const sub of this.subscribers) this.offer(sub, alert);
          if (batch.length < 500) break;
        }
      } while (this.again);
    } catch (err) {
      if (this.ds.isInitialized) this.log.warn({ err }, 'shortage alert feed: reading events failed; will retry');
      else clearInterval(this.sweep);
    } finally {
      this.pumping = false;
    }
  }
}
