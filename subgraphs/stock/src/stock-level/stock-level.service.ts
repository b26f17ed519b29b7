/** Reads of stock levels. Every change goes through the ledger (stock issue). */
import { assertStationAccess, round3, scopeStation, type Context } from '../../../shared/src';
import { PartStock } from '../station/station.type';
import { inTransitByPart, levelsByPart, requireWarehouse } from './stock-level.loader';


export const stockLevelService = {
  /** A part's stock in the caller's scope: their own station, or for HQ the given station/warehouse or everywhere. */
  async partStock(ctx: Context, partId: string, stationId?: string | null, warehouseId?: string | null): Promise<PartStock> {
    const station = scopeStation(ctx, stationId);
    if (warehouseId) {
      const w = await requireWarehouse(ctx, warehouseId);
      assertStationAccess(ctx, w.stationId);
    }
    const scope = { stationId: station, warehouseId: warehouseId ?? null };
    const levels = await levelsByPart(ctx, scope).load(partId);
    return Object.assign(new PartStock(), {
      onHand: round3(levels.reduce((s, l) => s + l.onHand, 0)),
      available: round3(levels.reduce((s, l) => s + l.available, 0)),
      levels,
      partId,
      scope,
    });
  },

  /** In transit towards the PartStock's scope: a statement only for pages that ask for it. */
  async inTransit(ctx: Context, stock: PartStock): Promise<number> {
    const transit = await inTransitByPart(ctx, stock.scope).load(stock.partId);
    return round3(transit?.inTransit ?? 0);
  },
};
