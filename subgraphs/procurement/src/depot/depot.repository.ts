/**
 * The SQL of the order loop with HQ's depot: its pending commands
 * (procurement.depot_command), what a confirmation or shipment writes on the
 * order lines and the order, the back-order rules and fills, and the reads of
 * the depot's figures (next arrivals, shipments on their way, lead times).
 * depot.service.ts and depot-views.service.ts decide, this reads and writes;
 * the order's own reads and locks are purchaseOrderRepository's. Rows as the
 * table has them (numerics as text).
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { DepotStockInput, ReserveDepotStockResult, ShipDepotStockResult, User } from '../../../shared/src';
import type { PurchaseOrderRow } from '../purchase-order/purchase-order.repository';
import type { ConfirmPlanLine } from './depot.rules';

type Db = Pick<DataSource | EntityManager, 'query'>;

export type DepotCommandKind = 'CONFIRM' | 'SHIP';

/** A confirmation or shipment of an order to the depot: claimed here, driven against stock, finished here. */
export interface DepotCommandRow {
  id: string;
  kind: DepotCommandKind;
  purchase_order_id: string;
  /** The client's key of a shipment (null for confirmations). */
  idempotency_key: string | null;
  status: 'PENDING' | 'DONE';
  /** What stock is asked (reserveDepotStock / shipDepotStock). */
  request: DepotStockInput;
  /** A confirmation's decided lines (applied at the finish) and the change the order's event names. */
  plan: { lines?: ConfirmPlanLine[]; change: string };
  actor: User;
}

export type DepotCommandResult = ReserveDepotStockResult | ShipDepotStockResult;

/** The depot's Supplier: the station it stands for and its lead time to a station. */
export interface DepotSupplierRow { id: string; depot_station_id: string; lead_time_days: number }

/** A back-ordered line of an order to a depot, as the fill reads it. */
export interface BackorderedLineRow { id: string; purchase_order_id: string; backordered: string; eta: Date | null; depot_station_id: string }

/** Per station: the depot's shipments on their way (shipped, not yet received). */
export interface OnTheWayRow { station_id: string; q: string }

/** Per station: the average days from submitting an order to the depot to its first receipt (receipts in the window), and the orders submitted in it. */
export interface DepotLeadRow { station_id: string; lead_days: string | null; submitted: number }

const COMMAND_COLUMNS = 'id, kind, purchase_order_id, idempotency_key, status, request, plan, actor';

