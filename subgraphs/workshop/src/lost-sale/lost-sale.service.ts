/**
 * Lost-sales capture (未满足需求登记): the clerk records in one call that a
 * customer asked for a part the counter could not serve and left, or that it
 * had to be bought in an emergency. The record and its `workshop.demand`
 * event (lost or emergency units) are written in one transaction, so
 * procurement counts it as demand — for forecasting and for the fill rate —
 * exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { assertSameRequest, checkIdempotencyKey, checkQuantity, claimCommand, scopeStation, type Context, type PageRequest, type PageResult, idInput } from '../../../shared/src';
import { requireWorkshopPartFacts } from '../part-fact/part-fact.projection';
import { ref, Part } from '../entity-stubs';
import { Station } from '../repair-order/repair-order.type';
import { appendDemandEvents } from './demand-event';
import { LostSale, LostSaleInput } from './lost-sale.type';
import { lostSalePage, lostSaleRepository as repo, type LostSaleFilters, type LostSaleRow } from './lost-sale.repository';
import { defaultOrderCursor, pageAfter } from '../paged-list';

function toLostSale(r: LostSaleRow): LostSale {
  return Object.assign(new LostSale(), {
    id: r.id, stationId: r.station_id, station: ref(Station, r.station_id), part: ref(Part, r.part_id), quantity: Number(r.quantity), reason: r.reason,
    emergencyPurchase: r.emergency_purchase, note: r.note, recordedBy: r.recorded_by, recordedAt: r.recorded_at,
  });
}

/** What makes a lost sale the same request: part, quantity, reason, emergency (the note is commentary). */
const fingerprintOf = (partId: string, quantity: number, reason: string, emergency: boolean) => JSON.stringify([partId, quantity, reason, emergency]);
const fingerprintOfRow = (r: LostSaleRow) => fingerprintOf(r.part_id, Number(r.quantity), r.reason, r.emergency_purchase);

export const lostSaleService = {
  async record(ctx: Context, input: LostSaleInput): Promise<LostSale> {
    const stationId = scopeStation(ctx, input.stationId, true);
    idInput(stationId, 'stationId');
    // The key is optional; given, it follows the one idempotency rule: the same request again is the first record, the
    // key with another request (part, quantity, reason, emergency — the note is commentary) is a CONFLICT.
    const key = input.idempotencyKey == null || !input.idempotencyKey.trim() ? null : checkIdempotencyKey(input.idempotencyKey);
    const emergency = input.emergencyPurchase === true;
    const fingerprint = fingerprintOf(input.partId, Number(input.quantity), input.reason, emergency);
    if (key) {
      const done = await repo.byKey(ctx.db, stationId, key);
      if (done) {
        assertSameRequest(fingerprintOfRow(done), fingerprint, 'lost sale');
        return toLostSale(done);
      }
    }
    const fact = (await requireWorkshopPartFacts(ctx, [input.partId])).get(input.partId)!;
    const quantity = checkQuantity(input.quantity, 'quantity', { precision: fact.unitPrecision });
    const now = ctx.now();
    const insert = async (tx: EntityManager) => {
      const r = await repo.insert(tx, {
        id: randomUUID(), stationId, partId: input.partId, quantity, reason: input.reason, emergency, note: input.note?.trim() || null, key, by: ctx.user.id, at: now,
      });
      await appendDemandEvents(tx, now, [{
        stationId, partId: input.partId, requested: quantity, issued: 0, lost: emergency ? 0 : quantity, emergency: emergency ? quantity : 0, source: 'LOST_SALE',
      }]);
      return r;
    };
    const row = key
      ? await claimCommand(ctx, {
        what: 'lost sale', lockKey: `lost-sale:${stationId}:${key}`, fingerprint,
        find: (tx) => repo.byKey(tx, stationId, key),
        fingerprintOf: fingerprintOfRow,
        insert,
      })
      : await ctx.db.transaction(insert);
    return toLostSale(row);
  },

  /** Newest first: the first page of `page` (its `after` also takes the `[recordedAt, id]` cursors this list handed out before). */
  async list(ctx: Context, stationId: string | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<LostSale[]> {
    return (await this.page(ctx, { stationId, first, after })).items;
  },

  /** A page of the station's lost sales (HQ: one station or all), newest first; filters: recorded from/to, part, reason(s), emergency, text. */
  async page(ctx: Context, a: LostSaleFilters & { first?: number | null; after?: string | null; sort?: PageRequest<LostSaleFilters>['sort'] }): Promise<PageResult<LostSale>> {
    const stationId = scopeStation(ctx, a.stationId);
    return repo.page(ctx.db, {
      first: a.first, after: pageAfter(lostSalePage, a.after), sort: a.sort,
      filters: { from: a.from, to: a.to, partId: a.partId, reason: a.reason, reasons: a.reasons, emergencyPurchase: a.emergencyPurchase, query: a.query, stationId },
    }, toLostSale);
  },

  /** The row's cursor in the list it came from; a record just made: its place in the newest-first order. */
  cursorOf: (l: LostSale & { cursor?: string }) => l.cursor ?? defaultOrderCursor(lostSalePage, l.recordedAt, l.id),
};
