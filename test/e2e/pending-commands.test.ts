/**
 * Every command that writes across subgraphs is a pending command
 * (subgraphs/shared/src/pending-command.ts): a crash after stock (and
 * procurement) did their part, before the caller wrote its own, is finished
 * exactly once by a retry with the same key, or by the sweep when nobody
 * retries. One test per command and way of finishing: workshop's counter
 * sales, returns and purchase-and-issue, procurement's damaged-goods return;
 * the requisition itself is in requisition-saga.test.ts, receiving's stock
 * posting in receiving.test.ts, the depot's shipment in depot.test.ts.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok, type GqlResponse } from '../helpers/graphql';
import { sweepPending, type FaultPoint } from '../../subgraphs/shared/src';
import { recoverPending } from '../../subgraphs/workshop/src/pending-commands';
import { pendingDamageReturns } from '../../subgraphs/procurement/src/damage-claim/damage-claim-return.service';
import { ProcurementDamageReturnCommand1765000000000 } from '../../subgraphs/procurement/src/migrations/1765000000000-procurement-damage-return-command';

const SELL = `mutation($i: CounterSaleInput!, $k: String!) { sellOverCounter(input: $i, idempotencyKey: $k) { id number lines { id part { id } requested issued returned } } }`;
const SALE_RETURN = `mutation($l: ID!, $q: Float!, $k: String!) { returnCounterSaleLine(lineId: $l, quantity: $q, idempotencyKey: $k) { id issued returned } }`;
const REQ = `id kind lines { id part { id } requested issued returned purchaseOrder { id } }`;
const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { ${REQ} } }`;
const RETURN = `mutation($l: ID!, $q: Float!, $k: String) { returnParts(requisitionLineId: $l, quantity: $q, idempotencyKey: $k) { id issued returned } }`;
const CLAIM = `id number status updatedAt returnedAt returnedBy`;
const RETURN_GOODS = `mutation($id: ID!, $k: String!) { returnDamagedGoods(damageClaimId: $id, idempotencyKey: $k) { ${CLAIM} } }`;
const BUY = `mutation($ro: ID!, $p: ID!, $w: ID!, $s: ID, $k: String!) {
  purchaseAndIssue(repairOrderId: $ro, partId: $p, quantity: 2, warehouseId: $w, supplierId: $s, unitPrice: "10.00", idempotencyKey: $k) { ${REQ} } }`;

describe('pending commands: a crash after the remote step is finished exactly once', () => {
  let p: Platform;
  let hq: string;
  let clerk: string;
  let buyer: string;
  const data = demoData();
  const [station] = data.stations;
  const warehouse = station.warehouses[0];
  const single = data.stock.filter((l) => l.stationId === station.id && l.warehouseId === warehouse.id && l.onHand >= 6
    && data.stock.filter((x) => x.partId === l.partId && x.stationId === station.id).length === 1);
  const unstocked = data.supplierParts.filter((s) => !data.stock.some((l) => l.partId === s.partId && l.stationId === station.id)
    && data.parts.find((x) => x.id === s.partId)!.unitPrecision === 0).filter((s, i, all) => all.findIndex((x) => x.partId === s.partId) === i);
  const available = async (partId: string) =>
    ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { available } } }`, { id: partId, s: station.id }, hq)).part.stock.available as number;
  const movements = async (partId: string, type: string) =>
    ok(await p.query(`query($p: ID!, $s: ID) { stockMovements(partId: $p, stationId: $s, first: 200) { type quantity } }`, { p: partId, s: station.id }, hq)).stockMovements
      .filter((m: any) => m.type === type).length as number;
  const sales = async () => ok(await p.query(`{ counterSales(first: 200) { id } }`, {}, clerk)).counterSales.length as number;
  const open = async () => ok(await p.query(`mutation { openRepairOrder(input: {}) { id number } }`, {}, clerk)).openRepairOrder as { id: string; number: string };
  const orderLines = async (roId: string) => ok(await p.query(`query($id: ID!) { repairOrder(id: $id) { requisitions { ${REQ} } } }`, { id: roId }, clerk)).repairOrder.requisitions;
  /** Parts no other test here touches, offered by a supplier: received with damage for the damaged-goods return. */
  const untouched = data.supplierParts.filter((s) => data.parts.find((x) => x.id === s.partId)!.unitPrecision === 0
    && !single.some((l) => l.partId === s.partId) && !unstocked.some((u) => u.partId === s.partId))
    .filter((s, i, all) => all.findIndex((x) => x.partId === s.partId) === i);
  /** The next command through `point` fails right after its remote step, as if the process died there. */
  const crashOnce = (point: FaultPoint, subgraph: 'workshop' | 'procurement' = 'workshop') => {
    let armed = true;
    p.subgraphs[subgraph].runtime.faults = { [point]: () => { if (armed) { armed = false; throw new Error(`injected crash at ${point}`); } } };
  };
  const sweep = () => recoverPending(p.subgraphs.workshop.runtime, 0);
  const sweepProcurement = () => sweepPending(p.subgraphs.procurement.runtime, [pendingDamageReturns], 0);
  const claim = async (id: string) => ok(await p.query(`query($id: ID!) { damageClaim(id: $id) { ${CLAIM} } }`, { id }, buyer)).damageClaim;
  /** A submitted damage claim of 2 damaged units of the part, received into the station's quarantine. */
  const submittedClaim = async (sp: { supplierId: string; partId: string }, key: string) => {
    const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id } } }`,
      { i: { supplierId: sp.supplierId, lines: [{ partId: sp.partId, quantity: 5 }] } }, buyer)).createPurchaseOrder;
    ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, buyer));
    ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id }, buyer));
    const receipt = ok(await p.query(`mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!, $k: String!) {
      receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: $k) { damageClaim { id number } } }`,
    { po: po.id, w: warehouse.id, l: [{ purchaseOrderLineId: po.lines[0].id, received: 5, damaged: 2, damageReason: '压损' }], k: key }, buyer)).receiveGoods;
    ok(await p.query(`mutation($id: ID!) { submitDamageClaim(id: $id) { status } }`, { id: receipt.damageClaim.id }, buyer));
    return receipt.damageClaim as { id: string; number: string };
  };
  const quarantined = async (partId: string) => {
    const s = ok(await p.query(`query($id: ID!, $w: ID) { part(id: $id) { stock(warehouseId: $w) { levels { onHand bin { quarantine } } } } }`, { id: partId, w: warehouse.id }, hq)).part.stock;
    return s.levels.filter((l: any) => l.bin.quarantine).reduce((a: number, l: any) => a + l.onHand, 0) as number;
  };
  const reasonOf = (r: GqlResponse) => r.errors?.[0]?.extensions?.reason;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', station.id, 'clerk-pending');
    buyer = await p.token('PURCHASER', station.id, 'buyer-pending');
  });
  afterEach(() => { p.subgraphs.workshop.runtime.faults = {}; p.subgraphs.procurement.runtime.faults = {}; });
  afterAll(() => p?.stop());

  describe.each(['retry', 'sweep'] as const)('finished by a %s', (finish) => {
    const n = finish === 'retry' ? 0 : 1;

    it('counter sale', async () => {
      const level = single[n];
      const before = await available(level.partId);
      const salesBefore = await sales();
      const input = { customerType: 'WALK_IN', lines: [{ partId: level.partId, quantity: 2, warehouseId: warehouse.id }] };
      crashOnce('counterSale.afterRemote');
      expect(codes(await p.query(SELL, { i: input, k: `sale-${finish}` }, clerk))).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await available(level.partId)).toBeCloseTo(before - 2, 3);
      expect(await sales()).toBe(salesBefore);
      if (finish === 'sweep') expect((await sweep())['counter sale']).toBeGreaterThanOrEqual(1);
      const sale = ok(await p.query(SELL, { i: input, k: `sale-${finish}` }, clerk)).sellOverCounter;
      expect(sale.lines).toEqual([expect.objectContaining({ part: { id: level.partId }, requested: 2, issued: 2 })]);
      expect(await sales()).toBe(salesBefore + 1);
      expect(await available(level.partId)).toBeCloseTo(before - 2, 3);
      // The same key with another request is a refusal, not the first sale.
      expect(codes(await p.query(SELL, { i: { ...input, customerType: 'MEMBER' }, k: `sale-${finish}` }, clerk))).toEqual(['CONFLICT']);
    });

    it('counter-sale return', async () => {
      const level = single[2 + n];
      const sale = ok(await p.query(SELL, { i: { customerType: 'WALK_IN', lines: [{ partId: level.partId, quantity: 2, warehouseId: warehouse.id }] }, k: `sale-for-return-${finish}` }, clerk)).sellOverCounter;
      const before = await available(level.partId);
      const returnsBefore = await movements(level.partId, 'RETURN');
      crashOnce('counterSaleReturn.afterRemote');
      const ret = () => p.query(SALE_RETURN, { l: sale.lines[0].id, q: 1, k: `sale-return-${finish}` }, clerk);
      expect(codes(await ret())).toEqual(['INTERNAL_SERVER_ERROR']);
      if (finish === 'sweep') expect((await sweep())['counter-sale return']).toBeGreaterThanOrEqual(1);
      expect(ok(await ret()).returnCounterSaleLine).toMatchObject({ issued: 2, returned: 1 });
      expect(await available(level.partId)).toBeCloseTo(before + 1, 3);
      expect(await movements(level.partId, 'RETURN')).toBe(returnsBefore + 1);
    });

    it('requisition return', async () => {
      const level = single[4 + n];
      const ro = await open();
      const req = ok(await p.query(REQUISITION, { ro: ro.id, l: [{ partId: level.partId, quantity: 2, warehouseId: warehouse.id }], k: `req-for-return-${finish}` }, clerk)).requisitionParts;
      const before = await available(level.partId);
      const returnsBefore = await movements(level.partId, 'RETURN');
      crashOnce('requisitionReturn.afterRemote');
      const ret = () => p.query(RETURN, { l: req.lines[0].id, q: 1, k: `return-${finish}` }, clerk);
      expect(codes(await ret())).toEqual(['INTERNAL_SERVER_ERROR']);
      if (finish === 'sweep') expect((await sweep())['requisition return']).toBeGreaterThanOrEqual(1);
      expect(ok(await ret()).returnParts).toMatchObject({ issued: 2, returned: 1 });
      expect(await available(level.partId)).toBeCloseTo(before + 1, 3);
      expect(await movements(level.partId, 'RETURN')).toBe(returnsBefore + 1);
      // Another quantity under the same key is a refusal.
      expect(codes(await p.query(RETURN, { l: req.lines[0].id, q: 2, k: `return-${finish}` }, clerk))).toEqual(['CONFLICT']);
    });

    it('purchase-and-issue (一进一出)', async () => {
      const sp = unstocked[n];
      const ro = await open();
      const [receiptsBefore, issuesBefore, before] = [await movements(sp.partId, 'RECEIPT'), await movements(sp.partId, 'ISSUE'), await available(sp.partId)];
      const buy = () => p.query(BUY, { ro: ro.id, p: sp.partId, w: warehouse.id, s: sp.supplierId, k: `buy-${finish}` }, clerk);
      crashOnce('requisition.afterRemote');
      expect(codes(await buy())).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await orderLines(ro.id)).toEqual([]);
      if (finish === 'sweep') expect((await sweep()).requisition).toBeGreaterThanOrEqual(1);
      const req = ok(await buy()).purchaseAndIssue;
      expect(req.kind).toBe('PURCHASE_AND_ISSUE');
      expect(req.lines).toEqual([expect.objectContaining({ part: { id: sp.partId }, requested: 2, issued: 2, purchaseOrder: { id: expect.any(String) } })]);
      expect(await orderLines(ro.id)).toEqual([req]);
      expect(await movements(sp.partId, 'RECEIPT')).toBe(receiptsBefore + 1);
      expect(await movements(sp.partId, 'ISSUE')).toBe(issuesBefore + 1);
      expect(await available(sp.partId)).toBeCloseTo(before, 3);
    });

    it('damaged-goods return (procurement)', async () => {
      const sp = untouched[n];
      const c = await submittedClaim(sp, `damaged-for-return-${finish}`);
      const [inQuarantine, returnsBefore] = [await quarantined(sp.partId), await movements(sp.partId, 'SUPPLIER_RETURN')];
      expect(inQuarantine).toBeGreaterThanOrEqual(2);
      const ret = () => p.query(RETURN_GOODS, { id: c.id, k: `goods-back-${finish}` }, buyer);
      crashOnce('damageReturn.afterRemote', 'procurement');
      expect(codes(await ret())).toEqual(['INTERNAL_SERVER_ERROR']);
      // The goods left quarantine; the claim does not say so yet.
      expect(await movements(sp.partId, 'SUPPLIER_RETURN')).toBe(returnsBefore + 1);
      const claimed = await claim(c.id);
      expect(claimed.returnedAt).toBeNull();
      let swept: unknown;
      if (finish === 'sweep') {
        expect(await sweepProcurement()).toHaveProperty(['damaged-goods return']);
        // Nobody retried: the sweep finished it, as the user who asked.
        swept = await claim(c.id);
        expect(swept).toMatchObject({ status: 'SUBMITTED', returnedAt: expect.any(String), returnedBy: 'buyer-pending' });
      }
      const done = ok(await ret()).returnDamagedGoods;
      expect(done).toMatchObject({ status: 'SUBMITTED', returnedAt: expect.any(String), returnedBy: 'buyer-pending' });
      if (finish === 'sweep') expect(done).toEqual(swept);
      expect(await quarantined(sp.partId)).toBeCloseTo(inQuarantine - 2, 3);
      expect(await movements(sp.partId, 'SUPPLIER_RETURN')).toBe(returnsBefore + 1);
      // One change of the claim: the same key again (and another sweep) answer the same claim, unchanged.
      await sweepProcurement();
      expect(ok(await ret()).returnDamagedGoods).toEqual(done);
      expect(await movements(sp.partId, 'SUPPLIER_RETURN')).toBe(returnsBefore + 1);
      // Another key once the goods went back is a refusal.
      expect(reasonOf(await p.query(RETURN_GOODS, { id: c.id, k: `goods-back-again-${finish}` }, buyer))).toBe('ALREADY_RETURNED');
    });
  });

  it('a damaged-goods return claimed before returns were pending commands is finished by the sweep, as its claimant (migration 1765000000000)', async () => {
    const sp = untouched[2];
    const c = await submittedClaim(sp, 'damaged-for-legacy-return');
    const [inQuarantine, returnsBefore] = [await quarantined(sp.partId), await movements(sp.partId, 'SUPPLIER_RETURN')];
    const ds = p.subgraphs.procurement.runtime.ds;
    const migration = new ProcurementDamageReturnCommand1765000000000();
    const qr = ds.createQueryRunner();
    try {
      // What the hand-made return left when it died after claiming: the key and the claimant, not returned.
      await migration.down(qr);
      await qr.query(`UPDATE procurement.damage_claim SET return_key = 'legacy-key', return_requested_at = now() - interval '1 minute', returned_by = 'buyer-legacy' WHERE id = $1`, [c.id]);
      await migration.up(qr);
    } finally {
      await qr.release();
    }
    expect((await sweepProcurement())['damaged-goods return']).toBe(1);
    expect(await claim(c.id)).toMatchObject({ status: 'SUBMITTED', returnedAt: expect.any(String), returnedBy: 'buyer-legacy' });
    expect(await quarantined(sp.partId)).toBeCloseTo(inQuarantine - 2, 3);
    expect(await movements(sp.partId, 'SUPPLIER_RETURN')).toBe(returnsBefore + 1);
    // Its key still answers it, and there is nothing left to sweep.
    expect(ok(await p.query(RETURN_GOODS, { id: c.id, k: 'legacy-key' }, buyer)).returnDamagedGoods.returnedBy).toBe('buyer-legacy');
    expect((await sweepProcurement())['damaged-goods return']).toBe(0);
  });
});
