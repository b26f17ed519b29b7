/**
 * Every workshop command that writes across subgraphs is a pending command
 * (subgraphs/shared/src/pending-command.ts): a crash after stock (and
 * procurement) did their part, before workshop wrote its own, is finished
 * exactly once by a retry with the same key, or by the sweep when nobody
 * retries. One test per command and way of finishing; the requisition itself
 * is in requisition-saga.test.ts.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import type { FaultPoint } from '../../subgraphs/shared/src';
import { recoverPending } from '../../subgraphs/workshop/src/pending-commands';

const SELL = `mutation($i: CounterSaleInput!, $k: String!) { sellOverCounter(input: $i, idempotencyKey: $k) { id number lines { id part { id } requested issued returned } } }`;
const SALE_RETURN = `mutation($l: ID!, $q: Float!, $k: String!) { returnCounterSaleLine(lineId: $l, quantity: $q, idempotencyKey: $k) { id issued returned } }`;
const REQ = `id kind lines { id part { id } requested issued returned purchaseOrder { id } }`;
const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { ${REQ} } }`;
const RETURN = `mutation($l: ID!, $q: Float!, $k: String) { returnParts(requisitionLineId: $l, quantity: $q, idempotencyKey: $k) { id issued returned } }`;
const BUY = `mutation($ro: ID!, $p: ID!, $w: ID!, $s: ID, $k: String!) {
  purchaseAndIssue(repairOrderId: $ro, partId: $p, quantity: 2, warehouseId: $w, supplierId: $s, unitPrice: "10.00", idempotencyKey: $k) { ${REQ} } }`;

describe('pending commands: a crash after the remote step is finished exactly once', () => {
  let p: Platform;
  let hq: string;
  let clerk: string;
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
  /** The next command through `point` fails right after its remote step, as if the process died there. */
  const crashOnce = (point: FaultPoint) => {
    let armed = true;
    p.subgraphs.workshop.runtime.faults = { [point]: () => { if (armed) { armed = false; throw new Error(`injected crash at ${point}`); } } };
  };
  const sweep = () => recoverPending(p.subgraphs.workshop.runtime, 0);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', station.id, 'clerk-pending');
  });
  afterEach(() => { p.subgraphs.workshop.runtime.faults = {}; });
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
  });
});
