/**
 * What procurement learns from the stock subgraph's events (applied exactly
 * once, in the cursor's transaction):
 * - `stock.movement` ISSUE / RETURN → monthly consumption (net issued per
 *   station, part and UTC month; a return never takes a month below zero);
 *   RECEIPT / TRANSFER_IN → open requisition shortfalls of the part resolve.
 * - `stock.level_changed` → the last known position, and level-based
 *   shortages opened or resolved against the reorder policy.
 */
import type { EntityManager } from 'typeorm';
import type { ConsumerDefinition, OutboxEvent } from '../../../shared/src';
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

export const stockEventsConsumer = (): ConsumerDefinition => ({
  source: 'stock',
  handlers: {
    'stock.movement': onMovement,
    'stock.level_changed': onLevel,
  },
});
