/**
 * The supergraph works end to end: a query spanning subgraphs through the
 * gateway, `_entities` answered by each subgraph directly (what the gateway
 * relies on), /health, and bad input that must not hurt the process.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, gql, ok } from '../helpers/graphql';

describe('the supergraph on the demo data', () => {
  let p: Platform;
  let hq: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
  });
  afterAll(() => p?.stop());

  it('GET /health is 200 with every subgraph up', async () => {
    const res = await fetch(`${p.gateway.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok', down: [], subgraphs: { catalog: 'ok', stock: 'ok', procurement: 'ok', workshop: 'ok', identity: 'ok' } });
  });

  it('resolves a part from catalog with its stock levels from stock, bins and warehouses included', async () => {
    const data = demoData();
    const level = data.stock[0];
    const part = data.parts.find((x) => x.id === level.partId)!;
    const r = ok(await p.query(
      `query($id: ID!) { part(id: $id) { partNo name prices { retail hqCap } compatibleModels { name } stock { onHand available levels { onHand bin { code warehouse { code station { code } } } } } } }`,
      { id: part.id }, hq));
    expect(r.part.partNo).toBe(part.partNo);
    const expectedOnHand = data.stock.filter((l) => l.partId === part.id).reduce((s, l) => s + l.onHand, 0);
    expect(r.part.stock.onHand).toBeCloseTo(expectedOnHand, 3);
    expect(r.part.stock.levels.length).toBe(data.stock.filter((l) => l.partId === part.id).length);
    expect(r.part.stock.levels[0].bin.warehouse.station.code).toMatch(/\w+/);
    expect(r.part.compatibleModels.length).toBe(part.compatibleModelIds.length);
  });

  it('scopes Part.stock to the caller\'s station', async () => {
    const data = demoData();
    const [a, b] = data.stations;
    const partId = data.stock.find((l) => l.stationId === b.id)!.partId;
    const clerkA = await p.token('PARTS_CLERK', a.id);
    const mine = ok(await p.query(`query($id: ID!) { part(id: $id) { stock { onHand } } }`, { id: partId }, clerkA));
    const expectedA = data.stock.filter((l) => l.partId === partId && l.stationId === a.id).reduce((s, l) => s + l.onHand, 0);
    expect(mine.part.stock.onHand).toBeCloseTo(expectedA, 3);
    const other = await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { onHand } } }`, { id: partId, s: b.id }, clerkA);
    expect(codes(other)).toContain('FORBIDDEN');
  });

  describe('_entities, as the gateway calls them', () => {
    it('catalog resolves Part and VehicleModel references', async () => {
      const data = demoData();
      const ids = data.parts.slice(0, 3).map((x) => x.id);
      const r = ok(await p.querySubgraph('catalog',
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Part { id partNo } ... on VehicleModel { id name } } }`,
        { r: [...ids.map((id) => ({ __typename: 'Part', id })), { __typename: 'VehicleModel', id: data.vehicleModels[0].id }, { __typename: 'Part', id: '00000000-0000-4000-8000-00000000dead' }] }, hq));
      expect(r._entities.slice(0, 3).map((e: any) => e.partNo)).toEqual(data.parts.slice(0, 3).map((x) => x.partNo));
      expect(r._entities[3].name).toBe(data.vehicleModels[0].name);
      expect(r._entities[4]).toBeNull();
    });

    it('stock resolves Station, Warehouse, BinLocation and Part.stock', async () => {
      const data = demoData();
      const s = data.stations[0];
      const w = s.warehouses[0];
      const r = ok(await p.querySubgraph('stock',
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { code } ... on Warehouse { code } ... on BinLocation { code quarantine } ... on Part { stock { onHand } } } }`,
        { r: [{ __typename: 'Station', id: s.id }, { __typename: 'Warehouse', id: w.id }, { __typename: 'BinLocation', id: w.bins[0].id }, { __typename: 'Part', id: data.stock[0].partId }] }, hq));
      expect(r._entities[0].code).toBe(s.code);
      expect(r._entities[1].code).toBe(w.code);
      expect(r._entities[2].code).toBe(w.bins[0].code);
      expect(r._entities[3].stock.onHand).toBeGreaterThan(0);
    });

    it('procurement resolves Supplier references', async () => {
      const sup = demoData().suppliers[0];
      const r = ok(await p.querySubgraph('procurement', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Supplier { code leadTimeDays } } }`,
        { r: [{ __typename: 'Supplier', id: sup.id }] }, hq));
      expect(r._entities[0]).toEqual({ code: sup.code, leadTimeDays: sup.leadTimeDays });
    });

    it('workshop answers _entities for RepairOrder (null for an unknown id)', async () => {
      const r = ok(await p.querySubgraph('workshop', `query($r: [_Any!]!) { _entities(representations: $r) { ... on RepairOrder { id } } }`,
        { r: [{ __typename: 'RepairOrder', id: '00000000-0000-4000-8000-000000000000' }] }, hq));
      expect(r._entities).toEqual([null]);
    });
  });

  describe('bad input is answered, not crashed on', () => {
    it('malformed JSON → 400 with a GraphQL-shaped error', async () => {
      const res = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hq}` }, body: '{"query": "{ stations { id }' });
      expect(res.status).toBe(400);
      const body: any = await res.json();
      expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
      expect(JSON.stringify(body)).not.toMatch(/at .*\.js:\d+/);
    });

    it('an unknown field → GRAPHQL_VALIDATION_FAILED', async () => {
      expect(codes(await p.query('{ noSuchThing }', {}, hq))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });

    it('a syntax error → GRAPHQL_PARSE_FAILED', async () => {
      expect(codes(await p.query('{ stations { id ', {}, hq))).toEqual(['GRAPHQL_PARSE_FAILED']);
    });

    it('a query nested deeper than the limit is refused', async () => {
      let q = 'id';
      for (let i = 0; i < 20; i++) q = `warehouses { station { ${q} } }`;
      const r = await p.query(`{ stations { ${q} } }`, {}, hq);
      expect(r.errors?.[0].message).toMatch(/depth|cost/i);
      expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' });
      expect(r.data).toBeFalsy();
    });

    it('thousands of aliases are refused', async () => {
      const fields = Array.from({ length: 2000 }, (_, i) => `a${i}: suppliers { id }`).join(" ");
      const r = await p.query(`{ ${fields} }`, {}, hq);
      expect(r.errors?.[0].message).toMatch(/alias/i);
      expect(r.data).toBeFalsy();
    });

    it('a malformed id is not a server error', async () => {
      const r = await p.query(`{ part(id: "'; DROP TABLE part; --") { id } }`, {}, hq);
      expect(r.errors).toBeUndefined();
      expect(r.data).toEqual({ part: null });
    });

    it('the gateway still serves after all of that', async () => {
      expect(ok(await p.query('{ stations { code } }', {}, hq)).stations.length).toBe(demoData().stations.length);
    });
  });
});
