/**
 * What other parts of the platform learn from the surplus exchange: the
 * offering station's `swapRequests` subscription through the gateway (scoped
 * like shortage alerts, resumable by seq), and the `surplusOffered` command
 * the reorder engine reads networkSurplus from.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { callCommand } from '../../subgraphs/shared/src';
import { AlertClient } from '../../bench/alerts-client';
import { SwapRequestFeed } from '../../subgraphs/stock/src/surplus/swap-request.feed';

const SWAPS = `subscription Swaps($s: ID, $after: Int) { swapRequests(stationId: $s, afterSeq: $after) {
  id seq swapRequest { id quantity amount status fromStation { id } toStation { id code } part { id partNo } listing { id remaining } } } }`;

describe('surplus notifications and networkSurplus', () => {
  let p: Platform;
  const clients: AlertClient[] = [];
  const data = demoData();
  const [A, B, C] = data.stations;
  const mainOf = (s: typeof A) => s.warehouses.find((w) => w.code === 'MAIN')!;
  const mainStock = (stationId: string, partId: string) =>
    data.stock.filter((l) => l.stationId === stationId && l.partId === partId && l.warehouseId === mainOf(data.stations.find((s) => s.id === stationId)!).id).reduce((s, l) => s + l.onHand, 0);
  const parts = data.parts.filter((x) => x.unitPrecision === 0 && mainStock(A.id, x.id) >= 4 && mainStock(C.id, x.id) >= 4);
  let managerA: string;
  let managerB: string;
  let managerC: string;

  const connect = async (roles: Parameters<Platform['token']>[0], stationId?: string) => {
    const c = new AlertClient(p.gatewayUrl, `Bearer ${await p.token(roles, stationId)}`);
    clients.push(c);
    return c;
  };
  const feed = () => SwapRequestFeed.of(p.subgraphs.stock.runtime);
  const untilSubscribers = async (n: number) => {
    const until = Date.now() + 5000;
    while (feed().subscriberCount < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(feed().subscriberCount).toBe(n);
  };
  const list = async (token: string, station: typeof A, partId: string, quantity: number) =>
    ok(await p.query(`mutation($p: ID!, $w: ID!, $q: Float!) { listSurplus(partId: $p, warehouseId: $w, quantity: $q, unitPrice: "12.50") { id } }`,
      { p: partId, w: mainOf(station).id, q: quantity }, token)).listSurplus.id as string;
  const request = async (token: string, listingId: string, quantity: number, station: typeof A) =>
    ok(await p.query(`mutation($l: ID!, $q: Float!, $w: ID!) { requestSwap(listingId: $l, quantity: $q, toWarehouseId: $w) { id } }`,
      { l: listingId, q: quantity, w: mainOf(station).id }, token)).requestSwap.id as string;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [managerA, managerB, managerC] = await Promise.all([p.token('STATION_MANAGER', A.id), p.token('STATION_MANAGER', B.id), p.token('STATION_MANAGER', C.id)]);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    const until = Date.now() + 3000;
    while (feed().subscriberCount > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(() => p?.stop());

  it('pushes a swap request to the offering station (and HQ), not to other stations; payload fields federated', async () => {
    const offering = await connect('STATION_MANAGER', A.id);
    const other = await connect('STATION_MANAGER', C.id);
    const hqAll = await connect('HQ_ADMIN');
    offering.subscribe({}, SWAPS);
    other.subscribe({}, SWAPS);
    hqAll.subscribe({}, SWAPS);
    await untilSubscribers(3);

    const part = parts[0];
    const listingId = await list(managerA, A, part.id, 3);
    const swapId = await request(managerB, listingId, 2, B);
    await offering.waitForEvents(1);
    await hqAll.waitForEvents(1);
    const [event] = offering.events.map((e) => e.swapRequests);
    expect(event).toMatchObject({
      id: swapId,
      swapRequest: { id: swapId, quantity: 2, amount: '25.00', status: 'PENDING', fromStation: { id: A.id }, toStation: { id: B.id, code: B.code }, listing: { id: listingId, remaining: 1 } },
    });
    // partNo is the catalog's: resolved through the supergraph.
    expect(event.swapRequest.part.partNo).toBe(part.partNo);
    expect(hqAll.events[0].swapRequests.seq).toBe(event.seq);

    // C's own listing requested by B reaches C only.
    const cListing = await list(managerC, C, parts[1].id, 1);
    const cSwap = await request(managerB, cListing, 1, B);
    await other.waitForEvents(1);
    expect(other.events.map((e) => e.swapRequests.id)).toEqual([cSwap]);
    await hqAll.waitForEvents(2);
    expect(offering.events).toHaveLength(1);

    // A reconnecting client resumes after the last seq it saw.
    const resumed = await connect('STATION_MANAGER', A.id);
    const next = await request(managerC, listingId, 1, C);
    resumed.subscribe({ after: event.seq }, SWAPS);
    await resumed.waitForEvents(1);
    expect(resumed.events.map((e) => e.swapRequests.id)).toEqual([next]);
  });

  it('refuses another station\'s stream', async () => {
    const c = await connect('STATION_MANAGER', B.id);
    c.subscribe({ s: A.id }, SWAPS);
    await c.waitFor((x) => x.errors.length > 0);
    expect(c.errors[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('surplusOffered sums other stations\' open listings for the buyer, never its own', async () => {
    const part = parts[2];
    const rt = p.subgraphs.procurement.runtime;
    const offered = (stationId: string) =>
      callCommand<{ partId: string; quantity: number }[]>(p.subgraphs.stock.url, 'surplusOffered', { stationId, partIds: [part.id, parts[3].id] }, { id: 'reorder-test', roles: ['PURCHASER'], stationId }, rt.internal);
    expect(await offered(B.id)).toEqual([{ partId: part.id, quantity: 0 }, { partId: parts[3].id, quantity: 0 }]);
    const la = await list(managerA, A, part.id, 3);
    await list(managerC, C, part.id, 2);
    expect(await offered(B.id)).toEqual([{ partId: part.id, quantity: 5 }, { partId: parts[3].id, quantity: 0 }]);
    expect((await offered(A.id))[0].quantity).toBe(2);
    // Requested units are no longer on offer; withdrawn listings neither.
    await request(managerB, la, 1, B);
    expect((await offered(B.id))[0].quantity).toBe(4);
    ok(await p.query(`mutation($id: ID!) { withdrawSurplus(id: $id) { status } }`, { id: la }, managerA));
    expect((await offered(B.id))[0].quantity).toBe(2);
  });
});
