/**
 * Workshop requisitions (领退料) through the gateway: the counter's day —
 * open a repair order, requisition a part found by searchParts, partial
 * shortage, return, 调价 within / above the HQ cap, settle, refused changes —
 * plus estimates (预估材料), 一进一出, cancellation, scoping and bad input
 * that changes nothing in either subgraph.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

const LINE = `id lineNo part { id } requested issued returned shortfall unitPrice tierPrice amount bin { id } allocations { bin { id } quantity } shortage { id } purchaseOrder { id } priceChanges { fromPrice toPrice changedBy changedAt }`;
const REQ = `id number kind requestedBy requestedAt issuedAt lines { ${LINE} }`;
const RO = `id number status station { id } vin plate partsCost requisitions { ${REQ} } estimatedParts { id part { id } quantity requisitionId }`;
const OPEN = `mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { ${RO} } }`;
const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!, $ap: Boolean) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k, allowPartial: $ap) { ${REQ} } }`;
const RETURN = `mutation($l: ID!, $q: Float!, $k: String) { returnParts(requisitionLineId: $l, quantity: $q, idempotencyKey: $k) { ${LINE} } }`;
const ADJUST = `mutation($l: ID!, $p: Decimal!) { adjustLinePrice(requisitionLineId: $l, unitPrice: $p) { ${LINE} } }`;

describe('workshop requisitions', () => {
  let p: Platform;
  let hq: string;
  let clerkA: string;
  let managerA: string;
  let clerkB: string;
  let buyerA: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const warehouseA = stationA.warehouses[0];
  // Parts held in exactly one bin of station A (all in warehouse A), so "available at the station" is one number.
  const single = data.stock.filter((l) => l.stationId === stationA.id && l.warehouseId === warehouseA.id && l.onHand >= 4
    && data.stock.filter((x) => x.partId === l.partId && x.stationId === stationA.id).length === 1);
  const partOf = (id: string) => data.parts.find((x) => x.id === id)!;
  const capped = (price: string, cap: string | null) => Number(cap !== null && Number(price) > Number(cap) ? cap : price).toFixed(2);
  const available = async (partId: string, stationId = stationA.id) =>
    ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { available } } }`, { id: partId, s: stationId }, hq)).part.stock.available as number;
  const movements = async (partId: string) =>
    ok(await p.query(`query($p: ID!, $s: ID) { stockMovements(partId: $p, stationId: $s, first: 200) { type quantity reference } }`, { p: partId, s: stationA.id }, hq)).stockMovements as { type: string; quantity: number; reference: string }[];
  const open = async (token = clerkA, input: Record<string, unknown> = { vin: 'LVVDB11B5ND123456', plate: '皖B12345' }) => ok(await p.query(OPEN, { i: input }, token)).openRepairOrder;
  const repairOrder = async (id: string, token = clerkA) => ok(await p.query(`query($id: ID!) { repairOrder(id: $id) { ${RO} } }`, { id }, token)).repairOrder;
  const requisition = (ro: string, lines: unknown[], key: string, token = clerkA, allowPartial?: boolean) => p.query(REQUISITION, { ro, l: lines, k: key, ap: allowPartial }, token);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerkA = await p.token('PARTS_CLERK', stationA.id, 'clerk-a');
    managerA = await p.token('STATION_MANAGER', stationA.id, 'manager-a');
    clerkB = await p.token('PARTS_CLERK', stationB.id, 'clerk-b');
    buyerA = await p.token('PURCHASER', stationA.id);
  });
  afterAll(() => p?.stop());

  it('runs the counter flow: open → requisition a searched part → partial shortage → return → 调价 → settle → refused changes', async () => {
    const year = new Date().getUTCFullYear();
    const ro = await open();
    expect(ro).toMatchObject({ number: `WO${year}-000001`, status: 'OPEN', station: { id: stationA.id }, vin: 'LVVDB11B5ND123456', plate: '皖B12345', partsCost: '0.00', requisitions: [] });

    const levelX = single.find((l) => partOf(l.partId).prices.hqCap !== null)!;
    const levelY = single.find((l) => l !== levelX)!;
    const x = partOf(levelX.partId);
    const y = partOf(levelY.partId);
    const search = ok(await p.query(`query($q: String!, $s: ID) { searchParts(query: $q, inStockAtStation: $s) { hits { part { id partNo } } } }`, { q: x.partNo, s: stationA.id }, clerkA)).searchParts;
    const found = search.hits.find((h: any) => h.part.partNo === x.partNo).part;
    expect(found.id).toBe(x.id);

    const beforeX = await available(x.id);
    const beforeY = await available(y.id);
    const lines = [{ partId: found.id, quantity: 2, warehouseId: warehouseA.id }, { partId: y.id, quantity: beforeY + 3, warehouseId: warehouseA.id }];
    const req = ok(await requisition(ro.id, lines, 'req-1')).requisitionParts;
    expect(req).toMatchObject({ number: `LL${year}-000001`, kind: 'ISSUE', requestedBy: 'clerk-a' });
    // 出库时间: when it was recorded as issued — after the request, not before stock's ISSUE rows in the ledger.
    const issuedAt = Date.parse(req.issuedAt);
    expect(issuedAt).toBeGreaterThanOrEqual(Date.parse(req.requestedAt));
    const issueRows = ok(await p.query(`query($p: ID!, $s: ID) { stockMovements(partId: $p, stationId: $s, first: 200) { type reference occurredAt } }`, { p: x.id, s: stationA.id }, hq)).stockMovements
      .filter((m: any) => m.type === 'ISSUE' && m.reference === `repair order ${ro.number}`);
    expect(issueRows).toHaveLength(1);
    expect(issuedAt).toBeGreaterThanOrEqual(Date.parse(issueRows[0].occurredAt));
    expect(issuedAt - Date.parse(issueRows[0].occurredAt)).toBeLessThan(30_000);
    const [lx, ly] = req.lines;
    expect(lx).toMatchObject({
      part: { id: x.id }, requested: 2, issued: 2, returned: 0, shortfall: 0, unitPrice: capped(x.prices.retail, x.prices.hqCap), bin: { id: levelX.binId },
      allocations: [{ bin: { id: levelX.binId }, quantity: 2 }], shortage: null, priceChanges: [],
    });
    expect(ly).toMatchObject({ part: { id: y.id }, requested: beforeY + 3, issued: beforeY, shortfall: 3, shortage: { id: expect.any(String) } });
    expect(await available(x.id)).toBeCloseTo(beforeX - 2, 3);
    expect(await available(y.id)).toBeCloseTo(0, 3);
    // Procurement holds the shortage, tied to the repair order.
    const shortages = ok(await p.query(`{ shortages { id kind quantity part { id } repairOrder { id number } } }`, {}, buyerA)).shortages.filter((s: any) => s.part.id === y.id && s.kind === 'REQUISITION_SHORTFALL');
    expect(shortages).toEqual([{ id: ly.shortage.id, kind: 'REQUISITION_SHORTFALL', quantity: 3, part: { id: y.id }, repairOrder: { id: ro.id, number: ro.number } }]);

    // Same key again: the first requisition, nothing issued twice.
    expect(ok(await requisition(ro.id, lines, 'req-1')).requisitionParts).toEqual(req);
    expect(await available(x.id)).toBeCloseTo(beforeX - 2, 3);
    expect(codes(await requisition(ro.id, [{ partId: x.id, quantity: 1, warehouseId: warehouseA.id }], 'req-1'))).toEqual(['CONFLICT']);
    expect((await repairOrder(ro.id)).status).toBe('IN_PROGRESS');

    // 退料: back into stock, once per key, never more than issued − returned.
    expect(ok(await p.query(RETURN, { l: lx.id, q: 1, k: 'ret-1' }, clerkA)).returnParts).toMatchObject({ issued: 2, returned: 1 });
    expect(ok(await p.query(RETURN, { l: lx.id, q: 1, k: 'ret-1' }, clerkA)).returnParts).toMatchObject({ returned: 1 });
    expect(await available(x.id)).toBeCloseTo(beforeX - 1, 3);
    expect(codes(await p.query(RETURN, { l: lx.id, q: 2, k: 'ret-2' }, clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(RETURN, { l: ly.id, q: beforeY + 1 }, clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(await available(x.id)).toBeCloseTo(beforeX - 1, 3);

    // 调价: managers only, never above the HQ cap, every change recorded.
    const cap = x.prices.hqCap!;
    expect(codes(await p.query(ADJUST, { l: lx.id, p: '1.00' }, clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(ADJUST, { l: lx.id, p: (Number(cap) + 0.01).toFixed(2) }, managerA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(ADJUST, { l: lx.id, p: '1.00' }, await p.token('STATION_MANAGER', stationB.id)))).toEqual(['FORBIDDEN']);
    const adjusted = ok(await p.query(ADJUST, { l: lx.id, p: '1.50' }, managerA)).adjustLinePrice;
    expect(adjusted).toMatchObject({ unitPrice: '1.50', amount: '1.50', priceChanges: [{ fromPrice: lx.unitPrice, toPrice: '1.50', changedBy: 'manager-a', changedAt: expect.any(String) }] });
    const atCap = ok(await p.query(ADJUST, { l: lx.id, p: cap }, managerA)).adjustLinePrice;
    expect(atCap.priceChanges.map((c: any) => c.toPrice)).toEqual(['1.50', Number(cap).toFixed(2)]);

    // The parts report (服务单配件明细) and partsCost = Σ (issued − returned) × unitPrice.
    const cents = (s: string) => Math.round(Number(s) * 100);
    const expected = cents(Number(cap).toFixed(2)) * 1 + cents(ly.unitPrice) * beforeY;
    const report = ok(await p.query(`query($id: ID!) { repairOrder(id: $id) { partsCost partsReport { requested issued returned shortfall partsCost rows { part { id } requested issued returned shortfall net unitPrice amount } } } }`, { id: ro.id }, clerkA)).repairOrder;
    expect(cents(report.partsCost)).toBe(expected);
    expect(report.partsReport).toMatchObject({ requested: 2 + beforeY + 3, issued: 2 + beforeY, returned: 1, shortfall: 3, partsCost: report.partsCost });
    expect(report.partsReport.rows).toContainEqual({ part: { id: x.id }, requested: 2, issued: 2, returned: 1, shortfall: 0, net: 1, unitPrice: Number(cap).toFixed(2), amount: Number(cap).toFixed(2) });

    // Settle only after completing; afterwards nothing changes.
    expect(codes(await p.query(`mutation($id: ID!) { settleRepairOrder(id: $id) { status } }`, { id: ro.id }, clerkA))).toEqual(['CONFLICT']);
    expect(ok(await p.query(`mutation($id: ID!) { completeRepairOrder(id: $id) { status completedAt } }`, { id: ro.id }, clerkA)).completeRepairOrder.status).toBe('COMPLETED');
    expect(ok(await p.query(`mutation($id: ID!) { settleRepairOrder(id: $id) { status settledAt } }`, { id: ro.id }, clerkA)).settleRepairOrder.status).toBe('SETTLED');
    const beforeRefusals = await available(x.id);
    expect(codes(await requisition(ro.id, [{ partId: x.id, quantity: 1, warehouseId: warehouseA.id }], 'req-after'))).toEqual(['CONFLICT']);
    expect(codes(await p.query(RETURN, { l: lx.id, q: 1 }, clerkA))).toEqual(['CONFLICT']);
    expect(codes(await p.query(ADJUST, { l: lx.id, p: '2.00' }, managerA))).toEqual(['CONFLICT']);
    expect(codes(await p.query(`mutation($id: ID!) { cancelRepairOrder(id: $id) { status } }`, { id: ro.id }, clerkA))).toEqual(['CONFLICT']);
    expect(await available(x.id)).toBeCloseTo(beforeRefusals, 3);
    const after = await repairOrder(ro.id);
    expect(after.requisitions).toHaveLength(1);
    expect(after.requisitions[0].lines[0]).toMatchObject({ returned: 1, unitPrice: Number(cap).toFixed(2) });
    expect(after.partsCost).toBe(report.partsCost);
    // A retry of the first requisition still answers with it.
    expect(ok(await requisition(ro.id, lines, 'req-1')).requisitionParts.id).toBe(req.id);
  });

  it('refuses allowPartial=false with INSUFFICIENT_STOCK, issuing nothing and drawing no number', async () => {
    const ro = await open();
    const level = single[5];
    const before = await available(level.partId);
    const refused = await requisition(ro.id, [{ partId: level.partId, quantity: before + 1, warehouseId: warehouseA.id }], 'strict-1', clerkA, false);
    expect(codes(refused)).toEqual(['INSUFFICIENT_STOCK']);
    expect((refused.errors![0].extensions!.params as any).short).toEqual([expect.objectContaining({ partId: level.partId, requested: before + 1, available: before })]);
    expect(await available(level.partId)).toBeCloseTo(before, 3);
    expect(await repairOrder(ro.id)).toMatchObject({ status: 'OPEN', requisitions: [] });
    // The same key may be used again once stock suffices (nothing was recorded under it).
    const req = ok(await requisition(ro.id, [{ partId: level.partId, quantity: 1, warehouseId: warehouseA.id }], 'strict-1', clerkA, false)).requisitionParts;
    const numbers = ok(await p.query(`{ repairOrders(first: 200) { requisitions { number } } }`, {}, clerkA)).repairOrders.flatMap((o: any) => o.requisitions.map((r: any) => r.number)).sort();
    expect(numbers[numbers.length - 1]).toBe(req.number);
    expect(Number(req.number.slice(-6))).toBe(numbers.length);
  });

  it('turns estimated parts (预估材料) into one requisition in one call', async () => {
    const ro = await open();
    const [a, b, c] = [single[6], single[7], single[8]];
    const add = (partId: string, quantity: number) =>
      p.query(`mutation($ro: ID!, $i: EstimatedPartInput!) { addEstimatedPart(repairOrderId: $ro, input: $i) { id part { id } quantity requisitionId } }`, { ro: ro.id, i: { partId, quantity, warehouseId: warehouseA.id } }, clerkA);
    const ea = ok(await add(a.partId, 1)).addEstimatedPart;
    ok(await add(b.partId, 2));
    const ec = ok(await add(c.partId, 1)).addEstimatedPart;
    expect(codes(await add(c.partId, 0))).toEqual(['BAD_USER_INPUT']);
    expect(ok(await p.query(`mutation($id: ID!) { removeEstimatedPart(id: $id) { estimatedParts { id } } }`, { id: ec.id }, clerkA)).removeEstimatedPart.estimatedParts).toHaveLength(2);
    const before = await available(b.partId);
    const convert = (key: string) => p.query(`mutation($ro: ID!, $k: String!) { requisitionEstimatedParts(repairOrderId: $ro, idempotencyKey: $k) { ${REQ} } }`, { ro: ro.id, k: key }, clerkA);
    const req = ok(await convert('est-1')).requisitionEstimatedParts;
    expect(req.lines.map((l: any) => [l.part.id, l.requested, l.issued])).toEqual([[a.partId, 1, 1], [b.partId, 2, 2]]);
    expect(ok(await convert('est-1')).requisitionEstimatedParts).toEqual(req);
    expect(codes(await convert('est-2'))).toEqual(['BAD_USER_INPUT']); // nothing left to turn into a requisition
    expect(await available(b.partId)).toBeCloseTo(before - 2, 3);
    const after = await repairOrder(ro.id);
    expect(after.estimatedParts).toEqual([
      { id: ea.id, part: { id: a.partId }, quantity: 1, requisitionId: req.id },
      expect.objectContaining({ part: { id: b.partId }, requisitionId: req.id }),
    ]);
    expect(codes(await p.query(`mutation($id: ID!) { removeEstimatedPart(id: $id) { id } }`, { id: ea.id }, clerkA))).toEqual(['CONFLICT']);
  });

  it('一进一出: buys a part not stocked and issues it at once, both movements in the ledger', async () => {
    const ro = await open();
    const sp = data.supplierParts.find((s) => !data.stock.some((l) => l.partId === s.partId && l.stationId === stationA.id) && partOf(s.partId).unitPrecision === 0)!;
    const part = partOf(sp.partId);
    const buy = (key: string) => p.query(
      `mutation($ro: ID!, $p: ID!, $w: ID!, $s: ID, $k: String!) { purchaseAndIssue(repairOrderId: $ro, partId: $p, quantity: 2, warehouseId: $w, supplierId: $s, unitPrice: "10.00", idempotencyKey: $k) { ${REQ} } }`,
      { ro: ro.id, p: part.id, w: warehouseA.id, s: sp.supplierId, k: key }, clerkA);
    const req = ok(await buy('buy-1')).purchaseAndIssue;
    expect(req.kind).toBe('PURCHASE_AND_ISSUE');
    expect(req.lines).toEqual([expect.objectContaining({ part: { id: part.id }, requested: 2, issued: 2, shortfall: 0, unitPrice: capped(part.prices.retail, part.prices.hqCap), purchaseOrder: { id: expect.any(String) } })]);
    expect(ok(await buy('buy-1')).purchaseAndIssue).toEqual(req);
    const ledger = (await movements(part.id)).filter((m) => m.reference?.includes(ro.number) || m.type === 'RECEIPT');
    expect(ledger.map((m) => [m.type, Math.abs(m.quantity)]).sort()).toEqual([['ISSUE', 2], ['RECEIPT', 2]]);
    expect(await available(part.id)).toBeCloseTo(0, 3);
    const orders = ok(await p.query(`{ purchaseOrders { id lines { part { id } quantity received } } }`, {}, buyerA)).purchaseOrders;
    expect(orders.filter((o: any) => o.id === req.lines[0].purchaseOrder.id)).toEqual([{ id: req.lines[0].purchaseOrder.id, lines: [{ part: { id: part.id }, quantity: 2, received: 2 }] }]);
  });

  it('cancels only without net issued parts; lists by station and status with a cursor', async () => {
    const ro = await open();
    const level = single[9];
    const req = ok(await requisition(ro.id, [{ partId: level.partId, quantity: 1, warehouseId: warehouseA.id }], 'cancel-1')).requisitionParts;
    const cancel = () => p.query(`mutation($id: ID!) { cancelRepairOrder(id: $id) { status cancelledAt } }`, { id: ro.id }, clerkA);
    expect(codes(await cancel())).toEqual(['CONFLICT']);
    ok(await p.query(RETURN, { l: req.lines[0].id, q: 1 }, clerkA));
    expect(ok(await cancel()).cancelRepairOrder.status).toBe('CANCELLED');
    expect(codes(await requisition(ro.id, [{ partId: level.partId, quantity: 1, warehouseId: warehouseA.id }], 'cancel-2'))).toEqual(['CONFLICT']);

    const mine = ok(await p.query(`{ repairOrders(first: 500) { id station { id } cursor } }`, {}, clerkA)).repairOrders;
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.every((o: any) => o.station.id === stationA.id)).toBe(true);
    const page2 = ok(await p.query(`query($a: String) { repairOrders(first: 2, after: $a) { id } }`, { a: mine[1].cursor }, clerkA)).repairOrders;
    expect(page2.map((o: any) => o.id)).toEqual([mine[2].id, mine[3].id]);
    expect(ok(await p.query(`{ repairOrders(status: CANCELLED) { id status } }`, {}, clerkA)).repairOrders).toEqual([{ id: ro.id, status: 'CANCELLED' }]);
    expect(ok(await p.query(`{ repairOrders { id } }`, {}, clerkB)).repairOrders).toEqual([]);
    expect(codes(await p.query(`query($s: ID) { repairOrders(stationId: $s) { id } }`, { s: stationA.id }, clerkB))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(`query($s: ID) { repairOrders(stationId: $s, first: 200) { id } }`, { s: stationA.id }, hq)).repairOrders).toHaveLength(mine.length);
  });

  it('refuses bad input with coded errors and changes nothing in either subgraph', async () => {
    const ro = await open();
    const level = single[10];
    const part = partOf(level.partId);
    const req = ok(await requisition(ro.id, [{ partId: part.id, quantity: 2, warehouseId: warehouseA.id }], 'bad-0')).requisitionParts;
    const line = req.lines[0];
    const before = await available(part.id);
    const shortagesBefore = ok(await p.query(`{ shortages { id quantity } }`, {}, buyerA)).shortages;
    const roB = await open(clerkB, {});
    const l = (quantity: number) => [{ partId: part.id, quantity, warehouseId: warehouseA.id }];

    expect(codes(await requisition('00000000-0000-4000-8000-000000000001', l(1), 'bad-1'))).toEqual(['NOT_FOUND']);
    expect(codes(await requisition(roB.id, l(1), 'bad-2'))).toEqual(['FORBIDDEN']);
    expect(codes(await requisition(ro.id, l(1), 'bad-3', clerkB))).toEqual(['FORBIDDEN']);
    expect(codes(await requisition(ro.id, l(0), 'bad-4'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await requisition(ro.id, l(-2), 'bad-5'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await requisition(ro.id, l(part.unitPrecision === 0 ? 1.5 : 1.0001), 'bad-6'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await requisition(ro.id, [], 'bad-7'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await requisition(ro.id, [{ partId: '00000000-0000-4000-8000-000000000009', quantity: 1, warehouseId: warehouseA.id }], 'bad-8'))).toEqual(['NOT_FOUND']);
    expect(codes(await requisition(ro.id, l(1), ''))).toEqual(['BAD_USER_INPUT']);
    // A malformed id on a line is refused at the edge (RequisitionLineInput), naming the line, counted from 1.
    const malformed = await requisition(ro.id, [l(1)[0], { partId: 'not-an-id', quantity: 1, warehouseId: warehouseA.id }], 'bad-9');
    expect(codes(malformed)).toEqual(['BAD_USER_INPUT']);
    expect(malformed.errors![0].extensions).toMatchObject({ reason: 'INVALID_VALUE', params: { field: 'lines.2.partId' } });
    // Declared on the resolver (@Authorized): a purchaser is refused before anything is read, with the roles that may.
    const byBuyer = await requisition(ro.id, l(1), 'bad-9', buyerA);
    expect(byBuyer.errors?.map((e) => [e.extensions?.code, e.extensions?.reason, e.extensions?.params])).toEqual([['FORBIDDEN', 'ROLE_REQUIRED', { roles: ['PARTS_CLERK', 'STATION_MANAGER'] }]]);
    expect(byBuyer.errors?.[0].message).not.toMatch(/Access denied/);
    expect(codes(await requisition(ro.id, [{ partId: part.id, quantity: 1, warehouseId: stationB.warehouses[0].id }], 'bad-10'))).toEqual([expect.stringMatching(/FORBIDDEN|NOT_FOUND|BAD_USER_INPUT/)]);
    expect(codes(await p.query(RETURN, { l: line.id, q: 3 }, clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(RETURN, { l: line.id, q: 0 }, clerkA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(RETURN, { l: line.id, q: 1 }, clerkB))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(RETURN, { l: '00000000-0000-4000-8000-000000000002', q: 1 }, clerkA))).toEqual(['NOT_FOUND']);
    expect(codes(await p.query(ADJUST, { l: line.id, p: '1.00' }, clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(ADJUST, { l: line.id, p: '-1.00' }, managerA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(`query($id: ID!) { repairOrder(id: $id) { id } }`, { id: ro.id }, clerkB))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(OPEN, { i: { stationId: stationB.id } }, clerkA))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(OPEN, { i: { vin: 'not-a-vin' } }, clerkA))).toEqual(['BAD_USER_INPUT']);

    expect(await available(part.id)).toBeCloseTo(before, 3);
    expect(ok(await p.query(`{ shortages { id quantity } }`, {}, buyerA)).shortages).toEqual(shortagesBefore);
    const after = await repairOrder(ro.id);
    expect(after.requisitions).toEqual([req]);
    expect(after.status).toBe('IN_PROGRESS');
    expect((await repairOrder(roB.id, clerkB)).requisitions).toEqual([]);
  });

  it('follows the catalog: a new retail price prices the next requisition (the part_fact projection)', async () => {
    const level = single.slice(11).find((l) => partOf(l.partId).prices.hqCap === null || Number(partOf(l.partId).prices.retail) <= Number(partOf(l.partId).prices.hqCap))!;
    const part = partOf(level.partId);
    const ro = await open();
    const line = async (key: string) => ok(await requisition(ro.id, [{ partId: part.id, quantity: 1, warehouseId: warehouseA.id }], key)).requisitionParts.lines[0];
    expect((await line('facts-1')).unitPrice).toBe(capped(part.prices.retail, part.prices.hqCap));
    const { wholesale, member, insurance, internal, hqCap } = part.prices;
    const retail = (Number(part.prices.retail) / 2).toFixed(2);
    ok(await p.query(`mutation($id: ID!, $i: PartInput!) { updatePart(id: $id, input: $i) { id } }`, { id: part.id, i: {
      partNo: part.partNo, name: part.name, nameEn: part.nameEn, spec: part.spec, unit: part.unit, unitPrecision: part.unitPrecision, category: part.category, brand: part.brand,
      barcode: part.barcode, compatibleModelIds: part.compatibleModelIds, prices: { retail, wholesale, member, insurance, internal, hqCap },
    } }, hq));
    // catalog.part_changed reaches workshop through the outbox relay and its consumer: moments, not a request later.
    let price = (await line('facts-2')).unitPrice;
    for (let i = 3; i < 40 && price !== retail; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      price = (await line(`facts-${i}`)).unitPrice;
    }
    expect(price).toBe(retail);
  });
});
