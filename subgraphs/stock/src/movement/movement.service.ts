/**
 * The one way stock changes (StockMovementService): every change is a ledger
 * row plus the matching update of the (part, bin) level, in the caller's
 * transaction, with the outbox events. Levels change by one conditional
 * statement each — never read-modify-write — so concurrent issues cannot
 * oversell or lose an update; the CHECKs on stock_level back it up.
 */
import { randomUUID } from 'node:crypto';
import { appendEvents, insufficientStock, unknownId, OUTBOX_CHANNEL, returned, type Context, type Tx, round3 } from '../../../shared/src';
import { stationRepository, type BinRow } from '../station/station.repository';
import type { StationTotals } from '../../../shared/src';
export type { StationTotals };

export type MovementType = 'RECEIPT' | 'ISSUE' | 'RETURN' | 'BIN_MOVE' | 'TRANSFER_OUT' | 'TRANSFER_IN' | 'ADJUSTMENT' | 'WRITE_OFF' | 'QUARANTINE' | 'SUPPLIER_RETURN' | 'DEPOT_SHIPMENT';

export interface Move {
  type: MovementType;
  partId: string;
  binId: string;
  /** Change of on_hand in this bin: + in, − out. */
  delta: number;
  /** Change of `reserved` in the same statement (e.g. −q when shipping or writing off what was held). */
  reservedDelta?: number;
  reference?: string | null;
}

export interface AppliedMove extends Move {
  movementId: string;
  warehouseId: string;
  stationId: string;
  onHand: number;
  reserved: number;
  occurredAt: string;
}

/** A bin with its warehouse and station (station.repository.ts). */
export type BinInfo = BinRow;

export async function binsInfo(tx: Tx, binIds: string[]): Promise<Map<string, BinInfo>> {
  return new Map((await stationRepository.bins(tx, binIds)).map((r) => [r.id, r]));
}

/**
 * Applies moves in order. An outgoing move that would take on_hand below the
 * reserved quantity (or below zero) fails with INSUFFICIENT_STOCK and, since it
 * runs in the caller's transaction, nothing of the operation remains.
 */
export async function applyMoves(tx: Tx, ctx: Context, moves: Move[], known?: Map<string, BinInfo>): Promise<AppliedMove[]> {
  if (!moves.length) return [];
  // Callers that have just read the bins (an issue's candidates) pass them: one statement less per operation.
  const bins = known && moves.every((m) => known.has(m.binId)) ? known : await binsInfo(tx, moves.map((m) => m.binId));
  const now = ctx.now();
  const applied: AppliedMove[] = new Array(moves.length);
  // Level rows are locked in one global order, (part, bin), whatever order the caller lists them in:
  // a bin move A→B racing one B→A (or an issue, which locks in that order too) queues instead of deadlocking.
  const key = (m: Move) => `${m.partId.toLowerCase()}:${m.binId.toLowerCase()}`; // uuid text order = Postgres uuid order
  const order = moves.map((_, i) => i).sort((a, b) => (key(moves[a]) < key(moves[b]) ? -1 : key(moves[a]) > key(moves[b]) ? 1 : a - b));
  for (const i of order) {
    const m = moves[i];
    const bin = bins.get(m.binId);
    if (!bin) throw unknownId('BIN_NOT_FOUND', 'Bin', m.binId, 'binId');
    const delta = round3(m.delta);
    const reservedDelta = round3(m.reservedDelta ?? 0);
    let rows: { on_hand: string; reserved: string }[];
    if (delta >= 0 && reservedDelta >= 0) {
      rows = await tx.query(
        `INSERT INTO stock.stock_level (part_id, bin_id, on_hand, reserved) VALUES ($1, $2, $3, $4)
         ON CONFLICT (part_id, bin_id) DO UPDATE
           SET on_hand = stock.stock_level.on_hand + EXCLUDED.on_hand, reserved = stock.stock_level.reserved + EXCLUDED.reserved, updated_at = now()
         RETURNING on_hand, reserved`,
        [m.partId, m.binId, delta, reservedDelta],
      );
    } else {
      rows = await tx.query(
        `UPDATE stock.stock_level SET on_hand = on_hand + $3, reserved = reserved + $4, updated_at = now()
          WHERE part_id = $1 AND bin_id = $2 AND on_hand + $3 >= 0 AND reserved + $4 >= 0 AND on_hand + $3 >= reserved + $4
          RETURNING on_hand, reserved`,
        [m.partId, m.binId, delta, reservedDelta],
      );
      rows = returned(rows);
      if (!rows.length) {
        const [level] = await tx.query(`SELECT on_hand::float8 AS "onHand", (on_hand - reserved)::float8 AS available FROM stock.stock_level WHERE part_id = $1 AND bin_id = $2`, [m.partId, m.binId]);
        throw insufficientStock(`Bin ${bin.code} has ${level?.available ?? 0} available of this part, ${-delta} needed`, [
          { partId: m.partId, binId: m.binId, requested: -delta, available: level?.available ?? 0 },
        ], 'INSUFFICIENT_STOCK', { bin: bin.code });
      }
    }
    applied[i] = {
      ...m,
      delta,
      reservedDelta,
      movementId: '',
      warehouseId: bin.warehouseId,
      stationId: bin.stationId,
      onHand: Number(rows[0].on_hand),
      reserved: Number(rows[0].reserved),
      occurredAt: now.toISOString(),
    };
  }
  const ledger = applied.filter((a) => a.delta !== 0);
  for (const a of ledger) a.movementId = randomUUID();
  await recordLedgerAndEvents(tx, ctx, ledger, applied, now);
  return applied;
}

