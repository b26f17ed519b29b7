/** Reads of stock levels. Every change goes through the ledger (stock issue). */
import { scopeStation, type Context, round3 } from '../../../shared/src';
import { PartStock } from '../station/station.type';
import { inTransitByPart, levelsByPart, warehouseLoader } from './stock-level.loader';
import { assertStationAccess, notFound } from '../../../shared/src';


export const stockLevelService = {
  /** A part's stock in the caller's scope: their own station, or for HQ the given station/warehouse or everywhere. */
  async partStock(ctx: Context, partId: string, stationId?: string | null, warehouseId?: string | null): Promise<PartStock> {
    const station = scopeStation(ctx, stationId);
    if (warehouseId) {
      const w = await warehouseLoader(ctx).load(warehouseId);
      if (!w) throw notFound('WAREHOUSE_NOT_FOUND', `Warehouse ${String(warehouseId).slice(0, 80)} was not found`, { warehouseId: String(warehouseId).slice(0, 80) });
      assertStationAccess(ctx, w.stationId);
    }
    const scope = { stationId: station, warehouseId: warehouseId ?? null };
    const [levels, transit] = await Promise.all([levelsByPart(ctx, scope).load(partId), inTransitByPart(ctx, scope).load(partId)]);
    return Object.assign(new PartStock(), {
      onHand: round3(levels.reduce((s, l) => s + l.onHand, 0)),
      available: round3(levels.reduce((s, l) => s + l.available, 0)),
      inTransit: round3(transit?.inTransit ?? 0),
      levels,
    });
  },
};
