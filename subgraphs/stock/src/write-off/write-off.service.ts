/**
 * Write-offs (报损需审核). A request holds the quantity in its bin (so it
 * cannot be issued meanwhile); only a STATION_MANAGER's approval — not the
 * requester's own, unless HQ — posts the WRITE_OFF movement; rejection
 * releases the hold and leaves stock untouched.
 */
import { randomUUID } from 'node:crypto';
import { assertStationAccess, badInput, conflict, definePage, emptyPage, ErrorCode, hasRole, isHq, MAX_PAGE_SIZE, refusal, round3, scopeStation, type Context, type PageRequest, type PageResult, type Tx, idOrRefuse, rowOrRefuse } from '../../../shared/src';
import { applyMoves, publishStockEvents, release, reserve } from '../movement/movement.service';
import { nextNumber } from '../movement/numbering';
import { checkLines, ownBin } from '../commands/stock-command.helpers';
import { WriteOff, WriteOffStatus } from './write-off.type';
import { writeOffRepository as repo, type WriteOffRow } from './write-off.repository';

const toWriteOff = (r: WriteOffRow) => Object.assign(new WriteOff(), {
  id: r.id, number: r.number, quantity: Number(r.quantity), reason: r.reason, status: r.status, requestedBy: r.requested_by,
  requestedAt: r.requested_at, decidedBy: r.decided_by, decidedAt: r.decided_at, decisionNote: r.decision_note, partId: r.part_id, binId: r.bin_id,
  warehouseId: r.warehouse_id, transferLineId: r.transfer_line_id ?? null, transferId: r.transfer_id ?? null,
});

export interface WriteOffFilters {
  stationId?: string | null;
  status?: WriteOffStatus | null;
  partId?: string | null;
  from?: Date | null;
  to?: Date | null;
  /** Only those a manager other than `notRequestedBy` may decide (the pending list of a manager). */
  notRequestedBy?: string | null;
}

