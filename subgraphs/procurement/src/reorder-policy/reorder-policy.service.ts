/**
 * Reorder policies (stationId, partId, reorderPoint, orderUpTo). Setting one
 * re-judges the part's shortages at once against the stock it has now (asked
 * of stock's `stockSnapshot`), so a purchaser sees the effect immediately.
 * `upsert` is exported for applyRecommendations.
 */
import type { EntityManager } from 'typeorm';
import { badInput, sendCommand, checkQuantity, DomainError, scopeStation, type Context, idInput } from '../../../shared/src';
import { ref, Part, Station } from '../stub/entity-stubs';
import { shortageService } from '../shortage/shortage.service';
import { ReorderPolicy } from './reorder-policy.type';

export function toPolicy(r: any): ReorderPolicy {
  return Object.assign(new ReorderPolicy(), {
    stationId: r.station_id,
    partId: r.part_id,
    station: ref(Station, r.station_id),
    part: ref(Part, r.part_id),
    reorderPoint: Number(r.reorder_point),
    orderUpTo: Number(r.order_up_to),
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  });
}

export const reorderPolicyService = {
  /** Validates and writes a policy in `tx` (no role check: callers check). */
  async upsert(tx: EntityManager, ctx: Context, stationId: string, partId: string, reorderPoint: number, orderUpTo: number): Promise<ReorderPolicy> {
    const rp = checkQuantity(reorderPoint, 'reorderPoint', { allowZero: true });
    const up = checkQuantity(orderUpTo, 'orderUpTo', { allowZero: true });
    if (up < rp) throw badInput('ORDER_UP_TO_BELOW_REORDER_POINT', 'orderUpTo must be at least the reorderPoint', { field: 'orderUpTo', reorderPoint: rp, orderUpTo: up });
    const [row] = await tx.query(
      `INSERT INTO procurement.reorder_policy (station_id, part_id, reorder_point, order_up_to, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (station_id, part_id) DO UPDATE SET reorder_point = EXCLUDED.reorder_point, order_up_to = EXCLUDED.order_up_to, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [stationId, partId, rp, up, ctx.user.id, ctx.now()]);
    return toPolicy(row);
  },

  async set(ctx: Context, stationIdArg: string, partId: string, reorderPoint: number, orderUpTo: number): Promise<ReorderPolicy> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    idInput(stationId, 'stationId');
    idInput(partId, 'partId');
    checkQuantity(reorderPoint, 'reorderPoint', { allowZero: true });
    checkQuantity(orderUpTo, 'orderUpTo', { allowZero: true });
    let available: number | null = null;
    try {
      const snap = await sendCommand(ctx.runtime, 'stockSnapshot', { stationId, partIds: [partId] }, ctx.user);
      available = snap.find((s) => s.partId === partId)?.available ?? 0;
    } catch (err) {
      if (err instanceof DomainError) throw err;
      // Stock unreachable: the policy still applies from the next stock.level_changed event.
      ctx.log.warn({ err: (err as Error).message }, 'stockSnapshot failed; shortages will be judged on the next level change');
    }
    return ctx.db.transaction(async (tx) => {
      const policy = await this.upsert(tx, ctx, stationId, partId, reorderPoint, orderUpTo);
      if (available !== null) await shortageService.judgeLevel(tx, stationId, partId, available, ctx.now());
      return policy;
    });
  },

  async list(ctx: Context, stationId: string | null | undefined): Promise<ReorderPolicy[]> {
    const station = scopeStation(ctx, stationId);
    const rows = await ctx.db.query(`SELECT * FROM procurement.reorder_policy WHERE ($1::uuid IS NULL OR station_id = $1) ORDER BY station_id, part_id LIMIT 5000`, [station]);
    return rows.map(toPolicy);
  },
};
