/**
 * Procurement's lists: `purchaseOrdersPage`, HQ's `depotOrdersPage` (the same
 * table: a station's orders to the depot) and `damageClaimsPage`, filled into
 * the procurement schema (stations and parts from lv, see stock.ts) and timed
 * through their services.
 */
import type { Case, Subgraph } from './runner';
import { caseList, contextOf, PAGE, sortCases } from './runner';
import { overTwoYears } from './stock';
import { purchaseOrderService } from '../../subgraphs/procurement/src/purchase-order/purchase-order.service';
import { depotService } from '../../subgraphs/procurement/src/depot/depot.service';
import { damageClaimService } from '../../subgraphs/procurement/src/damage-claim/damage-claim.service';
import { PurchaseOrderKind, PurchaseOrderStatus } from '../../subgraphs/procurement/src/purchase-order/purchase-order.type';
import { DamageClaimStatus } from '../../subgraphs/procurement/src/damage-claim/damage-claim.type';

export interface ProcurementVolume { purchaseOrders: number; damageClaims: number }

/**
 * 20 suppliers and HQ's depot; orders over 5 stations and two years with 2 lines each, 2 in 5 to the depot, one in 25 a
 * replacement; all but the last few hundred received or closed (the open ones partly confirmed, some back-ordered).
 * Damage claims on received orders, each with its goods receipt, receipt line and claim line.
 */
