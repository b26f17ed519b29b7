/**
 * The SQL of counter sales (workshop.counter_sale), their lines, price
 * changes (调价), the claims of sales not yet written (counter_sale_command)
 * and returns: the service decides (counter-sale.service.ts), this reads and
 * writes. Rows as the tables have them (numerics as text).
 */
import type { EntityManager } from 'typeorm';
import { definePage, likePattern, type PageRequest, type PageResult, type User } from '../../../shared/src';
import type { CustomerType, PriceTier } from './counter-sale.type';
import { documentNumberCte } from '../document-number';

type Db = Pick<EntityManager, 'query'>;

export interface CounterSaleRow {
  id: string;
  number: string;
  station_id: string;
  customer_type: CustomerType;
  customer_name: string | null;
  idempotency_key: string;
  sold_by: string;
  sold_at: Date;
  /** The sum of the line amounts, kept by a trigger on the lines (migration 1765200000000). */
  total: string;
  /** The sum of the lines' issued − returned, kept by the same trigger (migration 1765300000000). */
  quantity: string;
}

export interface CounterSaleLineRow {
  id: string;
  counter_sale_id: string;
  line_no: number;
  part_id: string;
  unit_precision: number;
  requested: string;
  issued: string;
  shortfall: string;
  returned: string;
  price_tier: PriceTier;
  tier_price: string;
  hq_cap: string | null;
  unit_price: string;
  bin_id: string | null;
  allocations: { binId: string; quantity: number }[];
  shortage_id: string | null;
}

/** A line with its sale's station and number (what a change to the line checks and names). */
export type SoldLineRow = CounterSaleLineRow & { station_id: string; number: string };

export interface PriceChangeRow {
  id: string;
  line_id: string;
  from_price: string;
  to_price: string;
  changed_by: string;
  changed_at: Date;
}

/** The claim of a sale: PENDING until the sale is written, then DONE with its id. */
export interface SaleCommandRow<R = unknown> {
  id: string;
  station_id: string;
  idempotency_key: string;
  fingerprint: string;
  allow_partial: boolean;
  request: R;
  actor: User;
  status: 'PENDING' | 'DONE';
  counter_sale_id: string | null;
  requested_at: Date;
}

export interface SaleReturnRow {
  id: string;
  line_id: string;
  idempotency_key: string;
  quantity: string;
  requested_bin_id: string | null;
  bin_id: string | null;
  status: 'PENDING' | 'DONE';
  /** Null for bookings made before actors were kept. */
  actor: User | null;
  returned_by: string;
  returned_at: Date;
  /** Why the parts came back (returnCounterSaleLine(reason:)). */
  reason: string | null;
  /** TL2026-000001: the 退料单's number, from the station's one TL series (also requisition returns'). */
  number: string;
  /** Only in the sweep's rows. */
  station_id?: string;
}

/** A return as listed: with the part of its line. */
export type ListedSaleReturnRow = SaleReturnRow & { part_id: string };

export interface NewSaleLine {
  id: string;
  saleId: string;
  lineNo: number;
  partId: string;
  unitPrecision: number;
  requested: number;
  issued: number;
  shortfall: number;
  tier: string;
  tierPrice: string;
  hqCap: string | null;
  unitPrice: string;
  binId: string | null;
  allocations: unknown[];
  shortageId: string | null;
}

/** A sale as its list reads it: `amount` is its stored total under the name the amount sort's cursors were made with. */
export type CounterSaleListRow = CounterSaleRow & { amount: string };

export interface CounterSaleFilters {
  stationId?: string | null;
  from?: Date | null;
  to?: Date | null;
  partId?: string | null;
  customerType?: CustomerType | null;
  customerTypes?: CustomerType[] | null;
  query?: string | null;
}