export const depotRepository = {
  // ------------------------------------------------------------ pending commands
  /** The kind of the order's command in flight, or null. */
  async pendingKind(db: Db, orderId: string): Promise<DepotCommandKind | null> {
    const [busy] = await db.query(`SELECT kind FROM procurement.depot_command WHERE purchase_order_id = $1 AND status = 'PENDING'`, [orderId]);
    return busy?.kind ?? null;
  },
  async shipmentByKey(db: Db, key: string): Promise<DepotCommandRow | null> {
    const [row] = await db.query(`SELECT ${COMMAND_COLUMNS} FROM procurement.depot_command WHERE kind = 'SHIP' AND idempotency_key = $1`, [key]);
    return row ?? null;
  },
  async insertCommand(tx: EntityManager, c: Omit<DepotCommandRow, 'status'>): Promise<void> {
    await tx.query(
      `INSERT INTO procurement.depot_command (id, kind, purchase_order_id, idempotency_key, status, request, plan, actor) VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7)`,
      [c.id, c.kind, c.purchase_order_id, c.idempotency_key, JSON.stringify(c.request), JSON.stringify(c.plan), JSON.stringify(c.actor)]);
  },
  /** The command's status, locked for its finish (null: gone). */
  async lockStatus(tx: EntityManager, id: string): Promise<DepotCommandRow['status'] | null> {
    const [row] = await tx.query(`SELECT status FROM procurement.depot_command WHERE id = $1 FOR UPDATE`, [id]);
    return row?.status ?? null;
  },
  async markDone(tx: EntityManager, id: string, result: DepotCommandResult | null): Promise<void> {
    await tx.query(`UPDATE procurement.depot_command SET status = 'DONE', result = $2, done_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = $1`,
      [id, JSON.stringify(result)]);
  },
  /** Stock refused: nothing was reserved or shipped, the command goes. */
  async dropPending(db: Db, id: string): Promise<void> {
    await db.query(`DELETE FROM procurement.depot_command WHERE id = $1 AND status = 'PENDING'`, [id]);
  },
  async recordAttempt(db: Db, id: string, error: string): Promise<void> {
    await db.query(`UPDATE procurement.depot_command SET attempts = attempts + 1, last_error = $2 WHERE id = $1 AND status = 'PENDING'`, [id, error]);
  },
  /** PENDING commands at least `minAgeMs` old, oldest first. */
  pending(db: Db, minAgeMs: number, limit: number): Promise<DepotCommandRow[]> {
    return db.query(
      `SELECT ${COMMAND_COLUMNS} FROM procurement.depot_command WHERE status = 'PENDING' AND created_at <= now() - make_interval(secs => $1::float / 1000) ORDER BY created_at LIMIT $2`,
      [minAgeMs, limit]);
  },

  // ------------------------------------------------------------ what a finish writes on the order
  /** A confirmation's plan on its lines: confirmed added, the back-order replaced (its date, and since when, kept while one is owed). */
  async applyConfirmation(tx: EntityManager, plan: ConfirmPlanLine[], at: Date): Promise<void> {
    await tx.query(
      `UPDATE procurement.purchase_order_line l
          SET confirmed = l.confirmed + x.c, backordered = x.b,
              eta = CASE WHEN x.b > 0 THEN x.eta END,
              backordered_at = CASE WHEN x.b > 0 THEN coalesce(l.backordered_at, $5::timestamptz) END
         FROM unnest($1::uuid[], $2::numeric[], $3::numeric[], $4::timestamptz[]) AS x(id, c, b, eta)
        WHERE l.id = x.id`,
      [plan.map((p) => p.lineId), plan.map((p) => p.confirmed), plan.map((p) => p.backordered), plan.map((p) => p.eta), at]);
  },
  /** Stock's shipped quantities added to the order lines (lineKey: the order line's id). */
  async addShipped(tx: EntityManager, lines: { lineKey: string; shipped: number }[]): Promise<void> {
    await tx.query(
      `UPDATE procurement.purchase_order_line l SET shipped = l.shipped + x.q FROM unnest($1::uuid[], $2::numeric[]) AS x(id, q) WHERE l.id = x.id`,
      [lines.map((s) => s.lineKey), lines.map((s) => s.shipped)]);
  },
  /** A submitted order becomes SHIPPED (a back-order's later shipment keeps the status); the first shipment's time stays, the delivery note is the latest. */
  async markOrderShipped(tx: EntityManager, orderId: string, at: Date, deliveryNoteNumber: string | null): Promise<void> {
    await tx.query(
      `UPDATE procurement.purchase_order SET status = CASE WHEN status = 'SUBMITTED' THEN 'SHIPPED' ELSE status END,
              shipped_at = coalesce(shipped_at, $2), delivery_note_number = $3 WHERE id = $1`,
      [orderId, at, deliveryNoteNumber]);
  },

  // ------------------------------------------------------------ the order desk
  /** The stations' orders to a depot (not drafts), oldest submitted first, after the cursor (waiting since, id). */
  depotOrders(db: Db, a: { status: string | null; stationId: string | null; after: [string, string] | null; first: number }): Promise<PurchaseOrderRow[]> {
    return db.query(
      `SELECT o.* FROM procurement.purchase_order o JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL
        WHERE o.status <> 'DRAFT' AND ($1::text IS NULL OR o.status = $1) AND ($2::uuid IS NULL OR o.station_id = $2)
          AND ($3::timestamptz IS NULL OR (coalesce(o.submitted_at, o.created_at), o.id) > ($3::timestamptz, $4::uuid))
        ORDER BY coalesce(o.submitted_at, o.created_at), o.id LIMIT $5`,
      [a.status, a.stationId, a.after?.[0] ?? null, a.after?.[1] ?? null, a.first]);
  },

  // ------------------------------------------------------------ depots
  /** The depot's Supplier (the first by code when there are several), or null. */
  async theDepot(db: Db): Promise<DepotSupplierRow | null> {
    const [d] = await db.query(`SELECT id, depot_station_id, lead_time_days FROM procurement.supplier WHERE depot_station_id IS NOT NULL ORDER BY code LIMIT 1`);
    return d ?? null;
  },
  /** Those of these suppliers that stand for a depot. */
  depotSuppliers(db: Db, supplierIds: string[]): Promise<Pick<DepotSupplierRow, 'id' | 'depot_station_id'>[]> {
    return db.query(`SELECT id, depot_station_id FROM procurement.supplier WHERE depot_station_id IS NOT NULL AND id = ANY($1::uuid[])`, [supplierIds]);
  },
  /** The depot's next arrival per part: the earliest open order of its own, at its supplier's lead time from submission (never before `now`). */
  async nextArrivals(db: Db, depotStationId: string, partIds: string[], now: Date): Promise<Map<string, Date>> {
    if (!partIds.length) return new Map();
    const rows: { part_id: string; next: Date }[] = await db.query(
      `SELECT l.part_id, greatest(min(o.submitted_at + make_interval(days => s.lead_time_days)), $3::timestamptz) AS next
         FROM procurement.purchase_order_line l
         JOIN procurement.purchase_order o ON o.id = l.purchase_order_id
         JOIN procurement.supplier s ON s.id = o.supplier_id
        WHERE o.station_id = $1 AND o.status IN ('SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED') AND l.part_id = ANY($2::uuid[]) AND l.quantity > l.received
        GROUP BY l.part_id`, [depotStationId, partIds, now]);
    return new Map(rows.map((r) => [r.part_id, new Date(r.next)]));
  },
  /** Per station, what the depots shipped of the part that is not received yet. */
  onTheWay(db: Db, partId: string): Promise<OnTheWayRow[]> {
    return db.query(
      `SELECT o.station_id, sum(greatest(l.shipped - l.received, 0)) AS q
         FROM procurement.purchase_order_line l JOIN procurement.purchase_order o ON o.id = l.purchase_order_id
         JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL
        WHERE l.part_id = $1 AND o.status IN ('SHIPPED', 'PARTIALLY_RECEIVED') GROUP BY o.station_id`, [partId]);
  },
  /** Per station, the lead time of its standard orders to the depot over first receipts in [from, to), and the orders submitted in it. */
  leadTimes(db: Db, from: Date, to: Date): Promise<DepotLeadRow[]> {
    return db.query(
      `WITH depot_order AS (
         SELECT o.id, o.station_id, o.submitted_at FROM procurement.purchase_order o
           JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL
          WHERE o.submitted_at IS NOT NULL AND o.kind = 'STANDARD'),
       first_receipt AS (SELECT g.purchase_order_id, min(g.received_at) AS at FROM procurement.goods_receipt g JOIN depot_order d ON d.id = g.purchase_order_id GROUP BY 1)
       SELECT d.station_id,
              avg(extract(epoch FROM (f.at - d.submitted_at)) / 86400) FILTER (WHERE f.at >= $1 AND f.at < $2) AS lead_days,
              count(*) FILTER (WHERE d.submitted_at >= $1 AND d.submitted_at < $2)::int AS submitted
         FROM depot_order d LEFT JOIN first_receipt f ON f.purchase_order_id = d.id
        GROUP BY d.station_id`, [from, to]);
  },

  // ------------------------------------------------------------ back-orders
  async setBackorderRule(db: Db, partId: string, autoConfirm: boolean, by: string): Promise<void> {
    await db.query(
      `INSERT INTO procurement.depot_backorder_rule (part_id, auto_confirm, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (part_id) DO UPDATE SET auto_confirm = EXCLUDED.auto_confirm, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [partId, autoConfirm, by]);
  },
  /** One filler per part across processes: held until the transaction ends. */
  async lockBackorderFill(tx: EntityManager, partId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`depot-backorders:${partId}`]);
  },
  /** Whether the part's back-orders are confirmed automatically (null: no rule, the default applies). */
  async autoConfirm(db: Db, partId: string): Promise<boolean | null> {
    const [rule] = await db.query(`SELECT auto_confirm FROM procurement.depot_backorder_rule WHERE part_id = $1`, [partId]);
    return rule ? rule.auto_confirm : null;
  },
  /** The part's back-ordered lines of open orders to a depot, oldest order first. */
  backorderedLines(db: Db, partId: string): Promise<BackorderedLineRow[]> {
    return db.query(
      `SELECT l.id, l.purchase_order_id, l.backordered, l.eta, s.depot_station_id
         FROM procurement.purchase_order_line l
         JOIN procurement.purchase_order o ON o.id = l.purchase_order_id
         JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL
        WHERE l.part_id = $1 AND l.backordered > 0 AND o.status IN ('SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED')
        ORDER BY coalesce(o.submitted_at, o.created_at), o.number, l.line_no`, [partId]);
  },
  /** Parts with back-orders of open orders that are confirmed automatically, per depot (at most 1,000). */
  backorderedParts(db: Db): Promise<{ part_id: string; depot_station_id: string }[]> {
    return db.query(
      `SELECT DISTINCT l.part_id, s.depot_station_id FROM procurement.purchase_order_line l
         JOIN procurement.purchase_order o ON o.id = l.purchase_order_id
         JOIN procurement.supplier s ON s.id = o.supplier_id AND s.depot_station_id IS NOT NULL
         LEFT JOIN procurement.depot_backorder_rule r ON r.part_id = l.part_id
        WHERE l.backordered > 0 AND o.status IN ('SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED') AND coalesce(r.auto_confirm, true)
        LIMIT 1000`);
  },
};
