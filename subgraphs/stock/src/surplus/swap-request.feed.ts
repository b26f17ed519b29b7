/**
 * The process-wide source of `Subscription.swapRequests`, the same mechanism
 * as procurement's shortage alerts: every stock process LISTENs on
 * `partsgraph_events`; when the relay announces stock events ("stock:<seq>")
 * the process reads the `stock.swap_requested` ones after its head from its
 * own outbox, in seq order — once per process, whatever the number of
 * subscribers — and fans them out to subscribers of the offering station.
 * The outbox seq is gap-free and commit-ordered, so it is the sequence a
 * reconnecting client resumes from (`afterSeq`).
 */
import type { DataSource } from 'typeorm';
import { EVENTS_CHANNEL, type Logger, type SubgraphRuntime } from '../../../shared/src';
import { BoundedQueue } from '../../../shared/src/subscriptions';
import { toSwap } from './surplus.loader';
import { SwapRequestAlert } from './swap-request-alert.type';
import { SWAP_REQUESTED } from './swap-request.service';

/** How many missed requests a reconnecting client is replayed at most. */
export const REPLAY_LIMIT = 1000;
/** How many alerts a subscriber may fall behind before it is cut off. */
export const SUBSCRIBER_BUFFER = 500;
const BATCH = 500;

interface Subscriber {
  /** null: every station (HQ). */
  stationId: string | null;
  queue: BoundedQueue<SwapRequestAlert>;
  deliveredSeq: number;
  /** While replaying, live alerts wait here. */
  pending: SwapRequestAlert[] | null;
}

export class SwapRequestFeed {
  private static feeds = new WeakMap<SubgraphRuntime, SwapRequestFeed>();

  /** The feed of this process (one per running stock subgraph), started on first use. */
  static of(rt: SubgraphRuntime): SwapRequestFeed {
    let f = this.feeds.get(rt);
    if (!f) {
      f = new SwapRequestFeed(rt.ds, rt.log);
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
    const [{ max }] = await this.ds.query(`SELECT coalesce(max(seq), 0)::bigint AS max FROM stock.outbox_event`);
    this.head = Number(max);
    await rt.listener.listen(EVENTS_CHANNEL, (payload) => {
      const [schema, seq] = payload.split(':');
      if (schema === 'stock' && Number(seq) > this.head && this.subscribers.size) void this.pump();
    });
    // A NOTIFY lost while the listener reconnected is picked up by the sweep.
    this.sweep = setInterval(() => this.subscribers.size && void this.pump(), this.sweepMs);
    this.sweep.unref();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Requests for listings of `stationId` (null: all) from now on; with `afterSeq`, first the missed ones after it. */
  async subscribe(stationId: string | null, afterSeq: number | null, onOverflow: () => void = () => undefined): Promise<AsyncIterableIterator<SwapRequestAlert>> {
    await this.ready;
    const sub: Subscriber = { stationId, deliveredSeq: 0, pending: afterSeq === null ? null : [], queue: undefined as never };
    sub.queue = new BoundedQueue<SwapRequestAlert>(SUBSCRIBER_BUFFER + (afterSeq === null ? 0 : REPLAY_LIMIT), onOverflow, () => this.subscribers.delete(sub));
    // Registered before the replay reads, so nothing committed in between is lost; duplicates are dropped by seq.
    this.subscribers.add(sub);
    if (afterSeq === null) {
      // "From now on": the head may lag while nobody listened; what was published before this moment is not live news.
      const [{ max }] = await this.ds.query(`SELECT coalesce(max(seq), 0)::bigint AS max FROM stock.outbox_event`);
      sub.deliveredSeq = Number(max);
    } else {
      try {
        for (const alert of (await this.read(afterSeq, stationId, REPLAY_LIMIT, true)).alerts) {
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

  /** `stock.swap_requested` events after `after` (the newest `limit` when `newest`), joined to their requests. */
  private async read(after: number, stationId: string | null, limit: number, newest = false): Promise<{ alerts: SwapRequestAlert[]; lastSeq: number | null; full: boolean }> {
    const rows: { seq: string; payload: { swapId: string; fromStationId: string } }[] = await this.ds.query(
      `SELECT seq, payload FROM stock.outbox_event
        WHERE seq > $1 AND type = $2 AND ($3::text IS NULL OR payload->>'fromStationId' = $3)
        ORDER BY seq ${newest ? 'DESC' : 'ASC'} LIMIT $4`,
      [after, SWAP_REQUESTED, stationId, limit]);
    if (newest) rows.reverse();
    if (!rows.length) return { alerts: [], lastSeq: null, full: false };
    const swaps = await this.ds.query(`SELECT * FROM stock.swap_request WHERE id = ANY($1::uuid[])`, [rows.map((r) => r.payload.swapId)]);
    const byId = new Map(swaps.map((s: any) => [s.id, toSwap(s)]));
    const alerts = rows.flatMap((r) => {
      const swapRequest = byId.get(r.payload.swapId);
      return swapRequest ? [Object.assign(new SwapRequestAlert(), { id: r.payload.swapId, seq: Number(r.seq), swapRequest, stationId: r.payload.fromStationId })] : [];
    });
    return { alerts, lastSeq: Number(rows[rows.length - 1].seq), full: rows.length === limit };
  }

  private offer(sub: Subscriber, alert: SwapRequestAlert): void {
    if (sub.stationId !== null && sub.stationId !== alert.stationId) return;
    if (sub.pending) {
      sub.pending.push(alert);
      return;
    }
    if (alert.seq <= sub.deliveredSeq) return;
    sub.deliveredSeq = alert.seq;
    sub.queue.push(alert);
  }

  /** Reads swap requests published since `head`, in seq order; one reader per process. */
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
          const { alerts, lastSeq, full } = await this.read(this.head, null, BATCH);
          if (lastSeq === null) break;
          this.head = lastSeq;
          for (const alert of alerts) for (const sub of this.subscribers) this.offer(sub, alert);
          if (!full) break;
        }
      } while (this.again);
    } catch (err) {
      if (this.ds.isInitialized) this.log.warn({ err }, 'swap request feed: reading events failed; will retry');
      else clearInterval(this.sweep);
    } finally {
      this.pumping = false;
    }
  }
}
