/**
 * Purchase orders through the gateway: creation with supplier prices, the
 * lifecycle and its CONFLICTs, numbering per station and year, roles and
 * station scoping, suppliers.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

const PO_FIELDS = `id number kind status station { id code } supplier { id code } lines { id part { id partNo } quantity unitPrice received accepted damaged outstanding }`;

describe('purchase orders', () => {
  let p: Platform;
  let hq: string;
  let buyerA: string;
  let buyerB: string;
  let clerkA: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const sp = data.supplierParts[0];
  const otherPart = data.supplierParts.find((x) => x.supplierId === sp.supplierId && x.partId !== sp.partId)!;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    buyerA = await p.token('PURCHASER', stationA.id);
    buyerB = await p.token('PURCHASER', stationB.id);
    clerkA = await p.token('PARTS_CLERK', stationA.id);
  });
  afterAll(() => p?.stop());

  const create = (token: string, input: Record<string, unknown>) =>
    p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { ${PO_FIELDS} } }`, { i: input }, token);

  it('creates a DRAFT order priced from the supplier, numbered "CG<year>-…" per station', async () => {
    const r = ok(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 4 }, { partId: otherPart.partId, quantity: 2, unitPrice: '9.90' }] }));
    const po = r.createPurchaseOrder;
    expect(po.status).toBe('DRAFT');
    expect(po.kind).toBe('STANDARD');
    expect(po.number).toMatch(/^CG\d{4}-\d{6}$/);
    expect(po.number.startsWith('P')).toBe(false);
    expect(po.station).toEqual({ id: stationA.id, code: stationA.code });
    expect(po.supplier.id).toBe(sp.supplierId);
    expect(po.lines[0]).toMatchObject({ quantity: 4, unitPrice: sp.unitPrice, received: 0, accepted: 0, damaged: 0, outstanding: 4 });
    expect(po.lines[0].part.partNo).toBe(data.parts.find((x) => x.id === sp.partId)!.partNo);
    expect(po.lines[1].unitPrice).toBe('9.90');
    const next = ok(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }] })).createPurchaseOrder;
    const seq = (n: string) => Number(n.split('-')[1]);
    expect(seq(next.number)).toBe(seq(po.number) + 1);
    // Another station has its own sequence.
    const b = ok(await create(buyerB, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }] })).createPurchaseOrder;
    expect(seq(b.number)).toBe(1);
  });

  it('walks DRAFT → SUBMITTED → SHIPPED, and refuses illegal transitions with CONFLICT', async () => {
    const po = ok(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 3 }] })).createPurchaseOrder;
    expect(codes(await p.query(`mutation($id: ID!) { markShipped(id: $id) { status } }`, { id: po.id }, buyerA))).toEqual(['CONFLICT']);
    expect(codes(await p.query(`mutation($id: ID!) { closePurchaseOrder(id: $id) { status } }`, { id: po.id }, buyerA))).toEqual(['CONFLICT']);
    expect(ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { status } }`, { id: po.id }, buyerA)).submitPurchaseOrder.status).toBe('SUBMITTED');
    expect(codes(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { status } }`, { id: po.id }, buyerA))).toEqual(['CONFLICT']);
    const shipped = ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { status shippedAt submittedAt } }`, { id: po.id }, buyerA)).markShipped;
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.shippedAt).toBeTruthy();
    const cancelled = ok(await p.query(`mutation($id: ID!) { cancelPurchaseOrder(id: $id) { status cancelledAt } }`, { id: po.id }, buyerA)).cancelPurchaseOrder;
    expect(cancelled.status).toBe('CANCELLED');
    expect(codes(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { status } }`, { id: po.id }, buyerA))).toEqual(['CONFLICT']);
  });

  it('lists orders by station and status; station users see only their own', async () => {
    const mine = ok(await p.query(`{ purchaseOrders { station { id } status } }`, {}, buyerA)).purchaseOrders;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((o: any) => o.station.id === stationA.id)).toBe(true);
    const cancelled = ok(await p.query(`{ purchaseOrders(status: CANCELLED) { status } }`, {}, buyerA)).purchaseOrders;
    expect(cancelled.length).toBe(1);
    expect(codes(await p.query(`query($s: ID) { purchaseOrders(stationId: $s) { id } }`, { s: stationB.id }, buyerA))).toEqual(['FORBIDDEN']);
    const all = ok(await p.query(`{ purchaseOrders { station { id } } }`, {}, hq)).purchaseOrders;
    expect(new Set(all.map((o: any) => o.station.id))).toEqual(new Set([stationA.id, stationB.id]));
  });

  it('refuses another station\'s order and a PARTS_CLERK; HQ must name the station', async () => {
    const b = ok(await p.query(`{ purchaseOrders { id } }`, {}, buyerB)).purchaseOrders[0];
    expect(codes(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { status } }`, { id: b.id }, buyerA))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { id } }`, { id: b.id }, buyerA))).toEqual(['FORBIDDEN']);
    expect(codes(await create(clerkA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }] }))).toEqual(['FORBIDDEN']);
    expect(codes(await create(buyerA, { stationId: stationB.id, supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }] }))).toEqual(['FORBIDDEN']);
    expect(codes(await create(hq, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }] }))).toEqual(['BAD_USER_INPUT']);
    const byHq = ok(await create(hq, { stationId: stationB.id, supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }] })).createPurchaseOrder;
    expect(byHq.station.id).toBe(stationB.id);
  });

  it('refuses bad lines: negative or fractional quantities, unknown parts and suppliers, duplicates, no price', async () => {
    const before = ok(await p.query(`{ purchaseOrders { id } }`, {}, hq)).purchaseOrders.length;
    const piece = data.parts.find((x) => x.unitPrecision === 0 && x.id === sp.partId) ?? data.parts.find((x) => x.id === sp.partId)!;
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: -1 }] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 0 }] }))).toEqual(['BAD_USER_INPUT']);
    if (piece.unitPrecision === 0) expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1.5 }] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1 }, { partId: sp.partId, quantity: 2 }] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: '00000000-0000-4000-8000-000000000001', quantity: 1 }] }))).toEqual(['NOT_FOUND']);
    expect(codes(await create(buyerA, { supplierId: '00000000-0000-4000-8000-000000000001', lines: [{ partId: sp.partId, quantity: 1 }] }))).toEqual(['NOT_FOUND']);
    const unlisted = data.parts.find((x) => !data.supplierParts.some((s) => s.supplierId === sp.supplierId && s.partId === x.id))!;
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: unlisted.id, quantity: 1 }] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await create(buyerA, { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 1, unitPrice: '-2.00' }] }))).toEqual(['BAD_USER_INPUT']);
    expect(ok(await p.query(`{ purchaseOrders { id } }`, {}, hq)).purchaseOrders.length).toBe(before);
  });

  it('suppliers: created with a lead time, listed, a taken code is CONFLICT', async () => {
    const s = ok(await p.query(`mutation { createSupplier(input: { code: "LOCAL-01", name: "本地供应商", leadTimeDays: 3 }) { id code leadTimeDays } }`, {}, buyerA)).createSupplier;
    expect(s).toMatchObject({ code: 'LOCAL-01', leadTimeDays: 3 });
    expect(codes(await p.query(`mutation { createSupplier(input: { code: "LOCAL-01", name: "again", leadTimeDays: 3 }) { id } }`, {}, buyerA))).toEqual(['CONFLICT']);
    expect(codes(await p.query(`mutation { createSupplier(input: { code: "X", name: "bad", leadTimeDays: -1 }) { id } }`, {}, buyerA))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(`mutation { createSupplier(input: { code: "Y", name: "clerk", leadTimeDays: 1 }) { id } }`, {}, clerkA))).toEqual(['FORBIDDEN']);
    const list = ok(await p.query(`{ suppliers { code leadTimeDays } }`, {}, clerkA)).suppliers;
    expect(list.length).toBe(data.suppliers.length + 1);
  });

  it('answers _entities for PurchaseOrder, hiding other stations\' orders', async () => {
    const a = ok(await p.query(`{ purchaseOrders { id number } }`, {}, buyerA)).purchaseOrders[0];
    const b = ok(await p.query(`{ purchaseOrders { id } }`, {}, buyerB)).purchaseOrders[0];
    const r = ok(await p.querySubgraph('procurement', `query($r: [_Any!]!) { _entities(representations: $r) { ... on PurchaseOrder { number } } }`,
      { r: [{ __typename: 'PurchaseOrder', id: a.id }, { __typename: 'PurchaseOrder', id: b.id }] }, buyerA));
    expect(r._entities).toEqual([{ number: a.number }, null]);
  });
});
