/**
 * Purchasing end to end (issue 24) through the gateway on the demo data:
 * suppliers' offers (set, preferred, import, remove), orders from
 * recommendations — one draft per preferred supplier, rounded to the offer's
 * pack and minimum, parts nobody offers named — draft edit and cancel with a
 * reason, damaged goods back to the supplier (SUPPLIER_RETURN, idempotent,
 * ALREADY_RETURNED), the claim settled, and shortages acknowledged per user.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok, type GqlResponse } from '../helpers/graphql';

const OFFER = `supplier { id code } part { id partNo } unitPrice leadTimeDays minOrderQty packSize preferred`;
const RECS = `query R($s: ID!, $p: [ID!]) { reorderRecommendations(stationId: $s, partIds: $p) {
  part { id partNo } supplierId suggestedQuantity netRequirement fromNetworkSurplus packSize minOrderQty leadTimeDays explanation } }`;
const PO = `id number status kind createdAt submittedAt expectedAt cancelReason amount supplier { id code }
  lines { id part { id partNo } quantity unitPrice amount offer { packSize minOrderQty preferred } }`;
const SET_OFFER = `mutation($i: SupplierOfferInput!) { setSupplierOffer(input: $i) { ${OFFER} } }`;
const FROM_RECS = `mutation($s: ID!, $p: [ID!]!) { createPurchaseOrdersFromRecommendations(stationId: $s, partIds: $p) { ${PO} } }`;

const reasonOf = (r: GqlResponse) => r.errors?.[0]?.extensions?.reason;
const paramsOf = (r: GqlResponse) => r.errors?.[0]?.extensions?.params as Record<string, any> | undefined;

describe('purchasing: offers, orders from recommendations, drafts, returns, acknowledgements', () => {
  let p: Platform;
  let buyer: string;
  let hq: string;
  const data = demoData();
  const station = data.stations[0];
  const warehouse = station.warehouses[0];
  const [s1, s2] = data.suppliers;
  const parts = new Map(data.parts.map((x) => [x.id, x]));
  /** Parts of station A the engine wants to buy, whole-unit ones, taken one test at a time so that drafts do not change another test's numbers. */
  let toBuy: string[] = [];
  const take = () => toBuy.shift()!;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    buyer = await p.token('PURCHASER', station.id, 'buyer-a');
    hq = await p.token('HQ_ADMIN');
    const candidates = data.parts.filter((x) => x.unitPrecision === 0).slice(0, 120).map((x) => x.id);
    const recs = ok(await p.query(RECS, { s: station.id, p: candidates }, buyer)).reorderRecommendations;
    toBuy = recs.filter((r: any) => r.suggestedQuantity > 0 && r.supplierId).map((r: any) => r.part.id);
    expect(toBuy.length).toBeGreaterThanOrEqual(8);
  });
  afterAll(() => p?.stop());

  const offersOf = async (partId: string) => ok(await p.query(`query($id: ID!) { part(id: $id) { offers { ${OFFER} } } }`, { id: partId }, buyer)).part.offers;
  const recOf = async (partId: string) => ok(await p.query(RECS, { s: station.id, p: [partId] }, buyer)).reorderRecommendations[0];

  it('sets offers on a part: one preferred at a time, shown on Part.offers, with the part\'s pack and minimum unless the offer sets its own', async () => {
    const partId = data.parts.find((x) => x.unitPrecision === 0 && x.packSize > 1)!.id;
    const part = parts.get(partId)!;
    const before = await offersOf(partId);
    expect(before.filter((o: any) => o.preferred)).toHaveLength(1);
    expect(before[0].preferred).toBe(true); // preferred first
    expect(before[0].packSize).toBe(part.packSize);

    const other = data.suppliers.find((s) => !before.some((o: any) => o.supplier.id === s.id))!;
    const set = ok(await p.query(SET_OFFER, { i: { supplierId: other.id, partId, unitPrice: '12.30', leadTimeDays: 3, minOrderQty: 10, packSize: 5, preferred: true } }, buyer)).setSupplierOffer;
    expect(set).toMatchObject({ supplier: { id: other.id }, part: { partNo: part.partNo }, unitPrice: '12.30', leadTimeDays: 3, minOrderQty: 10, packSize: 5, preferred: true });
    const after = await offersOf(partId);
    expect(after.filter((o: any) => o.preferred).map((o: any) => o.supplier.id)).toEqual([other.id]);
    expect(after).toHaveLength(before.length + 1);

    // the recommendation plans with the preferred offer's lead time, pack and minimum
    const rec = await recOf(partId);
    expect(rec).toMatchObject({ supplierId: other.id, leadTimeDays: 3, packSize: 5, minOrderQty: 10 });

    // removing the preferred offer hands the preference on; removing nothing answers false
    expect(ok(await p.query(`mutation($s: ID!, $p: ID!) { removeSupplierOffer(supplierId: $s, partId: $p) }`, { s: other.id, p: partId }, buyer)).removeSupplierOffer).toBe(true);
    expect(ok(await p.query(`mutation($s: ID!, $p: ID!) { removeSupplierOffer(supplierId: $s, partId: $p) }`, { s: other.id, p: partId }, buyer)).removeSupplierOffer).toBe(false);
    const back = await offersOf(partId);
    expect(back.filter((o: any) => o.preferred)).toHaveLength(1);
    expect(back).toHaveLength(before.length);

    // refusals carry reasons
    const neg = await p.query(SET_OFFER, { i: { supplierId: s1.id, partId, unitPrice: '-1.00' } }, buyer);
    expect(codes(neg)).toEqual(['BAD_USER_INPUT']);
    expect(reasonOf(neg)).toBe('MONEY_OUT_OF_RANGE'); // the gateway checks every money input before planning, as for any Decimal
    const unknown = await p.query(SET_OFFER, { i: { supplierId: '00000000-0000-4000-8000-000000000000', partId, unitPrice: '1.00' } }, buyer);
    expect(reasonOf(unknown)).toBe('SUPPLIER_NOT_FOUND');
    const clerk = await p.token('PARTS_CLERK', station.id);
    expect(codes(await p.query(SET_OFFER, { i: { supplierId: s1.id, partId, unitPrice: '1.00' } }, clerk))).toEqual(['FORBIDDEN']);
  });

  it('imports offers: good rows go in, bad rows are reported by position, re-running is safe', async () => {
    const [a, b] = data.parts.slice(300, 302);
    const rows = [
      { supplierId: s2.id, partId: a.id, unitPrice: '8.00', packSize: 4 },
      { supplierId: s2.id, partId: b.id, unitPrice: '9.50', preferred: true },
      { supplierId: s2.id, partId: a.id, unitPrice: '8.00' },
      { supplierId: s2.id, partId: '00000000-0000-4000-8000-000000000001', unitPrice: '1.00' },
    ];
    const q = `mutation($rows: [SupplierOfferInput!]!) { importSupplierOffers(rows: $rows) { created updated unchanged errors { row partNo message reason params } } }`;
    const first = ok(await p.query(q, { rows }, buyer)).importSupplierOffers;
    expect(first.errors.map((e: any) => e.row)).toEqual([3, 4]);
    expect(first.errors.map((e: any) => e.reason)).toEqual(['DUPLICATE_ROW', expect.stringMatching(/NOT_FOUND$/)]);
    expect(first.errors[0].params).toMatchObject({ row: 3 });
    expect(first.created + first.updated).toBe(2);
    const again = ok(await p.query(q, { rows: rows.slice(0, 2) }, buyer)).importSupplierOffers;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [] });
    expect((await offersOf(b.id)).find((o: any) => o.preferred).supplier.id).toBe(s2.id);
    expect((await offersOf(a.id)).find((o: any) => o.supplier.id === s2.id).packSize).toBe(4);
  });

  it('rounds the recommended quantity up to the preferred offer\'s packs and minimum, and the explanation says so', async () => {
    const partId = take();
    const offers = await offersOf(partId);
    const pref = offers.find((o: any) => o.preferred);
    const before = await recOf(partId);
    const need = before.netRequirement - before.fromNetworkSurplus;
    expect(need).toBeGreaterThan(0);
    const pack = Math.max(7, Math.ceil(need / 2) + 1); // never a divisor of the need: rounding shows
    ok(await p.query(SET_OFFER, { i: { supplierId: pref.supplier.id, partId, unitPrice: pref.unitPrice, packSize: pack, minOrderQty: 0, preferred: true } }, buyer));
    const rec = await recOf(partId);
    expect(rec.packSize).toBe(pack);
    const needNow = rec.netRequirement - rec.fromNetworkSurplus;
    expect(rec.suggestedQuantity % pack).toBe(0);
    expect(rec.suggestedQuantity).toBeGreaterThanOrEqual(needNow);
    expect(rec.suggestedQuantity).toBeLessThan(needNow + pack);
    expect(rec.explanation).toContain(`包装 ${pack}`);
    expect(rec.explanation).toContain(`需补 ${needNow}`);
    expect(rec.explanation).toContain(`建议新采购 ${rec.suggestedQuantity}`);

    // the draft carries exactly that quantity, at the offer's price
    const [po] = ok(await p.query(FROM_RECS, { s: station.id, p: [partId] }, buyer)).createPurchaseOrdersFromRecommendations;
    expect(po.lines).toEqual([expect.objectContaining({ part: expect.objectContaining({ id: partId }), quantity: rec.suggestedQuantity, unitPrice: pref.unitPrice })]);
    expect(po.lines[0].offer).toMatchObject({ packSize: pack, minOrderQty: 0, preferred: true });

    // a minimum above the need wins over single units
    const other = take();
    const otherPref = (await offersOf(other)).find((o: any) => o.preferred);
    const otherNeed = (await recOf(other)).netRequirement;
    const moq = Math.ceil(otherNeed) + 3;
    ok(await p.query(SET_OFFER, { i: { supplierId: otherPref.supplier.id, partId: other, unitPrice: otherPref.unitPrice, packSize: 1, minOrderQty: moq, preferred: true } }, buyer));
    const withMoq = await recOf(other);
    expect(withMoq.minOrderQty).toBe(moq);
    // the lot changes the policy too, so the engine may decide not to stock the part at all; when it buys, it buys at least the minimum
    if (withMoq.suggestedQuantity > 0) {
      expect(withMoq.suggestedQuantity).toBeGreaterThanOrEqual(moq);
      expect(withMoq.explanation).toContain(`起订量 ${moq}`);
    }
  });

  it('makes one draft per preferred supplier, and names the parts nobody offers', async () => {
    const [a, b, c] = [take(), take(), take()];
    for (const [partId, supplier] of [[a, s1], [b, s2], [c, s2]] as const) {
      ok(await p.query(SET_OFFER, { i: { supplierId: supplier.id, partId, unitPrice: '20.00', preferred: true } }, buyer));
    }
    const recs = ok(await p.query(RECS, { s: station.id, p: [a, b, c] }, buyer)).reorderRecommendations;
    const want = new Map(recs.map((r: any) => [r.part.id, r.suggestedQuantity]));
    const orders = ok(await p.query(FROM_RECS, { s: station.id, p: [a, b, c] }, buyer)).createPurchaseOrdersFromRecommendations;
    expect(orders).toHaveLength(2);
    const bySupplier = new Map<string, any>(orders.map((o: any) => [o.supplier.id, o]));
    expect(bySupplier.get(s1.id).lines.map((l: any) => l.part.id)).toEqual([a]);
    expect(bySupplier.get(s2.id).lines.map((l: any) => l.part.id).sort()).toEqual([b, c].sort());
    for (const o of orders) {
      expect(o).toMatchObject({ status: 'DRAFT', kind: 'STANDARD', submittedAt: null, expectedAt: null, cancelReason: null });
      expect(o.number).toMatch(/^CG\d{4}-\d{6}$/);
      for (const l of o.lines) {
        expect(l.quantity).toBe(want.get(l.part.id));
        expect(l.unitPrice).toBe('20.00');
      }
      const cents = o.lines.reduce((s: number, l: any) => s + Math.round(l.quantity * 2000), 0);
      expect(o.amount).toBe((cents / 100).toFixed(2));
    }

    // a part without any offer: nothing is created, and the part is named
    const d = take();
    const offers = await offersOf(d);
    for (const o of offers) ok(await p.query(`mutation($s: ID!, $p: ID!) { removeSupplierOffer(supplierId: $s, partId: $p) }`, { s: o.supplier.id, p: d }, buyer));
    const countBefore = ok(await p.query(`{ purchaseOrders { id } }`, {}, buyer)).purchaseOrders.length;
    const e = take();
    const refused = await p.query(FROM_RECS, { s: station.id, p: [e, d] }, buyer);
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(reasonOf(refused)).toBe('NO_SUPPLIER_OFFER');
    expect(paramsOf(refused)?.partNos).toEqual([parts.get(d)!.partNo]);
    expect(ok(await p.query(`{ purchaseOrders { id } }`, {}, buyer)).purchaseOrders.length).toBe(countBefore);
    toBuy.unshift(e);
  });

  it('edits a draft, then submits it (expectedAt from the lead time) and refuses edits; cancels with a reason', async () => {
    const [a, b] = data.parts.filter((x) => x.unitPrecision === 0).slice(400, 402);
    const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { ${PO} } }`,
      { i: { supplierId: s1.id, lines: [{ partId: a.id, quantity: 3, unitPrice: '10.00' }] } }, buyer)).createPurchaseOrder;
    expect(po.amount).toBe('30.00');
    const updated = ok(await p.query(`mutation($id: ID!, $i: PurchaseOrderInput!) { updatePurchaseOrder(id: $id, input: $i) { ${PO} } }`,
      { id: po.id, i: { supplierId: s2.id, lines: [{ partId: a.id, quantity: 5, unitPrice: '10.00' }, { partId: b.id, quantity: 2, unitPrice: '2.50' }], note: '改为两行' } }, buyer)).updatePurchaseOrder;
    expect(updated).toMatchObject({ id: po.id, number: po.number, status: 'DRAFT', supplier: { id: s2.id }, amount: '55.00' });
    expect(updated.lines.map((l: any) => [l.part.id, l.quantity, l.amount])).toEqual([[a.id, 5, '50.00'], [b.id, 2, '5.00']]);

    const submitted = ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { ${PO} } }`, { id: po.id }, buyer)).submitPurchaseOrder;
    expect(submitted.submittedAt).toBeTruthy();
    const days = (Date.parse(submitted.expectedAt) - Date.parse(submitted.submittedAt)) / 86_400_000;
    expect(days).toBe(s2.leadTimeDays);
    const late = await p.query(`mutation($id: ID!, $i: PurchaseOrderInput!) { updatePurchaseOrder(id: $id, input: $i) { id } }`,
      { id: po.id, i: { supplierId: s2.id, lines: [{ partId: a.id, quantity: 1, unitPrice: '1.00' }] } }, buyer);
    expect(codes(late)).toEqual(['CONFLICT']);
    expect(reasonOf(late)).toBe('ORDER_NOT_DRAFT');

    const cancelled = ok(await p.query(`mutation($id: ID!, $r: String) { cancelPurchaseOrder(id: $id, reason: $r) { ${PO} cancelledAt } }`, { id: po.id, r: '供应商停产' }, buyer)).cancelPurchaseOrder;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelReason: '供应商停产' });
    const again = await p.query(`mutation($id: ID!) { cancelPurchaseOrder(id: $id) { id } }`, { id: po.id }, buyer);
    expect(reasonOf(again)).toBe('ORDER_STATUS_CONFLICT');
    const missing = await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id } }`,
      { i: { supplierId: s1.id, lines: [{ partId: data.parts[1999].id, quantity: 1 }] } }, buyer);
    if (!data.supplierParts.some((x) => x.supplierId === s1.id && x.partId === data.parts[1999].id)) {
      expect(reasonOf(missing)).toBe('SUPPLIER_DOES_NOT_OFFER_PART');
      expect(paramsOf(missing)).toMatchObject({ partNo: data.parts[1999].partNo, line: 1 });
    }
  });

  it('returns damaged goods to the supplier once (SUPPLIER_RETURN out of quarantine), then settles the claim', async () => {
    const sp = data.supplierParts.find((x) => x.supplierId === s1.id && parts.get(x.partId)!.unitPrecision === 0)!;
    const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id } } }`,
      { i: { supplierId: s1.id, lines: [{ partId: sp.partId, quantity: 6 }] } }, buyer)).createPurchaseOrder;
    ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, buyer));
    ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id }, buyer));
    const receipt = ok(await p.query(`mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!) { receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: "pur-rcv-1") {
      damageClaim { id number status } lines { quarantineBin { id } } } }`,
      { po: po.id, w: warehouse.id, l: [{ purchaseOrderLineId: po.lines[0].id, received: 6, damaged: 2, damageReason: '压损' }] }, buyer)).receiveGoods;
    const claim = receipt.damageClaim;
    const quarantine = receipt.lines[0].quarantineBin.id;
    const inQuarantine = async () => {
      const s = ok(await p.query(`query($id: ID!, $w: ID) { part(id: $id) { stock(warehouseId: $w) { levels { onHand bin { id } } } } }`, { id: sp.partId, w: warehouse.id }, hq)).part.stock;
      return s.levels.filter((l: any) => l.bin.id === quarantine).reduce((a: number, l: any) => a + l.onHand, 0);
    };
    const supplierReturns = async () => ok(await p.query(`query($p: ID!) { stockMovements(partId: $p, first: 50) { type quantity reference } }`, { p: sp.partId }, hq))
      .stockMovements.filter((m: any) => m.type === 'SUPPLIER_RETURN');
    const before = await inQuarantine();
    expect(before).toBeGreaterThanOrEqual(2);
    const RETURN = `mutation($id: ID!, $k: String!) { returnDamagedGoods(damageClaimId: $id, idempotencyKey: $k) { id status returnedAt returnedBy } }`;

    // an OPEN claim has not been sent to the supplier yet
    const early = await p.query(RETURN, { id: claim.id, k: 'ret-1' }, buyer);
    expect(codes(early)).toEqual(['CONFLICT']);
    expect(reasonOf(early)).toBe('CLAIM_NOT_RETURNABLE');
    ok(await p.query(`mutation($id: ID!) { submitDamageClaim(id: $id) { status } }`, { id: claim.id }, buyer));
    ok(await p.query(`mutation($id: ID!) { acceptDamageClaim(id: $id, note: "同意补发") { status } }`, { id: claim.id }, buyer));

    const first = ok(await p.query(RETURN, { id: claim.id, k: 'ret-1' }, buyer)).returnDamagedGoods;
    expect(first.returnedAt).toBeTruthy();
    expect(first.returnedBy).toBe('buyer-a');
    expect(await inQuarantine()).toBe(before - 2);
    expect(await supplierReturns()).toEqual([{ type: 'SUPPLIER_RETURN', quantity: -2, reference: claim.number }]);

    // the same key: the first result, nothing moves again
    const same = ok(await p.query(RETURN, { id: claim.id, k: 'ret-1' }, buyer)).returnDamagedGoods;
    expect(same).toEqual(first);
    expect(await inQuarantine()).toBe(before - 2);
    expect(await supplierReturns()).toHaveLength(1);
    // another key after the return
    const twice = await p.query(RETURN, { id: claim.id, k: 'ret-2' }, buyer);
    expect(codes(twice)).toEqual(['CONFLICT']);
    expect(reasonOf(twice)).toBe('ALREADY_RETURNED');
    expect(paramsOf(twice)).toMatchObject({ number: claim.number });

    const settled = ok(await p.query(`mutation($id: ID!) { settleDamageClaim(id: $id, note: "已补发") { status resolutionNote returnedAt purchaseOrder { id damageClaims { id status } } replacementOrder { number status } } }`, { id: claim.id }, buyer)).settleDamageClaim;
    expect(settled).toMatchObject({ status: 'SETTLED', resolutionNote: '已补发', purchaseOrder: { id: po.id, damageClaims: [{ id: claim.id, status: 'SETTLED' }] } });
    expect(settled.replacementOrder.number).toMatch(/^P/);
    const afterSettle = await p.query(RETURN, { id: claim.id, k: 'ret-3' }, buyer);
    expect(reasonOf(afterSettle)).toBe('ALREADY_RETURNED');
  });

  it('acknowledges a shortage for the caller only, and it stays acknowledged', async () => {
    const clerk = await p.token('PARTS_CLERK', station.id, 'clerk-a');
    const level = data.stock.find((l) => l.stationId === station.id && l.onHand >= 1 && parts.get(l.partId)!.unitPrecision === 0)!;
    const ro = ok(await p.query(`mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { id } }`, { i: { stationId: station.id, vin: 'LVVDB11B5KD000009', plate: '京A·ACK01' } }, clerk)).openRepairOrder;
    ok(await p.query(`mutation($ro: ID!, $l: [RequisitionLineInput!]!) { requisitionParts(repairOrderId: $ro, lines: $l, allowPartial: true, idempotencyKey: "ack-req-1") { id } }`,
      { ro: ro.id, l: [{ partId: level.partId, quantity: 9999, warehouseId: level.warehouseId }] }, clerk));
    const list = async (token: string) => {
      for (let i = 0; i < 50; i++) {
        const rows = ok(await p.query(`{ shortages { id kind quantity acknowledgedByMe part { id } } }`, {}, token)).shortages.filter((s: any) => s.part.id === level.partId && s.kind === 'REQUISITION_SHORTFALL');
        if (rows.length) return rows;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the shortage did not open');
    };
    const [s] = await list(buyer);
    expect(s.acknowledgedByMe).toBe(false);
    expect(s.quantity).toBeGreaterThan(0);
    const ack = ok(await p.query(`mutation($id: ID!) { acknowledgeShortage(id: $id) { id acknowledgedByMe } }`, { id: s.id }, buyer)).acknowledgeShortage;
    expect(ack).toEqual({ id: s.id, acknowledgedByMe: true });
    ok(await p.query(`mutation($id: ID!) { acknowledgeShortage(id: $id) { id } }`, { id: s.id }, buyer)); // again: no change
    expect((await list(buyer))[0].acknowledgedByMe).toBe(true); // a new request (another device) sees it
    expect((await list(clerk))[0].acknowledgedByMe).toBe(false); // another person does not
    const otherStation = await p.token('PURCHASER', data.stations[1].id);
    expect(codes(await p.query(`mutation($id: ID!) { acknowledgeShortage(id: $id) { id } }`, { id: s.id }, otherStation))).toEqual(['FORBIDDEN']);
  });
});
