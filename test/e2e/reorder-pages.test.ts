/**
 * The paged siblings of the reorder and surplus lists through the gateway
 * (API.md, "Paging, sorting, filtering"): reorderRecommendationsPage and
 * surplusCandidatesPage walk the whole list in a stable order without repeats
 * or gaps, sort and filter on the server, count all that match, and give the
 * same items as the array fields; a surplus candidate carries its reasons
 * (SurplusCandidate.reasons) for the console to translate.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

const REC_PAGE = `query($s: ID!, $first: Int, $after: String, $sort: PageSort, $cls: String, $toOrder: Boolean) {
  reorderRecommendationsPage(stationId: $s, first: $first, after: $after, sort: $sort, demandClass: $cls, toOrder: $toOrder) {
    items { part { id partNo } demandClass suggestedQuantity orderValue orderUpTo explanationItems { reason params } }
    pageInfo { endCursor hasNextPage } totalCount } }`;
const CAND_PAGE = `query($s: ID, $first: Int, $after: String, $sort: PageSort, $reason: SurplusReason, $listable: Boolean) {
  surplusCandidatesPage(stationId: $s, first: $first, after: $after, sort: $sort, reason: $reason, listableOnly: $listable) {
    items { part { id partNo } reason excessValue monthsOfCover listableQuantity reasons { reason params } }
    pageInfo { endCursor hasNextPage } totalCount } }`;

describe('reorder and surplus pages', () => {
  let p: Platform;
  const data = demoData();
  const station = data.stations[0];
  let purchaser: string;
  let manager: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [purchaser, manager] = await Promise.all([p.token('PURCHASER', station.id), p.token('STATION_MANAGER', station.id)]);
  });
  afterAll(() => p?.stop());

  async function walk(query: string, field: string, vars: Record<string, unknown>, token: string, first: number) {
    const items: any[] = [];
    let after: string | null = null;
    let total = -1;
    for (let guard = 0; guard < 100; guard++) {
      const page: any = ok(await p.query(query, { ...vars, first, after }, token))[field];
      items.push(...page.items);
      total = page.totalCount;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { items, total };
  }

  it('reorderRecommendationsPage walks every recommendation once, by part number, with the array field\'s numbers', async () => {
    const all = ok(await p.query(`query($s: ID!) { reorderRecommendations(stationId: $s) { part { id } suggestedQuantity orderUpTo } }`, { s: station.id }, purchaser)).reorderRecommendations as any[];
    const { items, total } = await walk(REC_PAGE, 'reorderRecommendationsPage', { s: station.id }, purchaser, 200);
    expect(total).toBe(all.length);
    expect(items).toHaveLength(all.length);
    expect(new Set(items.map((r) => r.part.id)).size).toBe(all.length);
    const partNos = items.map((r) => r.part.partNo);
    expect(partNos).toEqual([...partNos].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const byId = new Map(all.map((r) => [r.part.id, r]));
    for (const r of items) {
      expect(r.suggestedQuantity).toBe(byId.get(r.part.id).suggestedQuantity);
      expect(r.orderUpTo).toBe(byId.get(r.part.id).orderUpTo);
    }
  });

  it('sorts by order value and filters what is to order and by demand class', async () => {
    const page = ok(await p.query(REC_PAGE, { s: station.id, first: 30, sort: { field: 'orderValue' }, toOrder: true }, purchaser)).reorderRecommendationsPage;
    expect(page.items.length).toBeGreaterThan(0);
    for (const r of page.items) expect(r.suggestedQuantity).toBeGreaterThan(0);
    const values = page.items.map((r: any) => r.orderValue);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    const classes = ok(await p.query(`query($s: ID!) { reorderRecommendations(stationId: $s) { demandClass } }`, { s: station.id }, purchaser)).reorderRecommendations.map((r: any) => r.demandClass);
    const lumpy = ok(await p.query(REC_PAGE, { s: station.id, first: 200, cls: 'LUMPY' }, purchaser)).reorderRecommendationsPage;
    expect(lumpy.totalCount).toBe(classes.filter((c: string) => c === 'LUMPY').length);
    expect(lumpy.items.length).toBeGreaterThan(0);
    for (const r of lumpy.items) expect(r.demandClass).toBe('LUMPY');
    const nothing = ok(await p.query(REC_PAGE, { s: station.id, first: 1, toOrder: false }, purchaser)).reorderRecommendationsPage;
    expect(nothing.totalCount + page.totalCount).toBe(ok(await p.query(REC_PAGE, { s: station.id, first: 1 }, purchaser)).reorderRecommendationsPage.totalCount);
  });

  it('refuses an unknown sort field and a cursor of another sort, by reason', async () => {
    const bad = await p.query(REC_PAGE, { s: station.id, first: 5, sort: { field: 'secret_column' } }, purchaser);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.reason).toBe('SORT_FIELD_UNKNOWN');
    const first = ok(await p.query(REC_PAGE, { s: station.id, first: 5 }, purchaser)).reorderRecommendationsPage;
    const other = await p.query(REC_PAGE, { s: station.id, first: 5, after: first.pageInfo.endCursor, sort: { field: 'suggestedQuantity' } }, purchaser);
    expect(other.errors![0].extensions!.reason).toBe('INVALID_CURSOR');
  });

  it('surplusCandidatesPage walks every candidate once, most excess value first, each with its reasons', async () => {
    const all = ok(await p.query(`query($s: ID) { surplusCandidates(stationId: $s) { part { id } reasons { reason params } } }`, { s: station.id }, manager)).surplusCandidates as any[];
    expect(all.length).toBeGreaterThan(0);
    const { items, total } = await walk(CAND_PAGE, 'surplusCandidatesPage', { s: station.id }, manager, 37);
    expect(total).toBe(all.length);
    expect(items.map((c) => c.part.id).sort()).toEqual(all.map((c) => c.part.id).sort());
    const values = items.map((c) => Number(c.excessValue));
    expect(values).toEqual([...values].sort((a, b) => b - a));
    for (const c of items) {
      expect(c.reasons[0].reason).toBe(c.reason === 'NO_ISSUE' ? (c.reasons[0].reason === 'SURPLUS_NEVER_ISSUED' ? 'SURPLUS_NEVER_ISSUED' : 'SURPLUS_NO_ISSUE') : 'SURPLUS_EXCESS_COVER');
      expect(c.reasons.map((r: any) => r.reason)).toContain('SURPLUS_KEEP');
      if (c.reason === 'EXCESS_COVER') expect(c.reasons[0].params.monthsOfCover).toBe(c.monthsOfCover);
    }
    const dormant = ok(await p.query(CAND_PAGE, { s: station.id, first: 200, reason: 'NO_ISSUE', listable: true, sort: { field: 'partNo' } }, manager)).surplusCandidatesPage;
    for (const c of dormant.items) {
      expect(c.reason).toBe('NO_ISSUE');
      expect(c.listableQuantity).toBeGreaterThan(0);
    }
    const nos = dormant.items.map((c: any) => c.part.partNo);
    expect(nos).toEqual([...nos].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});