/** The counter's sales, newest first (sort: soldAt, number, amount, quantity); filters: station, sold from/to, a part on a line, customer type, text (number or customer). */
export const counterSalePage = definePage<CounterSaleFilters>({
  name: 'counterSales',
  // A plain projection PostgreSQL flattens, so `q.amount` sorts through the (station, total, id) index; the alias keeps
  // the cursors handed out when the amount was summed at query time valid.
  from: `(SELECT s.*, s.total AS amount FROM workshop.counter_sale s)`,
  sorts: {
    soldAt: { sql: 'q.sold_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
    amount: { sql: 'q.amount', type: 'numeric', direction: 'DESC' },
    quantity: { sql: 'q.quantity', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'soldAt' },
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    from: (v, bind) => `q.sold_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.sold_at < ${bind(v)}::timestamptz`,
    partId: (v, bind) => `EXISTS (SELECT 1 FROM workshop.counter_sale_line pl WHERE pl.counter_sale_id = q.id AND pl.part_id = ${bind(v)}::uuid)`,
    customerType: (v, bind) => `q.customer_type = ${bind(v)}`,
    customerTypes: (v, bind) => (v.length ? `q.customer_type = ANY(${bind(v)}::text[])` : null),
    query: (v, bind) => {
      const t = v.trim();
      if (!t) return null;
      const p = bind(likePattern(t));
      return `(q.number ILIKE ${p} OR q.customer_name ILIKE ${p})`;
    },
  },
  ids: ['stationId', 'partId'],
});

const SOLD_LINE = `SELECT l.*, s.station_id, s.number FROM workshop.counter_sale_line l JOIN workshop.counter_sale s ON s.id = l.counter_sale_id WHERE l.id = $1`;

export const counterSaleRepository = {
  async byId(db: Db, id: string): Promise<CounterSaleRow | null> {
    const [row] = await db.query(`SELECT * FROM workshop.counter_sale WHERE id = $1`, [id]);
    return row ?? null;
  },
  /** A sale made before sales were claimed first has no command row: found by its key. */
  async byKey(db: Db, stationId: string, key: string): Promise<CounterSaleRow | null> {
    const [row] = await db.query(`SELECT * FROM workshop.counter_sale WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
    return row ?? null;
  },
  /** One page of sales with their amount (counterSalesPage; counterSales is its first page). */
  page<T>(db: Db, request: PageRequest<CounterSaleFilters>, map: (r: CounterSaleListRow) => T): Promise<PageResult<T>> {
    return counterSalePage.run(db, request, map);
  },
  linesOfSales(db: Db, saleIds: readonly string[]): Promise<CounterSaleLineRow[]> {
    return db.query(`SELECT * FROM workshop.counter_sale_line WHERE counter_sale_id = ANY($1::uuid[]) ORDER BY line_no`, [saleIds]);
  },
  async line(db: Db, lineId: string): Promise<CounterSaleLineRow | null> {
    const [row] = await db.query(`SELECT * FROM workshop.counter_sale_line WHERE id = $1`, [lineId]);
    return row ?? null;
  },
  async soldLine(db: Db, lineId: string): Promise<SoldLineRow | null> {
    const [row] = await db.query(SOLD_LINE, [lineId]);
    return row ?? null;
  },
  async lockSoldLine(tx: Db, lineId: string): Promise<SoldLineRow | null> {
    const [row] = await tx.query(`${SOLD_LINE} FOR UPDATE OF l`, [lineId]);
    return row ?? null;
  },
  priceChangesOfLines(db: Db, lineIds: readonly string[]): Promise<PriceChangeRow[]> {
    return db.query(`SELECT * FROM workshop.counter_sale_price_change WHERE line_id = ANY($1::uuid[]) ORDER BY changed_at, id`, [lineIds]);
  },
  async insertSale(tx: Db, s: { id: string; number: string; stationId: string; customerType: CustomerType; customerName: string | null; key: string; by: string; at: Date }): Promise<void> {
    await tx.query(
      `INSERT INTO workshop.counter_sale (id, number, station_id, customer_type, customer_name, idempotency_key, sold_by, sold_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [s.id, s.number, s.stationId, s.customerType, s.customerName, s.key, s.by, s.at]);
  },
  async insertLine(tx: Db, l: NewSaleLine): Promise<void> {
    await tx.query(
      `INSERT INTO workshop.counter_sale_line (id, counter_sale_id, line_no, part_id, unit_precision, requested, issued, shortfall, price_tier, tier_price, hq_cap, unit_price, bin_id, allocations, shortage_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [l.id, l.saleId, l.lineNo, l.partId, l.unitPrecision, l.requested, l.issued, l.shortfall, l.tier, l.tierPrice, l.hqCap, l.unitPrice, l.binId,
        JSON.stringify(l.allocations), l.shortageId]);
  },
  async insertPriceChange(tx: Db, c: { id: string; lineId: string; from: string; to: string; by: string; at: Date }): Promise<void> {
    await tx.query(`INSERT INTO workshop.counter_sale_price_change (id, line_id, from_price, to_price, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [c.id, c.lineId, c.from, c.to, c.by, c.at]);
  },
  async setLinePrice(tx: Db, lineId: string, price: string, hqCap: string | null): Promise<CounterSaleLineRow> {
    const [[updated]] = await tx.query(`UPDATE workshop.counter_sale_line SET unit_price = $2, hq_cap = $3 WHERE id = $1 RETURNING *`, [lineId, price, hqCap]);
    return updated;
  },
  /** Books (positive) or unbooks (negative) a returned quantity on the line. */
  async addReturned(tx: Db, lineId: string, quantity: number | string): Promise<void> {
    await tx.query(`UPDATE workshop.counter_sale_line SET returned = returned + $2 WHERE id = $1`, [lineId, quantity]);
  },

  // Claims of sales.
  async command<R>(db: Db, stationId: string, key: string): Promise<SaleCommandRow<R> | undefined> {
    const [row] = await db.query(`SELECT * FROM workshop.counter_sale_command WHERE station_id = $1 AND idempotency_key = $2`, [stationId, key]);
    return row;
  },
  async insertCommand<R>(tx: Db, c: Omit<SaleCommandRow<R>, 'status' | 'counter_sale_id'>, onConflict: 'fail' | 'keep'): Promise<SaleCommandRow<R> | undefined> {
    const [row] = await tx.query(
      `INSERT INTO workshop.counter_sale_command (id, station_id, idempotency_key, fingerprint, allow_partial, request, actor, status, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING', $8) ${onConflict === 'keep' ? 'ON CONFLICT (id) DO NOTHING' : ''} RETURNING *`,
      [c.id, c.station_id, c.idempotency_key, c.fingerprint, c.allow_partial, JSON.stringify(c.request), JSON.stringify(c.actor), c.requested_at]);
    return row;
  },
  async lockCommand(tx: Db, id: string): Promise<{ status: 'PENDING' | 'DONE'; counter_sale_id: string | null }> {
    const [row] = await tx.query(`SELECT status, counter_sale_id FROM workshop.counter_sale_command WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  },
  /** A claim that stock refused: nothing was issued, the key is free again. */
  async dropPendingCommand(db: Db, id: string): Promise<void> {
    await db.query(`DELETE FROM workshop.counter_sale_command WHERE id = $1 AND status = 'PENDING'`, [id]);
  },
  async finishCommand(tx: Db, id: string, saleId: string): Promise<void> {
    await tx.query(`UPDATE workshop.counter_sale_command SET status = 'DONE', counter_sale_id = $2 WHERE id = $1`, [id, saleId]);
  },
  pendingCommands<R>(db: Db, minAgeMs: number, limit: number): Promise<SaleCommandRow<R>[]> {
    return db.query(`SELECT * FROM workshop.counter_sale_command WHERE status = 'PENDING' AND requested_at < now() - make_interval(secs => $1) ORDER BY requested_at LIMIT $2`,
      [minAgeMs / 1000, limit]);
  },

  // Returns.
  /** The returns of lines, oldest first. */
  returnsOfLines(db: Db, lineIds: readonly string[]): Promise<ListedSaleReturnRow[]> {
    return db.query(
      `SELECT r.*, l.part_id FROM workshop.counter_sale_return r JOIN workshop.counter_sale_line l ON l.id = r.line_id
        WHERE r.line_id = ANY($1::uuid[]) ORDER BY r.returned_at, r.id`, [lineIds]);
  },
  async returnByKey(db: Db, key: string): Promise<SaleReturnRow | undefined> {
    const [row] = await db.query(`SELECT * FROM workshop.counter_sale_return WHERE idempotency_key = $1`, [key]);
    return row;
  },
  /** The PENDING booking with its 退料单 number, drawn in this statement (the station's TL row is locked for it and the commit only). */
  async insertReturn(tx: Db, r: { id: string; lineId: string; key: string; quantity: number; binId: string | null; actor: User; by: string; at: Date; reason: string | null; stationId: string }): Promise<SaleReturnRow> {
    const [row] = await tx.query(
      `WITH ${documentNumberCte('$10', "'TL'", '$11')}
       INSERT INTO workshop.counter_sale_return (id, line_id, idempotency_key, quantity, requested_bin_id, status, actor, returned_by, returned_at, reason, number)
       VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7, $8, $9, (SELECT number FROM doc_number)) RETURNING *`,
      [r.id, r.lineId, r.key, r.quantity, r.binId, JSON.stringify(r.actor), r.by, r.at, r.reason, r.stationId, r.at.getUTCFullYear()]);
    return row;
  },
  /** The booking stock refused: gone, with the quantity it had booked on the line (undefined when it was no longer pending). */
  async dropPendingReturn(tx: Db, id: string): Promise<string | undefined> {
    const [[gone]] = await tx.query(`DELETE FROM workshop.counter_sale_return WHERE id = $1 AND status = 'PENDING' RETURNING quantity`, [id]);
    return gone?.quantity;
  },
  async finishReturn(db: Db, id: string, binId: string | null): Promise<void> {
    await db.query(`UPDATE workshop.counter_sale_return SET status = 'DONE', bin_id = $2 WHERE id = $1`, [id, binId]);
  },
  pendingReturns(db: Db, minAgeMs: number, limit: number): Promise<SaleReturnRow[]> {
    return db.query(
      `SELECT r.*, s.station_id FROM workshop.counter_sale_return r JOIN workshop.counter_sale_line l ON l.id = r.line_id JOIN workshop.counter_sale s ON s.id = l.counter_sale_id
        WHERE r.status = 'PENDING' AND r.returned_at < now() - make_interval(secs => $1) ORDER BY r.returned_at LIMIT $2`, [minAgeMs / 1000, limit]);
  },
};
