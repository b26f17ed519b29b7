/** Recommended reordering (issue 8) through the gateway on the demo data: recommendations, apply, purchase order from them, refusals. */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

const RECS = `query R($s: ID!, $t: Float, $r: Int, $p: [ID!], $sup: ID) {
  reorderRecommendations(stationId: $s, targetFillRate: $t, reviewPeriodDays: $r, partIds: $p, supplierId: $sup) {
    part { id partNo } station { id } demandClass method forecastPerMonth seasonalIndex leadTimeDays safetyStock reorderPoint orderUpTo
    onHand onOrder suggestedQuantity networkSurplus explanation explanationItems { reason params } supplierId partFillRate stationFillRate packSize minOrderQty
    inventoryPosition netRequirement fromNetworkSurplus backorders available currentPolicy { reorderPoint orderUpTo }
  } }`;

describe('reorder recommendations', () => {
  let p: Platform;
  const data = demoData();
  const station = data.stations[0];
  const other = data.stations[1];
  const fixtures = data.parts.slice(0, 20).map((x) => x.id);
  let purchaser: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    purchaser = await p.token('PURCHASER', station.id);
  });
  afterAll(() => p?.stop());

  it('recommends for the asked parts with consistent numbers and a Chinese explanation', async () => {
    const recs = ok(await p.query(RECS, { s: station.id, p: fixtures }, purchaser)).reorderRecommendations;
    expect(recs).toHaveLength(fixtures.length);
    const byId = new Map(data.parts.map((x) => [x.id, x]));
    for (const r of recs) {
      const part = byId.get(r.part.id)!;
      expect(r.part.partNo).toBe(part.partNo); // resolved by the catalog through the gateway
      expect(['SMOOTH', 'ERRATIC', 'INTERMITTENT', 'LUMPY', 'NEW']).toContain(r.demandClass);
      expect(r.orderUpTo).toBeGreaterThanOrEqual(r.reorderPoint);
      expect(r.reorderPoint).toBeGreaterThanOrEqual(0);
      expect(r.inventoryPosition).toBeCloseTo(r.available + r.onOrder - r.backorders, 3);
      if (r.suggestedQuantity > 0) {
        expect(r.suggestedQuantity).toBeGreaterThanOrEqual(Math.max(r.minOrderQty, r.netRequirement - r.fromNetworkSurplus) - 1e-9);
        expect(Math.abs(r.suggestedQuantity / r.packSize - Math.round(r.suggestedQuantity / r.packSize))).toBeLessThan(1e-6);
      } else {
        expect(r.netRequirement - r.fromNetworkSurplus).toBeLessThanOrEqual(1e-9);
      }
      expect(r.explanation).toMatch(/需求类型|新件|无消耗/);
      expect(r.explanation).toContain('现有库存');
      // The same explanation as reasons a client translates: plain words first, statistics (REORDER_STAT_…) after.
      expect(r.explanationItems.length).toBeGreaterThan(0);
      expect(r.explanationItems[0].reason).toMatch(/^REORDER_(?!STAT_)/);
      for (const item of r.explanationItems) expect(typeof item.params).toBe('object');
    }
    // The oil filter (fixture 0) is a smooth fast mover: it is stocked.
    const oil = recs.find((r: any) => r.part.id === data.parts[0].id);
    expect(oil.forecastPerMonth).toBeGreaterThan(5);
    expect(oil.orderUpTo).toBeGreaterThan(0);
    expect(oil.explanation).toMatch(/交货期 \d+ 天/);
  });

  it('a part\'s recommendation does not depend on which other parts were asked', async () => {
    const one = ok(await p.query(RECS, { s: station.id, p: [fixtures[3]] }, purchaser)).reorderRecommendations[0];
    const many = ok(await p.query(RECS, { s: station.id, p: fixtures }, purchaser)).reorderRecommendations.find((r: any) => r.part.id === fixtures[3]);
    expect(one.orderUpTo).toBe(many.orderUpTo);
    expect(one.suggestedQuantity).toBe(many.suggestedQuantity);
  });

  it('covers every part with demand at the station for HQ, and a higher target needs more stock', async () => {
    const hq = await p.token('HQ_ADMIN');
    const at90 = ok(await p.query(`query($s: ID!) { reorderRecommendations(stationId: $s, targetFillRate: 0.9) { orderUpTo stationFillRate } }`, { s: station.id }, hq)).reorderRecommendations;
    const at98 = ok(await p.query(`query($s: ID!) { reorderRecommendations(stationId: $s, targetFillRate: 0.98) { orderUpTo stationFillRate } }`, { s: station.id }, hq)).reorderRecommendations;
    const withDemand = new Set(data.consumption.filter((c) => c.stationId === station.id).map((c) => c.partId));
    expect(at90).toHaveLength(withDemand.size);
    expect(at90[0].stationFillRate).toBeGreaterThanOrEqual(0.9);
    const sum = (rs: any[]) => rs.reduce((a, r) => a + r.orderUpTo, 0);
    expect(sum(at98)).toBeGreaterThan(sum(at90));
  });

  it('applyRecommendations sets each policy to the recommendation', async () => {
    const parts = fixtures.slice(0, 5);
    const recs = ok(await p.query(RECS, { s: station.id, p: parts }, purchaser)).reorderRecommendations;
    const policies = ok(await p.query(`mutation($s: ID!, $p: [ID!]!) { applyRecommendations(stationId: $s, partIds: $p) { part { id } reorderPoint orderUpTo } }`,
      { s: station.id, p: parts }, purchaser)).applyRecommendations;
    expect(policies).toHaveLength(5);
    for (const pol of policies) {
      const r = recs.find((x: any) => x.part.id === pol.part.id);
      expect(pol.reorderPoint).toBeCloseTo(r.reorderPoint, 3);
      expect(pol.orderUpTo).toBeCloseTo(r.orderUpTo, 3);
    }
    const again = ok(await p.query(RECS, { s: station.id, p: parts }, purchaser)).reorderRecommendations;
    expect(again[0].currentPolicy).toEqual({ reorderPoint: policies.find((x: any) => x.part.id === again[0].part.id).reorderPoint, orderUpTo: policies.find((x: any) => x.part.id === again[0].part.id).orderUpTo });
  });

  it('createPurchaseOrderFromRecommendations orders the suggested quantities; then they are on order', async () => {
    const hq = await p.token('HQ_ADMIN');
    const all = ok(await p.query(`query($s: ID!) { reorderRecommendations(stationId: $s) { part { id } supplierId suggestedQuantity } }`, { s: station.id }, hq)).reorderRecommendations;
    const pick = all.filter((r: any) => r.suggestedQuantity > 0 && r.supplierId).slice(0, 3);
    expect(pick.length).toBeGreaterThan(0);
    const supplierId = pick[0].supplierId;
    const parts = pick.filter((r: any) => r.supplierId === supplierId).map((r: any) => r.part.id);
    const before = ok(await p.query(RECS, { s: station.id, p: parts, sup: supplierId }, purchaser)).reorderRecommendations;
    const order = ok(await p.query(`mutation($s: ID!, $sup: ID!, $p: [ID!]!) { createPurchaseOrderFromRecommendations(stationId: $s, supplierId: $sup, partIds: $p) { status supplier { id } lines { part { id } quantity } } }`,
      { s: station.id, sup: supplierId, p: parts }, purchaser)).createPurchaseOrderFromRecommendations;
    expect(order.status).toBe('DRAFT');
    expect(order.supplier.id).toBe(supplierId);
    for (const line of order.lines) expect(line.quantity).toBe(before.find((r: any) => r.part.id === line.part.id).suggestedQuantity);
    const after = ok(await p.query(RECS, { s: station.id, p: parts, sup: supplierId }, purchaser)).reorderRecommendations;
    for (const r of after) {
      expect(r.onOrder).toBeGreaterThan(0);
      expect(r.suggestedQuantity).toBe(0);
    }
  });

  it('refuses bad input, other stations and the wrong role, writing nothing', async () => {
    const q = (v: Record<string, unknown>, t = purchaser) => p.query(RECS, { s: station.id, ...v }, t);
    expect(codes(await q({ t: 1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await q({ t: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await q({ r: -1 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await q({ p: ['00000000-0000-4000-8000-000000000000'] }))).toEqual(['NOT_FOUND']);
    expect(codes(await q({ s: other.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await q({}, await p.token('PARTS_CLERK', station.id)))).toEqual(['FORBIDDEN']);
    expect(codes(await q({ s: '00000000-0000-4000-8000-000000000001' }, await p.token('HQ_ADMIN')))).toEqual(['NOT_FOUND']);
    const bad = await p.query(`mutation($s: ID!, $p: [ID!]!) { applyRecommendations(stationId: $s, partIds: $p, targetFillRate: 1.5) { orderUpTo } }`, { s: station.id, p: [fixtures[10]] }, purchaser);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const unknownPart = await p.query(`mutation($s: ID!, $p: [ID!]!) { applyRecommendations(stationId: $s, partIds: $p) { orderUpTo } }`, { s: station.id, p: [fixtures[11], '00000000-0000-4000-8000-000000000000'] }, purchaser);
    expect(codes(unknownPart)).toEqual(['NOT_FOUND']);
    const policies = ok(await p.query(`query($s: ID) { reorderPolicies(stationId: $s) { part { id } } }`, { s: station.id }, purchaser)).reorderPolicies;
    expect(policies.map((x: any) => x.part.id)).not.toContain(fixtures[10]);
    expect(policies.map((x: any) => x.part.id)).not.toContain(fixtures[11]);
  });
});
