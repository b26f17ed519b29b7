/**
 * Competing swap requests for the last units of a surplus listing, sent in
 * parallel through the gateway: one wins each unit, the others get CONFLICT
 * (or the reduced remainder when they accept a partial quantity) — never an
 * oversell, and the stock reservation stays exactly what was listed.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

describe('surplus exchange under concurrency', () => {
  let p: Platform;
  const data = demoData();
  const [A, B, C] = data.stations;
  const mainOf = (s: typeof A) => s.warehouses.find((w) => w.code === 'MAIN')!;
  const mainStock = (stationId: string, partId: string) =>
    data.stock.filter((l) => l.stationId === stationId && l.partId === partId && l.warehouseId === mainOf(data.stations.find((s) => s.id === stationId)!).id).reduce((s, l) => s + l.onHand, 0);
  const parts = data.parts.filter((x) => x.demandProfile === 'NONE' && x.unitPrecision === 0 && mainStock(A.id, x.id) >= 6);
  let managerA: string;
  let managerB: string;
  let managerC: string;
  let buyerB: string;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [managerA, managerB, managerC, buyerB] = await Promise.all([
      p.token('STATION_MANAGER', A.id), p.token('STATION_MANAGER', B.id), p.token('STATION_MANAGER', C.id), p.token('PURCHASER', B.id),
    ]);
  });
  afterAll(() => p?.stop());

  const list = async (partId: string, quantity: number) =>
    ok(await p.query(`mutation($p: ID!, $w: ID!, $q: Float!) { listSurplus(partId: $p, warehouseId: $w, quantity: $q, unitPrice: "10.00") { id } }`,
      { p: partId, w: mainOf(A).id, q: quantity }, managerA)).listSurplus.id as string;
  const request = (token: string, listingId: string, quantity: number, toWarehouseId: string, acceptPartial = false) =>
    p.query(`mutation($l: ID!, $q: Float!, $w: ID!, $a: Boolean) { requestSwap(listingId: $l, quantity: $q, toWarehouseId: $w, acceptPartial: $a) { id quantity status } }`,
      { l: listingId, q: quantity, w: toWarehouseId, a: acceptPartial }, token);
  const listing = async (id: string) =>
    ok(await p.query(`query($id: ID!) { surplusListing(id: $id) { quantity remaining requested status requests { quantity status } } }`, { id }, managerA)).surplusListing;
  const available = async (partId: string) =>
    ok(await p.query(`query($id: ID!) { part(id: $id) { stock { onHand available } } }`, { id: partId }, managerA)).part.stock;

  it('12 parallel requests of one unit for a listing of 3: exactly 3 win, the rest CONFLICT, nothing oversold', async () => {
    const part = parts[0];
    const before = await available(part.id);
    const id = await list(part.id, 3);
    const asks = Array.from({ length: 12 }, (_, i) => {
      const [token, station] = [[managerB, B], [managerC, C], [buyerB, B]][i % 3] as [string, typeof A];
      return request(token, id, 1, mainOf(station).id);
    });
    const results = await Promise.all(asks);
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(3);
    expect(results.filter((r) => r.errors).map(codes).flat()).toEqual(Array(9).fill('CONFLICT'));
    for (const r of won) expect(r.data.requestSwap).toMatchObject({ quantity: 1, status: 'PENDING' });
    const l = await listing(id);
    expect(l).toMatchObject({ quantity: 3, remaining: 0, requested: 3, status: 'EXHAUSTED' });
    expect(l.requests.reduce((s: number, r: any) => s + r.quantity, 0)).toBe(3);
    // The reservation is what was listed: requests move quantity within the listing, not in stock.
    expect(await available(part.id)).toEqual({ onHand: before.onHand, available: before.available - 3 });
  });

  it('two stations asking for 2 of the last 3 at once, accepting a partial quantity: one gets 2, the other the 1 left', async () => {
    const part = parts[1];
    const id = await list(part.id, 3);
    const [rb, rc] = await Promise.all([request(managerB, id, 2, mainOf(B).id, true), request(managerC, id, 2, mainOf(C).id, true)]);
    const quantities = [ok(rb).requestSwap.quantity, ok(rc).requestSwap.quantity].sort();
    expect(quantities).toEqual([1, 2]);
    expect(await listing(id)).toMatchObject({ remaining: 0, requested: 3, status: 'EXHAUSTED' });
    // Nothing left: even a partial request is a CONFLICT.
    expect(codes(await request(managerB, id, 1, mainOf(B).id, true))).toEqual(['CONFLICT']);
  });

  it('a rejection while others ask again: the rejected quantity goes back once, never twice', async () => {
    const part = parts[2];
    const id = await list(part.id, 2);
    const first = ok(await request(managerB, id, 2, mainOf(B).id)).requestSwap;
    const [rejected, ...asks] = await Promise.all([
      p.query(`mutation($id: ID!) { rejectSwap(id: $id, reason: "kept for a campaign") { status } }`, { id: first.id }, managerA),
      ...Array.from({ length: 6 }, () => request(managerC, id, 1, mainOf(C).id)),
    ]);
    expect(ok(rejected).rejectSwap.status).toBe('REJECTED');
    const won = asks.filter((r) => !r.errors).length;
    expect(won).toBeLessThanOrEqual(2);
    const l = await listing(id);
    expect(l.remaining + l.requested).toBe(2);
    expect(l.requested).toBe(won);
  });
});
