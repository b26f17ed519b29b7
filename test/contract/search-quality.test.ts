/**
 * Search quality over the labelled query set (test/fixtures/search-queries.ts):
 * recall@1 and recall@5 per kind of query (and for the hand-written pinyin,
 * traditional and VIN queries on their own), printed as a table; fails when
 * overall recall@5 drops below 0.95 or recall@1 below 0.85. Runs against the
 * embedded engine, and against Meilisearch too when MEILI_HOST is set.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { buildQuerySet, PINYIN_KINDS, type LabelledQuery } from '../fixtures/search-queries';

const engines: [string, Record<string, string>][] = [['embedded', { MEILI_HOST: '', MEILI_API_KEY: '' }]];
if (process.env.MEILI_HOST) engines.push(['meilisearch', {}]);

describe.each(engines)('search quality — %s engine', (engine, env) => {
  let p: Platform;
  let token: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'], env });
    token = await p.token('PARTS_CLERK', demoData().stations[0].id);
    if (engine === 'meilisearch') await waitForIndex(p, token);
  }, 300_000);
  afterAll(() => p?.stop());

  it('has a labelled set of at least 200 queries covering every kind, with ≥ 150 pinyin/mnemonic/traditional/VIN queries, ≥ 50 by hand', () => {
    const set = buildQuerySet(demoData());
    expect(set.length).toBeGreaterThanOrEqual(200);
    expect(new Set(set.map((q) => q.kind)).size).toBe(19);
    const pinyin = set.filter((q) => PINYIN_KINDS.includes(q.kind));
    expect(pinyin.length).toBeGreaterThanOrEqual(150);
    expect(pinyin.filter((q) => q.hand).length).toBeGreaterThanOrEqual(50);
    for (const trap of ['长', '行', '重', '调']) expect(set.some((q) => q.kind === 'polyphone' && demoData().parts.some((x) => q.expected.includes(x.id) && x.name.includes(trap)))).toBe(true);
  });

  it('finds the expected part first for ≥ 85% and in the top 5 for ≥ 95% of the queries', async () => {
    const set = buildQuerySet(demoData());
    const results: { q: LabelledQuery; rank: number }[] = [];
    for (let i = 0; i < set.length; i += 10) {
      await Promise.all(set.slice(i, i + 10).map(async (q) => {
        const r = ok(await p.querySubgraph('catalog', `query($q: String!, $vin: String) { searchParts(query: $q, vin: $vin, first: 5) { engine hits { part { id } } } }`, { q: q.query, vin: q.vin ?? null }, token));
        expect(r.searchParts.engine).toBe(engine);
        const expected = new Set(q.expected);
        results.push({ q, rank: r.searchParts.hits.findIndex((h: any) => expected.has(h.part.id)) });
      }));
    }
    const kinds = [...new Set(set.map((q) => q.kind))];
    const row = (label: string, rs: typeof results) =>
      `${label.padEnd(26)} ${String(rs.length).padStart(4)}  ${(rs.filter((r) => r.rank === 0).length / rs.length).toFixed(3)}  ${(rs.filter((r) => r.rank >= 0).length / rs.length).toFixed(3)}`;
    const pinyin = results.filter((r) => PINYIN_KINDS.includes(r.q.kind));
    const table = [
      `${'kind'.padEnd(26)} ${'n'.padStart(4)}  R@1    R@5`,
      ...kinds.map((k) => row(k, results.filter((r) => r.q.kind === k))),
      row('pinyin/trad./VIN, by hand', pinyin.filter((r) => r.q.hand)),
      row('pinyin/trad./VIN, generated', pinyin.filter((r) => !r.q.hand)),
      row('ALL', results),
    ];
    const misses = results.filter((r) => r.rank !== 0).map((r) => `${r.q.kind}: ${r.q.query}${r.q.vin ? ` (vin ${r.q.vin})` : ''} → ${r.rank < 0 ? 'not in top 5' : `rank ${r.rank + 1}`}`);
    console.log(`search quality (${engine})\n${table.join('\n')}${misses.length ? `\nnot first:\n  ${misses.join('\n  ')}` : ''}`);
    expect(results.filter((r) => r.rank >= 0).length / results.length).toBeGreaterThanOrEqual(0.95);
    expect(results.filter((r) => r.rank === 0).length / results.length).toBeGreaterThanOrEqual(0.85);
  }, 180_000);
});

async function waitForIndex(p: Platform, token: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const r = await p.querySubgraph('catalog', `{ searchParts(query: "", first: 1) { estimatedTotal } }`, {}, token);
    if (r.data?.searchParts.estimatedTotal >= demoData().parts.length) return;
    await new Promise((res) => setTimeout(res, 500));
  }
}
