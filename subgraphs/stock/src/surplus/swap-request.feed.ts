/**
 * The process-wide source of `Subscription.swapRequests`, the same mechanism
 * as procurement's shortage alerts (OutboxFeed, shared): every stock process
 * reads the `stock.swap_requested` events after its head from its own outbox,
 * once per process, and fans them out to subscribers of the offering station
 * (the payload's `fromStationId`). The outbox seq is gap-free and
 * commit-ordered, so it is the sequence a reconnecting client resumes from
 * (`afterSeq`).
 */
import type { DataSource } from 'typeorm';
import { OutboxFeed, type Logger, type OutboxFeedBatch, type SubgraphRuntime } from '../../../shared/src';
import { toSwap } from './surplus.loader';
import { surplusRepository } from './surplus.repository';
import { SwapRequestAlert } from './swap-request-alert.type';
import { SWAP_REQUESTED } from './swap-request.service';

/** How many missed requests a reconnecting client is replayed at most. */
export const REPLAY_LIMIT = 1000;
/** How many alerts a subscriber may fall behind before it is cut off. */
export const SUBSCRIBER_BUFFER = 500;

export class SwapRequestFeed extends OutboxFeed<SwapRequestAlert> {
  /** The feed of this process (one per running stock subgraph), started on first use. */
  static of(rt: SubgraphRuntime): SwapRequestFeed {
    return OutboxFeed.perRuntime(rt, 'swap-request', () => new SwapRequestFeed(rt.ds, rt.log));
  }

  private constructor(ds: DataSource, log: Logger) {
    super({ ds, log, schema: 'stock', name: 'swap request feed', replayLimit: REPLAY_LIMIT, subscriberBuffer: SUBSCRIBER_BUFFER, read: (...a) => this.read(...a) });
  }

  /** `stock.swap_requested` events after `after` (the newest `limit` when `newest`), joined to their requests. */
  private async read(after: number, stationId: string | null, limit: number, newest: boolean): Promise<OutboxFeedBatch<SwapRequestAlert>> {
    const rows: { seq: string; payload: { swapId: string; fromStationId: string } }[] = await this.ds.query(
      `SELECT seq, payload FROM stock.outbox_event
        WHERE seq > $1 AND type = $2 AND ($3::text IS NULL OR payload->>'fromStationId' = $3)
        ORDER BY seq ${newest ? 'DESC' : 'ASC'} LIMIT $4`,
      [after, SWAP_REQUESTED, stationId, limit]);
    if (newest) rows.reverse();
    if (!rows.length) return { alerts: [], lastSeq: null, full: false };
    const swaps = await surplusRepository.swapsByIds(this.ds, rows.map((r) => r.payload.swapId));
    const byId = new Map(swaps.map((s) => [s.id, toSwap(s)]));
    const alerts = rows.flatMap((r) => {
      const swapRequest = byId.get(r.payload.swapId);
      return swapRequest ? [Object.assign(new SwapRequestAlert(), { id: r.payload.swapId, seq: Number(r.seq), swapRequest, stationId: r.payload.fromStationId })] : [];
    });
    return { alerts, lastSeq: Number(rows[rows.length - 1].seq), full: rows.length === limit };
  }
}
