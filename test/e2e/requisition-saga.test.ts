/**
 * The requisition saga across workshop and stock: a crash between stock's
 * issue and workshop's commit, retried with the same key (and finished by the
 * recovery sweep), issues exactly once; the same key twice or 20 times at
 * once issues once; two counters taking the last units of one part at once
 * never oversell.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import type { Faults } from '../../subgraphs/shared/src';
import { recoverPending } from '../../subgraphs/workshop/src/pending-commands';

const REQ = `id number issuedAt lines { id part { id } requested issued shortfall }`;
const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { ${REQ} } }`;

describe('requisition saga', () => {
  let p: Platform;
  let hq: string;
  let clerkA: string;
  let clerkA2: string;
  const data = demoData();
  const [stationA] = data.stations;
  const warehouseA = stationA.warehouses[0];
  const single = data.stock.filter((l) => l.stationId === stationA.id && l.warehouseId === warehouseA.id && l.onHand >= 4
    && data.stock.filter((x) => x.partId === l.partId && x.stationId === stationA.id).length === 1);
  const available = async (partId: string) =>
    ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { available } } }`, { id: partId, s: stationA.id }, hq)).part.stock.available as number;
  const issuesFor = async (partId: string, roNumber: string) =>
    ok(await p.query(`query($p: ID!, $s: ID) { stockMovements(partId: $p, stationId: $s, first: 200) { type quantity reference occurredAt } }`, { p: partId, s: stationA.id }, hq)).stockMovements
      .filter((m: any) => m.type === 'ISSUE' && m.reference === `repair order ${roNumber}`);
  const open = async () => ok(await p.query(`mutation { openRepairOrder(input: {}) { id number } }`, {}, clerkA)).openRepairOrder as { id: string; number: string };
  const requisitions = async (id: string) => ok(await p.query(`query($id: ID!) { repairOrder(id: $id) { status requisitions { ${REQ} } } }`, { id }, clerkA)).repairOrder;
  const setFaults = (f: Faults | undefined) => { p.subgraphs.workshop.runtime.faults = f ?? {}; };
  const crashOnce = () => {
    let armed = true;
    setFaults({ 'requisition.afterRemote': () => { if (armed) { armed = false; throw new Error('injected crash after the stock issue'); } } });
  };

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    clerkA = await p.token('PARTS_CLERK', stationA.id, 'clerk-a');
    clerkA2 = await p.token('PARTS_CLERK', stationA.id, 'clerk-a2');
  });
  afterEach(() => setFaults(undefined));
  afterAll(() => p?.stop());

  it('a crash after stock issued, then a retry with the same key: issued exactly once and recorded', async () => {
    const ro = await open();
    const level = single[0];
    const before = await available(level.partId);
    const lines = [{ partId: level.partId, quantity: 3, warehouseId: warehouseA.id }];
    crashOnce();
    const crashed = await p.query(REQUISITION, { ro: ro.id, l: lines, k: 'crash-1' }, clerkA);
    expect(codes(crashed)).toEqual(['INTERNAL_SERVER_ERROR']);
    // Stock issued, workshop has not recorded it yet.
    expect(await available(level.partId)).toBeCloseTo(before - 3, 3);
    expect(await requisitions(ro.id)).toMatchObject({ status: 'OPEN', requisitions: [] });

    await new Promise((r) => setTimeout(r, 1100)); // the retry comes a second later
    const retriedAt = Date.now();
    const req = ok(await p.query(REQUISITION, { ro: ro.id, l: lines, k: 'crash-1' }, clerkA)).requisitionParts;
    // 出库时间 is when stock issued (its ledger row), not when the retry recorded it
    const [issue] = await issuesFor(level.partId, ro.number);
    expect(new Date(req.issuedAt).getTime()).toBe(new Date(issue.occurredAt).getTime());
    expect(new Date(req.issuedAt).getTime()).toBeLessThan(retriedAt - 1000);
    expect(req.lines).toEqual([expect.objectContaining({ requested: 3, issued: 3, shortfall: 0 })]);
    expect(await available(level.partId)).toBeCloseTo(before - 3, 3);
    expect(await issuesFor(level.partId, ro.number)).toHaveLength(1);
    expect((await issuesFor(level.partId, ro.number)).reduce((s: number, m: any) => s + Math.abs(m.quantity), 0)).toBe(3);
    expect(await requisitions(ro.id)).toMatchObject({ status: 'IN_PROGRESS', requisitions: [req] });
  });

  it('a crash nobody retries is finished by the recovery sweep, issued once', async () => {
    const ro = await open();
    const level = single[1];
    const before = await available(level.partId);
    crashOnce();
    expect(codes(await p.query(REQUISITION, { ro: ro.id, l: [{ partId: level.partId, quantity: 2, warehouseId: warehouseA.id }], k: 'crash-2' }, clerkA))).toEqual(['INTERNAL_SERVER_ERROR']);
    // A settlement cannot slip in while the requisition is in flight.
    expect(codes(await p.query(`mutation($id: ID!) { completeRepairOrder(id: $id) { status } }`, { id: ro.id }, clerkA))).toEqual(['CONFLICT']);
    expect(await requisitions(ro.id)).toMatchObject({ requisitions: [] });
    await new Promise((r) => setTimeout(r, 1100));
    const sweptAt = Date.now();
    const swept = await recoverPending(p.subgraphs.workshop.runtime, 0);
    expect(swept.requisition).toBeGreaterThanOrEqual(1);
    const after = await requisitions(ro.id);
    expect(after.requisitions).toHaveLength(1);
    expect(after.requisitions[0].lines[0]).toMatchObject({ requested: 2, issued: 2 });
    const [issue] = await issuesFor(level.partId, ro.number);
    expect(new Date(after.requisitions[0].issuedAt).getTime()).toBe(new Date(issue.occurredAt).getTime());
    expect(new Date(after.requisitions[0].issuedAt).getTime()).toBeLessThan(sweptAt - 1000);
    expect(await available(level.partId)).toBeCloseTo(before - 2, 3);
    expect((await issuesFor(level.partId, ro.number)).reduce((s: number, m: any) => s + Math.abs(m.quantity), 0)).toBe(2);
    // The caller's late retry gets the same requisition.
    expect(ok(await p.query(REQUISITION, { ro: ro.id, l: [{ partId: level.partId, quantity: 2, warehouseId: warehouseA.id }], k: 'crash-2' }, clerkA)).requisitionParts.id).toBe(after.requisitions[0].id);
  });

  it('the same key sent twice, or 20 times at once, issues once', async () => {
    const ro = await open();
    const level = single[2];
    const before = await available(level.partId);
    const lines = [{ partId: level.partId, quantity: 1, warehouseId: warehouseA.id }];
    const first = ok(await p.query(REQUISITION, { ro: ro.id, l: lines, k: 'same-1' }, clerkA)).requisitionParts;
    expect(ok(await p.query(REQUISITION, { ro: ro.id, l: lines, k: 'same-1' }, clerkA)).requisitionParts).toEqual(first);
    const results = await Promise.all(Array.from({ length: 20 }, () => p.query(REQUISITION, { ro: ro.id, l: lines, k: 'same-20' }, clerkA)));
    const ids = new Set(results.map((r) => ok(r).requisitionParts.id));
    expect(ids.size).toBe(1);
    expect(await available(level.partId)).toBeCloseTo(before - 2, 3);
    expect((await requisitions(ro.id)).requisitions).toHaveLength(2);
    expect((await issuesFor(level.partId, ro.number)).length).toBe(2);
  });

  it('requisitions of one repair order finishing at the same moment all go through, numbered without gaps (lock order)', async () => {
    // Each final transaction waits here, its lines written, until the others have arrived (or 400 ms pass):
    // with the order locked only after the lines (their foreign key holds FOR KEY SHARE on it), the three deadlocked (40P01).
    const ro = await open();
    const n = 3;
    const arrived: (() => void)[] = [];
    setFaults({ 'requisition.inFinalTransaction': () => new Promise<void>((release) => {
      arrived.push(release);
      if (arrived.length === n) arrived.splice(0).forEach((r) => r());
      else setTimeout(release, 400);
    }) });
    const levels = single.slice(4, 4 + n);
    expect(levels).toHaveLength(n);
    const results = await Promise.all(levels.map((l, i) =>
      p.query(REQUISITION, { ro: ro.id, l: [{ partId: l.partId, quantity: 1, warehouseId: warehouseA.id }], k: `same-moment-${i}` }, i % 2 ? clerkA2 : clerkA)));
    expect(results.map((r) => r.errors)).toEqual(levels.map(() => undefined));
    const numbers = results.map((r) => ok(r).requisitionParts.number as string).map((x) => Number(x.split('-')[1])).sort((a, b) => a - b);
    expect(numbers[n - 1] - numbers[0]).toBe(n - 1);
    expect(await requisitions(ro.id)).toMatchObject({ status: 'IN_PROGRESS' });
    expect((await requisitions(ro.id)).requisitions).toHaveLength(n);
  });

  it('two counters take the last units of one part at once: no oversell, the rest is shortfall', async () => {
    const level = single[3];
    const stock = await available(level.partId);
    const [ro1, ro2] = [await open(), await open()];
    const [r1, r2] = await Promise.all([
      p.query(REQUISITION, { ro: ro1.id, l: [{ partId: level.partId, quantity: stock, warehouseId: warehouseA.id }], k: 'last-1' }, clerkA),
      p.query(REQUISITION, { ro: ro2.id, l: [{ partId: level.partId, quantity: stock, warehouseId: warehouseA.id }], k: 'last-2' }, clerkA2),
    ]);
    const l1 = ok(r1).requisitionParts.lines[0];
    const l2 = ok(r2).requisitionParts.lines[0];
    expect(l1.issued + l2.issued).toBeCloseTo(stock, 3);
    expect(l1.shortfall + l2.shortfall).toBeCloseTo(stock, 3);
    expect(await available(level.partId)).toBeCloseTo(0, 3);
  });
});