/** The totals query of `stationTotals`, over a CTE `k(part_id, station_id)`. */
const TOTALS_SQL = `
     SELECT k.part_id AS "partId", k.station_id AS "stationId",
            coalesce(lv.on_hand, 0)::float8 AS "onHand", coalesce(lv.available, 0)::float8 AS available, coalesce(tr.in_transit, 0)::float8 AS "inTransit"
       FROM k
       LEFT JOIN LATERAL (
         SELECT sum(l.on_hand) AS on_hand, sum(CASE WHEN b.quarantine THEN 0 ELSE l.on_hand - l.reserved END) AS available
           FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id JOIN stock.warehouse w ON w.id = b.warehouse_id
          WHERE l.part_id = k.part_id AND w.station_id = k.station_id) lv ON true
       LEFT JOIN LATERAL (
         SELECT sum(tl.quantity - tl.received) AS in_transit
           FROM stock.transfer_line tl JOIN stock.transfer t ON t.id = tl.transfer_id
          WHERE tl.part_id = k.part_id AND t.to_station_id = k.station_id AND t.status = 'SHIPPED') tr ON true`;

/**
 * The ledger rows, their `stock.movement` events, one `stock.level_changed`
 * per (part, station) with the totals after this transaction's updates, and
 * the relay's wake-up — in ONE statement (data-modifying CTEs): on this
 * machine every statement's round trip costs more than the work in it.
 * Same rows, same events as `appendEvents` would write.
 */