const writeOffPage = definePage<WriteOffFilters>({
  name: 'writeOffs',
  from: `(SELECT w.*, tl.transfer_id FROM stock.write_off w LEFT JOIN stock.transfer_line tl ON tl.id = w.transfer_line_id)`,
  sorts: {
    requestedAt: { sql: 'q.requested_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
    quantity: { sql: 'q.quantity', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'requestedAt' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    status: (v, bind) => `q.status = ${bind(v)}`,
    partId: (v, bind) => `q.part_id = ${bind(v)}::uuid`,
    from: (v, bind) => `q.requested_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.requested_at < ${bind(v)}::timestamptz`,
    notRequestedBy: (v, bind) => `q.requested_by <> ${bind(v)}`,
  },
});

const TRANSFER_LINE = { reason: 'TRANSFER_LINE_NOT_FOUND', what: 'Transfer line' } as const;

async function lockPending(tx: Tx, ctx: Context, id: string): Promise<WriteOffRow> {
  const w = await rowOrRefuse(id, (id) => repo.lock(tx, id), { reason: 'WRITE_OFF_NOT_FOUND', what: 'Write-off' });
  assertStationAccess(ctx, w.station_id);
  if (w.status !== 'PENDING') throw conflict('ALREADY_DECIDED', `Write-off ${w.number} was already ${w.status.toLowerCase()}`, { number: w.number, status: w.status });
  return w;
}

export const writeOffService = {
  async request(ctx: Context, a: { partId: string; binId: string; quantity: number; reason: string }): Promise<WriteOff> {
    const line = { partId: a.partId, quantity: a.quantity };
    await checkLines(ctx, [line], 'writeOff');
    if (!a.reason?.trim()) throw badInput('REQUIRED', 'A reason is required', { field: 'reason' });
    return ctx.db.transaction(async (tx) => {
      const bin = await ownBin(tx, ctx, a.binId);
      await reserve(tx, a.partId, bin.id, line.quantity as number);
      const number = await nextNumber(tx, bin.stationId, 'BS', ctx.now());
      const row = await repo.insert(tx, {
        id: randomUUID(), number, partId: a.partId, binId: bin.id, warehouseId: bin.warehouseId, stationId: bin.stationId,
        quantity: line.quantity as number, reason: a.reason.trim(), by: ctx.user.id, at: ctx.now(), transferLineId: null,
      });
      await publishStockEvents(tx, ctx, [], [{ partId: a.partId, stationId: bin.stationId }]);
      return toWriteOff(row);
    });
  },

  async approve(ctx: Context, id: string, note?: string | null): Promise<WriteOff> {
    return ctx.db.transaction(async (tx) => {
      const w = await lockPending(tx, ctx, id);
      if (w.requested_by === ctx.user.id && !isHq(ctx.user)) {
        throw refusal(ErrorCode.FORBIDDEN, 'SELF_APPROVAL', 'A write-off needs another manager\'s approval than the requester\'s', { number: w.number });
      }
      if (w.transfer_line_id) {
        // The missing quantity of a transfer: no bin holds it; the line's difference goes down, the ledger does not move.
        if (!(await repo.writeOffOnTransferLine(tx, w.transfer_line_id, Number(w.quantity)))) throw refusal(ErrorCode.CONFLICT, 'MORE_THAN_MISSING', `Write-off ${w.number} is for more than the transfer still misses`, { number: w.number });
      } else {
        await applyMoves(tx, ctx, [{ type: 'WRITE_OFF', partId: w.part_id, binId: w.bin_id!, delta: -Number(w.quantity), reservedDelta: -Number(w.quantity), reference: `${w.number}: ${w.reason}`.slice(0, 200) }]);
      }
      return toWriteOff(await repo.decide(tx, id, 'APPROVED', ctx.user.id, ctx.now(), note ?? null));
    });
  },

  async reject(ctx: Context, id: string, reason: string): Promise<WriteOff> {
    if (!reason?.trim()) throw badInput('REQUIRED', 'A reason is required', { field: 'reason' });
    return ctx.db.transaction(async (tx) => {
      const w = await lockPending(tx, ctx, id);
      if (w.bin_id) await release(tx, w.part_id, w.bin_id, Number(w.quantity));
      const row = await repo.decide(tx, id, 'REJECTED', ctx.user.id, ctx.now(), reason.trim());
      await publishStockEvents(tx, ctx, [], [{ partId: w.part_id, stationId: w.station_id }]);
      return toWriteOff(row);
    });
  },

  /**
   * A transfer received short: the destination asks to write off (part of) a
   * line's missing quantity. Nothing is held (no bin has it); a manager other
   * than the requester approves, and only then does the line's `missing` go down.
   */
  async requestForTransfer(ctx: Context, a: { transferLineId: string; quantity: number; reason: string }): Promise<WriteOff> {
    idOrRefuse(a.transferLineId, TRANSFER_LINE);
    if (!a.reason?.trim()) throw badInput('REQUIRED', 'A reason is required', { field: 'reason' });
    return ctx.db.transaction(async (tx) => {
      const line = await rowOrRefuse(a.transferLineId, (id) => repo.lockTransferLine(tx, id), TRANSFER_LINE);
      assertStationAccess(ctx, line.to_station_id);
      const checked = { partId: line.part_id, quantity: a.quantity };
      await checkLines(ctx, [checked], 'writeOff');
      const pending = await repo.pendingOnTransferLine(tx, line.id);
      const missing = round3(line.quantity - line.received - line.written_off - pending);
      if (line.status !== 'RECEIVED' || (checked.quantity as number) > missing) {
        throw refusal(ErrorCode.BAD_USER_INPUT, 'MORE_THAN_MISSING', `Transfer ${line.number} line ${line.line_no} misses ${Math.max(0, missing)}; ${checked.quantity} cannot be written off`, {
          number: line.number, line: line.line_no, missing: Math.max(0, missing), requested: checked.quantity,
        });
      }
      const number = await nextNumber(tx, line.to_station_id, 'BS', ctx.now());
      const row = await repo.insert(tx, {
        id: randomUUID(), number, partId: line.part_id, binId: null, warehouseId: line.to_warehouse_id, stationId: line.to_station_id,
        quantity: checked.quantity as number, reason: a.reason.trim(), by: ctx.user.id, at: ctx.now(), transferLineId: line.id,
      });
      return toWriteOff({ ...row, transfer_id: null });
    });
  },

  async transferOfLine(ctx: Context, transferLineId: string): Promise<string | null> {
    return repo.transferOfLine(ctx.db, transferLineId);
  },

  async list(ctx: Context, stationId?: string | null, status?: WriteOffStatus | null): Promise<WriteOff[]> {
    return (await this.page(ctx, { stationId, status, first: MAX_PAGE_SIZE })).items;
  },

  /** Write-offs of the caller's station (HQ: one or all), newest first; `pendingForMe`: pending ones the caller may decide. */
  async page(ctx: Context, a: WriteOffFilters & { pendingForMe?: boolean | null; first?: number | null; after?: string | null; sort?: PageRequest<WriteOffFilters>['sort'] }): Promise<PageResult<WriteOff>> {
    const station = scopeStation(ctx, a.stationId);
    const filters: WriteOffFilters = { ...a, stationId: station };
    if (a.pendingForMe) {
      // Only a station manager (or HQ) decides write-offs: for anyone else there is nothing to decide.
      if (!hasRole(ctx.user, 'STATION_MANAGER', 'HQ_ADMIN')) return emptyPage();
      Object.assign(filters, { status: WriteOffStatus.PENDING, notRequestedBy: isHq(ctx.user) ? null : ctx.user.id });
    }
    return writeOffPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters }, toWriteOff);
  },
};
