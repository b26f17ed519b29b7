/**
 * Shortages (缺件): at most one open shortage per station, part and kind.
 * Opened by the `recordShortage` command (requisition shortfalls; a further
 * shortfall while one is open adds to its quantity) and by stock level
 * changes against the reorder policy; resolved when stock comes back
 * (available at or above the reorder point; any receipt for requisition
 * shortfalls). Opening emits `procurement.shortage_opened`, resolving
 * `procurement.shortage_resolved`, in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { checkIdempotencyKey, appendEvent, badInput, byKey, checkQuantity, definePage, isUuid, scopeStation, type Context, type PageRequest, type PageResult } from '../../../shared/src';
import { emptyPage } from '../empty-page';
import { ref, Part, RepairOrder, Station } from '../stub/entity-stubs';
import { judgeLevel } from './shortage.rules';
import { Shortage, ShortageKind } from './shortage.type';

export function toShortage(r: any): Shortage {
  return Object.assign(new Shortage(), {
    id: r.id,
    seq: Number(r.seq),
    stationId: r.station_id,
    partId: r.part_id,
    part: ref(Part, r.part_id),
    station: ref(Station, r.station_id),
    kind: r.kind,
    quantity: Number(r.quantity),
    repairOrder: ref(RepairOrder, r.repair_order_id),
    reference: r.reference,
    openedAt: r.opened_at,
    resolvedAt: r.resolved_at,
  });
}

/** Per-request loader of shortages by id (for the alert subscription and references). */
export const shortageLoader = (ctx: Context) =>
  byKey<string, Shortage>(ctx, 'shortage', async (ids) =>
    (await ctx.db.query(`SELECT * FROM procurement.shortage WHERE id = ANY($1::uuid[])`, [ids.filter(isUuid)])).map(toShortage), (s) => s.id);

export interface ShortageFilters {
  stationId?: string | null;
  /** true: open ones; false: resolved ones; null: both. */
  open?: boolean | null;
  kind?: ShortageKind | null;
  partId?: string | null;
  /** Opened from this instant (inclusive) / before this one (exclusive). */
  from?: Date | null;
  to?: Date | null;
  /** true / false: only those the caller has / has not acknowledged. */
  acknowledged?: boolean | null;
  /** The caller (for `acknowledged`); set by the service. */
  viewer?: string;
}

/** shortagesPage: newest first; ties by id. */
const shortagePage = definePage<ShortageFilters>({
  name: 'shortages',
  from: 'procurement.shortage',
  sorts: {
    openedAt: { sql: 'q.opened_at', type: 'timestamptz', direction: 'DESC' },
    quantity: { sql: 'q.quantity', type: 'numeric', direction: 'DESC' },
    kind: { sql: 'q.kind', type: 'text', direction: 'ASC' },
  },
  defaultSort: { field: 'openedAt' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    open: (v) => (v ? 'q.resolved_at IS NULL' : 'q.resolved_at IS NOT NULL'),
    kind: (v, bind) => `q.kind = ${bind(v)}`,
    partId: (v, bind) => `q.part_id = ${bind(v)}::uuid`,
    from: (v, bind) => `q.opened_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.opened_at < ${bind(v)}::timestamptz`,
    acknowledged: (v, bind, all) =>
      `${v ? '' : 'NOT '}EXISTS (SELECT 1 FROM procurement.shortage_acknowledgement a WHERE a.shortage_id = q.id AND a.user_id = ${bind(all.viewer ?? '')})`,
  },
});

export interface OpenShortage {
  stationId: string;
  partId: string;
  kind: ShortageKind | `${ShortageKind}`;
  quantity: number;
  repairOrderId?: string | null;
  reference?: string | null;
  /** true: add to an open one's quantity (requisition shortfalls); false: replace it (level-based). */
  accumulate: boolean;
}

