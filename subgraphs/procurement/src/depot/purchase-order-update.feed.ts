/**
 * `Subscription.purchaseOrderUpdates`: the process-wide OutboxFeed (shared)
 * over procurement's outbox that turns `procurement.purchase_order_changed`
 * events into the order as it is now, scoped by the payload's station — one
 * reader per process, replay after a seq, sweep for a lost NOTIFY.
 */
import type { DataSource } from 'typeorm';
import { OutboxFeed, type Logger, type OutboxFeedBatch, type SubgraphRuntime } from '../../../shared/src';
import { PURCHASE_ORDER_CHANGED, type PurchaseOrderChangedPayload } from '../purchase-order/purchase-order.events';
import { toOrder } from '../purchase-order/purchase-order.service';
import { purchaseOrderRepository } from '../purchase-order/purchase-order.repository';
import type { PurchaseOrder } from '../purchase-order/purchase-order.type';

export interface PurchaseOrderUpdate {
  seq: number;
  stationId: string;
  change: string;
  order: PurchaseOrder;
}

export class PurchaseOrderUpdateFeed extends OutboxFeed<PurchaseOrderUpdate> {
  static of(rt: SubgraphRuntime): PurchaseOrderUpdateFeed {
    return OutboxFeed.perRuntime(rt, 'purchase-order-updates', () => new PurchaseOrderUpdateFeed(rt.ds, rt.log));
  }

  private constructor(ds: DataSource, log: Logger) {
    super({ ds, log, schema: 'procurement', name: 'purchase order update feed', replayLimit: 500, subscriberBuffer: 500, read: (...a) => this.read(...a) });
  }

  private async read(after: number, stationId: string | null, limit: number, newest: boolean): Promise<OutboxFeedBatch<PurchaseOrderUpdate>> {
    const rows: { seq: string; payload: PurchaseOrderChangedPayload }[] = await this.ds.query(
      `SELECT seq, payload FROM procurement.outbox_event
        WHERE seq > $1 AND type = $2 AND ($3::text IS NULL OR payload->>'stationId' = $3)
        ORDER BY seq ${newest ? 'DESC' : 'ASC'} LIMIT $4`,
      [after, PURCHASE_ORDER_CHANGED, stationId, limit]);
    if (newest) rows.reverse();
    if (!rows.length) return { alerts: [], lastSeq: null, full: false };
    const ids = [...new Set(rows.map((r) => r.payload.purchaseOrderId))];
    const orders = new Map((await purchaseOrderRepository.byIds(this.ds, ids)).map((r) => [r.id, r]));
    const alerts = rows.filter((r) => orders.has(r.payload.purchaseOrderId)).map((r) => ({
      seq: Number(r.seq), stationId: r.payload.stationId, change: r.payload.change, order: toOrder(orders.get(r.payload.purchaseOrderId)!),
    }));
    return { alerts, lastSeq: Number(rows[rows.length - 1].seq), full: rows.length === limit };
  }
}
