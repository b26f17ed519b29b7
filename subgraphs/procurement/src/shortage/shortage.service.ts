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
import { checkIdempotencyKey, appendEvent, badInput, checkQuantity, definePage, scopeStation, type Context, type PageRequest, type PageResult, byId, idInput } from '../../../shared/src';
import { ref, Part, RepairOrder, Station } from '../stub/entity-stubs';
import { judgeLevel } from './shortage.rules';
import { Shortage, ShortageKind } from './shortage.type';
import { shortageRepository, type ShortageRow } from './shortage.repository';

export function toShortage(r: ShortageRow): Shortage {
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
  byId<Shortage>(ctx, 'shortage', async (ids) => (await shortageRepository.byIds(ctx.db, ids)).map(toShortage), (s) => s.id);

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
  ids: ['stationId', 'partId'],
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
    const r = await shortageRepository.insertIfNoneOpen(tx, {
      id: randomUUID(), stationId: o.stationId, partId: o.partId, kind: o.kind, quantity: o.quantity,
      repairOrderId: o.repairOrderId ?? null, reference: o.reference ?? null, openedAt: now,
    });
    if (r) {
      await appendEvent(tx, 'procurement', 'procurement.shortage_opened', {
        shortageId: r.id, seq: Number(r.seq), stationId: o.stationId, partId: o.partId, kind: o.kind, quantity: o.quantity,
        repairOrderId: o.repairOrderId ?? null, openedAt: new Date(r.opened_at).toISOString(),
      });
      return { id: r.id, opened: true };
    }
    return { id: await shortageRepository.updateOpenQuantity(tx, o.stationId, o.partId, o.kind, o.accumulate, o.quantity), opened: false };
  },

  /** Resolves the open shortages of these kinds for a station and part. */
  async resolve(tx: EntityManager, stationId: string, partId: string, kinds: string[], now: Date): Promise<number> {
    if (!kinds.length) return 0;
    const ids = await shortageRepository.resolveOpen(tx, stationId, partId, kinds, now);
    for (const id of ids) {
      await appendEvent(tx, 'procurement', 'procurement.shortage_resolved', { shortageId: id, stationId, partId, resolvedAt: now.toISOString() });
    }
    return ids.length;
  },

  /** Opens or resolves level-based shortages for a part's current available stock at a station. */
  async judgeLevel(tx: EntityManager, stationId: string, partId: string, available: number, now: Date): Promise<void> {
    const reorderPoint = await shortageRepository.reorderPoint(tx, stationId, partId);
    const verdict = judgeLevel(available, reorderPoint != null ? { reorderPoint: Number(reorderPoint) } : null);
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
    idInput(stationId, 'stationId');
    idInput(input.partId, 'partId');
    if (input.repairOrderId != null) idInput(input.repairOrderId, 'repairOrderId');
    if ((input.kind ?? 'REQUISITION_SHORTFALL') !== 'REQUISITION_SHORTFALL') throw badInput('INVALID_VALUE', 'Only requisition shortfalls are recorded this way', { field: 'kind' });
    const quantity = checkQuantity(Number(input.quantity), 'quantity');
    const now = ctx.now();
    return ctx.db.transaction(async (tx) => {
      await shortageRepository.lockRequestKey(tx, key);
      const done = await shortageRepository.shortageOfRequest(tx, key);
      if (done) return { shortageId: done };
      const { id } = await this.open(tx, {
        stationId, partId: input.partId, kind: ShortageKind.REQUISITION_SHORTFALL, quantity,
        repairOrderId: input.repairOrderId ?? null, reference: typeof input.reference === 'string' ? input.reference.slice(0, 200) : null, accumulate: true,
      }, now);
      await shortageRepository.insertRequest(tx, key, id);
      await shortageRepository.addMonthlyShortfall(tx, stationId, input.partId, now, quantity);
      return { shortageId: id };
    });
  },

  /** Open (or resolved) shortages of a station (HQ: all or the one named), newest first. */
  /** shortagesPage: the caller's station's shortages (HQ: one station or all), filtered and sorted on the server. */
  async page(ctx: Context, a: Omit<ShortageFilters, 'viewer'> & { first?: number | null; after?: string | null; sort?: PageRequest<ShortageFilters>['sort'] }): Promise<PageResult<Shortage>> {
    const stationId = scopeStation(ctx, a.stationId);
    return shortagePage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId, viewer: ctx.user.id } }, toShortage);
  },

  async list(ctx: Context, stationId: string | null | undefined, open: boolean | null | undefined): Promise<Shortage[]> {
    const station = scopeStation(ctx, stationId);
    return (await shortageRepository.list(ctx.db, station, open ?? null)).map(toShortage);
  },
};
