/**
 * The SQL of the stock structure: stations (and depots), their warehouses
 * and bins. The services decide (station.service.ts, the stock commands'
 * ownWarehouse / ownBin); this reads and writes.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Tx } from '../../../shared/src';
import { BinEntity, StationEntity, WarehouseEntity } from './station.entity';

type Db = Pick<Tx, 'query'> | Context['db'];

export type StationKind = 'STATION' | 'DEPOT';

export interface WarehouseRow {
  id: string;
  stationId: string;
  code: string;
}

/** A bin with the warehouse and station it belongs to. */
export interface BinRow {
  id: string;
  code: string;
  warehouseId: string;
  stationId: string;
  quarantine: boolean;
}

const BIN_WITH_STATION = `SELECT b.id, b.code, b.warehouse_id AS "warehouseId", w.station_id AS "stationId", b.quarantine
  FROM stock.bin b JOIN stock.warehouse w ON w.id = b.warehouse_id`;

export const stationRepository = {
  async stationCode(db: Db, stationId: string): Promise<string | null> {
    const [s] = await db.query(`SELECT code FROM stock.station WHERE id = $1`, [stationId]);
    return s?.code ?? null;
  },
  async stationKind(db: Db, stationId: string): Promise<StationKind | null> {
    const [s] = await db.query(`SELECT kind FROM stock.station WHERE id = $1`, [stationId]);
    return s?.kind ?? null;
  },
  /** Every station (depots included) by code, or only those of one kind. */
  stations(db: Db, kind?: StationKind): Promise<{ id: string; kind: StationKind }[]> {
    return db.query(`SELECT id, kind FROM stock.station WHERE ($1::text IS NULL OR kind = $1) ORDER BY code`, [kind ?? null]);
  },
  async stationCodeTaken(tx: Tx, code: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM stock.station WHERE upper(code) = upper($1)`, [code])).length > 0;
  },
  async warehouseCodeTaken(tx: Tx, stationId: string, code: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM stock.warehouse WHERE station_id = $1 AND upper(code) = upper($2)`, [stationId, code])).length > 0;
  },
  async binCodeTaken(tx: Tx, warehouseId: string, code: string): Promise<boolean> {
    return (await tx.query(`SELECT 1 FROM stock.bin WHERE warehouse_id = $1 AND upper(code) = upper($2)`, [warehouseId, code])).length > 0;
  },
  async insertStation(tx: Tx, s: StationEntity): Promise<void> {
    await tx.getRepository(StationEntity).insert(s);
  },
  /** A new warehouse and its quarantine bin QC-01. */
  async insertWarehouse(tx: Tx, w: WarehouseEntity): Promise<void> {
    await tx.getRepository(WarehouseEntity).insert(w);
    await tx.getRepository(BinEntity).insert({ id: randomUUID(), warehouseId: w.id, code: 'QC-01', quarantine: true });
  },
  async insertBin(tx: Tx, b: BinEntity): Promise<void> {
    await tx.getRepository(BinEntity).insert(b);
  },
  async warehouse(db: Db, id: string): Promise<WarehouseRow | null> {
    const [w] = await db.query(`SELECT id, station_id AS "stationId", code FROM stock.warehouse WHERE id = $1`, [id]);
    return w ?? null;
  },
  async bin(db: Db, id: string): Promise<BinRow | null> {
    const [b] = await db.query(`${BIN_WITH_STATION} WHERE b.id = $1`, [id]);
    return b ?? null;
  },
  bins(db: Db, ids: string[]): Promise<BinRow[]> {
    return db.query(`${BIN_WITH_STATION} WHERE b.id = ANY($1::uuid[])`, [[...new Set(ids)]]);
  },
  /** The warehouse's first quarantine bin (every warehouse has one). */
  async quarantineBin(db: Db, warehouseId: string): Promise<string | null> {
    const [b] = await db.query(`SELECT id FROM stock.bin WHERE warehouse_id = $1 AND quarantine ORDER BY code LIMIT 1`, [warehouseId]);
    return b?.id ?? null;
  },
  /** Where a receipt without a bin goes: the part's remembered bin in the warehouse, else its first ordinary bin. */
  async putawayBin(db: Db, partId: string, warehouseId: string): Promise<string | null> {
    const [row] = await db.query(
      `SELECT coalesce(
         (SELECT d.bin_id FROM stock.part_default_bin d JOIN stock.bin b ON b.id = d.bin_id AND NOT b.quarantine WHERE d.part_id = $1 AND d.warehouse_id = $2),
         (SELECT id FROM stock.bin WHERE warehouse_id = $2 AND NOT quarantine ORDER BY code LIMIT 1)) AS bin_id`,
      [partId, warehouseId]);
    return row?.bin_id ?? null;
  },
};
