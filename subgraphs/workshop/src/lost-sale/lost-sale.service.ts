/**
 * Lost-sales capture (未满足需求登记): the clerk records in one call that a
 * customer asked for a part the counter could not serve and left, or that it
 * had to be bought in an emergency. The record and its `workshop.demand`
 * event (lost or emergency units) are written in one transaction, so
 * procurement counts it as demand — for forecasting and for the fill rate —
 * exactly once.
 */
import { randomUUID } from 'node:crypto';
import { badInput, capFirst, checkQuantity, decodeCursor, encodeCursor, isUuid, scopeStation, type Context } from '../../../shared/src';
import { requireWorkshopPartFacts } from '../part-fact/part-fact.projection';
import { ref, Part } from '../entity-stubs';
import { Station } from '../repair-order/repair-order.type';
import { appendDemandEvents } from './demand-event';
import { LostSale, LostSaleInput, LostSaleReason } from './lost-sale.type';

function toLostSale(r: any): LostSale {
  return Object.assign(new LostSale(), {
    id: r.id, stationId: r.station_id, station: ref(Station, r.station_id), part: ref(Part, r.part_id), quantity: Number(r.quantity), reason: r.reason,
    emergencyPurchase: r.emergency_purchase, note: r.note, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
  });
}

export const lostSaleService = {
  async record(ctx: Context, input: LostSaleInput): Promise<LostSale> {
    const stationId = scopeStation(ctx, input.stationId, true);
    if (!isUuid(stationId)) throw badInput('INVALID_VALUE', 'stationId must be an id', { field: 'stationId' });
    if (!Object.values(LostSaleReason).includes(input.reason)) throw badInput('INVALID_VALUE', 'Unknown reason', { field: 'reason' });
    const key = input.idempotencyKey?.trim() || null;
    if (key) {
      const [done] = await ctx.db.query(`SELECT * FROM workshop.lost_sale WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
      if (done) return toLostSale(done);
    }
    const fact = (await requireWorkshopPartFacts(ctx, [input.partId])).get(input.partId)!;
    const quantity = checkQuantity(input.quantity, 'quantity', { precision: fact.unitPrecision });
    const emergency = input.emergencyPurchase === true;
    const now = ctx.now();
    const row = await ctx.db.transaction(async (tx) => {
      if (key) {
        await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`lost-sale:${stationId}:${key}`]);
        const [again] = await tx.query(`SELECT * FROM workshop.lost_sale WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
        if (again) return again;
      }
      const [r] = await tx.query(
        `INSERT INTO workshop.lost_sale (id, station_id, part_id, quantity, reason, emergency_purchase, note, idempotency_key, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
        [randomUUID(), stationId, input.partId, quantity, input.reason, emergency, input.note?.trim() || null, key, ctx.user.id, now]);
      await appendDemandEvents(tx, now, [{
        stationId, partId: input.partId, requested: quantity, issued: 0, lost: emergency ? 0 : quantity, emergency: emergency ? quantity : 0, source: 'LOST_SALE',
      }]);
      return r;
    });
    return toLostSale(row);
  },

  /** Newest first; `after` is the `cursor` of the last record of the previous page. */
  async list(ctx: Context, stationIdArg: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<LostSale[]> {
    const stationId = scopeStation(ctx, stationIdArg);
    if (stationId !== null && !isUuid(stationId)) return [];
    const cur = decodeCursor(after, (v): v is [string, string] => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && isUuid(v[1]));
    const rows = await ctx.db.query(
      `SELECT * FROM workshop.lost_sale WHERE ($1::uuid IS NULL OR station_id = $1)
         AND ($2::timestamptz IS NULL OR (recorded_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY recorded_at DESC, id DESC LIMIT $4`,
      [stationId, cur?.[0] ?? null, cur?.[1] ?? null, capFirst(first, 50)]);
    return rows.map(toLostSale);
  },

  cursorOf: (l: LostSale) => encodeCursor([new Date(l.recordedAt).toISOString(), l.id]),
};
