/**
 * Transfers (调拨): created with the stock held at the source (reserved),
 * shipped (TRANSFER_OUT; in transit towards the destination), received once
 * into bins (TRANSFER_IN; less than shipped is recorded as a difference).
 * Between warehouses of a station, or between stations for surplus swaps.
 */
import { randomUUID } from 'node:crypto';
import { assertStationAccess, badInput, checkQuantity, conflict, definePage, forbidden, groupedByKey, insufficientStock, isHq, MAX_PAGE_SIZE, unknownId, scopeStation, type Context, type PageRequest, type PageResult, type Tx, round3, rowById } from '../../../shared/src';
import { applyMoves, publishStockEvents, release, reserve, type Move } from '../movement/movement.service';
import { rememberBin } from '../movement/default-bin';
import { nextNumber } from '../movement/numbering';
import { checkLines, ownBin, ownWarehouse, putawayBin } from '../commands/stock-command.helpers';
import { Transfer, TransferLine, TransferLineBin, TransferStatus } from './transfer.type';
import { allocateBins } from '../domain/bin-allocation';
import { transferRepository as repo, type TransferRow } from './transfer.repository';

export interface CreateTransferLine {
  partId: string;
  quantity: number;
  binId?: string | null;
  barcode?: string | null;
  unitPrice?: string | null;
  /** Exact source bins (a swap hands over the bins its listing held). */
  sourceBins?: { binId: string; quantity: number }[];
}

export interface TransferFilters {
  stationId?: string | null;
  status?: TransferStatus | null;
  /** OUT: from the station; IN: to it (needs a station). */
  direction?: 'IN' | 'OUT' | null;
  partId?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Only transfers that have a line still missing something. */
  missing?: boolean | null;
}

