/**
 * The workshop's lists: `repairOrdersPage`, `counterSalesPage` and
 * `lostSalesPage`, filled into the workshop schema (stations and parts from
 * lv, see stock.ts) and timed through their services, one station's user and
 * HQ (all stations).
 */
import type { Case, Subgraph } from './runner';
import { caseList, contextOf, PAGE, sortCases } from './runner';
import { overTwoYears } from './stock';
import { repairOrderService } from '../../subgraphs/workshop/src/repair-order/repair-order.service';
import { counterSaleService } from '../../subgraphs/workshop/src/counter-sale/counter-sale.service';
import { lostSaleService } from '../../subgraphs/workshop/src/lost-sale/lost-sale.service';
import { RepairOrderStatus } from '../../subgraphs/workshop/src/repair-order/repair-order.type';
import { CustomerType } from '../../subgraphs/workshop/src/counter-sale/counter-sale.type';
import { LostSaleReason } from '../../subgraphs/workshop/src/lost-sale/lost-sale.type';

export interface WorkshopVolume { repairOrders: number; counterSales: number; lostSales: number }

/**
 * Repair orders over 5 stations and two years, all but the last few hundred settled or cancelled; counter sales with
 * 1–3 lines (the lines' trigger keeps each sale's total and quantity); lost sales of the 2,000 parts, whose facts
 * (number, name) workshop keeps in part_fact.
 */
export async function fillWorkshop(sub: Subgraph, v: WorkshopVolume): Promise<void> {
  const { query } = sub;
  await query(`INSERT INTO workshop.part_fact (part_id, facts)
    SELECT p.id, jsonb_build_object('partNo', 'P-' || lpad(p.n::text, 6, '0'), 'name', (ARRAY['Brake pad','Oil filter','Wiper blade','Spark plug','Air filter'])[1 + p.n % 5] || ' ' || p.n,
      'unitPrecision', 0) FROM lv.part p`);
  await query(`INSERT INTO workshop.repair_order (id, number, station_id, status, vin, plate, opened_by, opened_at, completed_at, settled_at, cancelled_at)
    SELECT gen_random_uuid(), 'WO' || extract(year FROM at)::int || '-' || s.code || '-' || lpad(g::text, 6, '0'), s.id, st.status,
      'LSV' || upper(substr(md5(g::text), 1, 14)), '京A' || lpad(((hashint4(g) & 2147483647) % 100000)::text, 5, '0'), 'advisor-' || (g % 20), at,
      CASE WHEN st.status IN ('COMPLETED','SETTLED') THEN at + interval '1 day' END, CASE WHEN st.status = 'SETTLED' THEN at + interval '2 days' END,
      CASE WHEN st.status = 'CANCELLED' THEN at + interval '1 hour' END
    FROM generate_series(1, $1::int) g
    JOIN lv.station s ON s.n = g % 5
    CROSS JOIN LATERAL (SELECT ${overTwoYears('g', '$1')} AS at,
      CASE WHEN g > $1 - 500 THEN (ARRAY['OPEN','IN_PROGRESS','COMPLETED'])[1 + g % 3] WHEN g % 30 = 0 THEN 'CANCELLED' ELSE 'SETTLED' END AS status) st`, [v.repairOrders]);
  await query(`INSERT INTO workshop.counter_sale (id, number, station_id, customer_type, customer_name, idempotency_key, sold_by, sold_at)
    SELECT gen_random_uuid(), 'XS' || extract(year FROM at)::int || '-' || s.code || '-' || lpad(g::text, 6, '0'), s.id, c.type,
      CASE WHEN c.type <> 'WALK_IN' THEN 'Customer ' || (hashint4(g + 1) & 2147483647) % 3000 END, 'key-' || g, 'clerk-' || (g % 20), at
    FROM generate_series(1, $1::int) g
    JOIN lv.station s ON s.n = g % 5
    CROSS JOIN LATERAL (SELECT ${overTwoYears('g', '$1')} AS at,
      (ARRAY['WALK_IN','WALK_IN','WALK_IN','MEMBER','MEMBER','WHOLESALE','INSURANCE'])[1 + (hashint4(g + 2) & 2147483647) % 7] AS type) c`, [v.counterSales]);
  await query(`INSERT INTO workshop.counter_sale_line (id, counter_sale_id, line_no, part_id, unit_precision, requested, issued, shortfall, price_tier, tier_price, unit_price)
    SELECT gen_random_uuid(), s.id, l, p.id, 0, q.n, q.n, 0, 'RETAIL', q.price, q.price
    FROM workshop.counter_sale s
    CROSS JOIN LATERAL generate_series(1, 1 + (hashint4(hashtext(s.idempotency_key)) & 2147483647) % 3) l
    JOIN lv.part p ON p.n = 1 + (hashint4(hashtext(s.idempotency_key) + l) & 2147483647) % 2000
    CROSS JOIN LATERAL (SELECT 1 + (p.n + l) % 6 AS n, (5 + p.n % 400)::numeric(12,2) AS price) q`);
  await query(`INSERT INTO workshop.lost_sale (id, station_id, part_id, quantity, reason, emergency_purchase, note, recorded_by, recorded_at)
    SELECT gen_random_uuid(), s.id, p.id, 1 + g % 4, (ARRAY['OUT_OF_STOCK','OUT_OF_STOCK','NOT_STOCKED','PRICE','OTHER'])[1 + (hashint4(g + 3) & 2147483647) % 5],
      g % 6 = 0, CASE WHEN g % 4 = 0 THEN 'customer waited ' || g % 9 || ' days' END, 'clerk-' || (g % 20), ${overTwoYears('g', '$1')}
    FROM generate_series(1, $1::int) g
    JOIN lv.station s ON s.n = g % 5
    JOIN lv.part p ON p.n = 1 + (hashint4(g) & 2147483647) % 2000`, [v.lostSales]);
  await query(`ANALYZE`);
}

