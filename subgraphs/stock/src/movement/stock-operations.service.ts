/** Ledger reads and the direct stock operations of a station: adjustments and bin moves. */
import { badInput, definePage, emptyPage, isUuid, scopeStation, type Context, type PageRequest, type PageResult } from '../../../shared/src';
import { applyMoves } from './movement.service';
import { rememberBin } from './default-bin';
import { checkLines, ownBin, ownWarehouse } from '../commands/stock-command.helpers';
import { StockMovement, MovementTypeEnum } from './movement.type';
import { StockLevel } from '../station/station.type';

export interface LedgerFilters {
  partId?: string | null;
  warehouseId?: string | null;
  stationId?: string | null;
  type?: MovementTypeEnum | null;
  types?: MovementTypeEnum[] | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The ledger's one page definition. Order: newest first by date, then by entry
 * order (seq), so opening balances dated in the past sit where their date puts
 * them. With one part and one warehouse the rows carry the running balance,
 * summed over all of that pair's rows (also those the date or type filter
 * leaves out).
 */
const ledgerPage = definePage<LedgerFilters>({
  name: 'stockMovements',
  from: (bind, f) => (f.partId && f.warehouseId
    ? `(SELECT m.*, (sum(m.quantity) OVER (ORDER BY m.occurred_at, m.seq))::float8 AS balance FROM stock.stock_movement m WHERE m.part_id = ${bind(f.partId)} AND m.warehouse_id = ${bind(f.warehouseId)})`
    : `(SELECT m.*, NULL::float8 AS balance FROM stock.stock_movement m)`),
  sorts: {
    occurredAt: { sql: 'q.occurred_at', type: 'timestamptz', direction: 'DESC' },
    quantity: { sql: 'q.quantity', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'occurredAt' },
  id: { sql: 'q.seq', type: 'bigint' },
  filters: {
    partId: (v, bind) => `q.part_id = ${bind(v)}::uuid`,
    warehouseId: (v, bind) => `q.warehouse_id = ${bind(v)}::uuid`,
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    type: (v, bind) => `q.type = ${bind(v)}`,
    types: (v, bind) => (v.length ? `q.type = ANY(${bind(v)}::text[])` : null),
    from: (v, bind) => `q.occurred_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.occurred_at < ${bind(v)}::timestamptz`,
  },
});


function toLevel(partId: string, binId: string, onHand: number, reserved: number, quarantine: boolean): StockLevel {
  return Object.assign(new StockLevel(), { partId, binId, onHand, reserved, available: quarantine ? 0 : Math.round((onHand - reserved) * 1000) / 1000 });
}

export const stockOperations = {
  /** The ledger in the caller's scope, newest first (by date, then by entry order), keyset-paginated: the first page of `movementsPage`. */
  async movements(ctx: Context, a: { partId?: string | null; warehouseId?: string | null; stationId?: string | null; first: number; after?: string | null }): Promise<StockMovement[]> {
    return (await this.movementsPage(ctx, a)).items;
  },

  /**
   * A page of the ledger: filters by part, warehouse, type and date range; a
   * running balance (on hand in that warehouse after the row) when one part and
   * one warehouse are given.
   */
  async movementsPage(ctx: Context, a: LedgerFilters & { first?: number | null; after?: string | null; sort?: PageRequest<LedgerFilters>['sort'] }): Promise<PageResult<StockMovement>> {
    const station = scopeStation(ctx, a.stationId);
    if (a.partId && !isUuid(a.partId)) return emptyPage();
    if (a.warehouseId) await ownWarehouse(ctx.db.manager, ctx, a.warehouseId, station);
    return ledgerPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId: station } }, (r: any) => Object.assign(new StockMovement(), {
      id: r.id, type: r.type as MovementTypeEnum, quantity: Number(r.quantity), reference: r.reference, occurredAt: r.occurred_at, actor: r.actor,
      partId: r.part_id, binId: r.bin_id, warehouseId: r.warehouse_id, balance: r.balance === null || r.balance === undefined ? null : Number(r.balance),
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