export const shortageService = {
  /** Opens a shortage, or updates the open one of the same station, part and kind. */
  async open(tx: EntityManager, o: OpenShortage, now: Date): Promise<{ id: string; opened: boolean }> {
    const inserted = await tx.query(
      `INSERT INTO procurement.shortage (id, station_id, part_id, kind, quantity, repair_order_id, reference, opened_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (station_id, part_id, kind) WHERE resolved_at IS NULL DO NOTHING
       RETURNING id, seq, opened_at`,
      [randomUUID(), o.stationId, o.partId, o.kind, o.quantity, o.repairOrderId ?? null, o.reference ?? null, now],
    );
    if (inserted.length) {
      const [r] = inserted;
      await appendEvent(tx, 'procurement', 'procurement.shortage_opened', {
        shortageId: r.id, seq: Number(r.seq), stationId: o.stationId, partId: o.partId, kind: o.kind, quantity: o.quantity,
        repairOrderId: o.repairOrderId ?? null, openedAt: new Date(r.opened_at).toISOString(),
      });
      return { id: r.id, opened: true };
    }
    const [[existing]] = await tx.query(
      `UPDATE procurement.shortage SET quantity = CASE WHEN $4 THEN quantity + $5 ELSE $5 END
        WHERE station_id = $1 AND part_id = $2 AND kind = $3 AND resolved_at IS NULL RETURNING id`,
      [o.stationId, o.partId, o.kind, o.accumulate, o.quantity],
    );
    return { id: existing.id, opened: false };
  },

  /** Resolves the open shortages of these kinds for a station and part. */
  async resolve(tx: EntityManager, stationId: string, partId: string, kinds: string[], now: Date): Promise<number> {
    if (!kinds.length) return 0;
    const [rows] = await tx.query(
      `UPDATE procurement.shortage SET resolved_at = $4 WHERE station_id = $1 AND part_id = $2 AND kind = ANY($3::text[]) AND resolved_at IS NULL RETURNING id`,
      [stationId, partId, kinds, now],
    );
    for (const r of rows) {
      await appendEvent(tx, 'procurement', 'procurement.shortage_resolved', { shortageId: r.id, stationId, partId, resolvedAt: now.toISOString() });
    }
    return rows.length;
  },

  /** Opens or resolves level-based shortages for a part's current available stock at a station. */
  async judgeLevel(tx: EntityManager, stationId: string, partId: string, available: number, now: Date): Promise<void> {
    const [p] = await tx.query(`SELECT reorder_point FROM procurement.reorder_policy WHERE station_id = $1 AND part_id = $2`, [stationId, partId]);
    const verdict = judgeLevel(available, p ? { reorderPoint: Number(p.reorder_point) } : null);
    for (const o of verdict.open) await this.open(tx, { stationId, partId, kind: o.kind, quantity: o.quantity, accumulate: false }, now);
    await this.resolve(tx, stationId, partId, verdict.resolve, now);
  },

  /**
   * The `recordShortage` command: a requisition could not be filled.
   * Idempotent by key; the unmet quantity also counts as demand in the
   * consumption history of the month.
   */
  async record(ctx: Context, input: any): Promise<{ shortageId: string }> {
    const key = checkIdempotencyKey(input?.idempotencyKey);
    const stationId = scopeStation(ctx, input.stationId, true);
    if (!isUuid(stationId)) throw badInput('INVALID_VALUE', 'stationId must be an id', { field: 'stationId' });
    if (!isUuid(input.partId)) throw badInput('INVALID_VALUE', 'partId must be an id', { field: 'partId' });
    if (input.repairOrderId != null && !isUuid(input.repairOrderId)) throw badInput('INVALID_VALUE', 'repairOrderId must be an id', { field: 'repairOrderId' });
    if ((input.kind ?? 'REQUISITION_SHORTFALL') !== 'REQUISITION_SHORTFALL') throw badInput('INVALID_VALUE', 'Only requisition shortfalls are recorded this way', { field: 'kind' });
    const quantity = checkQuantity(Number(input.quantity), 'quantity');
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`shortage:${key}`]);
      const [done] = await tx.query(`SELECT shortage_id FROM procurement.shortage_request WHERE idempotency_key = $1`, [key]);
      if (done) return { shortageId: done.shortage_id };
      const { id } = await this.open(tx, {
        stationId, partId: input.partId, kind: ShortageKind.REQUISITION_SHORTFALL, quantity,
        repairOrderId: input.repairOrderId ?? null, reference: typeof input.reference === 'string' ? input.reference.slice(0, 200) : null, accumulate: true,
      }, now);
      await tx.query(`INSERT INTO procurement.shortage_request (idempotency_key, shortage_id) VALUES ($1, $2)`, [key, id]);
      await tx.query(
        `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity, shortfall) VALUES ($1, $2, date_trunc('month', $3::timestamptz AT TIME ZONE 'UTC')::date, 0, $4)
         ON CONFLICT (station_id, part_id, month) DO UPDATE SET shortfall = monthly_consumption.shortfall + EXCLUDED.shortfall`,
        [stationId, input.partId, now, quantity]);
      return { shortageId: id };
    });
  },

  /** Open (or resolved) shortages of a station (HQ: all or the one named), newest first. */
  /** shortagesPage: the caller's station's shortages (HQ: one station or all), filtered and sorted on the server. */
  async page(ctx: Context, a: Omit<ShortageFilters, 'viewer'> & { first?: number | null; after?: string | null; sort?: PageRequest<ShortageFilters>['sort'] }): Promise<PageResult<Shortage>> {
    const stationId = scopeStation(ctx, a.stationId);
    if ([a.stationId, a.partId].some((v) => v && !isUuid(v))) return emptyPage();
    return shortagePage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId, viewer: ctx.user.id } }, toShortage);
  },

  async list(ctx: Context, stationId: string | null | undefined, open: boolean | null | undefined): Promise<Shortage[]> {
    const station = scopeStation(ctx, stationId);
    const rows = await ctx.db.query(
      `SELECT * FROM procurement.shortage WHERE ($1::uuid IS NULL OR station_id = $1)
         AND ($2::boolean IS NULL OR (resolved_at IS NULL) = $2) ORDER BY opened_at DESC, seq DESC LIMIT 1000`,
      [station, open ?? null]);
    return rows.map(toShortage);
  },
};
