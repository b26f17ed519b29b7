/**
 * Bad input at the gateway (issue 16): custom scalars and texts are checked
 * where the request enters, before planning; a subgraph's 400 keeps its
 * refusal; refusals carry only code, reason and params; `first` above the
 * maximum is capped, not refused by the cost limit.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok, type GqlResponse } from '../helpers/graphql';

const ext = (r: GqlResponse) => r.errors?.[0]?.extensions;

describe('input guard', () => {
  let p: Platform;
  const data = demoData();
  const [A] = data.stations;
  let hq: string;
  let manager: string;
  const part = () => data.parts[0];
  const warehouse = () => A.warehouses[0];

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [hq, manager] = await Promise.all([p.token('HQ_ADMIN'), p.token('STATION_MANAGER', A.id, 'manager-a')]);
  });
  afterAll(() => p?.stop());

  const listSurplus = `mutation($p: ID!, $w: ID!, $price: Decimal!) { listSurplus(partId: $p, warehouseId: $w, quantity: 1, unitPrice: $price) { id } }`;

  it.each([
    ['abc', 'INVALID_VALUE'],
    ['12,50', 'INVALID_VALUE'],
    ['99999999999999999999.99', 'MONEY_OUT_OF_RANGE'],
    ['-5.00', 'MONEY_OUT_OF_RANGE'],
    ['1.999', 'MONEY_OUT_OF_RANGE'],
  ])('a Decimal variable %p is BAD_USER_INPUT %p naming the variable', async (price, reason) => {
    const r = await p.query(listSurplus, { p: part().id, w: warehouse().id, price }, manager);
    expect(r.status).toBe(400);
    expect(r.errors).toHaveLength(1);
    expect(ext(r)).toEqual({ code: 'BAD_USER_INPUT', reason, params: expect.objectContaining({ variable: 'price' }) });
  });

  it('a Decimal literal that is no decimal is refused the same way, naming the argument', async () => {
    const r = await p.query(`mutation { listSurplus(partId: "${part().id}", warehouseId: "${warehouse().id}", quantity: 1, unitPrice: "abc") { id } }`, {}, manager);
    expect(ext(r)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { field: 'unitPrice' } });
  });

  it('NUL, lone surrogates, control characters and overlong strings are refused, in variables and literals', async () => {
    const byNumber = `query($n: String!) { partByNumber(partNo: $n) { id } }`;
    expect(ext(await p.query(byNumber, { n: 'T11\u0000' }, hq))).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { variable: 'n' } });
    expect(ext(await p.query(byNumber, { n: 'T11\ud800' }, hq))).toMatchObject({ reason: 'INVALID_VALUE' });
    expect(ext(await p.query(byNumber, { n: 'T11\u0007' }, hq))).toMatchObject({ reason: 'CONTROL_CHARACTER' });
    expect(ext(await p.query(byNumber, { n: 'x'.repeat(10_000) }, hq))).toMatchObject({ reason: 'TOO_LONG', params: { variable: 'n', max: 200 } });
    expect(ext(await p.query(`{ partByNumber(partNo: "a\\u0000b") { id } }`, {}, hq))).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { field: 'partNo' } });
    // nested input: the path names the line counted from 1
    const r = await p.query(`mutation($l: [TransferLineInput!]!) { createTransfer(fromWarehouseId: "${warehouse().id}", toWarehouseId: "${warehouse().id}", lines: $l) { id } }`,
      { l: [{ partId: part().id, quantity: 1 }, { partId: 'x\u0000', quantity: 1 }] }, manager);
    expect(ext(r)).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { variable: 'l', field: '2.partId' } });
  });

  it('a list longer than a document may be is TOO_MANY_LINES', async () => {
    const r = await p.query(`query($ids: [ID!]) { reorderRecommendations(stationId: "${A.id}", partIds: $ids) { suggestedQuantity } }`, { ids: Array.from({ length: 10_000 }, () => part().id) }, hq);
    expect(ext(r)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_LINES', params: { variable: 'ids', max: 200, length: 10_000 } });
  });

  it('a note keeps newlines; a DateTime that is no date is INVALID_VALUE', async () => {
    expect(ext(await p.query(`mutation($n: String) { listSurplus(partId: "${part().id}", warehouseId: "${warehouse().id}", quantity: 0, unitPrice: "1.00", note: $n) { id } }`, { n: 'a\nb' }, manager))?.reason).not.toBe('CONTROL_CHARACTER');
  });

  it('searchParts(first: 1000) with stock fields is capped at 200, not refused by the cost limit', async () => {
    const r = ok(await p.query(`{ searchParts(query: "滤", first: 1000) { hits { part { partNo stock { available levels { available bin { code warehouse { code } } } } } } } }`, {}, hq));
    expect(r.searchParts.hits.length).toBeLessThanOrEqual(200);
    expect(r.searchParts.hits.length).toBeGreaterThan(20);
  });

  it('a body over the 2 MB limit is 413 REQUEST_TOO_LARGE naming the limit; a body that is not JSON is 400 BAD_REQUEST', async () => {
    const post = async (body: string) => {
      const res = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hq}` }, body });
      return { status: res.status, ext: ((await res.json()) as GqlResponse).errors?.[0]?.extensions };
    };
    const big = JSON.stringify({ query: '{ __typename }', variables: { x: 'y'.repeat(3 * 1024 * 1024) } });
    expect(await post(big)).toEqual({ status: 413, ext: { code: 'BAD_REQUEST', reason: 'REQUEST_TOO_LARGE', params: { maxBytes: 2 * 1024 * 1024 } } });
    expect(await post('{"query": ')).toEqual({ status: 400, ext: { code: 'BAD_REQUEST', reason: 'BAD_REQUEST', params: {} } });
  });

  it('refusals from subgraphs carry only code, reason and params (no serviceName)', async () => {
    const r = await p.query(`mutation { settleRepairOrder(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, hq);
    expect(Object.keys(ext(r) ?? {}).sort()).toEqual(['code', 'params', 'reason']);
    expect(JSON.stringify(r.errors)).not.toMatch(/serviceName|workshop/);
  });
});
