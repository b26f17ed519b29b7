/**
 * What procurement learns from the stock subgraph's events (applied exactly
 * once, in the cursor's transaction):
 * - `stock.movement` ISSUE / RETURN → monthly consumption (net issued per
 *   station, part and UTC month; a return never takes a month below zero);
 *   RECEIPT / TRANSFER_IN → open requisition shortfalls of the part resolve.
 * - `stock.level_changed` → the last known position, and level-based
 *   shortages opened or resolved against the reorder policy.
 * - `stock.depot_opened` → the Supplier that stands for the new depot (once:
 *   the supplier's depot_station_id is unique).
 * After each batch: stock coming into a depot wakes its back-order fill.
 */
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { ConsumerDefinition, OutboxEvent, SubgraphRuntime } from '../../../shared/src';
import { fillBackorders } from '../depot/depot.service';
import { shortageService } from '../shortage/shortage.service';

interface MovementPayload { type: string; partId: string; stationId: string; quantity: number; occurredAt: string }
interface LevelPayload { partId: string; stationId: string; onHand: number; available: number; inTransit: number }

async function onMovement(tx: EntityManager, e: OutboxEvent<MovementPayload>): Promise<void> {
  const m = e.payload;
  const at = new Date(m.occurredAt ?? e.occurredAt);
  if (m.type === 'ISSUE' || m.type === 'RETURN') {
    // Issues are signed negative (stock out), returns positive: consumption grows by −quantity.
    const delta = -Number(m.quantity);
    await tx.query(
      `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity) VALUES ($1, $2, date_trunc('month', $3::timestamptz AT TIME ZONE 'UTC')::date, GREATEST($4::numeric, 0))
       ON CONFLICT (station_id, part_id, month) DO UPDATE SET quantity = GREATEST(monthly_consumption.quantity + $4::numeric, 0)`,
      [m.stationId, m.partId, at, delta]);
  } else if ((m.type === 'RECEIPT' || m.type === 'TRANSFER_IN') && Number(m.quantity) > 0) {
    await shortageService.resolve(tx, m.stationId, m.partId, ['REQUISITION_SHORTFALL'], at);
  }
}

async function onLevel(tx: EntityManager, e: OutboxEvent<LevelPayload>): Promise<void> {
  const l = e.payload;
  await tx.query(
    `INSERT INTO procurement.stock_position (station_id, part_id, on_hand, available, in_transit, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (station_id, part_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, available = EXCLUDED.available, in_transit = EXCLUDED.in_transit, updated_at = EXCLUDED.updated_at`,
    [l.stationId, l.partId, l.onHand, l.available, l.inTransit ?? 0, new Date(e.occurredAt)]);
  await shortageService.judgeLevel(tx, l.stationId, l.partId, Number(l.available), new Date(e.occurredAt));
}

interface DepotOpenedPayload { stationId: string; code: string; name: string }

/** The depot's Supplier: code DEPOT-<station code>, the depot's name, 3 days to a station. */
async function onDepotOpened(tx: EntityManager, e: OutboxEvent<DepotOpenedPayload>): Promise<void> {
  const d = e.payload;
  await tx.query(
    `INSERT INTO procurement.supplier (id, code, name, lead_time_days, depot_station_id) VALUES ($1, $2, $3, 3, $4) ON CONFLICT DO NOTHING`,
    [randomUUID(), `DEPOT-${d.code}`.slice(0, 40), d.name, d.stationId]);
}

/** Movements that bring stock into a bin. */
const INBOUND = new Set(['RECEIPT', 'TRANSFER_IN', 'RETURN', 'ADJUSTMENT']);

export const stockEventsConsumer = (rt?: SubgraphRuntime): ConsumerDefinition => ({
  source: 'stock',
  handlers: {
    'stock.movement': onMovement,
    'stock.level_changed': onLevel,
    'stock.depot_opened': onDepotOpened,
  },
  afterCommit: rt ? async (events) => {
    const inbound = events.filter((e) => e.type === 'stock.movement' && INBOUND.has(e.payload.type) && Number(e.payload.quantity) > 0);
    if (!inbound.length) return;
    const depots: { depot_station_id: string }[] = await rt.ds.query(
      `SELECT depot_station_id FROM procurement.supplier WHERE depot_station_id = ANY($1::uuid[])`, [[...new Set(inbound.map((e) => e.payload.stationId))]]);
    const ids = new Set(depots.map((d) => d.depot_station_id));
    const parts = inbound.filter((e) => ids.has(e.payload.stationId)).map((e) => e.payload.partId as string);
    if (parts.length) void fillBackorders(rt, parts);
  } : undefined,
});
