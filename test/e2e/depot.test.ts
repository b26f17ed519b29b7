/**
 * The order loop between the stations and HQ's parts depot (备品部), through
 * the gateway against the real subgraphs: a station orders from the depot
 * like from any supplier, HQ sees it at once, confirms (reserving the depot's
 * stock), ships (DEPOT_SHIPMENT out of the depot's bins), the station
 * receives with damage and claims against HQ — watching it move over
 * `purchaseOrderUpdates`. Then: concurrent confirmations of the depot's last
 * units never oversell, back-orders are filled oldest first when the depot
 * receives stock, a crash between the depot's issue and the SHIPPED status
 * completes once on restart, and scoping.
 */
import { startSubgraph } from '../../subgraphs/shared/src';
import { procurement } from '../../subgraphs/procurement/src';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok, type GqlResponse } from '../helpers/graphql';
import { AlertClient } from '../../bench/alerts-client';
import { waitFor as until } from '../helpers/wait';

const ORDER = `id number status station { id } supplier { id depot { id kind } } deliveryNoteNumber
  lines { id part { id partNo } quantity unitPrice confirmed backordered eta shipped received accepted damaged }`;

describe('the order loop with HQ\'s depot', () => {
  let p: Platform;
  let hq: string;
  let hq2: string;
  let buyerA: string;
  let buyerB: string;
  const clients: AlertClient[] = [];
  const data = demoData();
  const [A, B] = data.stations;
  const depot = data.stations.find((s) => s.kind === 'DEPOT')!;
  const depotSupplier = data.suppliers.find((s) => s.depotStationId === depot.id)!;
  const depotWarehouse = depot.warehouses[0];
  const partOf = (id: string) => data.parts.find((x) => x.id === id)!;
  const depotOnHand = (partId: string) => data.stock.filter((l) => l.stationId === depot.id && l.partId === partId).reduce((s, l) => s + l.onHand, 0);
  // Whole-unit parts the depot stocks, each test taking its own; and parts it has none of.
  const stocked = [...new Set(data.stock.filter((l) => l.stationId === depot.id).map((l) => l.partId))]
    .filter((id) => partOf(id).unitPrecision === 0 && !partOf(id).supersededById && depotOnHand(id) >= 4 && depotOnHand(id) <= 12);
  const empty = data.supplierParts.filter((s) => s.supplierId === depotSupplier.id && depotOnHand(s.partId) === 0 && partOf(s.partId).unitPrecision === 0 && !partOf(s.partId).supersededById).map((s) => s.partId);
  let nextStocked = 0;
  let nextEmpty = 0;
  const freshStocked = () => stocked[nextStocked++];
  const freshEmpty = () => empty[nextEmpty++];

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN', undefined, 'hq-wang');
    hq2 = await p.token('HQ_ADMIN', undefined, 'hq-li');
    buyerA = await p.token(['PURCHASER', 'STATION_MANAGER'], A.id);
    buyerB = await p.token(['PURCHASER', 'STATION_MANAGER'], B.id);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
  });
  afterAll(() => p?.stop());

  async function depotOrder(token: string, lines: { partId: string; quantity: number }[]): Promise<any> {
    const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { ${ORDER} } }`, { i: { supplierId: depotSupplier.id, lines } }, token)).createPurchaseOrder;
    return ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { ${ORDER} } }`, { id: po.id }, token)).submitPurchaseOrder;
  }
  const confirm = (id: string, lines: unknown[], token = hq) =>
    p.query(`mutation($id: ID!, $l: [DepotConfirmLineInput!]!) { confirmDepotOrder(id: $id, lines: $l) { ${ORDER} } }`, { id, l: lines }, token);
  const ship = (id: string, key: string, token = hq) =>
    p.query(`mutation($id: ID!, $k: String!) { shipDepotOrder(id: $id, idempotencyKey: $k) { ${ORDER} } }`, { id, k: key }, token);
  const order = async (id: string, token = hq) => ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { ${ORDER} } }`, { id }, token)).purchaseOrder;
  const availability = async (partId: string, token = buyerA) =>
    ok(await p.query(`query($p: [ID!]!) { depotAvailability(partIds: $p) { part { id } available nextArrival leadTimeDays unitPrice } }`, { p: [partId] }, token)).depotAvailability[0];
  /** The depot's levels of a part: on hand and reserved over its ordinary bins. */
  const depotLevels = async (partId: string) => {
    const s = ok(await p.query(`query($id: ID!, $w: ID) { part(id: $id) { stock(warehouseId: $w) { onHand available levels { onHand reserved } } } }`, { id: partId, w: depotWarehouse.id }, hq)).part.stock;
    return { onHand: s.onHand, available: s.available, reserved: s.levels.reduce((x: number, l: any) => x + l.reserved, 0) };
  };
  const shipments = async (partId: string, reference: string) =>
    ok(await p.query(`query($p: ID, $w: ID) { stockMovements(partId: $p, warehouseId: $w, first: 200) { type quantity reference } }`, { p: partId, w: depotWarehouse.id }, hq))
      .stockMovements.filter((m: any) => m.type === 'DEPOT_SHIPMENT' && m.reference === reference);
  const reason = (r: GqlResponse) => r.errors?.[0]?.extensions?.reason;
  const updates = async (token: string, variables: Record<string, unknown> = {}) => {
    const c = new AlertClient(p.gatewayUrl, `Bearer ${token}`);
    clients.push(c);
    c.subscribe(variables, `subscription($s: ID) { purchaseOrderUpdates(stationId: $s) { id number status station { id } lines { confirmed shipped received } } }`);
    const feed = require('../../subgraphs/procurement/src/depot/purchase-order-update.feed').PurchaseOrderUpdateFeed.of(p.subgraphs.procurement.runtime);
    return { c, feed };
  };

  it('runs the whole loop: order → HQ sees it → confirm (reserved) → ship (DEPOT_SHIPMENT) → receive with damage, claimed against HQ; the station watches it move', async () => {
    const partId = freshStocked();
    const seeded = depotOnHand(partId);
    const before = await availability(partId);
    expect(before).toMatchObject({ available: seeded, leadTimeDays: depotSupplier.leadTimeDays, unitPrice: partOf(partId).prices.wholesale });

    const { c: watchA, feed } = await updates(buyerA);
    const { c: watchB } = await updates(buyerB);
    const deadline = Date.now() + 5000;
    while (feed.subscriberCount < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    const po = await depotOrder(buyerA, [{ partId, quantity: 4 }]);
    expect(po).toMatchObject({ status: 'SUBMITTED', station: { id: A.id }, supplier: { id: depotSupplier.id, depot: { id: depot.id, kind: 'DEPOT' } } });
    expect(po.lines[0]).toMatchObject({ unitPrice: partOf(partId).prices.wholesale, confirmed: 0, backordered: 0, shipped: 0 });
    // HQ's order desk has it at once.
    const desk = ok(await p.query(`query($s: ID) { depotOrders(stationId: $s, status: SUBMITTED, first: 200) { id number } }`, { s: A.id }, hq)).depotOrders;
    expect(desk.map((o: any) => o.id)).toContain(po.id);

    const confirmed = ok(await confirm(po.id, [{ purchaseOrderLineId: po.lines[0].id, confirmed: 4, backordered: 0 }])).confirmDepotOrder;
    expect(confirmed.lines[0]).toMatchObject({ confirmed: 4, backordered: 0, shipped: 0 });
    expect(await depotLevels(partId)).toMatchObject({ onHand: seeded, available: seeded - 4, reserved: 4 });
    expect((await availability(partId, buyerB)).available).toBe(seeded - 4);

    const shipped = ok(await ship(po.id, `ship-${po.id}`)).shipDepotOrder;
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.deliveryNoteNumber).toMatch(/^DN\d{4}-HQ01-\d{6}$/);
    expect(shipped.lines[0]).toMatchObject({ confirmed: 4, shipped: 4 });
    expect(await depotLevels(partId)).toMatchObject({ onHand: seeded - 4, available: seeded - 4, reserved: 0 });
    expect((await shipments(partId, po.number)).map((m: any) => m.quantity)).toEqual([-4]);
    // The same key again: the same shipment, nothing moves twice.
    expect(ok(await ship(po.id, `ship-${po.id}`)).shipDepotOrder.deliveryNoteNumber).toBe(shipped.deliveryNoteNumber);
    expect(await shipments(partId, po.number)).toHaveLength(1);
    // On its way: HQ's network view counts it in A's in-transit.
    const network = ok(await p.query(`query($p: ID!) { networkStock(partId: $p) { station { id kind } onHand available inTransit } }`, { p: partId }, hq)).networkStock;
    expect(network.find((n: any) => n.station.id === A.id).inTransit).toBeGreaterThanOrEqual(4);
    expect(network.find((n: any) => n.station.id === depot.id)).toMatchObject({ station: { kind: 'DEPOT' }, onHand: seeded - 4 });

    // The station receives as from any supplier: 1 damaged → quarantine, a claim against HQ's depot, a "P…" replacement to the depot.
    const receipt = ok(await p.query(`mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!) { receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: "depot-rcv-1") {
        stockPosted purchaseOrder { status } damageClaim { supplier { id depot { id } } amount replacementOrder { id number kind status supplier { id } } } } }`,
    { po: po.id, w: A.warehouses[0].id, l: [{ purchaseOrderLineId: po.lines[0].id, received: 4, damaged: 1, damageReason: '外包装破损' }] }, buyerA)).receiveGoods;
    expect(receipt).toMatchObject({ stockPosted: true, purchaseOrder: { status: 'RECEIVED' } });
    expect(receipt.damageClaim.supplier).toEqual({ id: depotSupplier.id, depot: { id: depot.id } });
    expect(receipt.damageClaim.amount).toBe(partOf(partId).prices.wholesale);
    expect(receipt.damageClaim.replacementOrder).toMatchObject({ kind: 'REPLACEMENT', status: 'SUBMITTED', supplier: { id: depotSupplier.id } });
    const replacementId = receipt.damageClaim.replacementOrder.id;
    expect(ok(await p.query(`{ depotOrders(first: 200) { id kind } }`, {}, hq)).depotOrders.map((o: any) => o.id)).toContain(replacementId);

    // A saw its order move; B saw nothing of A's.
    await watchA.waitForEvents(5);
    const mine = watchA.events.map((e) => e.purchaseOrderUpdates).filter((o: any) => o.id === po.id);
    expect(mine.map((o: any) => o.status)).toEqual(['SUBMITTED', 'SUBMITTED', 'SHIPPED', 'RECEIVED']);
    expect(mine[1].lines[0]).toMatchObject({ confirmed: 4, shipped: 0 });
    expect(mine[3].lines[0]).toMatchObject({ shipped: 4, received: 4 });
    expect(watchA.events.map((e) => e.purchaseOrderUpdates.id)).toContain(replacementId);
    expect(watchB.events.filter((e) => e.purchaseOrderUpdates.station.id !== B.id)).toEqual([]);
  });

  it('never oversells the depot\'s last units when two HQ users confirm at once: exactly what is available is reserved, the rest is INSUFFICIENT_STOCK and reserves nothing', async () => {
    const partId = freshStocked();
    const seeded = depotOnHand(partId);
    const orders = await Promise.all(Array.from({ length: seeded + 3 }, (_, i) => depotOrder(i % 2 ? buyerB : buyerA, [{ partId, quantity: 1 }])));
    const answers = await Promise.all(orders.map((o, i) => confirm(o.id, [{ purchaseOrderLineId: o.lines[0].id, confirmed: 1, backordered: 0 }], i % 2 ? hq2 : hq)));
    const won = answers.filter((r) => !r.errors);
    const lost = answers.filter((r) => r.errors);
    expect(won).toHaveLength(seeded);
    expect(lost.map(codes)).toEqual(Array(3).fill(['INSUFFICIENT_STOCK']));
    expect(lost.map(reason)).toEqual(Array(3).fill('DEPOT_STOCK_SHORT'));
    expect(lost[0].errors![0].extensions!.params).toMatchObject({ partNo: partOf(partId).partNo, requested: 1, available: 0 });
    expect(await depotLevels(partId)).toMatchObject({ onHand: seeded, available: 0, reserved: seeded });
    const after = await Promise.all(orders.map((o) => order(o.id)));
    expect(after.reduce((s, o) => s + o.lines[0].confirmed, 0)).toBe(seeded);
    // More than is available in one confirmation: refused whole, nothing reserved.
    const big = await depotOrder(buyerA, [{ partId, quantity: 2 }]);
    const refused = await confirm(big.id, [{ purchaseOrderLineId: big.lines[0].id, confirmed: 2, backordered: 0 }]);
    expect(codes(refused)).toEqual(['INSUFFICIENT_STOCK']);
    expect((await order(big.id)).lines[0].confirmed).toBe(0);
    // Confirming more than is open on the line is refused with its reason.
    expect(reason(await confirm(big.id, [{ purchaseOrderLineId: big.lines[0].id, confirmed: 0, backordered: 3 }]))).toBe('DEPOT_CONFIRM_OVER_OPEN');
  });

  it('fills back-orders oldest first when the depot receives stock, and not where HQ switched it off', async () => {
    const [partId, manual] = [freshEmpty(), freshEmpty()];
    const eta = new Date(Date.now() + 10 * 86400_000).toISOString();
    const first = await depotOrder(buyerA, [{ partId, quantity: 3 }, { partId: manual, quantity: 1 }]);
    const second = await depotOrder(buyerB, [{ partId, quantity: 4 }]);
    const backorder = (o: any) => confirm(o.id, o.lines.map((l: any) => ({ purchaseOrderLineId: l.id, confirmed: 0, backordered: l.quantity, eta })));
    ok(await backorder(first));
    const b2 = ok(await backorder(second)).confirmDepotOrder;
    expect(b2.lines[0]).toMatchObject({ confirmed: 0, backordered: 4, eta });
    ok(await p.query(`mutation($p: ID!) { setDepotBackorderRule(partId: $p, autoConfirm: false) }`, { p: manual }, hq));

    // The depot receives from one of HQ's suppliers: 5 of the part, 2 of the manual one.
    const supplier = data.supplierParts.find((s) => s.partId === partId && s.supplierId !== depotSupplier.id)!.supplierId;
    const inbound = async (lines: { partId: string; quantity: number }[], key: string) => {
      const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id quantity } } }`,
        { i: { stationId: depot.id, supplierId: supplier, lines: lines.map((l) => ({ ...l, unitPrice: '10.00' })) } }, hq)).createPurchaseOrder;
      ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, hq));
      ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id }, hq));
      ok(await p.query(`mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!, $k: String!) { receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: $k) { stockPosted } }`,
        { po: po.id, w: depotWarehouse.id, k: key, l: po.lines.map((l: any) => ({ purchaseOrderLineId: l.id, received: l.quantity, damaged: 0 })) }, hq));
    };
    await inbound([{ partId, quantity: 5 }, { partId: manual, quantity: 2 }], `depot-inbound-${partId}`);

    const a = await until(() => order(first.id), (o) => o.lines[0].confirmed === 3);
    expect(a.lines[0]).toMatchObject({ confirmed: 3, backordered: 0, eta: null });
    const b = await until(() => order(second.id), (o) => o.lines[0].confirmed === 2);
    expect(b.lines[0]).toMatchObject({ confirmed: 2, backordered: 2, eta });
    expect(await depotLevels(partId)).toMatchObject({ onHand: 5, available: 0, reserved: 5 });
    // The part HQ confirms by hand is still back-ordered, its stock free.
    expect(a.lines[1]).toMatchObject({ confirmed: 0, backordered: 1 });
    expect((await depotLevels(manual)).available).toBe(2);

    await inbound([{ partId, quantity: 2 }], `depot-inbound-2-${partId}`);
    const b2done = await until(() => order(second.id), (o) => o.lines[0].confirmed === 4);
    expect(b2done.lines[0]).toMatchObject({ confirmed: 4, backordered: 0 });
    // Shipped in two deliveries: the first order's line, then what arrived.
    expect(ok(await ship(first.id, `bo-ship-${first.id}`)).shipDepotOrder.lines[0]).toMatchObject({ confirmed: 3, shipped: 3 });
  });

  it('completes a shipment exactly once after a crash between the depot\'s issue and the SHIPPED status', async () => {
    const partId = freshStocked();
    const seeded = depotOnHand(partId);
    const po = await depotOrder(buyerA, [{ partId, quantity: 2 }]);
    ok(await confirm(po.id, [{ purchaseOrderLineId: po.lines[0].id, confirmed: 2, backordered: 0 }]));
    let crashes = 0;
    p.subgraphs.procurement.runtime.faults = {
      'depotShipment.afterRemote': () => {
        crashes++;
        throw new Error('simulated crash after the depot issue');
      },
    };
    const failed = await ship(po.id, 'crash-ship-1');
    expect(crashes).toBe(1);
    expect(codes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
    // "Kill" procurement: the goods left the depot's bins, the order does not know yet.
    await p.subgraphs.procurement.stop();
    expect(await shipments(partId, po.number)).toHaveLength(1);
    expect(await depotLevels(partId)).toMatchObject({ onHand: seeded - 2, reserved: 0 });

    p.subgraphs.procurement = await startSubgraph(procurement, { config: p.config, secret: p.secret, databaseUrl: p.databaseUrl, migrate: false });
    // The sweep completes what the crash left pending, at start-up.
    const done = await until(() => order(po.id), (o) => o.status === 'SHIPPED');
    expect(done).toMatchObject({ status: 'SHIPPED', lines: [expect.objectContaining({ confirmed: 2, shipped: 2 })] });
    expect(done.deliveryNoteNumber).toMatch(/^DN/);
    // The client's retry with the same key: the same shipment; nothing left the depot twice.
    const retried = ok(await ship(po.id, 'crash-ship-1')).shipDepotOrder;
    expect(retried.deliveryNoteNumber).toBe(done.deliveryNoteNumber);
    expect(await shipments(partId, po.number)).toHaveLength(1);
    expect(await depotLevels(partId)).toMatchObject({ onHand: seeded - 2, reserved: 0 });
    expect(reason(await ship(po.id, 'crash-ship-2'))).toBe('NOTHING_TO_SHIP');
  });

  it('scopes: a station never sees another station\'s orders; only HQ confirms, ships and sees the desk, the network and the scorecards', async () => {
    const partId = freshStocked();
    const po = await depotOrder(buyerA, [{ partId, quantity: 1 }]);
    const line = [{ purchaseOrderLineId: po.lines[0].id, confirmed: 1, backordered: 0 }];
    expect(codes(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { id } }`, { id: po.id }, buyerB))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(`{ purchaseOrders { id } }`, {}, buyerB)).purchaseOrders.map((o: any) => o.id)).not.toContain(po.id);
    for (const token of [buyerA, buyerB]) {
      expect(reason(await p.query(`{ depotOrders { id } }`, {}, token))).toBe('HQ_ONLY');
      expect(reason(await confirm(po.id, line, token))).toBe('HQ_ONLY');
      expect(reason(await ship(po.id, 'scope-ship', token))).toBe('HQ_ONLY');
      expect(reason(await p.query(`query($p: ID!) { networkStock(partId: $p) { onHand } }`, { p: partId }, token))).toBe('HQ_ONLY');
      expect(reason(await p.query(`{ stationScorecards(month: "2026-12") { fillRate } }`, {}, token))).toBe('HQ_ONLY');
    }
    // The station does not mark a depot order shipped itself.
    expect(reason(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id }, buyerA))).toBe('DEPOT_SHIPS_ITSELF');
    // Nothing of that changed the order.
    expect((await order(po.id)).lines[0]).toMatchObject({ confirmed: 0, shipped: 0 });
    // B's subscription cannot ask for A's orders.
    const { c } = await updates(buyerB, { s: A.id });
    const closed = await until(async () => c.errors.length + (c.closed ? 1 : 0), (n) => n > 0, 5000);
    expect(closed).toBeGreaterThan(0);
  });

  it('shows the depot\'s availability and lead time on recommendations it supplies; the depot plans from the network\'s orders to it, never from itself', async () => {
    // A part only the Chery centre (7 days) supplies besides the depot (5 days): the depot is the faster source.
    const partId = stocked.slice(nextStocked).find((id) => data.supplierParts.filter((s) => s.partId === id && s.supplierId !== depotSupplier.id).every((s) => data.suppliers.find((x) => x.id === s.supplierId)!.leadTimeDays > depotSupplier.leadTimeDays)
      && data.consumption.some((c) => c.stationId === A.id && c.partId === id))!;
    nextStocked = stocked.indexOf(partId) + 1;
    const RECS = `query($s: ID!, $p: [ID!]) { reorderRecommendations(stationId: $s, partIds: $p) { supplierId leadTimeDays forecastPerMonth depotAvailable depotNextArrival } }`;
    const [rec] = ok(await p.query(RECS, { s: A.id, p: [partId] }, buyerA)).reorderRecommendations;
    expect(rec).toMatchObject({ supplierId: depotSupplier.id, leadTimeDays: depotSupplier.leadTimeDays, depotAvailable: (await availability(partId)).available });

    // The depot's own recommendation: another supplier, demand = what the network ordered.
    const history = async () => ok(await p.query(`query($s: ID!, $p: ID!) { consumptionHistory(stationId: $s, partId: $p, months: 1) { month quantity } }`, { s: depot.id, p: partId }, hq)).consumptionHistory;
    const before = (await history())[0]?.quantity ?? 0;
    await depotOrder(buyerA, [{ partId, quantity: 3 }]);
    expect((await history())[0].quantity).toBe(before + 3);
    const [own] = ok(await p.query(RECS, { s: depot.id, p: [partId] }, hq)).reorderRecommendations;
    expect(own.supplierId).not.toBe(depotSupplier.id);
    expect(own.forecastPerMonth).toBeGreaterThan(0);
    expect(own.depotAvailable).toBeNull();
  });

  it('opens a depot with its supplier (createStation kind DEPOT), and rates the stations per month', async () => {
    const s = ok(await p.query(`mutation { createStation(input: { code: "HQ-NORTH", name: "奇瑞北方备品库", region: "华北", kind: DEPOT }) { id kind } }`, {}, hq)).createStation;
    expect(s.kind).toBe('DEPOT');
    const supplier = await until(async () => ok(await p.query(`{ suppliers { id code depot { id code kind } } }`, {}, hq)).suppliers.find((x: any) => x.depot?.id === s.id),
      (x) => !!x);
    expect(supplier).toMatchObject({ code: 'DEPOT-HQ-NORTH', depot: { id: s.id, code: 'HQ-NORTH', kind: 'DEPOT' } });
    expect(ok(await p.query(`{ stations { id kind } }`, {}, buyerA)).stations.filter((x: any) => x.kind === 'DEPOT').length).toBe(2);

    const month = new Date().toISOString().slice(0, 7);
    const cards = ok(await p.query(`query($m: String!) { stationScorecards(month: $m) { station { id code kind } month fillRate stockTurns inventoryValue surplusValue depotOrderLeadDays depotOrders } }`, { m: month }, hq)).stationScorecards;
    const stationIds = data.stations.filter((x) => x.kind !== 'DEPOT').map((x) => x.id);
    expect(cards.map((c: any) => c.station.id).sort()).toEqual([...stationIds].sort());
    const a = cards.find((c: any) => c.station.id === A.id);
    expect(a.depotOrders).toBeGreaterThan(0);
    expect(a.depotOrderLeadDays).not.toBeNull();
    expect(a.depotOrderLeadDays).toBeGreaterThanOrEqual(0);
    expect(Number(a.inventoryValue)).toBeGreaterThan(0);
    expect(reason(await p.query(`{ stationScorecards(month: "2026-13") { month } }`, {}, hq))).toBe('INVALID_MONTH');
  });
});