const transferPage = definePage<TransferFilters>({
  name: 'transfers',
  from: 'stock.transfer',
  sorts: {
    createdAt: { sql: 'q.created_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
    status: { sql: 'q.status', type: 'text', direction: 'ASC' },
  },
  defaultSort: { field: 'createdAt' },
  filters: {
    stationId: (v, bind, f) => (f.direction === 'OUT' ? `q.from_station_id = ${bind(v)}::uuid` : f.direction === 'IN' ? `q.to_station_id = ${bind(v)}::uuid`
      : `(q.from_station_id = ${bind(v)}::uuid OR q.to_station_id = ${bind(v)}::uuid)`),
    status: (v, bind) => `q.status = ${bind(v)}`,
    partId: (v, bind) => `EXISTS (SELECT 1 FROM stock.transfer_line tl WHERE tl.transfer_id = q.id AND tl.part_id = ${bind(v)}::uuid)`,
    from: (v, bind) => `q.created_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.created_at < ${bind(v)}::timestamptz`,
    missing: (v) => (v ? `q.status = 'RECEIVED' AND EXISTS (SELECT 1 FROM stock.transfer_line tl WHERE tl.transfer_id = q.id AND tl.received + tl.written_off < tl.quantity)` : null),
  },
});

async function lockTransfer(tx: Tx, id: string): Promise<TransferRow> {
  const t = await repo.lock(tx, id);
  if (!t) throw unknownId('TRANSFER_NOT_FOUND', 'Transfer', id);
  return t;
}

async function load(db: Tx | Context['db'], ids: string[]): Promise<Transfer[]> {
  if (!ids.length) return [];
  const rows = await repo.byIds(db, ids);
  const lines = await repo.linesOf(db, ids);
  const allocations = lines.length ? await repo.allocationsOf(db, lines.map((l) => l.id)) : [];
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return rows.map((t) => Object.assign(new Transfer(), {
    id: t.id, number: t.number, status: t.status, swapId: t.swap_id, createdAt: t.created_at, shippedAt: t.shipped_at, receivedAt: t.received_at,
    fromWarehouseId: t.from_warehouse_id, toWarehouseId: t.to_warehouse_id, createdBy: t.created_by, shippedBy: t.shipped_by ?? null, receivedBy: t.received_by ?? null,
    lines: lines.filter((l) => l.transfer_id === t.id).map((l) => Object.assign(new TransferLine(), {
      id: l.id, lineNo: l.line_no, partId: l.part_id, transferNumber: t.number, quantity: l.quantity, received: l.received, writtenOff: l.written_off,
      putAwayBinId: l.put_away_bin_id ?? null,
      fromBins: allocations.filter((a) => a.transfer_line_id === l.id).map((a) => Object.assign(new TransferLineBin(), { binId: a.bin_id, quantity: a.quantity })),
      difference: t.status === 'RECEIVED' ? round3(l.quantity - l.received) : 0,
      missing: t.status === 'RECEIVED' ? round3(l.quantity - l.received - l.written_off) : 0, unitPrice: l.unit_price === null ? null : Number(l.unit_price).toFixed(2),
    })),
  }));
}

/**
 * A transfer by id, batched per request (SwapRequest.transfer: a page of swaps, one statement set). No access check:
 * for callers that have already been shown the record that names it (a swap is between the same two stations).
 */
export function transferById(ctx: Context, id: string): Promise<Transfer | null> {
  return groupedByKey<string, Transfer>(ctx, 'transfersById', (ids) => load(ctx.db, [...ids]), (t) => t.id).load(id).then((t) => t[0] ?? null);
}

/** Holds `quantity` in the source warehouse: the given bin, else the bins with most available. */
async function hold(tx: Tx, partId: string, warehouseId: string, quantity: number, binId?: string | null): Promise<{ binId: string; quantity: number }[]> {
  const { allocations: taken, shortfall } = allocateBins(await repo.availableToHold(tx, partId, warehouseId, binId ?? null), quantity);
  if (shortfall > 0) {
    throw insufficientStock(`The source warehouse has ${round3(quantity - shortfall)} available, ${quantity} needed`, [{ partId, requested: quantity, available: round3(quantity - shortfall) }]);
  }
  for (const t of taken) await reserve(tx, partId, t.binId, t.quantity);
  return taken;
}

export const transferService = {
  /** Creates a transfer inside the caller's transaction; stock is held at the source until shipped or cancelled. */
  async createInTx(tx: Tx, ctx: Context, from: { id: string; stationId: string }, to: { id: string; stationId: string }, lines: CreateTransferLine[], swapId: string | null = null): Promise<string> {
    if (from.id === to.id) throw badInput('SAME_WAREHOUSE', 'Source and destination warehouse are the same', { field: 'toWarehouseId' });
    const id = randomUUID();
    const number = await nextNumber(tx, from.stationId, 'TR', ctx.now());
    await repo.insert(tx, { id, number, from, to, swapId, by: ctx.user.id, at: ctx.now() });
    // Holds are taken part by part in id order, the order every stock writer locks levels in.
    for (const [i, l] of [...lines.entries()].sort(([, a], [, b]) => (a.partId < b.partId ? -1 : a.partId > b.partId ? 1 : 0))) {
      const lineId = randomUUID();
      await repo.insertLine(tx, { id: lineId, transferId: id, lineNo: i + 1, partId: l.partId, quantity: l.quantity, unitPrice: l.unitPrice ?? null });
      let allocations = l.sourceBins;
      if (allocations) for (const a of allocations) await reserve(tx, l.partId, a.binId, a.quantity);
      else allocations = await hold(tx, l.partId, from.id, l.quantity, l.binId);
      for (const a of allocations) await repo.insertAllocation(tx, lineId, a.binId, a.quantity);
    }
    // Available at the source dropped: tell the projections.
    await publishStockEvents(tx, ctx, [], lines.map((l) => ({ partId: l.partId, stationId: from.stationId })));
    return id;
  },

  /** createTransfer: within the caller's station (HQ: between any warehouses). */
  async create(ctx: Context, fromWarehouseId: string, toWarehouseId: string, lines: CreateTransferLine[]): Promise<Transfer> {
    await checkLines(ctx, lines);
    return ctx.db.transaction(async (tx) => {
      const from = await ownWarehouse(tx, ctx, fromWarehouseId);
      const to = await ownWarehouse(tx, ctx, toWarehouseId, isHq(ctx.user) ? null : from.stationId);
      for (const l of lines) if (l.binId) {
        const b = await ownBin(tx, ctx, l.binId, from.stationId);
        if (b.warehouseId !== from.id) throw badInput('BIN_IN_OTHER_WAREHOUSE', 'The pick bin is not in the source warehouse', { field: 'binId' });
      }
      const id = await this.createInTx(tx, ctx, from, to, lines);
      return (await load(tx, [id]))[0];
    });
  },

  /** The source ships: held stock leaves its bins (TRANSFER_OUT) and is in transit. */
  async ship(ctx: Context, id: string): Promise<Transfer> {
    return ctx.db.transaction(async (tx) => {
      const t = await lockTransfer(tx, id);
      assertStationAccess(ctx, t.from_station_id);
      if (t.status !== 'DRAFT') throw conflict('WRONG_STATUS', `Transfer ${t.number} is ${t.status}; only a DRAFT can be shipped`, { number: t.number, status: t.status, expected: 'DRAFT' });
      await repo.markShipped(tx, id, ctx.user.id, ctx.now());
      const allocs = await repo.held(tx, id);
      const moves: Move[] = allocs.map((a) => ({ type: 'TRANSFER_OUT', partId: a.part_id, binId: a.bin_id, delta: -a.quantity, reservedDelta: -a.quantity, reference: t.number }));
      await applyMoves(tx, ctx, moves);
      await publishStockEvents(tx, ctx, [], [], allocs.map((a) => ({ partId: a.part_id, stationId: t.to_station_id })));
      return (await load(tx, [id]))[0];
    });
  },

  /** The destination receives once, into bins; less than shipped is recorded as the line's difference. */
  async receive(ctx: Context, id: string, lines: { transferLineId: string; quantity: number; binId?: string | null; barcode?: string | null }[]): Promise<Transfer> {
    return ctx.db.transaction(async (tx) => {
      const t = await lockTransfer(tx, id);
      assertStationAccess(ctx, t.to_station_id);
      if (t.status === 'RECEIVED') throw conflict('ALREADY_RECEIVED', `Transfer ${t.number} was already received`, { number: t.number });
      if (t.status !== 'SHIPPED') throw conflict('WRONG_STATUS', `Transfer ${t.number} is ${t.status}; only a SHIPPED transfer can be received`, { number: t.number, status: t.status, expected: 'SHIPPED' });
      const tl = await repo.linesOf(tx, [id]);
      const byId = new Map(tl.map((l) => [l.id, l]));
      const seen = new Set<string>();
      const withParts = lines.map((l, i) => {
        const line = byId.get(l.transferLineId);
        if (!line) throw badInput('NOT_A_LINE_OF_DOCUMENT', `lines.${i + 1}.transferLineId is not a line of this transfer`, { field: `lines.${i + 1}.transferLineId`, line: i + 1 });
        if (seen.has(line.id)) throw badInput('DUPLICATE_LINE', `lines.${i + 1}: the same transfer line twice`, { field: `lines.${i + 1}.transferLineId`, line: i + 1 });
        seen.add(line.id);
        return { ...l, partId: line.part_id, shipped: line.quantity };
      });
      const arriving = withParts.filter((l) => Number(l.quantity) !== 0);
      if (arriving.length) await checkLines(ctx, arriving);
      const moves: Move[] = [];
      for (const [i, l] of withParts.entries()) {
        const q = l.quantity === 0 ? 0 : checkQuantity(Number(l.quantity), `lines.${i + 1}.quantity`, { allowZero: true, precision: 3 });
        if (q > l.shipped) throw badInput('MORE_THAN_SHIPPED', `lines.${i + 1}.quantity is more than was shipped (${l.shipped})`, { field: `lines.${i + 1}.quantity`, line: i + 1, shipped: l.shipped });
        if (q === 0) continue;
        let binId: string;
        if (l.binId) {
          const b = await ownBin(tx, ctx, l.binId, t.to_station_id);
          if (b.warehouseId !== t.to_warehouse_id) throw badInput('BIN_IN_OTHER_WAREHOUSE', 'The bin is not in the receiving warehouse', { field: `lines.${i + 1}.binId`, line: i + 1 });
          binId = b.id;
        } else binId = await putawayBin(tx, l.partId, t.to_warehouse_id);
        await repo.receiveLine(tx, l.transferLineId, q, binId);
        moves.push({ type: 'TRANSFER_IN', partId: l.partId, binId, delta: q, reference: t.number });
        await rememberBin(tx, l.partId, t.to_warehouse_id, binId);
      }
      await repo.markReceived(tx, id, ctx.user.id, ctx.now());
      await applyMoves(tx, ctx, moves);
      await publishStockEvents(tx, ctx, [], [], tl.map((l) => ({ partId: l.part_id, stationId: t.to_station_id })));
      return (await load(tx, [id]))[0];
    });
  },

  /** A DRAFT is cancelled by its source: the held stock is released. */
  async cancel(ctx: Context, id: string): Promise<Transfer> {
    return ctx.db.transaction(async (tx) => {
      const t = await lockTransfer(tx, id);
      assertStationAccess(ctx, t.from_station_id);
      if (t.status !== 'DRAFT') throw conflict('WRONG_STATUS', `Transfer ${t.number} is ${t.status}; only a DRAFT can be cancelled`, { number: t.number, status: t.status, expected: 'DRAFT' });
      const allocs = await repo.held(tx, id);
      for (const a of allocs) await release(tx, a.part_id, a.bin_id, a.quantity); // in (part, bin) order, as every writer locks
      await repo.markCancelled(tx, id);
      await publishStockEvents(tx, ctx, [], allocs.map((a) => ({ partId: a.part_id, stationId: t.from_station_id })));
      return (await load(tx, [id]))[0];
    });
  },

  /** Transfers from or to the caller's station (HQ: one station or all): the first page of `page`, up to 200. */
  async list(ctx: Context, stationId?: string | null, status?: TransferStatus | null): Promise<Transfer[]> {
    return (await this.page(ctx, { stationId, status, first: MAX_PAGE_SIZE })).items;
  },

  /** A page of transfers from or to the caller's station, newest first; filters: status, direction, part, date range. */
  async page(ctx: Context, a: TransferFilters & { first?: number | null; after?: string | null; sort?: PageRequest<TransferFilters>['sort'] }): Promise<PageResult<Transfer>> {
    const station = scopeStation(ctx, a.stationId);
    const page = await transferPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId: station } }, (r: { id: string }) => r.id);
    const items = await load(ctx.db, page.items);
    return Object.defineProperty({ items, pageInfo: page.pageInfo } as PageResult<Transfer>, 'totalCount', { get: () => page.totalCount, enumerable: true });
  },

  async byId(ctx: Context, id: string): Promise<Transfer | null> {
    const row = await rowById(id, async (id) => (await repo.byIds(ctx.db, [id]))[0]);
    if (!row) return null;
    const mine = ctx.user.stationId != null && [row.from_station_id, row.to_station_id].includes(ctx.user.stationId);
    if (isHq(ctx.user) || mine) return (await load(ctx.db, [id]))[0];
    throw forbidden('OTHER_STATION', 'That transfer belongs to other stations');
  },
};

/** Where a received line was put away: the bin recorded on the line at receipt, with what it received there. Lines
 *  received before the line kept its bin (and not made exact by the migration: a part on several lines of one
 *  transfer) fall back to the transfer's TRANSFER_IN ledger rows for the part. */
export async function putAwayBins(ctx: Context, l: TransferLine): Promise<TransferLineBin[]> {
  if (l.received <= 0) return [];
  if (l.putAwayBinId) return [Object.assign(new TransferLineBin(), { binId: l.putAwayBinId, quantity: l.received })];
  return (await putAwayLoader(ctx).load(l.transferNumber)).filter((r) => r.partId === l.partId).map((r) => r.bin);
}

/** Where transfers' parts were put away: their TRANSFER_IN ledger rows, one statement per request. */
const putAwayLoader = (ctx: Context) =>
  groupedByKey<string, { number: string; partId: string; bin: TransferLineBin }>(ctx, 'transferPutAway', async (numbers) =>
    (await repo.putAway(ctx.db, numbers))
      .map((r) => ({ number: r.reference, partId: r.part_id, bin: Object.assign(new TransferLineBin(), { binId: r.bin_id, quantity: r.quantity }) })),
  (r) => r.number);
