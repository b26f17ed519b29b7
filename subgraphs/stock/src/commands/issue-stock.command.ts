/**
 * `issueStock` (领料 / counter sale): issues lines from bins, idempotently.
 * Bin choice per line: the given bin, else the remembered bin of the
 * warehouse, else any bin of the warehouse (or of the station) with
 * available stock, largest first; quarantine bins never. The candidate level
 * rows are locked in a fixed order, so concurrent issues of a part queue up
 * instead of overselling, and never deadlock.
 */
import { badInput, insufficientStock, scopeStation, type Context, type Tx, round3 } from '../../../shared/src';
import { applyMoves, type Move } from '../movement/movement.service';
import { idempotent } from '../movement/idempotency';
import { checkLines, ownBin, ownWarehouse } from './stock-command.helpers';
import type { IssueLineInput, IssueStockInput, IssueStockResult, IssuedLine } from '../../../shared/src';
import { allocateBins } from '../domain/bin-allocation';

interface Candidate {
  part_id: string;
  bin_id: string;
  bin_code: string;
  warehouse_id: string;
  available: string;
  is_default: boolean;
}

async function candidates(tx: Tx, stationId: string, lines: IssueLineInput[]): Promise<Candidate[]> {
  // One statement locks every level any line may draw from, in (part, bin) order.
  return tx.query(
    `SELECT l.part_id, l.bin_id, b.code AS bin_code, b.warehouse_id, (l.on_hand - l.reserved) AS available,
            EXISTS (SELECT 1 FROM stock.part_default_bin d WHERE d.part_id = l.part_id AND d.bin_id = l.bin_id) AS is_default
       FROM stock.stock_level l
       JOIN stock.bin b ON b.id = l.bin_id AND NOT b.quarantine
       JOIN stock.warehouse w ON w.id = b.warehouse_id AND w.station_id = $1
      WHERE l.part_id = ANY($2::uuid[])
      ORDER BY l.part_id, l.bin_id
        FOR UPDATE OF l`,
    [stationId, [...new Set(lines.map((l) => l.partId))]],
  );
}

export async function issueStock(ctx: Context, input: IssueStockInput): Promise<IssueStockResult> {
  const stationId = scopeStation(ctx, input?.stationId, true);
  const lines = (input?.lines ?? []).map((l, i) => ({ ...l, lineKey: l.lineKey ?? String(i) }));
  await checkLines(ctx, lines);
  return idempotent(ctx, 'issueStock', input.idempotencyKey, async (tx) => {
    const pool = await candidates(tx, stationId, lines);
    // The candidates are the station's own ordinary bins: a named warehouse or bin among them needs no further check.
    for (const l of lines) {
      if (l.warehouseId && !pool.some((c) => c.warehouse_id === l.warehouseId)) await ownWarehouse(tx, ctx, l.warehouseId, stationId);
      if (l.binId && !pool.some((c) => c.bin_id === l.binId && (!l.warehouseId || c.warehouse_id === l.warehouseId))) {
        const bin = await ownBin(tx, ctx, l.binId, stationId);
        if (bin.quarantine) throw badInput('QUARANTINE_BIN', 'Parts cannot be issued from a quarantine bin', { field: 'binId' });
        if (l.warehouseId && bin.warehouseId !== l.warehouseId) throw badInput('BIN_IN_OTHER_WAREHOUSE', 'The bin is not in that warehouse', { field: 'binId' });
      }
    }
    const left = new Map(pool.map((c) => [`${c.part_id}:${c.bin_id}`, Number(c.available)]));
    const moves: Move[] = [];
    const result: IssuedLine[] = lines.map((l) => {
      const mine = pool
        .filter((c) => c.part_id === l.partId && (!l.binId || c.bin_id === l.binId) && (!l.warehouseId || c.warehouse_id === l.warehouseId))
        .map((c) => ({ binId: c.bin_id, available: left.get(`${c.part_id}:${c.bin_id}`)!, isDefault: c.is_default }));
      const { allocations, shortfall } = allocateBins(mine, l.quantity);
      for (const a of allocations) {
        const key = `${l.partId}:${a.binId}`;
        left.set(key, round3(left.get(key)! - a.quantity));
        moves.push({ type: 'ISSUE', partId: l.partId, binId: a.binId, delta: -a.quantity, reference: input.reference ?? null });
      }
      const issued = round3(l.quantity - shortfall);
      return { lineKey: l.lineKey, partId: l.partId, requested: l.quantity, issued, shortfall: round3(l.quantity - issued), allocations };
    });
    const short = result.filter((r) => r.shortfall > 0);
    if (short.length && input.allowPartial === false) {
      throw insufficientStock(`Not enough stock for ${short.length} line(s); nothing was issued`,
        short.map((r) => ({ lineKey: r.lineKey, partId: r.partId, requested: r.requested, available: r.issued })));
    }
    const known = new Map(pool.map((c) => [c.bin_id, { id: c.bin_id, code: c.bin_code, warehouseId: c.warehouse_id, stationId, quarantine: false }]));
    const applied = await applyMoves(tx, ctx, moves, known);
    // The time the ledger rows carry: stored with the result, so a retry after a crash answers the same time.
    const issuedAt = new Date(applied[0]?.occurredAt ?? ctx.now()).toISOString();
    return { lines: result, issuedAt };
  });
}