export async function fillProcurement(sub: Subgraph, v: ProcurementVolume): Promise<void> {
  const { query } = sub;
  await query(`INSERT INTO procurement.supplier (id, code, name, lead_time_days) SELECT gen_random_uuid(), 'SUP' || g, 'Supplier ' || g, 3 + g % 10 FROM generate_series(1, 20) g`);
  await query(`INSERT INTO procurement.supplier (id, code, name, lead_time_days, depot_station_id) VALUES (gen_random_uuid(), 'HQ-DEPOT', 'HQ depot', 2, gen_random_uuid())`);
  await query(`CREATE TABLE lv.supplier AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, id FROM procurement.supplier`);
  await query(`INSERT INTO procurement.purchase_order (id, number, kind, station_id, supplier_id, status, created_by, created_at, submitted_at, shipped_at, received_at, closed_at, cancelled_at, expected_at)
    SELECT gen_random_uuid(), CASE WHEN g % 25 = 0 THEN 'P' ELSE 'PO' END || extract(year FROM at)::int || '-' || s.code || '-' || lpad(g::text, 6, '0'),
      CASE WHEN g % 25 = 0 THEN 'REPLACEMENT' ELSE 'STANDARD' END, s.id, sup.id, o.status, 'buyer-' || (g % 10), at,
      CASE WHEN o.status NOT IN ('DRAFT') THEN at + interval '1 hour' END,
      CASE WHEN o.status IN ('SHIPPED','PARTIALLY_RECEIVED','RECEIVED','CLOSED') THEN at + interval '2 days' END,
      CASE WHEN o.status IN ('RECEIVED','CLOSED') THEN at + interval '3 days' END,
      CASE WHEN o.status = 'CLOSED' THEN at + interval '5 days' END,
      CASE WHEN o.status = 'CANCELLED' THEN at + interval '1 day' END,
      CASE WHEN g % 3 <> 0 THEN at + interval '4 days' END
    FROM generate_series(1, $1::int) g
    JOIN lv.station s ON s.n = g % 5
    JOIN lv.supplier sup ON sup.n = CASE WHEN g % 5 < 2 THEN 20 ELSE (hashint4(g) & 2147483647) % 20 END
    CROSS JOIN LATERAL (SELECT ${overTwoYears('g', '$1')} AS at,
      CASE WHEN g > $1 - 400 THEN (ARRAY['DRAFT','SUBMITTED','SUBMITTED','SHIPPED','PARTIALLY_RECEIVED'])[1 + g % 5]
           WHEN g % 40 = 0 THEN 'CANCELLED' WHEN g % 3 = 0 THEN 'CLOSED' ELSE 'RECEIVED' END AS status) o`, [v.purchaseOrders]);
  await query(`INSERT INTO procurement.purchase_order_line (id, purchase_order_id, line_no, part_id, quantity, unit_price, received, accepted, confirmed, backordered, shipped, backordered_at)
    SELECT gen_random_uuid(), o.id, l, p.id, 4, (5 + p.n % 400)::numeric(12,4), d.received, d.received, d.confirmed, d.backordered, d.shipped,
      CASE WHEN d.backordered > 0 THEN o.created_at + interval '1 day' END
    FROM procurement.purchase_order o CROSS JOIN generate_series(1, 2) l
    JOIN lv.part p ON p.n = 1 + (hashint4(hashtext(o.number) + l) & 2147483647) % 2000
    CROSS JOIN LATERAL (SELECT
      CASE WHEN o.status IN ('RECEIVED','CLOSED') THEN 4 WHEN o.status = 'PARTIALLY_RECEIVED' THEN 2 ELSE 0 END AS received,
      CASE WHEN o.status IN ('DRAFT','CANCELLED') THEN 0 WHEN o.status = 'SUBMITTED' THEN 2 * (l - 1) ELSE 4 - (l - 1) * 2 END AS confirmed,
      CASE WHEN o.status IN ('SUBMITTED','SHIPPED','PARTIALLY_RECEIVED') AND l = 2 THEN 2 ELSE 0 END AS backordered,
      CASE WHEN o.status IN ('SHIPPED','PARTIALLY_RECEIVED','RECEIVED','CLOSED') THEN 4 - (l - 1) * 2 ELSE 0 END AS shipped) d0
    CROSS JOIN LATERAL (SELECT d0.received, d0.confirmed, CASE WHEN d0.confirmed + d0.backordered > 4 THEN 0 ELSE d0.backordered END AS backordered, d0.shipped) d`);
  await query(`CREATE TABLE lv.claimed AS SELECT row_number() OVER (ORDER BY o.created_at, o.id) AS n, o.id, o.station_id, o.supplier_id, o.created_at, l.id AS line_id, l.part_id, l.unit_price
    FROM procurement.purchase_order o JOIN procurement.purchase_order_line l ON l.purchase_order_id = o.id AND l.line_no = 1
    WHERE o.status IN ('RECEIVED','CLOSED') AND hashint4(hashtext(o.number)) % $1 = 0`, [Math.max(1, Math.floor(v.purchaseOrders * 0.95 / v.damageClaims))]);
  await query(`INSERT INTO procurement.goods_receipt (id, number, station_id, purchase_order_id, warehouse_id, idempotency_key, received_by, received_at)
    SELECT gen_random_uuid(), 'RK-' || c.n, c.station_id, c.id, gen_random_uuid(), 'rk-' || c.n, 'clerk', c.created_at + interval '3 days' FROM lv.claimed c ORDER BY c.n LIMIT $1`, [v.damageClaims]);
  await query(`INSERT INTO procurement.goods_receipt_line (id, goods_receipt_id, purchase_order_line_id, part_id, received, accepted, damaged, damage_reason, unit_price)
    SELECT gen_random_uuid(), r.id, c.line_id, c.part_id, 4, 3, 1, 'crushed', c.unit_price FROM procurement.goods_receipt r JOIN lv.claimed c ON c.id = r.purchase_order_id`);
  await query(`INSERT INTO procurement.damage_claim (id, number, station_id, supplier_id, purchase_order_id, status, amount, created_at, updated_at, goods_receipt_id, returned_at, returned_by)
    SELECT gen_random_uuid(), 'SP' || extract(year FROM r.received_at)::int || '-' || lpad(c.n::text, 6, '0'), c.station_id, c.supplier_id, c.id,
      CASE WHEN c.n > $1 - 200 THEN (ARRAY['OPEN','SUBMITTED'])[1 + c.n % 2] WHEN c.n % 7 = 0 THEN 'REJECTED' WHEN c.n % 3 = 0 THEN 'ACCEPTED' ELSE 'SETTLED' END,
      c.unit_price * (1 + c.n % 5), r.received_at, r.received_at, r.id,
      CASE WHEN c.n % 2 = 0 THEN r.received_at + interval '5 days' END, CASE WHEN c.n % 2 = 0 THEN 'clerk' END
    FROM procurement.goods_receipt r JOIN lv.claimed c ON c.id = r.purchase_order_id`, [v.damageClaims]);
  await query(`INSERT INTO procurement.damage_claim_line (id, damage_claim_id, goods_receipt_line_id, part_id, quantity, unit_price, amount, reason)
    SELECT gen_random_uuid(), d.id, rl.id, rl.part_id, 1, rl.unit_price, d.amount, 'crushed'
    FROM procurement.damage_claim d JOIN procurement.goods_receipt_line rl ON rl.goods_receipt_id = d.goods_receipt_id`);
  await query(`ANALYZE`);
}

