/**
 * repairOrdersPage (newest first, filters, text search, scoped to the station)
 * and returns with a reason, numbered for their 退料单, through the gateway.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';

describe('workshop pages and returns with a reason', () => {
  let p: Platform;
  let clerkA: string;
  let clerkB: string;
  const data = demoData();
  const [stationA, stationB] = data.stations;
  const stocked = data.stock.find((l) => l.stationId === stationA.id && l.onHand >= 4 && data.parts.find((x) => x.id === l.partId)?.unitPrecision === 0)!;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    clerkA = await p.token('PARTS_CLERK', stationA.id, 'clerk-a');
    clerkB = await p.token('PARTS_CLERK', stationB.id, 'clerk-b');
  });
  afterAll(() => p?.stop());

  const open = async (plate: string, token = clerkA) =>
    ok(await p.query(`mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { id number status } }`, { i: { plate } }, token)).openRepairOrder;

  it('pages repair orders newest first with ties by id, filters by status and text, and stays in the station', async () => {
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await open(`皖A-PG${i}`));
    await open('皖B-OTHER', clerkB);
    const Q = `query($first: Int, $after: String, $q: String, $st: [RepairOrderStatus!]) { repairOrdersPage(first: $first, after: $after, query: $q, statuses: $st) {
      items { id number plate status } pageInfo { endCursor hasNextPage } totalCount } }`;
    const seen: any[] = [];
    let after: string | null = null;
    do {
      const page: any = ok(await p.query(Q, { first: 2, after, q: 'PG' }, clerkA)).repairOrdersPage;
      expect(page.totalCount).toBe(5);
      seen.push(...page.items);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.map((o) => o.id)).toEqual([...mine].reverse().map((o) => o.id));
    const other = ok(await p.query(Q, { q: 'OTHER' }, clerkA)).repairOrdersPage;
    expect(other.totalCount).toBe(0);
    const done = ok(await p.query(Q, { q: 'PG', st: ['COMPLETED', 'SETTLED'] }, clerkA)).repairOrdersPage;
    expect(done.totalCount).toBe(0);
    const arr = ok(await p.query(`{ repairOrders(first: 2) { id } }`, {}, clerkA)).repairOrders;
    expect(arr.map((o: any) => o.id)).toEqual(seen.slice(0, 2).map((o) => o.id));
  });

  it('a return keeps its reason and number, on the line and on the repair order (退料单)', async () => {
    const ro = await open('皖A-RET1');
    const req = ok(await p.query(`mutation($ro: ID!, $l: [RequisitionLineInput!]!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: "pg-ret-1") { lines { id issued } } }`,
      { ro: ro.id, l: [{ partId: stocked.partId, quantity: 2 }] }, clerkA)).requisitionParts;
    expect(req.lines[0].issued).toBe(2);
    const line = ok(await p.query(`mutation($l: ID!) { returnParts(requisitionLineId: $l, quantity: 1, reason: "客户自带配件") { returned returns { number quantity reason booked bin { code } returnedBy } } }`,
      { l: req.lines[0].id }, clerkA)).returnParts;
    expect(line.returned).toBe(1);
    expect(line.returns).toHaveLength(1);
    expect(line.returns[0]).toMatchObject({ quantity: 1, reason: '客户自带配件', booked: true, returnedBy: 'clerk-a' });
    expect(line.returns[0].number).toMatch(/^TL\d{4}-\d{6}$/);
    expect(line.returns[0].bin.code).toBeTruthy();
    const order = ok(await p.query(`query($id: ID!) { repairOrder(id: $id) { returns { number reason part { partNo } } } }`, { id: ro.id }, clerkA)).repairOrder;
    expect(order.returns).toEqual([{ number: line.returns[0].number, reason: '客户自带配件', part: { partNo: data.parts.find((x) => x.id === stocked.partId)!.partNo } }]);
  });
});