export async function workshopCases(sub: Subgraph): Promise<Case[]> {
  const { query } = sub;
  const [station] = await query(`SELECT id FROM lv.station WHERE code = 'S1'`);
  const [ro] = await query(`SELECT plate FROM workshop.repair_order WHERE station_id = $1 ORDER BY opened_at DESC LIMIT 1 OFFSET 1000`, [station.id]);
  const [sale] = await query(`SELECT customer_name FROM workshop.counter_sale WHERE station_id = $1 AND customer_name IS NOT NULL ORDER BY sold_at DESC LIMIT 1 OFFSET 1000`, [station.id]);
  const [part] = await query(`SELECT part_id AS id FROM workshop.counter_sale_line GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const [lost] = await query(`SELECT pf.facts->>'partNo' AS part_no FROM workshop.lost_sale ls JOIN workshop.part_fact pf ON pf.part_id = ls.part_id
    WHERE ls.station_id = $1 ORDER BY ls.recorded_at DESC LIMIT 1 OFFSET 1000`, [station.id]);
  const month = { from: new Date(Date.now() - 60 * 86400_000), to: new Date(Date.now() - 30 * 86400_000) };
  const { cases, add } = caseList(sub);

  const callers = [
    ['station', contextOf(sub, { id: 'advisor', roles: ['SERVICE_ADVISOR', 'PARTS_CLERK', 'STATION_MANAGER'], stationId: station.id })],
    ['HQ', contextOf(sub, { id: 'hq', roles: ['HQ_ADMIN'], stationId: null })],
  ] as const;
  for (const [caller, ctx] of callers) {
    type RoArgs = Parameters<typeof repairOrderService.page>[1];
    type SaleArgs = Parameters<typeof counterSaleService.page>[1];
    type LostArgs = Parameters<typeof lostSaleService.page>[1];
    const orders = (a: RoArgs) => repairOrderService.page(ctx(), { first: PAGE, ...a });
    const sales = (a: SaleArgs) => counterSaleService.page(ctx(), { first: PAGE, ...a });
    const lostSales = (a: LostArgs) => lostSaleService.page(ctx(), { first: PAGE, ...a });
    await sortCases(add, 'repair orders', caller, orders, 'openedAt DESC', [{ field: 'openedAt', direction: 'ASC' }, { field: 'number' }, { field: 'status' }]);
    add('repair orders', caller, 'status IN_PROGRESS', () => orders({ status: RepairOrderStatus.IN_PROGRESS }));
    add('repair orders', caller, 'statuses OPEN, IN_PROGRESS, COMPLETED (the open work)', () => orders({ statuses: [RepairOrderStatus.OPEN, RepairOrderStatus.IN_PROGRESS, RepairOrderStatus.COMPLETED] }));
    add('repair orders', caller, 'statuses open work + totalCount', () => orders({ statuses: [RepairOrderStatus.OPEN, RepairOrderStatus.IN_PROGRESS, RepairOrderStatus.COMPLETED] }), true);
    add('repair orders', caller, 'date range (1 month)', () => orders(month));
    add('repair orders', caller, 'date range (1 month), sort number', () => orders({ ...month, sort: { field: 'number' } }));
    add('repair orders', caller, 'query: a plate', () => orders({ query: ro.plate }));
    add('repair orders', caller, 'query: "京A1" (many match)', () => orders({ query: '京A1' }));

    await sortCases(add, 'counter sales', caller, sales, 'soldAt DESC', [{ field: 'soldAt', direction: 'ASC' }, { field: 'number' }, { field: 'amount' }, { field: 'quantity' }]);
    add('counter sales', caller, 'date range (1 month)', () => sales(month));
    add('counter sales', caller, 'date range (1 month), sort amount', () => sales({ ...month, sort: { field: 'amount' } }));
    add('counter sales', caller, 'filter part', () => sales({ partId: part.id }));
    add('counter sales', caller, 'customer type WHOLESALE', () => sales({ customerType: CustomerType.WHOLESALE }));
    add('counter sales', caller, 'customer types MEMBER, INSURANCE, sort amount', () => sales({ customerTypes: [CustomerType.MEMBER, CustomerType.INSURANCE], sort: { field: 'amount' } }));
    add('counter sales', caller, 'query: a customer', () => sales({ query: sale.customer_name }));

    await sortCases(add, 'lost sales', caller, lostSales, 'recordedAt DESC', [{ field: 'recordedAt', direction: 'ASC' }, { field: 'quantity' }, { field: 'reason' }]);
    add('lost sales', caller, 'date range (1 month)', () => lostSales(month));
    add('lost sales', caller, 'filter part', () => lostSales({ partId: part.id }));
    add('lost sales', caller, 'reason PRICE', () => lostSales({ reason: LostSaleReason.PRICE }));
    add('lost sales', caller, 'reasons NOT_STOCKED, OTHER', () => lostSales({ reasons: [LostSaleReason.NOT_STOCKED, LostSaleReason.OTHER] }));
    add('lost sales', caller, 'emergency purchases', () => lostSales({ emergencyPurchase: true }));
    add('lost sales', caller, 'query: a part number', () => lostSales({ query: lost.part_no }));
  }
  return cases;
}
