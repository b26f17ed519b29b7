/**
 * The depot's side of the order loop with the stations (docs/internal-contracts.md),
 * called by procurement with an idempotency key:
 * - `reserveDepotStock`: holds confirmed quantities of order lines in the
 *   depot's ordinary bins (available drops, on hand does not). All or
 *   nothing: a line beyond what is available is INSUFFICIENT_STOCK and
 *   nothing is reserved. The candidate level rows are locked in (part, bin)
 *   order — the order every stock writer locks in — so concurrent
 *   confirmations of the last units queue up and never oversell.
 * - `shipDepotStock`: what was reserved for the lines leaves the depot's bins
 *   (DEPOT_SHIPMENT, reference = the order's number) with a delivery note.
 * - `networkTotals`: one part's on hand / available / in transit at every station.
 * - `surplusValues`: the value of surplus candidates per station (scorecards).
 */
import {
  badInput, ErrorCode, isUuid, refusal, round3, type Context, type Tx, idInput
} from '../../../shared/src';
import { applyMoves, publishStockEvents, stationTotals, type Move } from '../movement/movement.service';
import { idempotent } from '../movement/idempotency';
import { nextNumber } from '../movement/numbering';
import { checkLines } from '../commands/stock-command.helpers';
import { surplusCandidateService } from '../surplus/surplus-candidate.service';
import type { NetworkTotal, DepotLine, DepotStockInput, BinQuantity as DepotAllocation, ReserveDepotStockResult, ShipDepotStockResult } from '../../../shared/src';
import { allocateBins } from '../domain/bin-allocation';
import { stationRepository } from '../station/station.repository';

async function requireDepot(tx: Tx | Context['db'], stationId: unknown): Promise<string> {
  const id = idInput(stationId, 'depotStationId');
  if ((await stationRepository.stationKind(tx, id)) !== 'DEPOT') throw refusal(ErrorCode.BAD_USER_INPUT, 'NOT_A_DEPOT', 'That station is not a parts depot', { stationId: id });
  return id;
}

function checkKeys(lines: DepotLine[]): void {
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    if (typeof l.lineKey !== 'string' || !l.lineKey || l.lineKey.length > 200) throw badInput('REQUIRED', `lines.${i + 1}.lineKey is required`, { field: `lines.${i + 1}.lineKey` });
    if (seen.has(l.lineKey)) throw badInput('INVALID_VALUE', `lines.${i + 1}.lineKey repeats a line`, { field: `lines.${i + 1}.lineKey` });
    seen.add(l.lineKey);
  });
}

export async function reserveDepotStock(ctx: Context, input: DepotStockInput): Promise<ReserveDepotStockResult> {
  const lines = input?.lines ?? [];
  const facts = await checkLines(ctx, lines);
  checkKeys(lines);
  return idempotent(ctx, 'reserveDepotStock', input.idempotencyKey, async (tx) => {
    const depotId = await requireDepot(tx, input.depotStationId);
    const pool: { part_id: string; bin_id: string; available: string }[] = await tx.query(
      `SELECT l.part_id, l.bin_id, (l.on_hand - l.reserved) AS available
         FROM stock.stock_level l
         JOIN stock.bin b ON b.id = l.bin_id AND NOT b.quarantine
         JOIN stock.warehouse w ON w.id = b.warehouse_id AND w.station_id = $1
        WHERE l.part_id = ANY($2::uuid[])
        ORDER BY l.part_id, l.bin_id
          FOR UPDATE OF l`,
      [depotId, [...new Set(lines.map((l) => l.partId))]]);
    const left = new Map(pool.map((c) => [`${c.part_id}:${c.bin_id}`, Number(c.available)]));
    const result: ReserveDepotStockResult['lines'] = [];
    const short: { partNo: string; line: number; requested: number; available: number }[] = [];
    for (const [i, l] of lines.entries()) {
      const mine = pool.filter((c) => c.part_id === l.partId).map((c) => ({ binId: c.bin_id, available: left.get(`${c.part_id}:${c.bin_id}`)! }));
      const available = round3(mine.reduce((s, c) => s + Math.max(0, c.available), 0));
      if (available < l.quantity) {
        short.push({ partNo: facts.get(l.partId)!.partNo, line: i + 1, requested: l.quantity, available });
        continue;
      }
      const { allocations } = allocateBins(mine, l.quantity);
      for (const a of allocations) left.set(`${l.partId}:${a.binId}`, round3(left.get(`${l.partId}:${a.binId}`)! - a.quantity));
      result.push({ lineKey: l.lineKey, partId: l.partId, reserved: l.quantity, allocations });
    }
    if (short.length) {
      const s = short[0];
      throw refusal(ErrorCode.INSUFFICIENT_STOCK, 'DEPOT_STOCK_SHORT',
        `The depot has ${s.available} of part ${s.partNo} available, ${s.requested} asked for; nothing was reserved`,
        { partNo: s.partNo, line: s.line, requested: s.requested, available: s.available, short });
    }
    const flat = result.flatMap((r) => r.allocations.map((a) => ({ ...a, partId: r.partId, lineKey: r.lineKey })));
    // Conditional per row (the CHECK reserved <= on_hand backs it): a miscount can only fail, never oversell.
    const [{ n }] = await tx.query(
      `WITH u AS (
         UPDATE stock.stock_level l SET reserved = l.reserved + a.q, updated_at = now()
           FROM unnest($1::uuid[], $2::uuid[], $3::numeric[]) AS a(part_id, bin_id, q)
          WHERE l.part_id = a.part_id AND l.bin_id = a.bin_id AND l.on_hand - l.reserved >= a.q
          RETURNING 1)
       SELECT count(*)::int AS n FROM u`,
      [flat.map((a) => a.partId), flat.map((a) => a.binId), flat.map((a) => a.quantity)]);
    if (n !== flat.length) throw new Error('depot reservation: a level changed under its lock');
    await tx.query(
      `INSERT INTO stock.depot_reservation (line_key, part_id, bin_id, station_id, quantity)
       SELECT k, p, b, $4, q FROM unnest($1::text[], $2::uuid[], $3::uuid[], $5::numeric[]) AS x(k, p, b, q)
       ON CONFLICT (line_key, bin_id) DO UPDATE SET quantity = stock.depot_reservation.quantity + EXCLUDED.quantity, updated_at = now()`,
      [flat.map((a) => a.lineKey), flat.map((a) => a.partId), flat.map((a) => a.binId), depotId, flat.map((a) => a.quantity)]);
    await publishStockEvents(tx, ctx, [], lines.map((l) => ({ partId: l.partId, stationId: depotId })));
    return { lines: result };
  });
}

