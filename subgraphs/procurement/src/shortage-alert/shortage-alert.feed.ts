/**
 * The process-wide source of shortage alerts: an OutboxFeed (shared) over
 * procurement's outbox — LISTEN, one reader per process, replay after a seq
 * with dedupe, sweep — that turns `procurement.shortage_opened` events into
 * alerts scoped by the payload's `stationId`. The outbox seq is gap-free and
 * assigned in commit order, so it is the alert sequence a reconnecting
 * client resumes from (the shortage table's bigserial is assigned at insert
 * and can commit out of order, so it is not used for resuming).
 */
import type { DataSource } from 'typeorm';
import { OutboxFeed, type Logger, type OutboxEvent, type OutboxFeedBatch, type SubgraphRuntime } from '../../../shared/src';
import { ShortageAlert } from './shortage-alert.type';
import { alertFromEvent, loadAlertFigures, loadShortages, SHORTAGE_OPENED, type ShortageOpenedPayload } from './shortage-alert.mapper';

const SCHEMA = 'procurement';
/** How many missed alerts a reconnecting client is replayed at most (oldest dropped first). */
export const REPLAY_LIMIT = 1000;
/** How many alerts a subscriber may fall behind before it is cut off. */
export const SUBSCRIBER_BUFFER = 500;

export class ShortageAlertFeed extends OutboxFeed<ShortageAlert> {
  /** The feed of this process (one per running procurement subgraph), started on first use. */
  static of(rt: SubgraphRuntime): ShortageAlertFeed {
    return OutboxFeed.perRuntime(rt, 'shortage-alert', () => new ShortageAlertFeed(rt.ds, rt.log));
  }

  private constructor(ds: DataSource, log: Logger) {
    super({ ds, log, schema: SCHEMA, name: 'shortage alert feed', replayLimit: REPLAY_LIMIT, subscriberBuffer: SUBSCRIBER_BUFFER, read: (...a) => this.read(...a) });
  }

  /** The seq of the alert with this id (the shortage id), for clients that resume by id. */
  async seqOfAlert(alertId: string): Promise<number | null> {
    const rows = await this.ds.query(
      `SELECT seq FROM "${SCHEMA}".outbox_event WHERE type = $1 AND payload->>'shortageId' = $2 AND seq IS NOT NULL LIMIT 1`,
      [SHORTAGE_OPENED, alertId],
    );
    return rows.length ? Number(rows[0].seq) : null;
  }

  /** `procurement.shortage_opened` events after `after` (the newest `limit` when `newest`), with their figures and shortage rows. */
  private async read(after: number, stationId: string | null, limit: number, newest: boolean): Promise<OutboxFeedBatch<ShortageAlert>> {
    const rows: { seq: string; payload: ShortageOpenedPayload; created_at: Date }[] = await this.ds.query(
      `SELECT seq, payload, created_at FROM "${SCHEMA}".outbox_event
        WHERE seq > $1 AND type = $2 AND ($3::text IS NULL OR payload->>'stationId' = $3)
        ORDER BY seq ${newest ? 'DESC' : 'ASC'} LIMIT $4`,
      [after, SHORTAGE_OPENED, stationId, limit],
    );
    if (newest) rows.reverse();
    if (!rows.length) return { alerts: [], lastSeq: null, full: false };
    const events: OutboxEvent<ShortageOpenedPayload>[] = rows.map((r) => ({ seq: Number(r.seq), type: SHORTAGE_OPENED, payload: r.payload, occurredAt: new Date(r.created_at).toISOString() }));
    const payloads = events.map((e) => e.payload);
    // One query each per batch of events, never per subscriber.
    const [figures, shortages] = await Promise.all([loadAlertFigures(this.ds, payloads), loadShortages(this.ds, payloads)]);
    return { alerts: events.map((e) => alertFromEvent(e, figures, shortages)), lastSeq: events[events.length - 1].seq, full: rows.length === limit };
  }
}
