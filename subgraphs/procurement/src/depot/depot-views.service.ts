/**
 * What stations and HQ read about the depot and the network — from figures the
 * platform already keeps, no bookkeeping of its own:
 * - depotAvailability: stock's stockSnapshot of the depot station, the depot's
 *   own open orders (next arrival) and its price list;
 * - networkStock: stock's per-station totals plus the depot's shipments on
 *   their way (shipped, not yet received);
 * - stationScorecards: the parts KPIs of each station for the month (fill
 *   rate, stock turns, inventory value), stock's surplus candidates' excess
 *   value, and the lead time of its orders to the depot (submission → first
 *   goods receipt).
 */
import {
  sendCommand, ErrorCode, fetchPartFacts, parseDecimal, refusal, round3, type Context, type User, idInput
} from '../../../shared/src';
import { ref, Part, Station } from '../stub/entity-stubs';
import { kpiService } from '../kpi/kpi.service';
import { purchaseOrderRepository } from '../purchase-order/purchase-order.repository';
import { depotRepository } from './depot.repository';
import { depotAvailable, theDepot } from './depot.service';
import { DepotAvailability, NetworkStock, StationScorecard } from './depot.type';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The caller, acting for the network (reads across stations that the caller may not read one by one). */
const networkActor = (ctx: Context): User => ({ id: ctx.user.id, roles: ctx.user.roles.filter((r) => r !== 'SERVICE'), stationId: null });

function checkPartIds(partIds: unknown, field = 'partIds'): string[] {
  if (!Array.isArray(partIds)) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE', `${field} must be a list of ids`, { field });
  if (partIds.length > 200) throw refusal(ErrorCode.BAD_USER_INPUT, 'TOO_MANY_LINES', `At most 200 ${field}`, { field, max: 200, count: partIds.length });
  partIds.forEach((p, i) => {
    idInput(p, `${field}.${i + 1}`, `${field}.${i + 1} is not an id`);
  });
  return [...new Set(partIds as string[])];
}

export const depotViews = {
  async availability(ctx: Context, partIdsArg: string[]): Promise<DepotAvailability[]> {
    const partIds = checkPartIds(partIdsArg);
    const depot = await theDepot(ctx.db);
    if (!depot) throw refusal(ErrorCode.NOT_FOUND, 'NO_DEPOT', 'The network has no parts depot yet');
    if (!partIds.length) return [];
    const [available, next, prices, facts] = await Promise.all([
      depotAvailable(ctx.runtime, networkActor(ctx), depot.stationId, partIds),
      depotRepository.nextArrivals(ctx.db, depot.stationId, partIds, ctx.now()),
      purchaseOrderRepository.offeredPrices(ctx.db, depot.supplierId, partIds),
      fetchPartFacts(ctx, partIds),
    ]);
    const priceOf = new Map([...prices].map(([partId, price]) => [partId, parseDecimal(price)]));
    return partIds.filter((id) => facts.has(id)).map((partId) => Object.assign(new DepotAvailability(), {
      partId,
      part: ref(Part, partId),
      available: round3(Math.max(0, available.get(partId) ?? 0)),
      nextArrival: next.get(partId) ?? null,
      leadTimeDays: depot.leadTimeDays,
      unitPrice: priceOf.get(partId) ?? parseDecimal(facts.get(partId)!.prices.wholesale),
    }));
  },

  async networkStock(ctx: Context, partId: string): Promise<NetworkStock[]> {
    idInput(partId, 'partId', 'partId is not an id');
    const [totals, shipping] = await Promise.all([
      sendCommand(ctx.runtime, 'networkTotals', { partId }, networkActor(ctx)),
      depotRepository.onTheWay(ctx.db, partId),
    ]);
    const onTheWay = new Map(shipping.map((r) => [r.station_id, Number(r.q)]));
    return totals.map((t) => Object.assign(new NetworkStock(), {
      stationId: t.stationId,
      station: ref(Station, t.stationId),
      onHand: round3(t.onHand),
      available: round3(t.available),
      inTransit: round3(t.inTransit + (onTheWay.get(t.stationId) ?? 0)),
    }));
  },

  async scorecards(ctx: Context, month: string): Promise<StationScorecard[]> {
    const m = MONTH.exec(String(month));
    if (!m) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_MONTH', 'month must look like 2026-03', { field: 'month', value: String(month).slice(0, 20) });
    const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    const to = new Date(Date.UTC(Number(m[1]), Number(m[2]), 1));
    const [surplus, lead] = await Promise.all([
      sendCommand(ctx.runtime, 'surplusValues', {}, networkActor(ctx)),
      depotRepository.leadTimes(ctx.db, from, to),
    ]);
    const leadOf = new Map(lead.map((r) => [r.station_id, r]));
    const out: StationScorecard[] = [];
    // One KPI computation per station (five statements and one stock call each): a network has tens of stations, not thousands.
    for (const s of surplus) {
      const k = await kpiService.partsKpis(ctx, { stationId: s.stationId, month, months: 1, top: 0 });
      const l = leadOf.get(s.stationId);
      out.push(Object.assign(new StationScorecard(), {
        stationId: s.stationId,
        station: ref(Station, s.stationId),
        month,
        fillRate: k.fillRate.lines ?? 0,
        stockTurns: k.stockTurns ?? 0,
        inventoryValue: k.inventoryValue,
        surplusValue: s.value,
        depotOrderLeadDays: l?.lead_days == null ? null : Math.round(Number(l.lead_days) * 10) / 10,
        depotOrders: l?.submitted ?? 0,
      }));
    }
    return out;
  },
};
