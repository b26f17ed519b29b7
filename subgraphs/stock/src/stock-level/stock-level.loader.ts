/** Per-request DataLoaders of stock: levels for a page of parts cost one statement. */
import { groupedByKey, isUuid, byKey, type Context } from '../../../shared/src';
import type { StockLevel } from '../station/station.type';
import { BinEntity, StationEntity, WarehouseEntity } from '../station/station.entity';
import { In } from 'typeorm';

export interface LevelRow extends StockLevel {
  warehouseId: string;
  stationId: string;
}

/** Levels of each part within a scope: a station, a warehouse, or (stationId and warehouseId null) everywhere. */
export const levelsByPart = (ctx: Context, scope: { stationId: string | null; warehouseId: string | null }) =>
  groupedByKey<string, LevelRow>(ctx, `levels:${scope.stationId}:${scope.warehouseId}`, async (partIds) => {
    const rows = await ctx.db.query(
      `SELECT l.part_id AS "partId", l.bin_id AS "binId", l.on_hand::float8 AS "onHand", l.reserved::float8 AS reserved,
              (CASE WHEN b.quarantine THEN 0 ELSE l.on_hand - l.reserved END)::float8 AS available, b.warehouse_id AS "warehouseId", w.station_id AS "stationId"
         FROM stock.stock_level l
         JOIN stock.bin b ON b.id = l.bin_id
         JOIN stock.warehouse w ON w.id = b.warehouse_id
        WHERE l.part_id = ANY($1::uuid[])
          AND ($2::uuid IS NULL OR w.station_id = $2)
          AND ($3::uuid IS NULL OR w.id = $3)
          AND l.on_hand > 0
        ORDER BY w.code, b.code`,
      [partIds.filter(isUuid), scope.stationId, scope.warehouseId],
    );
    return rows;
  }, (r) => r.partId);

const byIds = <E extends { id: string }>(ctx: Context, name: string, entity: new () => E) =>
  byKey<string, E>(ctx, name, async (ids) => {
    const valid = ids.filter(isUuid);
    return valid.length ? ctx.db.getRepository(entity).findBy({ id: In(valid) } as any) : [];
  }, (e) => e.id);

export const stationLoader = (ctx: Context) => byIds(ctx, 'station', StationEntity);
export const warehouseLoader = (ctx: Context) => byIds(ctx, 'warehouse', WarehouseEntity);
export const binLoader = (ctx: Context) => byIds(ctx, 'bin', BinEntity);
/** In transit per part towards a scope: shipped, not yet received transfers into the station / warehouse. */
export const inTransitByPart = (ctx: Context, scope: { stationId: string | null; warehouseId: string | null }) =>
  byKey<string, { partId: string; inTransit: number }>(ctx, `inTransit:${scope.stationId}:${scope.warehouseId}`, async (partIds) =>
    ctx.db.query(
      `SELECT tl.part_id AS "partId", sum(tl.quantity - tl.received)::float8 AS "inTransit"
         FROM stock.transfer_line tl JOIN stock.transfer t ON t.id = tl.transfer_id
        WHERE t.status = 'SHIPPED' AND tl.part_id = ANY($1::uuid[])
          AND ($2::uuid IS NULL OR t.to_station_id = $2) AND ($3::uuid IS NULL OR t.to_warehouse_id = $3)
        GROUP BY tl.part_id`,
      [partIds.filter(isUuid), scope.stationId, scope.warehouseId]), (r) => r.partId);

export const warehousesByStation = (ctx: Context) =>
  groupedByKey<string, WarehouseEntity>(ctx, 'warehousesByStation', (ids) =>
    ctx.db.getRepository(WarehouseEntity).find({ where: { stationId: In(ids.filter(isUuid)) }, order: { code: 'ASC' } }), (w) => w.stationId);
export const binsByWarehouse = (ctx: Context) =>
  groupedByKey<string, BinEntity>(ctx, 'binsByWarehouse', (ids) =>
    ctx.db.getRepository(BinEntity).find({ where: { warehouseId: In(ids.filter(isUuid)) }, order: { code: 'ASC' } }), (b) => b.warehouseId);
