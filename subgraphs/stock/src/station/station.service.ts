/** Stations, warehouses and bins: HQ opens stations; a station's manager (or HQ) sets up its warehouses and bins. */
import { randomUUID } from 'node:crypto';
import { appendEvent, badInput, conflict, notFound, scopeStation, type Context } from '../../../shared/src';
import { ownWarehouse } from '../commands/stock-command.helpers';
import { BinEntity, StationEntity, WarehouseEntity } from './station.entity';
import { stationRepository as repo } from './station.repository';

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const checkCode = (code: string, field: string) => {
  const c = code.trim();
  if (!CODE.test(c)) throw badInput('INVALID_CODE', `${field} may contain letters, digits, ".", "-" and "_" (at most 40)`, { field, max: 40 });
  return c;
};

/** Event: a depot station was opened (payload { stationId, code, name, region }). */
export const DEPOT_OPENED = 'stock.depot_opened';

export const stationService = {
  /**
   * A DEPOT also announces itself (`stock.depot_opened`, same transaction):
   * procurement creates the Supplier that stands for it from that event, once.
   */
  async createStation(ctx: Context, input: { code: string; name: string; region?: string | null; kind?: 'STATION' | 'DEPOT' | null }): Promise<StationEntity> {
    const code = checkCode(input.code, 'code');
    return ctx.db.transaction(async (tx) => {
      if (await repo.stationCodeTaken(tx, code)) throw conflict('STATION_CODE_TAKEN', `Station ${code} already exists`, { code });
      const kind = input.kind === 'DEPOT' ? 'DEPOT' : 'STATION';
      const s = Object.assign(new StationEntity(), { id: randomUUID(), code, name: input.name.trim(), region: input.region?.trim() || null, kind });
      await repo.insertStation(tx, s);
      if (kind === 'DEPOT') await appendEvent(tx, 'stock', DEPOT_OPENED, { stationId: s.id, code: s.code, name: s.name, region: s.region });
      return s;
    });
  },

  /** A new warehouse comes with its quarantine bin QC-01 (damaged goods always have a place). */
  async createWarehouse(ctx: Context, stationId: string, code: string, name: string): Promise<WarehouseEntity> {
    const station = scopeStation(ctx, stationId, true);
    const c = checkCode(code, 'code');
    if (!name.trim()) throw badInput('REQUIRED', 'name is required', { field: 'name' });
    return ctx.db.transaction(async (tx) => {
      if (!(await repo.stationKind(tx, station))) throw notFound('STATION_NOT_FOUND', 'Unknown station', { field: 'stationId' });
      if (await repo.warehouseCodeTaken(tx, station, c)) throw conflict('WAREHOUSE_CODE_TAKEN', `Warehouse ${c} already exists at this station`, { code: c });
      const w = Object.assign(new WarehouseEntity(), { id: randomUUID(), stationId: station, code: c, name: name.trim() });
      await repo.insertWarehouse(tx, w);
      return w;
    });
  },

  async createBin(ctx: Context, warehouseId: string, code: string, quarantine: boolean): Promise<BinEntity> {
    const c = checkCode(code, 'code');
    return ctx.db.transaction(async (tx) => {
      const w = await ownWarehouse(tx, ctx, warehouseId);
      if (await repo.binCodeTaken(tx, w.id, c)) throw conflict('BIN_CODE_TAKEN', `Bin ${c} already exists in this warehouse`, { code: c });
      const b = Object.assign(new BinEntity(), { id: randomUUID(), warehouseId: w.id, code: c, quarantine });
      await repo.insertBin(tx, b);
      return b;
    });
  },
};
