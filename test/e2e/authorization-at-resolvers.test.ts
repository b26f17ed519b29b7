/**
 * Roles are declared on resolvers (`@Authorized`, convention 4 of the "one
 * way" rules): a caller without the role is refused FORBIDDEN before anything
 * is looked up — so the refusal does not depend on whether the ids exist —
 * and a caller with the role gets past the check to the service's own
 * answer (here: the id is unknown). One row per mutation whose check moved
 * out of its service.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import type { GqlResponse } from '../helpers/graphql';

const NO_ID = '00000000-0000-4000-8000-00000000abcd';

describe('authorisation is declared on the resolvers', () => {
  let p: Platform;
  const data = demoData();
  const [stationA] = data.stations;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    tokens.clerk = await p.token('PARTS_CLERK', stationA.id);
    tokens.buyer = await p.token('PURCHASER', stationA.id);
    tokens.manager = await p.token('STATION_MANAGER', stationA.id);
    tokens.hq = await p.token('HQ_ADMIN');
  });
  afterAll(() => p?.stop());

  const refusal = (r: GqlResponse) => ({ code: r.errors?.[0]?.extensions?.code, reason: r.errors?.[0]?.extensions?.reason });

  const cases: { name: string; query: string; vars: () => Record<string, unknown>; refused: string; allowed: string; allowedCode: string }[] = [
    {
      name: 'returnDamagedGoods', refused: 'clerk', allowed: 'buyer', allowedCode: 'NOT_FOUND',
      query: `mutation($id: ID!) { returnDamagedGoods(damageClaimId: $id, idempotencyKey: "auth-1") { id } }`, vars: () => ({ id: NO_ID }),
    },
    {
      name: 'receiveGoods', refused: 'clerk', allowed: 'buyer', allowedCode: 'NOT_FOUND',
      query: `mutation($id: ID!, $w: ID!, $l: [ReceiptLineInput!]!) { receiveGoods(purchaseOrderId: $id, warehouseId: $w, lines: $l, idempotencyKey: "auth-2") { id } }`,
      vars: () => ({ id: NO_ID, w: NO_ID, l: [{ purchaseOrderLineId: NO_ID, received: 1 }] }),
    },
    {
      name: 'createPurchaseOrder', refused: 'clerk', allowed: 'buyer', allowedCode: 'NOT_FOUND',
      query: `mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id } }`,
      vars: () => ({ i: { stationId: stationA.id, supplierId: NO_ID, lines: [{ partId: data.parts[0].id, quantity: 1, unitPrice: '1.00' }] } }),
    },
    {
      name: 'createPurchaseOrdersFromRecommendations', refused: 'clerk', allowed: 'buyer', allowedCode: 'BAD_USER_INPUT',
      query: `mutation($s: ID!) { createPurchaseOrdersFromRecommendations(stationId: $s, partIds: []) { id } }`, vars: () => ({ s: stationA.id }),
    },
    {
      name: 'confirmDepotOrder', refused: 'manager', allowed: 'hq', allowedCode: 'NOT_FOUND',
      query: `mutation($id: ID!) { confirmDepotOrder(id: $id, lines: []) { id } }`, vars: () => ({ id: NO_ID }),
    },
    {
      name: 'createStation', refused: 'manager', allowed: 'hq', allowedCode: 'BAD_USER_INPUT',
      query: `mutation { createStation(input: { code: "", name: "x" }) { id } }`, vars: () => ({}),
    },
  ];

  it.each(cases)('$name: refused by role before any lookup, and past the check for the role it names', async (c) => {
    const refused = refusal(await p.query(c.query, c.vars(), tokens[c.refused]));
    expect(refused.code).toBe('FORBIDDEN');
    expect(['ROLE_REQUIRED', 'HQ_ONLY']).toContain(refused.reason);
    expect(refusal(await p.query(c.query, c.vars(), tokens[c.allowed])).code).toBe(c.allowedCode);
  });

  it('the KPIs and surplus candidates are refused to a parts clerk by role', async () => {
    for (const q of [`query($s: ID) { partsKpis(stationId: $s) { fromMonth } }`, `query($s: ID) { surplusCandidatesPage(stationId: $s) { totalCount } }`]) {
      expect(refusal(await p.query(q, { s: stationA.id }, tokens.clerk))).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_REQUIRED' });
    }
  });
});
