/**
 * Receiving goods (验收入库) through the gateway, against the real stock
 * subgraph: accepted quantity into bins, damaged into quarantine with one
 * damage claim and one "P…" replacement order, idempotency, refused input
 * that changes nothing, concurrent receipts, the claim lifecycle, inbound
 * statistics, and crashes before and after the stock receipt.
 */
import { startSubgraph, sweepPending } from '../../subgraphs/shared/src';
import { procurement } from '../../subgraphs/procurement/src';
import { pendingStockPostings } from '../../subgraphs/procurement/src/receiving/stock-posting.service';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { downloadExport, readSheet } from '../helpers/sheet';
import { codes, ok } from '../helpers/graphql';

const RECEIPT = `id number stockPosted lines { purchaseOrderLineId part { id } received accepted damaged damageReason bin { id quarantine } quarantineBin { id quarantine } }
  purchaseOrder { id status lines { id received accepted damaged } }
  damageClaim { id number status amount supplier { id } lines { part { id } quantity unitPrice amount reason }
    replacementOrder { id number kind status lines { part { id } quantity unitPrice } } }`;

describe('receiving goods', () => {
  let p: Platform;
  let hq: string;
  let buyerA: string;
  let buyerB: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const warehouse = stationA.warehouses[0];
  const bins = warehouse.bins.filter((b) => !b.quarantine);
  const supplierId = data.supplierParts[0].supplierId;
  const listed = data.supplierParts.filter((s) => s.supplierId === supplierId);
  const [spA, spB, spC, spD] = listed;
  const precision = (partId: string) => data.parts.find((x) => x.id === partId)!.unitPrecision;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    buyerA = await p.token('PURCHASER', stationA.id);
    buyerB = await p.token('PURCHASER', stationB.id);
  });
  afterAll(() => p?.stop());

  async function shippedOrder(lines: { partId: string; quantity: number }[], token = buyerA): Promise<any> {
    const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number lines { id part { id } quantity unitPrice } } }`,
      { i: { supplierId, lines } }, token)).createPurchaseOrder;
    ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, token));
    ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id }, token));
    return po;
  }

  const receive = (vars: Record<string, unknown>, token = buyerA) =>
    p.query(`mutation($po: ID!, $w: ID!, $lines: [ReceiptLineInput!]!, $key: String!, $over: Boolean) {
      receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $lines, idempotencyKey: $key, allowOverReceipt: $over) { ${RECEIPT} } }`,
    { w: warehouse.id, ...vars }, token);

  /** The part's stock in the warehouse: total on hand, in quarantine bins, elsewhere. */
  async function stockOf(partId: string): Promise<{ onHand: number; quarantine: number; regular: number; byBin: Record<string, number> }> {
    const r = ok(await p.query(`query($id: ID!, $w: ID) { part(id: $id) { stock(warehouseId: $w) { onHand levels { onHand bin { id quarantine } } } } }`, { id: partId, w: warehouse.id }, hq));
    const levels = r.part.stock.levels as { onHand: number; bin: { id: string; quarantine: boolean } }[];
    const sum = (f: (l: any) => boolean) => Math.round(levels.filter(f).reduce((s, l) => s + l.onHand, 0) * 1000) / 1000;
    return { onHand: r.part.stock.onHand, quarantine: sum((l) => l.bin.quarantine), regular: sum((l) => !l.bin.quarantine), byBin: Object.fromEntries(levels.map((l) => [l.bin.id, l.onHand])) };
  }

  const claimsCount = async () => ok(await p.query(`{ damageClaims(status: null) { id } }`, {}, hq)).damageClaims.length;
  const ordersCount = async () => ok(await p.query(`{ purchaseOrders { id } }`, {}, hq)).purchaseOrders.length;

  it('puts accepted goods into bins, damaged into quarantine, and opens one claim and one P-replacement order', async () => {
    const po = await shippedOrder([{ partId: spA.partId, quantity: 10 }, { partId: spB.partId, quantity: 4 }]);
    const [lineA, lineB] = po.lines;
    const beforeA = await stockOf(spA.partId);
    const beforeB = await stockOf(spB.partId);
    const r = ok(await receive({ po: po.id, key: 'rcv-1', lines: [
      { purchaseOrderLineId: lineA.id, received: 10, damaged: 2, damageReason: '外包装破损' },
      { purchaseOrderLineId: lineB.id, received: 2, damaged: 0, binId: bins[5].id },
    ] })).receiveGoods;
    expect(r.number).toMatch(/^RK\d{4}-\d{6}$/);
    expect(r.stockPosted).toBe(true);
    expect(r.lines[0]).toMatchObject({ received: 10, accepted: 8, damaged: 2, damageReason: '外包装破损' });
    expect(r.lines[0].bin.quarantine).toBe(false);
    expect(r.lines[0].quarantineBin.quarantine).toBe(true);
    expect(r.lines[1]).toMatchObject({ received: 2, accepted: 2, damaged: 0, bin: { id: bins[5].id, quarantine: false }, quarantineBin: null });
    expect(r.purchaseOrder.status).toBe('PARTIALLY_RECEIVED');
    expect(r.purchaseOrder.lines).toEqual([
      { id: lineA.id, received: 10, accepted: 8, damaged: 2 },
      { id: lineB.id, received: 2, accepted: 2, damaged: 0 },
    ]);

    const claim = r.damageClaim;
    expect(claim.number).toMatch(/^HS\d{4}-\d{6}$/);
    expect(claim.status).toBe('OPEN');
    expect(claim.supplier.id).toBe(supplierId);
    const cents = Math.round(Number(lineA.unitPrice) * 100) * 2;
    expect(claim.amount).toBe((cents / 100).toFixed(2));
    expect(claim.lines).toEqual([{ part: { id: spA.partId }, quantity: 2, unitPrice: lineA.unitPrice, amount: (cents / 100).toFixed(2), reason: '外包装破损' }]);
    const rep = claim.replacementOrder;
    expect(rep.kind).toBe('REPLACEMENT');
    expect(rep.number).toMatch(/^P\d{4}-\d{6}$/);
    expect(rep.status).toBe('SUBMITTED');
    expect(rep.lines).toEqual([{ part: { id: spA.partId }, quantity: 2, unitPrice: lineA.unitPrice }]);

    const afterA = await stockOf(spA.partId);
    const afterB = await stockOf(spB.partId);
    expect(afterA.regular).toBeCloseTo(beforeA.regular + 8, 3);
    expect(afterA.quarantine).toBeCloseTo(beforeA.quarantine + 2, 3);
    expect(afterB.byBin[bins[5].id]).toBeCloseTo((beforeB.byBin[bins[5].id] ?? 0) + 2, 3);

    const moves = ok(await p.query(`query($id: ID!) { stockMovements(partId: $id, first: 10) { type quantity reference bin { quarantine } } }`, { id: spA.partId }, hq)).stockMovements;
    const mine = moves.filter((m: any) => m.reference?.includes(r.number));
    expect(mine.map((m: any) => [m.type, m.quantity, m.bin.quarantine]).sort()).toEqual([['QUARANTINE', 2, true], ['RECEIPT', 8, false]]);

    // The same request with the same key again: the first receipt, and nothing more in stock, claims or orders.
    const claims = await claimsCount();
    const orders = await ordersCount();
    const again = ok(await receive({ po: po.id, key: 'rcv-1', lines: [
      { purchaseOrderLineId: lineA.id, received: 10, damaged: 2, damageReason: '外包装破损' },
      { purchaseOrderLineId: lineB.id, received: 2, damaged: 0, binId: bins[5].id },
    ] })).receiveGoods;
    expect(again.id).toBe(r.id);
    // The key with another request is refused (the one reuse check), never answered with the first receipt.
    const reused = await receive({ po: po.id, key: 'rcv-1', lines: [{ purchaseOrderLineId: lineA.id, received: 10, damaged: 2, damageReason: 'x' }] });
    expect(codes(reused)).toEqual(['CONFLICT']);
    expect(reused.errors![0].extensions).toMatchObject({ reason: 'IDEMPOTENCY_KEY_REUSED', params: { field: 'idempotencyKey' } });
    expect(await stockOf(spA.partId)).toEqual(afterA);
    expect(await claimsCount()).toBe(claims);
    expect(await ordersCount()).toBe(orders);

    // The rest of line B completes the order; it can then be closed, and nothing more received.
    const rest = ok(await receive({ po: po.id, key: 'rcv-2', lines: [{ purchaseOrderLineId: lineB.id, received: 2 }] })).receiveGoods;
    expect(rest.purchaseOrder.status).toBe('RECEIVED');
    expect(rest.damageClaim).toBeNull();
    expect(ok(await p.query(`mutation($id: ID!) { closePurchaseOrder(id: $id) { status } }`, { id: po.id }, buyerA)).closePurchaseOrder.status).toBe('CLOSED');
    expect(codes(await receive({ po: po.id, key: 'rcv-3', lines: [{ purchaseOrderLineId: lineB.id, received: 1 }], over: true }))).toEqual(['CONFLICT']);

    // Receiving the replacement shows on the claim; the claim walks its lifecycle.
    const repLine = ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { lines { id } } }`, { id: rep.id }, buyerA)).purchaseOrder.lines[0];
    ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: rep.id }, buyerA));
    ok(await receive({ po: rep.id, key: 'rcv-rep', lines: [{ purchaseOrderLineId: repLine.id, received: 2 }] }));
    const claimQ = `query { damageClaims(status: null) { id status replacementOrder { id status } } }`;
    const shown = ok(await p.query(claimQ, {}, buyerA)).damageClaims.find((c: any) => c.id === claim.id);
    expect(shown.replacementOrder).toEqual({ id: rep.id, status: 'RECEIVED' });
    const move = (m: string, extra = '') => p.query(`mutation($id: ID!) { ${m}(id: $id${extra}) { status } }`, { id: claim.id }, buyerA);
    expect(codes(await move('settleDamageClaim'))).toEqual(['CONFLICT']);
    expect(ok(await move('submitDamageClaim')).submitDamageClaim.status).toBe('SUBMITTED');
    expect(codes(await move('submitDamageClaim'))).toEqual(['CONFLICT']);
    expect(ok(await move('acceptDamageClaim')).acceptDamageClaim.status).toBe('ACCEPTED');
    expect(codes(await move('rejectDamageClaim', ', reason: "late"'))).toEqual(['CONFLICT']);
    expect(ok(await move('settleDamageClaim')).settleDamageClaim.status).toBe('SETTLED');
    expect(ok(await p.query(`{ damageClaims(status: SETTLED) { id } }`, {}, buyerA)).damageClaims.map((c: any) => c.id)).toEqual([claim.id]);
    expect(codes(await p.query(`query($s: ID) { damageClaims(stationId: $s) { id } }`, { s: stationA.id }, buyerB))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(`{ damageClaims(status: null) { id } }`, {}, buyerB)).damageClaims).toEqual([]);
  });

  it('refuses bad receipts with coded errors and changes nothing', async () => {
    const po = await shippedOrder([{ partId: spC.partId, quantity: 5 }]);
    const line = po.lines[0];
    const before = await stockOf(spC.partId);
    const claims = await claimsCount();
    const orders = await ordersCount();
    const unknownLine = '00000000-0000-4000-8000-000000000abc';
    const cases: [Record<string, unknown>, string, string?][] = [
      [{ lines: [{ purchaseOrderLineId: line.id, received: 3, damaged: 4, damageReason: 'x' }] }, 'BAD_USER_INPUT'],
      [{ lines: [{ purchaseOrderLineId: line.id, received: -1 }] }, 'BAD_USER_INPUT'],
      [{ lines: [{ purchaseOrderLineId: line.id, received: 2, damaged: -1 }] }, 'BAD_USER_INPUT'],
      [{ lines: [{ purchaseOrderLineId: line.id, received: 2, damaged: 1 }] }, 'BAD_USER_INPUT'], // no damage reason
      [{ lines: [{ purchaseOrderLineId: unknownLine, received: 1 }] }, 'BAD_USER_INPUT'],
      [{ lines: [{ purchaseOrderLineId: line.id, received: 6 }] }, 'BAD_USER_INPUT'], // over-receipt
      [{ lines: [{ purchaseOrderLineId: line.id, received: 0 }] }, 'BAD_USER_INPUT'],
      [{ lines: [] }, 'BAD_USER_INPUT'],
      [{ lines: [{ purchaseOrderLineId: line.id, received: 1 }], po: '00000000-0000-4000-8000-000000000abc' }, 'NOT_FOUND'],
      [{ lines: [{ purchaseOrderLineId: line.id, received: 1 }] }, 'FORBIDDEN', 'B'],
    ];
    if (precision(spC.partId) === 0) cases.push([{ lines: [{ purchaseOrderLineId: line.id, received: 1.5 }] }, 'BAD_USER_INPUT']);
    for (const [vars, code, who] of cases) {
      const r = await receive({ po: po.id, key: `bad-${code}-${Math.random()}`, ...vars }, who === 'B' ? buyerB : buyerA);
      expect([JSON.stringify(vars), codes(r)]).toEqual([JSON.stringify(vars), [code]]);
    }
    // A cancelled order takes nothing.
    const cancelled = await shippedOrder([{ partId: spC.partId, quantity: 5 }]);
    ok(await p.query(`mutation($id: ID!) { cancelPurchaseOrder(id: $id) { id } }`, { id: cancelled.id }, buyerA));
    expect(codes(await receive({ po: cancelled.id, key: 'bad-cancelled', lines: [{ purchaseOrderLineId: cancelled.lines[0].id, received: 1, damaged: 1, damageReason: 'x' }] }))).toEqual(['CONFLICT']);
    // Not yet shipped: nothing to receive.
    const draft = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id } } }`, { i: { supplierId, lines: [{ partId: spC.partId, quantity: 1 }] } }, buyerA)).createPurchaseOrder;
    expect(codes(await receive({ po: draft.id, key: 'bad-draft', lines: [{ purchaseOrderLineId: draft.lines[0].id, received: 1 }] }))).toEqual(['CONFLICT']);
    // A bin of another station's warehouse: stock refuses it, and the receipt is undone.
    const foreignBin = stationB.warehouses[0].bins.find((b) => !b.quarantine)!;
    const refused = await receive({ po: po.id, key: 'bad-bin', lines: [{ purchaseOrderLineId: line.id, received: 2, damaged: 1, damageReason: 'dent', binId: foreignBin.id }] });
    expect(codes(refused).length).toBe(1);
    expect(['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT']).toContain(codes(refused)[0]);

    expect(await stockOf(spC.partId)).toEqual(before);
    expect(await claimsCount()).toBe(claims);
    expect(await ordersCount()).toBe(orders + 2);
    const after = ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { status lines { received accepted damaged } receipts { id } } }`, { id: po.id }, buyerA)).purchaseOrder;
    expect(after).toEqual({ status: 'SHIPPED', lines: [{ received: 0, accepted: 0, damaged: 0 }], receipts: [] });

    // Over-receipt, explicitly allowed.
    const over = ok(await receive({ po: po.id, key: 'over', over: true, lines: [{ purchaseOrderLineId: line.id, received: 6 }] })).receiveGoods;
    expect(over.purchaseOrder.status).toBe('RECEIVED');
    expect((await stockOf(spC.partId)).regular).toBeCloseTo(before.regular + 6, 3);
  });

  it('reports inbound statistics per month, supplier and category', async () => {
    const stats = ok(await p.query(`query($s: ID) { inboundStatistics(stationId: $s) { month supplier { id } category received accepted damaged value acceptedValue receipts } }`, { s: stationA.id }, hq)).inboundStatistics;
    const month = new Date().toISOString().slice(0, 7);
    const mine = stats.filter((s: any) => s.month === month && s.supplier.id === supplierId);
    const total = mine.reduce((s: number, x: any) => s + x.received, 0);
    // 10 + 2 + 2 (first order) + 2 (replacement) + 6 (over-receipt)
    expect(total).toBeCloseTo(22, 3);
    expect(mine.reduce((s: number, x: any) => s + x.damaged, 0)).toBeCloseTo(2, 3);
    expect(ok(await p.query(`{ inboundStatistics { month } }`, {}, buyerB)).inboundStatistics).toEqual([]);
    expect(codes(await p.query(`{ inboundStatistics(fromMonth: "2026-13") { month } }`, {}, hq))).toEqual(['BAD_USER_INPUT']);
  });

  it('inboundStatisticsPage pages the same rows; /export/inbound-statistics.xlsx downloads them with Chinese headers, numbers as numbers', async () => {
    // This month's receipts again in each of the 4 months before, k times the quantities: more rows, distinct values.
    await p.subgraphs.procurement.runtime.ds.query(`WITH src AS (SELECT g.*, k, gen_random_uuid() AS nid FROM procurement.goods_receipt g, generate_series(1, 4) k WHERE g.station_id = $1),
        ins AS (INSERT INTO procurement.goods_receipt (id, number, station_id, purchase_order_id, warehouse_id, idempotency_key, received_by, received_at)
          SELECT nid, number || '-H' || k, station_id, purchase_order_id, warehouse_id, idempotency_key || '-H' || k, received_by, received_at - (k || ' months')::interval FROM src RETURNING id)
      INSERT INTO procurement.goods_receipt_line (id, goods_receipt_id, purchase_order_line_id, part_id, received, accepted, damaged, unit_price)
        SELECT gen_random_uuid(), src.nid, l.purchase_order_line_id, l.part_id, l.received * k, l.accepted * k, l.damaged * k, l.unit_price
          FROM src JOIN procurement.goods_receipt_line l ON l.goods_receipt_id = src.id`, [stationA.id]);
    const rows = ok(await p.query(`query($s: ID) { inboundStatistics(stationId: $s) { month category received value supplier { id } } }`, { s: stationA.id }, hq)).inboundStatistics;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    const paged: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await p.query(`query($s: ID, $a: String) { inboundStatisticsPage(stationId: $s, first: 1, after: $a) { items { month category received value supplier { id } } pageInfo { endCursor hasNextPage } totalCount } }`, { s: stationA.id, a: after }, hq)).inboundStatisticsPage;
      expect(page.totalCount).toBe(rows.length);
      paged.push(...page.items);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const key = (x: any) => `${x.month}|${x.supplier.id}|${x.category ?? ''}`;
    expect(paged.map(key).sort()).toEqual(rows.map(key).sort());
    const byValue = ok(await p.query(`query($s: ID) { inboundStatisticsPage(stationId: $s, first: 200, sort: { field: "value" }) { items { value } } }`, { s: stationA.id }, hq)).inboundStatisticsPage.items.map((x: any) => Number(x.value));
    expect(byValue).toEqual([...byValue].sort((a, b) => b - a));
    // Station scoping: buyer B sees none of A's; B naming A is refused.
    expect(ok(await p.query(`{ inboundStatisticsPage { totalCount } }`, {}, buyerB)).inboundStatisticsPage.totalCount).toBe(0);
    expect(codes(await p.query(`query($s: ID) { inboundStatisticsPage(stationId: $s) { totalCount } }`, { s: stationA.id }, buyerB))).toEqual(['FORBIDDEN']);

    const { name, rows: sheet } = await readSheet(await downloadExport(p.gatewayUrl, `/export/inbound-statistics.xlsx?stationId=${stationA.id}`, hq));
    expect(name).toBe('入库统计');
    expect(sheet[0]).toEqual(['月份', '供应商', '分类', '入库数量', '合格数量', '破损数量', '入库金额', '合格金额', '收货单数']);
    expect(sheet).toHaveLength(1 + rows.length);
    const received = sheet.slice(1).reduce((a, r) => a + (r[3] as number), 0);
    expect(received).toBeCloseTo(rows.reduce((a: number, x: any) => a + x.received, 0), 3);
    expect(sheet.slice(1).every((r) => typeof r[3] === 'number' && typeof r[6] === 'number')).toBe(true);
    const bad = await downloadExport(p.gatewayUrl, '/export/inbound-statistics.xlsx?fromMonth=2026-13', hq);
    expect(bad.status).toBe(400);
  });

  it('a crash between the receipt commit and the stock receipt: stock ends right after restart, exactly once', async () => {
    const po = await shippedOrder([{ partId: spD.partId, quantity: 6 }]);
    const line = po.lines[0];
    const before = await stockOf(spD.partId);
    let crashes = 0;
    p.subgraphs.procurement.runtime.faults = {
      'stockPosting.beforeRemote': () => {
        crashes++;
        throw new Error('simulated crash after commit');
      },
    };
    const vars = { po: po.id, key: 'crash-1', lines: [{ purchaseOrderLineId: line.id, received: 6, damaged: 1, damageReason: '锈蚀' }] };
    const failed = await receive(vars);
    expect(crashes).toBe(1);
    expect(codes(failed)).toEqual(['INTERNAL_SERVER_ERROR']);
    // "Kill" procurement right away: stock has not seen the receipt.
    await p.subgraphs.procurement.stop();
    expect(await stockOf(spD.partId)).toEqual(before);

    p.subgraphs.procurement = await startSubgraph(procurement, { config: p.config, secret: p.secret, databaseUrl: p.databaseUrl, migrate: false });
    // The retrier posts what the crash left pending, at start-up.
    const deadline = Date.now() + 10_000;
    let now = await stockOf(spD.partId);
    while (now.onHand === before.onHand && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      now = await stockOf(spD.partId);
    }
    expect(now.regular).toBeCloseTo(before.regular + 5, 3);
    expect(now.quarantine).toBeCloseTo(before.quarantine + 1, 3);
    // The client retries with the same key: the same receipt, posted, and stock unchanged.
    const retried = ok(await receive(vars)).receiveGoods;
    expect(retried.stockPosted).toBe(true);
    expect(retried.damageClaim.replacementOrder.number).toMatch(/^P/);
    expect(await stockOf(spD.partId)).toEqual(now);
    const receipts = ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { receipts { id } } }`, { id: po.id }, buyerA)).purchaseOrder.receipts;
    expect(receipts.map((x: any) => x.id)).toEqual([retried.id]);
  });

  it('concurrent receipts: one receipt per key, and of the open quantity only what fits passes', async () => {
    const po = await shippedOrder([{ partId: spB.partId, quantity: 4 }]);
    const line = po.lines[0];
    const same = { po: po.id, key: 'race-same', lines: [{ purchaseOrderLineId: line.id, received: 1 }] };
    const twins = await Promise.all([receive(same), receive(same), receive(same)]);
    const ids = twins.map((r) => ok(r).receiveGoods.id);
    expect(new Set(ids).size).toBe(1);
    // Two of the three open units, twice under other keys at once: the order's lock lets one through, the other is over-receipt.
    const rest = await Promise.all(['race-a', 'race-b'].map((key) => receive({ po: po.id, key, lines: [{ purchaseOrderLineId: line.id, received: 2 }] })));
    expect(rest.map((r) => codes(r).join() || 'OK').sort()).toEqual(['BAD_USER_INPUT', 'OK']);
    expect(rest.find((r) => r.errors)!.errors![0].extensions).toMatchObject({ reason: 'OVER_RECEIPT' });
    const after = ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { status lines { received } receipts { id } } }`, { id: po.id }, buyerA)).purchaseOrder;
    expect(after).toMatchObject({ status: 'PARTIALLY_RECEIVED', lines: [{ received: 3 }] });
    expect(after.receipts).toHaveLength(2);
  });

  it('a crash after stock booked the receipt, before procurement marked it: a retry or the sweep finishes it, one movement per line', async () => {
    /** The next receipt is booked by stock, then procurement "dies" before it records that. */
    const crashAfterRemote = () => {
      let armed = true;
      p.subgraphs.procurement.runtime.faults = {
        'stockPosting.afterRemote': () => {
          if (!armed) return;
          armed = false;
          throw new Error('simulated crash after the stock receipt');
        },
      };
    };
    const movesOf = async (partId: string, number: string) =>
      ok(await p.query(`query($id: ID!) { stockMovements(partId: $id, first: 200) { type quantity reference } }`, { id: partId }, hq)).stockMovements
        .filter((m: any) => m.reference?.startsWith(`${number} `)).map((m: any) => [m.type, m.quantity]).sort();
    const expected = [[['QUARANTINE', 1], ['RECEIPT', 3]], [['RECEIPT', 2]]];
    const receiptOf = async (poId: string) => ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { receipts { id number stockPosted } } }`, { id: poId }, buyerA)).purchaseOrder.receipts;

    for (const finish of ['retry', 'sweep'] as const) {
      const po = await shippedOrder([{ partId: spA.partId, quantity: 4 }, { partId: spC.partId, quantity: 2 }]);
      const vars = { po: po.id, key: `after-remote-${finish}`, lines: [
        { purchaseOrderLineId: po.lines[0].id, received: 4, damaged: 1, damageReason: '划伤' },
        { purchaseOrderLineId: po.lines[1].id, received: 2 },
      ] };
      crashAfterRemote();
      expect(codes(await receive(vars))).toEqual(['INTERNAL_SERVER_ERROR']);
      const [pending] = await receiptOf(po.id);
      expect(pending.stockPosted).toBe(false);
      expect([await movesOf(spA.partId, pending.number), await movesOf(spC.partId, pending.number)]).toEqual(expected); // stock has it already

      if (finish === 'retry') {
        const again = ok(await receive(vars)).receiveGoods;
        expect([again.id, again.stockPosted]).toEqual([pending.id, true]);
        expect(again.lines.map((l: any) => l.bin?.quarantine)).toEqual([false, false]);
      } else {
        expect(await sweepPending(p.subgraphs.procurement.runtime, [pendingStockPostings], 0)).toEqual({ 'stock posting': 1 });
        expect(ok(await receive(vars)).receiveGoods).toMatchObject({ id: pending.id, stockPosted: true });
      }
      expect(await receiptOf(po.id)).toEqual([{ ...pending, stockPosted: true }]);
      expect([await movesOf(spA.partId, pending.number), await movesOf(spC.partId, pending.number)]).toEqual(expected);
      // The key with another request is still refused.
      expect(codes(await receive({ ...vars, lines: [vars.lines[1]] }))).toEqual(['CONFLICT']);
    }
  });
});