export async function procurementCases(sub: Subgraph): Promise<Case[]> {
  const { query } = sub;
  const [station] = await query(`SELECT id FROM lv.station WHERE code = 'S1'`);
  const [supplier] = await query(`SELECT id FROM lv.supplier WHERE n = 3`);
  const [part] = await query(`SELECT part_id AS id FROM procurement.purchase_order_line GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const [claimPart] = await query(`SELECT part_id AS id FROM procurement.damage_claim_line GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`);
  const month = { from: new Date(Date.now() - 60 * 86400_000), to: new Date(Date.now() - 30 * 86400_000) };
  const { cases, add } = caseList(sub);
  const hq = contextOf(sub, { id: 'hq', roles: ['HQ_ADMIN'], stationId: null });


  for (const [caller, ctx] of [['station', contextOf(sub, { id: 'buyer', roles: ['PURCHASER', 'STATION_MANAGER'], stationId: station.id })], ['HQ', hq]] as const) {
    type PoArgs = Parameters<typeof purchaseOrderService.page>[1];
    type ClaimArgs = Parameters<typeof damageClaimService.page>[1];
    const orders = (a: PoArgs) => purchaseOrderService.page(ctx(), { first: PAGE, ...a });
    const claims = (a: ClaimArgs) => damageClaimService.page(ctx(), { first: PAGE, ...a });
    await sortCases(add, 'purchase orders', caller, orders, 'createdAt DESC', [{ field: 'createdAt', direction: 'ASC' }, { field: 'number' }, { field: 'status' }, { field: 'submittedAt' }, { field: 'expectedAt' }]);
    add('purchase orders', caller, 'status SUBMITTED', () => orders({ status: PurchaseOrderStatus.SUBMITTED }));
    add('purchase orders', caller, 'supplier', () => orders({ supplierId: supplier.id }));
    add('purchase orders', caller, 'kind REPLACEMENT', () => orders({ kind: PurchaseOrderKind.REPLACEMENT }));
    add('purchase orders', caller, 'filter part', () => orders({ partId: part.id }));
    add('purchase orders', caller, 'toDepot true (备件订单)', () => orders({ toDepot: true }));
    add('purchase orders', caller, 'toDepot false', () => orders({ toDepot: false }));
    add('purchase orders', caller, 'date range (1 month)', () => orders(month));
    await sortCases(add, 'damage claims', caller, claims, 'createdAt DESC', [{ field: 'createdAt', direction: 'ASC' }, { field: 'number' }, { field: 'status' }, { field: 'amount' }]);
    add('damage claims', caller, 'status SUBMITTED', () => claims({ status: DamageClaimStatus.SUBMITTED }));
    add('damage claims', caller, 'supplier', () => claims({ supplierId: supplier.id }));
    add('damage claims', caller, 'filter part', () => claims({ partId: claimPart.id }));
    add('damage claims', caller, 'returned false (in quarantine)', () => claims({ returned: false }));
    add('damage claims', caller, 'date range (1 month)', () => claims(month));
  }

  type DepotArgs = Parameters<typeof depotService.ordersPage>[1];
  const depot = (a: DepotArgs) => depotService.ordersPage(hq(), { first: PAGE, ...a });
  await sortCases(add, 'depot orders', 'HQ', depot, 'submittedAt ASC', [{ field: 'submittedAt', direction: 'DESC' }, { field: 'number' }, { field: 'status' }, { field: 'expectedAt' }]);
  add('depot orders', 'HQ', 'open (the desk\'s work)', () => depot({ open: true }));
  add('depot orders', 'HQ', 'backordered (欠货)', () => depot({ backordered: true }));
  add('depot orders', 'HQ', 'status SHIPPED', () => depot({ status: 'SHIPPED' }));
  add('depot orders', 'HQ', 'one station', () => depot({ stationId: station.id }));
  add('depot orders', 'HQ', 'one station, sort submittedAt DESC', () => depot({ stationId: station.id, sort: { field: 'submittedAt', direction: 'DESC' } }));
  add('depot orders', 'HQ', 'filter part', () => depot({ partId: part.id }));
  add('depot orders', 'HQ', 'date range (1 month)', () => depot(month));
  return cases;
}
