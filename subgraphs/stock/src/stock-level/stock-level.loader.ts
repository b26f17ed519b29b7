/**
 * Per-request DataLoaders of stock: levels for a page of parts cost one
 * statement, which brings each level's bin and warehouse along (a counter
 * page of 20 parts with `levels { bin { warehouse } }` is that one statement).
 * The hot loaders read plain pg rows through prepared statements
 * (`poolRows`), not TypeORM entities.
 */
import { groupedByKey, isUuid, byKey, poolRows, type Context, type PreparedStatement, byId, rowOrRefuse, UNKNOWN_STATION } from '../../../shared/src';
import type { StockLevel } from '../station/station.type';
import { BinEntity, WarehouseEntity } from '../station/station.entity';
import type { StationEntity } from '../station/station.entity';
import { In } from 'typeorm';

/** A bin as the loaders return it; `warehouseRow` is its warehouse when the statement brought it along. */
export type BinRow = Pick<BinEntity, 'id' | 'warehouseId' | 'code' | 'quarantine'> & { warehouseRow?: WarehouseRow };
export type WarehouseRow = Pick<WarehouseEntity, 'id' | 'stationId' | 'code' | 'name'>;
export type StationRow = Pick<StationEntity, 'id' | 'code' | 'name' | 'region' | 'kind'>;

export interface LevelRow extends StockLevel {
  warehouseId: string;
  stationId: string;
  /** The level's bin (with its warehouse), so `levels { bin { warehouse } }` needs no further statement. */
  binRow: BinRow;
}

// The part's levels first (the primary key's part_id prefix: a few rows per part), then their bins
// and warehouses. Written as a joined WHERE, the planner walked every level of every bin of the station
// (≈4,400 buffers, 4–8 ms per page on 10k parts); materialised first it reads ≈80 (0.7 ms).
const LEVELS: PreparedStatement = {
  name: 'stock.levels_by_part',
  text: `WITH l AS MATERIALIZED (
           SELECT part_id, bin_id, on_hand, reserved FROM stock.stock_level WHERE part_id = ANY($1::uuid[]) AND on_hand > 0)
         SELECT l.part_id AS "partId", l.bin_id AS "binId", l.on_hand::float8 AS "onHand", l.reserved::float8 AS reserved,
                (CASE WHEN b.quarantine THEN 0 ELSE l.on_hand - l.reserved END)::float8 AS available,
                b.warehouse_id AS "warehouseId", w.station_id AS "stationId", b.code AS "binCode", b.quarantine,
                w.code AS "warehouseCode", w.name AS "warehouseName"
           FROM l
           JOIN stock.bin b ON b.id = l.bin_id
           JOIN stock.warehouse w ON w.id = b.warehouse_id
          WHERE ($2::uuid IS NULL OR w.station_id = $2)
            AND ($3::uuid IS NULL OR w.id = $3)
          ORDER BY w.code, b.code`,
};
interface LevelSqlRow { partId: string; binId: string; onHand: number; reserved: number; available: number; warehouseId: string; stationId: string; binCode: string; quarantine: boolean; warehouseCode: string; warehouseName: string }

/** Levels of each part within a scope: a station, a warehouse, or (stationId and warehouseId null) everywhere. */
export const levelsByPart = (ctx: Context, scope: { stationId: string | null; warehouseId: string | null }) =>
  groupedByKey<string, LevelRow>(ctx, `levels:${scope.stationId}:${scope.warehouseId}`, async (partIds) => {
    const rows = await poolRows<LevelSqlRow>(ctx.db, LEVELS, [partIds.filter(isUuid), scope.stationId, scope.warehouseId]);
    const warehouses = new Map<string, WarehouseRow>();
    const bins = new Map<string, BinRow>();
    return rows.map((r) => {
      let w = warehouses.get(r.warehouseId);
      if (!w) warehouses.set(r.warehouseId, (w = { id: r.warehouseId, stationId: r.stationId, code: r.warehouseCode, name: r.warehouseName }));
      let b = bins.get(r.binId);
      if (!b) bins.set(r.binId, (b = { id: r.binId, warehouseId: r.warehouseId, code: r.binCode, quarantine: r.quarantine, warehouseRow: w }));
      return { partId: r.partId, binId: r.binId, onHand: r.onHand, reserved: r.reserved, available: r.available, warehouseId: r.warehouseId, stationId: r.stationId, binRow: b };
    });
  }, (r) => r.partId);

const byIds = <R extends { id: string }>(ctx: Context, statement: PreparedStatement) =>
  byId<R>(ctx, statement.name, (ids) => poolRows<R>(ctx.db, statement, [ids]), (e) => e.id);

const STATIONS: PreparedStatement = { name: 'stock.stations_by_id', text: `SELECT id, code, name, region, kind FROM stock.station WHERE id = ANY($1::uuid[])` };
const WAREHOUSES: PreparedStatement = { name: 'stock.warehouses_by_id', text: `SELECT id, station_id AS "stationId", code, name FROM stock.warehouse WHERE id = ANY($1::uuid[])` };
const BINS: PreparedStatement = { name: 'stock.bins_by_id', text: `SELECT id, warehouse_id AS "warehouseId", code, quarantine FROM stock.bin WHERE id = ANY($1::uuid[])` };

export const stationLoader = (ctx: Context) => byIds<StationRow>(ctx, STATIONS);
export const warehouseLoader = (ctx: Context) => byIds<WarehouseRow>(ctx, WAREHOUSES);
export const binLoader = (ctx: Context) => byIds<BinRow>(ctx, BINS);
export const UNKNOWN_WAREHOUSE = { reason: 'WAREHOUSE_NOT_FOUND', what: 'Warehouse', param: 'warehouseId' } as const;
export const UNKNOWN_BIN = { reason: 'BIN_NOT_FOUND', what: 'Bin', param: 'binId' } as const;
/** The station, warehouse or bin `id` names, or its NOT_FOUND refusal. */
export const requireStation = (ctx: Context, id: unknown) => rowOrRefuse(id, (id) => stationLoader(ctx).load(id), UNKNOWN_STATION);
export const requireWarehouse = (ctx: Context, id: unknown) => rowOrRefuse(id, (id) => warehouseLoader(ctx).load(id), UNKNOWN_WAREHOUSE);
export const requireBin = (ctx: Context, id: unknown) => rowOrRefuse(id, (id) => binLoader(ctx).load(id), UNKNOWN_BIN);
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
