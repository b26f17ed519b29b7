/**
 * Stocktakes (盘点). Starting freezes the book quantities of the warehouse.
 * Each count records the book quantity at that moment too, and the variance
 * is counted − book-at-count: stock that moves while the count runs (issues
 * before or after a bin is counted) is neither lost nor counted twice.
 * Nothing moves until a STATION_MANAGER approves; approval posts each
 * variance as an ADJUSTMENT (uncounted bins are left as they are).
 */
import { randomUUID } from 'node:crypto';
import { assertStationAccess, badInput, checkQuantity, conflict, definePage, ErrorCode, refusal, scopeStation, type Context, type PageRequest, type PageResult, type Tx, round3, rowById, rowOrRefuse } from '../../../shared/src';
import { applyMoves, type Move } from '../movement/movement.service';
import { nextNumber } from '../movement/numbering';
import { checkLines, ownBin, ownWarehouse } from '../commands/stock-command.helpers';
import { Stocktake, StocktakeLine, StocktakeStatus } from './stocktake.type';
import { stocktakeRepository as repo, type StocktakeLineRow, type StocktakeRow } from './stocktake.repository';

async function load(db: Tx | Context['db'], id: string, row?: StocktakeRow): Promise<Stocktake | null> {
  const s = row ?? await repo.byId(db, id);
  if (!s) return null;
  return toStocktake(s, await repo.lines(db, id));
}

function toStocktake(s: StocktakeRow, lines: StocktakeLineRow[]): Stocktake {
  return Object.assign(new Stocktake(), {
    id: s.id, number: s.number, status: s.status, startedAt: s.started_at, startedBy: s.started_by,
    approvedAt: s.approved_at, approvedBy: s.approved_by, warehouseId: s.warehouse_id,
    rejectedAt: s.rejected_at ?? null, rejectedBy: s.rejected_by ?? null, rejectReason: s.reject_reason ?? null,
    lineCount: lines.length, countedCount: lines.filter((l) => l.counted !== null).length,
    lines: lines.map((l) => Object.assign(new StocktakeLine(), {
      partId: l.part_id, binId: l.bin_id, expected: l.expected, counted: l.counted, bookAtCount: l.book, posted: l.posted,
      variance: l.counted === null ? null : round3(l.counted - (l.book ?? 0)),
    })),
  });
}

export interface StocktakeFilters {
  stationId?: string | null;
  warehouseId?: string | null;
  status?: StocktakeStatus | null;
  from?: Date | null;
  to?: Date | null;
}

