/**
 * `procurement.purchase_order_changed` (docs/internal-contracts.md): written in
 * the transaction of every change a station follows its orders by — submitted,
 * confirmed / back-ordered by HQ's depot, shipped, received, cancelled,
 * closed — and read by `Subscription.purchaseOrderUpdates`.
 */
import type { EntityManager } from 'typeorm';
import { appendEvents } from '../../../shared/src';

export const PURCHASE_ORDER_CHANGED = 'procurement.purchase_order_changed';

export interface PurchaseOrderChangedPayload {
  purchaseOrderId: string;
  stationId: string;
  status: string;
  /** What happened: SUBMITTED, CONFIRMED, BACKORDER_CONFIRMED, SHIPPED, RECEIVED, CANCELLED, CLOSED, CREATED. */
  change: string;
}

/** One event per order, reading station and status as this transaction sees them. */
export async function orderChanged(tx: EntityManager, orderIds: string[], change: string): Promise<void> {
  if (!orderIds.length) return;
  const rows: { id: string; station_id: string; status: string }[] = await tx.query(
    `SELECT id, station_id, status FROM procurement.purchase_order WHERE id = ANY($1::uuid[])`, [orderIds]);
  await appendEvents(tx, 'procurement', rows.map((r) => ({
    type: PURCHASE_ORDER_CHANGED,
    payload: { purchaseOrderId: r.id, stationId: r.station_id, status: r.status, change } satisfies PurchaseOrderChangedPayload,
  })));
}

/**
 * An order to HQ's depot is the depot's demand (its stations' orders, not
 * workshop issues): on submission its quantities join the depot's monthly
 * consumption, which the reorder engine plans the depot from.
 */
export async function recordDepotDemand(tx: EntityManager, orderId: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity)
     SELECT s.depot_station_id, l.part_id, date_trunc('month', $2::timestamptz AT TIME ZONE 'UTC')::date, sum(l.quantity)
       FROM procurement.purchase_order o
       JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL
       JOIN procurement.purchase_order_line l ON l.purchase_order_id = o.id
      WHERE o.id = $1 AND o.kind = 'STANDARD'
      GROUP BY 1, 2, 3
     ON CONFLICT (station_id, part_id, month) DO UPDATE SET quantity = procurement.monthly_consumption.quantity + EXCLUDED.quantity`,
    [orderId, at]);
}