/** Takes up to `quantity` of what `lineKey` holds and has not shipped, largest first; marks it shipped. */
async function takeReserved(tx: Tx, lineKey: string, quantity: number): Promise<DepotAllocation[]> {
  const rows: { bin_id: string; open: string }[] = await tx.query(
    `SELECT bin_id, quantity - shipped AS open FROM stock.depot_reservation WHERE line_key = $1 AND quantity > shipped ORDER BY bin_id FOR UPDATE`, [lineKey]);
  // The reserved bins are drawn from like stock: the most still reserved first.
  const { allocations: taken, shortfall } = allocateBins(rows.map((r) => ({ binId: r.bin_id, available: Number(r.open) })), quantity);
  if (shortfall > 0) return [];
  await tx.query(
    `UPDATE stock.depot_reservation d SET shipped = d.shipped + a.q, updated_at = now()
       FROM unnest($2::uuid[], $3::numeric[]) AS a(bin_id, q) WHERE d.line_key = $1 AND d.bin_id = a.bin_id`,
    [lineKey, taken.map((t) => t.binId), taken.map((t) => t.quantity)]);
  return taken;
}

export async function shipDepotStock(ctx: Context, input: DepotStockInput): Promise<ShipDepotStockResult> {
  const lines = input?.lines ?? [];
  const facts = await checkLines(ctx, lines);
  checkKeys(lines);
  return idempotent(ctx, 'shipDepotStock', input.idempotencyKey, async (tx) => {
    const depotId = await requireDepot(tx, input.depotStationId);
    const moves: Move[] = [];
    const out: ShipDepotStockResult['lines'] = [];
    for (const [i, l] of lines.entries()) {
      const allocations = await takeReserved(tx, l.lineKey, l.quantity);
      if (!allocations.length) {
        throw refusal(ErrorCode.CONFLICT, 'DEPOT_NOT_RESERVED', `Line ${i + 1} (part ${facts.get(l.partId)!.partNo}) holds less than ${l.quantity} to ship`,
          { line: i + 1, partNo: facts.get(l.partId)!.partNo, quantity: l.quantity });
      }
      for (const a of allocations) moves.push({ type: 'DEPOT_SHIPMENT', partId: l.partId, binId: a.binId, delta: -a.quantity, reservedDelta: -a.quantity, reference: input.reference ?? null });
      out.push({ lineKey: l.lineKey, partId: l.partId, shipped: l.quantity, allocations });
    }
    const deliveryNoteNumber = await nextNumber(tx, depotId, 'DN', ctx.now());
    await applyMoves(tx, ctx, moves);
    return { deliveryNoteNumber, lines: out };
  });
}

/** One part at every station (depots included), read-only; HQ and services. */
export async function networkTotals(ctx: Context, input: { partId: string }): Promise<NetworkTotal[]> {
  idInput(input?.partId, 'partId');
  const stations = await stationRepository.stations(ctx.db);
  const totals = await stationTotals(ctx.db, stations.map((s) => ({ partId: input.partId, stationId: s.id })));
  const by = new Map(totals.map((t) => [t.stationId, t]));
  return stations.map((s) => ({ stationId: s.id, kind: s.kind, onHand: by.get(s.id)?.onHand ?? 0, available: by.get(s.id)?.available ?? 0, inTransit: by.get(s.id)?.inTransit ?? 0 }));
}

/** The excess value of each station's surplus candidates (积压), summed; without stationIds, every station of kind STATION (by code). */
export async function surplusValues(ctx: Context, input: { stationIds?: string[] | null }): Promise<{ stationId: string; value: string }[]> {
  const ids = Array.isArray(input?.stationIds)
    ? input.stationIds.filter(isUuid)
    : (await stationRepository.stations(ctx.db, 'STATION')).map((r) => r.id);
  const out: { stationId: string; value: string }[] = [];
  for (const stationId of ids) {
    const candidates = await surplusCandidateService.candidates(ctx, stationId);
    const cents = candidates.reduce((s, c) => s + BigInt(Math.round(Number(c.excessValue) * 100)), 0n);
    out.push({ stationId, value: `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}` });
  }
  return out;
}