async function recordLedgerAndEvents(tx: Tx, ctx: Context, ledger: AppliedMove[], touched: { partId: string; stationId: string }[], now: Date): Promise<void> {
  const pairs = [...new Map(touched.map((p) => [`${p.partId}:${p.stationId}`, p])).values()];
  const movementEvents = ledger.map((a) => JSON.stringify({
    movementId: a.movementId, type: a.type, partId: a.partId, binId: a.binId, warehouseId: a.warehouseId, stationId: a.stationId,
    quantity: a.delta, reference: a.reference ?? null, actor: ctx.user.id, occurredAt: a.occurredAt,
  }));
  await tx.query(
    `WITH mv AS (
       INSERT INTO stock.stock_movement (id, type, part_id, bin_id, warehouse_id, station_id, quantity, reference, actor, occurred_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::numeric[], $8::text[], $9::text[], $10::timestamptz[])
       RETURNING 1),
     k AS (SELECT DISTINCT * FROM unnest($11::uuid[], $12::uuid[]) AS k(part_id, station_id)),
     totals AS (${TOTALS_SQL}),
     ev AS (
       INSERT INTO stock.outbox_event (type, payload)
       SELECT t, p FROM (
         SELECT 1 AS o, n, 'stock.movement' AS t, p FROM unnest($13::jsonb[]) WITH ORDINALITY AS x(p, n)
         UNION ALL
         SELECT 2, 0, 'stock.level_changed', jsonb_build_object('partId', "partId", 'stationId', "stationId", 'onHand', "onHand", 'available', available, 'inTransit', "inTransit") FROM totals
       ) e ORDER BY o, n
       RETURNING 1)
     SELECT (SELECT count(*) FROM mv) AS movements, (SELECT count(*) FROM ev) AS events, pg_notify($14, 'stock')`,
    [
      ledger.map((a) => a.movementId), ledger.map((a) => a.type), ledger.map((a) => a.partId), ledger.map((a) => a.binId), ledger.map((a) => a.warehouseId),
      ledger.map((a) => a.stationId), ledger.map((a) => a.delta), ledger.map((a) => a.reference ?? null), ledger.map(() => ctx.user.id), ledger.map(() => now),
      pairs.map((p) => p.partId), pairs.map((p) => p.stationId), movementEvents, OUTBOX_CHANNEL,
    ],
  );
}

/**
 * A part's totals at a station: on hand everywhere, available outside
 * quarantine bins, in transit towards the station (shipped, not received).
 */
export async function stationTotals(db: Tx | Context['db'], pairs: { partId: string; stationId: string }[]): Promise<StationTotals[]> {
  if (!pairs.length) return [];
  return db.query(
    `WITH k AS (SELECT DISTINCT * FROM unnest($1::uuid[], $2::uuid[]) AS k(part_id, station_id)) ${TOTALS_SQL}`,
    [pairs.map((p) => p.partId), pairs.map((p) => p.stationId)],
  );
}

/** `stock.movement` per ledger row and `stock.level_changed` per (part, station) touched — same transaction. */
export async function publishStockEvents(tx: Tx, ctx: Context, ledger: AppliedMove[], touched: { partId: string; stationId: string }[] = ledger, extraPairs: { partId: string; stationId: string }[] = []): Promise<void> {
  const events: { type: string; payload: unknown }[] = ledger.map((a) => ({
    type: 'stock.movement',
    payload: {
      movementId: a.movementId, type: a.type, partId: a.partId, binId: a.binId, warehouseId: a.warehouseId, stationId: a.stationId,
      quantity: a.delta, reference: a.reference ?? null, actor: ctx.user.id, occurredAt: a.occurredAt,
    },
  }));
  const pairs = [...new Map([...touched, ...extraPairs].map((p) => [`${p.partId}:${p.stationId}`, { partId: p.partId, stationId: p.stationId }])).values()];
  for (const t of await stationTotals(tx, pairs)) events.push({ type: 'stock.level_changed', payload: t });
  await appendEvents(tx, 'stock', events);
}

/** Holds `quantity` in a bin (available drops, on hand does not); INSUFFICIENT_STOCK when not available. */
export async function reserve(tx: Tx, partId: string, binId: string, quantity: number): Promise<void> {
  const res = await tx.query(
    `UPDATE stock.stock_level SET reserved = reserved + $3, updated_at = now()
      WHERE part_id = $1 AND bin_id = $2 AND on_hand - reserved >= $3 RETURNING reserved`,
    [partId, binId, round3(quantity)],
  );
  const rows = returned(res);
  if (!rows.length) throw insufficientStock('Not enough available stock in that bin', [{ partId, binId, requested: quantity }]);
}

/** Releases a hold taken with `reserve`. */
export async function release(tx: Tx, partId: string, binId: string, quantity: number): Promise<void> {
  const res = await tx.query(
    `UPDATE stock.stock_level SET reserved = reserved - $3, updated_at = now() WHERE part_id = $1 AND bin_id = $2 AND reserved >= $3 RETURNING reserved`,
    [partId, binId, round3(quantity)],
  );
  const rows = returned(res);
  if (!rows.length) throw new Error(`release of ${quantity} of part ${partId} in bin ${binId}: not held`);
}
