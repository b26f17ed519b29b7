/**
 * A process-wide subscription feed over a subgraph's own outbox (shortage
 * alerts, swap requests, …). Every process LISTENs on `partsgraph_events`;
 * when the relay announces new events of its schema ("<schema>:<seq>") the
 * process reads the ones after its head from its own outbox, in seq order —
 * once per process, whatever the number of subscribers — and fans them out
 * to the subscribers whose station scope matches. The outbox seq is gap-free
 * and assigned in commit order, so it is the sequence a reconnecting client
 * resumes from (`afterSeq`); an aggregate's own bigserial is assigned at
 * insert and can commit out of order, so it is not used for resuming.
 *
 * What differs per feed — which events, how rows become alerts (joins
 * included), which payload field is the station — lives in its `read`.
 */
import type { DataSource } from 'typeorm';
import { EVENTS_CHANNEL } from './outbox';
import type { Logger } from './logger';
import type { SubgraphRuntime } from './subgraph';
import { BoundedQueue } from './subscriptions';

/** What a `read` step returns: the alerts, the seq of the last event it looked at (null: none), and whether it hit `limit`. */
export interface OutboxFeedBatch<A> {
  alerts: A[];
  lastSeq: number | null;
  full: boolean;
}

export interface OutboxFeedOptions<A extends { seq: number; stationId: string }> {
  ds: DataSource;
  log: Logger;
  /** The subgraph's schema: its outbox table and the prefix of its NOTIFY payloads. */
  schema: string;
  /** For log lines ("shortage alert feed"). */
  name: string;
  /**
   * The feed's events after seq `after` for `stationId` (null: every station),
   * at most `limit`, as alerts in seq order; with `newest`, the newest `limit`
   * of them (a replay drops the oldest first).
   */
  read(after: number, stationId: string | null, limit: number, newest: boolean): Promise<OutboxFeedBatch<A>>;
  /** How many missed alerts a reconnecting client is replayed at most (oldest dropped first). */
  replayLimit: number;
  /** How many alerts a subscriber may fall behind before it is cut off. */
  subscriberBuffer: number;
  /** How many events one pump step reads. */
  batch?: number;
  /** Interval of the sweep that covers a lost NOTIFY. */
  sweepMs?: number;
}

interface Subscriber<A> {
  /** null: every station (HQ). */
  stationId: string | null;
  queue: BoundedQueue<A>;
  /** Alerts up to this seq were already delivered (by the replay, or before "from now on"). */
  deliveredSeq: number;
  /** While replaying, live alerts wait here. */
  pending: A[] | null;
}

export class OutboxFeed<A extends { seq: number; stationId: string }> {
  private static feeds = new WeakMap<SubgraphRuntime, Map<string, OutboxFeed<any>>>();

  /**
   * The feed called `name` of this process (one per running subgraph runtime),
   * created by `factory` and started on first use. (Not `of`: subclasses keep their own `of(rt)`.)
   */
  static perRuntime<F extends OutboxFeed<any>>(rt: SubgraphRuntime, name: string, factory: () => F): F {
    let byName = OutboxFeed.feeds.get(rt);
    if (!byName) OutboxFeed.feeds.set(rt, (byName = new Map()));
    let f = byName.get(name) as F | undefined;
    if (!f) {
      f = factory();
      byName.set(name, f);
      f.ready = f.start(rt);
    }
    return f;
  }

  protected readonly ds: DataSource;
  private readonly log: Logger;
  private readonly o: OutboxFeedOptions<A>;
  private readonly batch: number;
  private head = 0;
  private subscribers = new Set<Subscriber<A>>();
  private pumping = false;
  private again = false;
  private sweep?: NodeJS.Timeout;
  private ready!: Promise<void>;

  constructor(o: OutboxFeedOptions<A>) {
    this.o = o;
    this.ds = o.ds;
    this.log = o.log;
    this.batch = o.batch ?? 500;
  }

  private async newestSeq(): Promise<number> {
    const [{ max }] = await this.ds.query(`SELECT coalesce(max(seq), 0)::bigint AS max FROM "${this.o.schema}".outbox_event`);
    return Number(max);
  }

  private async start(rt: SubgraphRuntime): Promise<void> {
    this.head = await this.newestSeq();
    await rt.listener.listen(EVENTS_CHANNEL, (payload) => {
      const [schema, seq] = payload.split(':');
      if (schema === this.o.schema && Number(seq) > this.head && this.subscribers.size) void this.pump();
    });
    // A NOTIFY lost while the listener reconnected is picked up by the sweep.
    this.sweep = setInterval(() => this.subscribers.size && void this.pump(), this.o.sweepMs ?? 1000);
    this.sweep.unref();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * Alerts for `stationId` (null: all) from now on; with `afterSeq`, first the
   * ones after it that the client missed (at most `replayLimit`, oldest first).
   */
  async subscribe(stationId: string | null, afterSeq: number | null, onOverflow: () => void = () => undefined): Promise<AsyncIterableIterator<A>> {
    await this.ready;
    const { replayLimit, subscriberBuffer } = this.o;
    const sub: Subscriber<A> = { stationId, deliveredSeq: 0, pending: afterSeq === null ? null : [], queue: undefined as never };
    sub.queue = new BoundedQueue<A>(subscriberBuffer + (afterSeq === null ? 0 : replayLimit), onOverflow, () => this.subscribers.delete(sub));
    // Registered before the replay reads, so nothing committed in between is lost; duplicates are dropped by seq.
    this.subscribers.add(sub);
    if (afterSeq === null) {
      // "From now on": the head may lag while nobody listened (no pumping then); what was published before this moment is not live news.
      sub.deliveredSeq = await this.newestSeq();
    } else {
      try {
        for (const alert of (await this.o.read(afterSeq, stationId, replayLimit, true)).alerts) {
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

  private offer(sub: Subscriber<A>, alert: A): void {
    if (sub.stationId !== null && sub.stationId !== alert.stationId) return;
    if (sub.pending) {
      sub.pending.push(alert);
      return;
    }
    if (alert.seq <= sub.deliveredSeq) return;
    sub.deliveredSeq = alert.seq;
    sub.queue.push(alert);
  }

  /** Reads what the relay published since `head`, in seq order; one reader per process (coalesces concurrent triggers). */
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
          const { alerts, lastSeq, full } = await this.o.read(this.head, null, this.batch, false);
          if (lastSeq === null) break;
          this.head = lastSeq;
          for (const alert of alerts) for (const sub of this.subscribers) this.offer(sub, alert);
          if (!full) break;
        }
      } while (this.again);
    } catch (err) {
      if (this.ds.isInitialized) this.log.warn({ err }, `${this.o.name}: reading events failed; will retry`);
      else clearInterval(this.sweep);
    } finally {
      this.pumping = false;
    }
  }
}
