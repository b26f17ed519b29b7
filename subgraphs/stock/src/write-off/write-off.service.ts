/**
 * Write-offs (报损需审核). A request holds the quantity in its bin (so it
 * cannot be issued meanwhile); only a STATION_MANAGER's approval — not the
 * requester's own, unless HQ — posts the WRITE_OFF movement; rejection
 * releases the hold and leaves stock untouched.
 */
import { randomUUID } from 'node:crypto';
import { assertStationAccess, badInput, conflict, forbidden, isHq, isUuid, notFound, returned, scopeStation, type Context, type Tx } from '../../../shared/src';
import { applyMoves, publishStockEvents, release, reserve } from '../movement/movement.service';
import { nextNumber } from '../movement/numbering';
import { checkLines, ownBin } from '../commands/stock-command.helpers';
import { WriteOff, WriteOffStatus } from './write-off.type';

const toWriteOff = (r: any) => Object.assign(new WriteOff(), {
  id: r.id, number: r.number, quantity: Number(r.quantity), reason: r.reason, status: r.status as WriteOffStatus, requestedBy: r.requested_by,
  requestedAt: r.requested_at, decidedBy: r.decided_by, decidedAt: r.decided_at, decisionNote: r.decision_note, partId: r.part_id, binId: r.bin_id,
});

async function lockPending(tx: Tx, ctx: Context, id: string): Promise<any> {
  if (!isUuid(id)) throw notFound('WRITE_OFF_NOT_FOUND', `Write-off ${String(id).slice(0, 80)} was not found`, { id: String(id).slice(0, 80) });
  const [w] = await tx.query(`SELECT * FROM stock.write_off WHERE id = $1 FOR UPDATE`, [id]);
  if (!w) throw notFound('WRITE_OFF_NOT_FOUND', `Write-off ${String(id).slice(0, 80)} was not found`, { id: String(id).slice(0, 80) });
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
      const id = randomUUID();
      const number = await nextNumber(tx, bin.stationId, 'BS', ctx.now());
      const [row] = await tx.query(
        `INSERT INTO stock.write_off (id, number, part_id, bin_id, warehouse_id, station_id, quantity, reason, status, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'PENDING', $9, $10) RETURNING *`,
        [id, number, a.partId, bin.id, bin.warehouseId, bin.stationId, line.quantity, a.reason.trim(), ctx.user.id, ctx.now()]);
      await publishStockEvents(tx, ctx, [], [{ partId: a.partId, stationId: bin.stationId }]);
      return toWriteOff(row);
    });
  },

  async approve(ctx: Context, id: string, note?: string | null): Promise<WriteOff> {
    return ctx.db.transaction(async (tx) => {
      const w = await lockPending(tx, ctx, id);
      if (w.requested_by === ctx.user.id && !isHq(ctx.user)) throw forbidden('SELF_APPROVAL', 'A write-off needs another manager\'s approval than the requester\'s', { number: w.number });
      await applyMoves(tx, ctx, [{ type: 'WRITE_OFF', partId: w.part_id, binId: w.bin_id, delta: -Number(w.quantity), reservedDelta: -Number(w.quantity), reference: `${w.number}: ${w.reason}`.slice(0, 200) }]);
      const [row] = returned(await tx.query(`UPDATE stock.write_off SET status = 'APPROVED', decided_by = $2, decided_at = $3, decision_note = $4 WHERE id = $1 RETURNING *`,
        [id, ctx.user.id, ctx.now(), note ?? null]));
      return toWriteOff(row);
    });
  },

  async reject(ctx: Context, id: string, reason: string): Promise<WriteOff> {
    if (!reason?.trim()) throw badInput('REQUIRED', 'A reason is required', { field: 'reason' });
    return ctx.db.transaction(async (tx) => {
      const w = await lockPending(tx, ctx, id);
      await release(tx, w.part_id, w.bin_id, Number(w.quantity));
      const [row] = returned(await tx.query(`UPDATE stock.write_off SET status = 'REJECTED', decided_by = $2, decided_at = $3, decision_note = $4 WHERE id = $1 RETURNING *`,
        [id, ctx.user.id, ctx.now(), reason.trim()]));
      await publishStockEvents(tx, ctx, [], [{ partId: w.part_id, stationId: w.station_id }]);
      return toWriteOff(row);
    });
  },

  async list(ctx: Context, stationId?: string | null, status?: WriteOffStatus | null): Promise<WriteOff[]> {
    const station = scopeStation(ctx, stationId);
    const rows = await ctx.db.query(
      `SELECT * FROM stock.write_off WHERE ($1::uuid IS NULL OR station_id = $1) AND ($2::text IS NULL OR status = $2) ORDER BY requested_at DESC LIMIT 500`,
      [station, status ?? null]);
    return rows.map(toWriteOff);
  },
};
