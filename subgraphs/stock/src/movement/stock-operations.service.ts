/** Ledger reads and the direct stock operations of a station: adjustments and bin moves. */
import { badInput, decodeCursor, encodeCursor, capFirst, isUuid, scopeStation, type Context } from '../../../shared/src';
import { applyMoves } from './movement.service';
import { rememberBin } from './default-bin';
import { checkLines, ownBin, ownWarehouse } from '../commands/stock-command.helpers';
import { StockMovement, MovementTypeEnum } from './movement.type';
import { StockLevel } from '../station/station.type';

const isCursor = (v: unknown): v is [number] => Array.isArray(v) && v.length === 1 && Number.isInteger(v[0]);

function toLevel(partId: string, binId: string, onHand: number, reserved: number, quarantine: boolean): StockLevel {
  return Object.assign(new StockLevel(), { partId, binId, onHand, reserved, available: quarantine ? 0 : Math.round((onHand - reserved) * 1000) / 1000 });
}

export const stockOperations = {
  /** The ledger in the caller's scope, newest first, keyset-paginated. */
  async movements(ctx: Context, a: { partId?: string | null; warehouseId?: string | null; stationId?: string | null; first: number; after?: string | null }): Promise<StockMovement[]> {
    const station = scopeStation(ctx, a.stationId);
    if (a.partId && !isUuid(a.partId)) return [];
    if (a.warehouseId) await ownWarehouse(ctx.db.manager, ctx, a.warehouseId, station);
    const [after] = decodeCursor(a.after, isCursor) ?? [null];
    const rows = await ctx.db.query(
      `SELECT id, seq, type, part_id, bin_id, quantity::float8 AS quantity, reference, actor, occurred_at
         FROM stock.stock_movement
        WHERE ($1::uuid IS NULL OR part_id = $1) AND ($2::uuid IS NULL OR warehouse_id = $2) AND ($3::uuid IS NULL OR station_id = $3)
          AND ($4::bigint IS NULL OR seq < $4)
        ORDER BY seq DESC LIMIT $5`,
      [a.partId ?? null, a.warehouseId ?? null, station, after, capFirst(a.first, 50)]);
    return rows.map((r: any) => Object.assign(new StockMovement(), {
      id: r.id, type: r.type as MovementTypeEnum, quantity: r.quantity, reference: r.reference, occurredAt: r.occurred_at, actor: r.actor,
      partId: r.part_id, binId: r.bin_id, cursor: encodeCursor([Number(r.seq)]),
    }));
  },

  /** An ADJUSTMENT of `quantity` (signed) in one bin; never below what is on hand minus held. */
  async adjust(ctx: Context, a: { partId: string; binId: string; quantity: number; reason: string }): Promise<StockLevel> {
    const line = { partId: a.partId, quantity: Math.abs(a.quantity) };
    await checkLines(ctx, [line], 'adjustment');
    if (!a.reason.trim()) throw badInput('REQUIRED', 'A reason is required', { field: 'reason' });
    return ctx.db.transaction(async (tx) => {
      const bin = await ownBin(tx, ctx, a.binId);
      const delta = Math.sign(a.quantity) * (line.quantity as number);
      const [m] = await applyMoves(tx, ctx, [{ type: 'ADJUSTMENT', partId: a.partId, binId: bin.id, delta, reference: `ADJ: ${a.reason.trim().slice(0, 200)}` }]);
      return toLevel(a.partId, bin.id, m.onHand, m.reserved, bin.quarantine);
    });
  },

  /** BIN_MOVE out of one bin and into another of the same warehouse; the target is remembered. */
  async move(ctx: Context, a: { partId: string; fromBinId: string; toBinId: string; quantity: number; barcode?: string | null }): Promise<StockLevel[]> {
    const line = { partId: a.partId, quantity: a.quantity, barcode: a.barcode };
    await checkLines(ctx, [line], 'move');
    if (a.fromBinId === a.toBinId) throw badInput('SAME_BIN', 'Source and target bin are the same', { field: 'toBinId' });
    return ctx.db.transaction(async (tx) => {
      const from = await ownBin(tx, ctx, a.fromBinId);
      const to = await ownBin(tx, ctx, a.toBinId, from.stationId);
      if (from.warehouseId !== to.warehouseId) throw badInput('BIN_IN_OTHER_WAREHOUSE', 'Bin moves stay in one warehouse; use a transfer between warehouses', { field: 'toBinId' });
      const q = line.quantity as number;
      const [out, into] = await applyMoves(tx, ctx, [
        { type: 'BIN_MOVE', partId: a.partId, binId: from.id, delta: -q, reference: `MOVE→${to.code}` },
        { type: 'BIN_MOVE', partId: a.partId, binId: to.id, delta: q, reference: `MOVE←${from.code}` },
      ]);
      if (!to.quarantine) await rememberBin(tx, a.partId, to.warehouseId, to.id);
      return [toLevel(a.partId, from.id, out.onHand, out.reserved, from.quarantine), toLevel(a.partId, to.id, into.onHand, into.reserved, to.quarantine)];
    });
  },
};