const stocktakePage = definePage<StocktakeFilters>({
  name: 'stocktakes',
  from: 'stock.stocktake',
  sorts: {
    startedAt: { sql: 'q.started_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
  },
  defaultSort: { field: 'startedAt' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    warehouseId: (v, bind) => `q.warehouse_id = ${bind(v)}::uuid`,
    status: (v, bind) => `q.status = ${bind(v)}`,
    from: (v, bind) => `q.started_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.started_at < ${bind(v)}::timestamptz`,
  },
});

async function lockOpen(tx: Tx, ctx: Context, id: string): Promise<StocktakeRow> {
  const s = await rowOrRefuse(id, (id) => repo.lock(tx, id), { reason: 'STOCKTAKE_NOT_FOUND', what: 'Stocktake' });
  assertStationAccess(ctx, s.station_id);
  if (s.status !== 'OPEN') throw conflict('STOCKTAKE_CLOSED', `Stocktake ${s.number} is ${s.status}`, { number: s.number, status: s.status });
  return s;
}

export const stocktakeService = {
  async start(ctx: Context, warehouseId: string): Promise<Stocktake> {
    return ctx.db.transaction(async (tx) => {
      const w = await ownWarehouse(tx, ctx, warehouseId);
      const open = await repo.openNumberFor(tx, w.id);
      if (open) throw conflict('STOCKTAKE_ALREADY_OPEN', `Stocktake ${open} is still open for this warehouse`, { number: open });
      const id = randomUUID();
      const number = await nextNumber(tx, w.stationId, 'PD', ctx.now());
      await repo.insertWithBook(tx, { id, number, warehouseId: w.id, stationId: w.stationId, by: ctx.user.id, at: ctx.now() });
      return (await load(tx, id))!;
    });
  },

  async recordCount(ctx: Context, stocktakeId: string, partId: string, binId: string, counted: number): Promise<Stocktake> {
    const facts = await checkLines(ctx, [{ partId, quantity: 1 }], 'count');
    const quantity = checkQuantity(counted, 'counted', { precision: facts.get(partId)!.unitPrecision, allowZero: true });
    return ctx.db.transaction(async (tx) => {
      const s = await lockOpen(tx, ctx, stocktakeId);
      const bin = await ownBin(tx, ctx, binId, s.station_id);
      if (bin.warehouseId !== s.warehouse_id) throw badInput('BIN_IN_OTHER_WAREHOUSE', 'The bin is not in the warehouse being counted', { field: 'binId' });
      const book = await repo.bookNow(tx, partId, bin.id);
      await repo.recordCount(tx, { stocktakeId: s.id, partId, binId: bin.id, counted: quantity, book, by: ctx.user.id, at: ctx.now() });
      return (await load(tx, s.id))!;
    });
  },

  async approve(ctx: Context, id: string): Promise<Stocktake> {
    return ctx.db.transaction(async (tx) => {
      const s = await lockOpen(tx, ctx, id);
      const lines = await repo.variances(tx, id);
      const moves: Move[] = lines.map((l) => ({ type: 'ADJUSTMENT', partId: l.part_id, binId: l.bin_id, delta: Number(l.variance), reference: s.number }));
      try {
        await applyMoves(tx, ctx, moves);
      } catch (err) {
        if ((err as { extensions?: { code?: string } }).extensions?.code === 'INSUFFICIENT_STOCK') {
          throw conflict('COUNT_BELOW_RESERVED', 'Stock held for other documents in a counted bin exceeds the count; release it or recount', { short: (err as { params?: { short?: unknown } }).params?.short });
        }
        throw err;
      }
      await repo.markApproved(tx, id, ctx.user.id, ctx.now());
      return (await load(tx, id))!;
    });
  },

  /** A manager sends the count back: nothing is posted, the warehouse may be counted again. */
  async reject(ctx: Context, id: string, reason: string): Promise<Stocktake> {
    if (!reason?.trim()) throw refusal(ErrorCode.BAD_USER_INPUT, 'REQUIRED', 'A reason is required', { field: 'reason' });
    if (reason.length > 2000) throw refusal(ErrorCode.BAD_USER_INPUT, 'TOO_LONG', 'The reason is longer than 2,000 characters', { field: 'reason', max: 2000 });
    return ctx.db.transaction(async (tx) => {
      await lockOpen(tx, ctx, id);
      await repo.markRejected(tx, id, ctx.user.id, ctx.now(), reason.trim());
      return (await load(tx, id))!;
    });
  },

  /** Stocktakes of the caller's station (HQ: one or all), newest first. */
  async page(ctx: Context, a: StocktakeFilters & { first?: number | null; after?: string | null; sort?: PageRequest<StocktakeFilters>['sort'] }): Promise<PageResult<Stocktake>> {
    const station = scopeStation(ctx, a.stationId);
    // The page's rows, then the lines of all of them in one statement (not two statements per stocktake).
    const page = await stocktakePage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId: station } }, (r: StocktakeRow) => r);
    const lines = new Map<string, StocktakeLineRow[]>(page.items.map((s) => [s.id, []]));
    if (page.items.length) for (const l of await repo.linesOf(ctx.db, page.items.map((s) => s.id))) lines.get(l.stocktake_id)!.push(l);
    const items = page.items.map((s) => toStocktake(s, lines.get(s.id)!));
    return Object.defineProperty({ items, pageInfo: page.pageInfo } as PageResult<Stocktake>, 'totalCount', { get: () => page.totalCount, enumerable: true });
  },

  async byId(ctx: Context, id: string): Promise<Stocktake | null> {
    const row = await rowById(id, (id) => repo.byId(ctx.db, id));
    if (!row) return null;
    assertStationAccess(ctx, row.station_id);
    return load(ctx.db, id, row);
  },
};
