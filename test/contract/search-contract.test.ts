/**
 * The search contract every engine keeps (ARCHITECTURE.md § Search): ranking
 * rules (exact number/barcode first, successor before superseded part),
 * filters (model, category, in stock at a station — fed by stock events),
 * cursor pagination, freshness within 1 s of a mutation, and bad input that
 * never becomes a server error. Runs against the embedded engine, and
 * against Meilisearch too when MEILI_HOST is set.
 */
import { Client } from 'pg';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';

const engines: [string, Record<string, string>][] = [['embedded', { MEILI_HOST: '', MEILI_API_KEY: '' }]];
if (process.env.MEILI_HOST) engines.push(['meilisearch', {}]);

const SEARCH = `query($q: String!, $m: ID, $c: String, $s: ID, $n: Int, $a: String) {
  searchParts(query: $q, vehicleModelId: $m, category: $c, inStockAtStation: $s, first: $n, after: $a) {
    engine estimatedTotal tookMs endCursor hasNextPage hits { score part { id partNo name supersededBy { id } compatibleModels { id } } } } }`;

const until = async <T>(probe: () => Promise<T>, okay: (v: T) => boolean, ms = 1000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (okay(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe.each(engines)('search contract — %s engine', (engine, env) => {
  let p: Platform;
  let hq: string;
  let clerk: string;
  const data = demoData();
  const station = data.stations[0];
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog', 'stock'], env });
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', station.id);
    if (engine === 'meilisearch') await until(async () => ok(await p.query(SEARCH, { q: '' }, hq)).searchParts.estimatedTotal, (n) => n >= data.parts.length, 120_000);
  }, 180_000);
  afterAll(() => p?.stop());

  const search = async (vars: Record<string, unknown>, token = clerk) => ok(await p.query(SEARCH, vars, token)).searchParts;

  it('reports the engine, a total and the time taken', async () => {
    const r = await search({ q: '机油滤清器' });
    expect(r.engine).toBe(engine);
    expect(r.estimatedTotal).toBeGreaterThanOrEqual(data.parts.filter((x) => x.name === '机油滤清器').length);
    expect(r.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('an exact part number or barcode ranks first', async () => {
    const part = data.parts.find((x) => x.partNo === 'T15-1012010')!;
    expect((await search({ q: 'T15-1012010' })).hits[0].part.id).toBe(part.id);
    expect((await search({ q: 't15 1012010' })).hits[0].part.id).toBe(part.id);
    expect((await search({ q: part.barcode })).hits[0].part.id).toBe(part.id);
  });

  it('a superseded part comes right after its successor', async () => {
    const old = data.parts.find((x) => x.supersededById)!;
    const r = await search({ q: old.partNo, n: 10 });
    const ids = r.hits.map((h: any) => h.part.id);
    expect(ids.indexOf(old.supersededById)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(old.supersededById)).toBeLessThan(ids.indexOf(old.id));
    expect(ids[0]).toBe(old.supersededById);
  });

  it('filters by vehicle model and category', async () => {
    const model = data.vehicleModels.find((m) => m.name === '瑞虎7')!;
    const r = await search({ q: '滤清器', m: model.id, c: '滤清器', n: 50 });
    expect(r.hits.length).toBeGreaterThan(0);
    for (const h of r.hits) expect(h.part.compatibleModels.map((m: any) => m.id)).toContain(model.id);
    const expected = data.parts.filter((x) => x.category === '滤清器' && x.compatibleModelIds.includes(model.id)).length;
    expect(r.estimatedTotal).toBe(expected);
  });

  it('pages with cursors without repeats, and refuses an invalid cursor', async () => {
    const a = await search({ q: '滤清器', n: 7 });
    expect(a.hasNextPage).toBe(true);
    const b = await search({ q: '滤清器', n: 7, a: a.endCursor });
    const ids = [...a.hits, ...b.hits].map((h: any) => h.part.id);
    expect(new Set(ids).size).toBe(14);
    expect(codes(await p.query(SEARCH, { q: '滤清器', a: 'not-a-cursor' }, clerk))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(SEARCH, { q: '滤清器', a: Buffer.from('{"o":-5}').toString('base64url') }, clerk))).toEqual(['BAD_USER_INPUT']);
  });

  it('caps first at 200', async () => {
    const r = await search({ q: '', n: 5000 });
    expect(r.hits).toHaveLength(200);
  });

  it('inStockAtStation follows stock.level_changed events; a clerk may ask for their own station only', async () => {
    const inStock = new Set(data.stock.filter((l) => l.stationId === station.id && l.onHand > 0).map((l) => l.partId));
    const target = data.parts.find((x) => x.name === '机油滤清器' && !inStock.has(x.id))!;
    const query = { q: target.partNo, s: station.id, n: 5 };
    expect((await search(query)).hits.map((h: any) => h.part.id)).not.toContain(target.id);
    const pg = new Client({ connectionString: p.databaseUrl });
    await pg.connect();
    try {
      await pg.query(`INSERT INTO stock.outbox_event (type, payload) VALUES ('stock.level_changed', $1)`,
        [JSON.stringify({ partId: target.id, stationId: station.id, onHand: 4, available: 4, inTransit: 0 })]);
      await pg.query(`SELECT pg_notify('partsgraph_outbox', 'stock')`);
    } finally {
      await pg.end();
    }
    const after = await until(() => search(query), (r) => r.hits.some((h: any) => h.part.id === target.id), 2000);
    expect(after.hits[0].part.id).toBe(target.id);
    const other = await p.token('PARTS_CLERK', data.stations[1].id);
    expect(codes(await p.query(SEARCH, query, other))).toEqual(['FORBIDDEN']);
  });

  describe('stays correct under change (within 1 s of the mutation)', () => {
    const input = (partNo: string, name: string, nameEn: string) => ({
      partNo, name, nameEn, unit: '个', unitPrecision: 0, category: '测试', imageUrls: [], compatibleModelIds: [],
      prices: { retail: '10.00', wholesale: '8.00', member: '9.00', insurance: '9.00', internal: '7.00', hqCap: null }, packSize: 1, minOrderQty: 1,
    });
    const hitIds = async (q: string) => (await search({ q, n: 5 })).hits.map((h: any) => h.part.id);

    it('a created part is findable by number, fragment, name and English name', async () => {
      const id = ok(await p.query(`mutation($i: PartInput!) { createPart(input: $i) { id } }`, { i: input('ZX9-7654321', '涡轮增压器', 'Turbocharger') }, hq)).createPart.id;
      for (const q of ['ZX9-7654321', '7654321', '涡轮增压器', '增压', 'turbocharger']) {
        expect(await until(() => hitIds(q), (ids) => ids.includes(id))).toContain(id);
      }
    });

    it('a renamed part is findable by its new name and no longer by the old one', async () => {
      const id = ok(await p.query(`mutation($i: PartInput!) { createPart(input: $i) { id } }`, { i: input('ZX9-1111222', '鹦鹉螺盖板', 'Nautilus cover') }, hq)).createPart.id;
      expect(await until(() => hitIds('鹦鹉螺'), (ids) => ids.includes(id))).toContain(id);
      ok(await p.query(`mutation($id: ID!, $i: PartInput!) { updatePart(id: $id, input: $i) { id } }`, { id, i: input('ZX9-1111222', '蜂鸟挡板', 'Hummingbird baffle') }, hq));
      expect(await until(() => hitIds('蜂鸟挡板'), (ids) => ids.includes(id))).toContain(id);
      expect(await until(() => hitIds('hummingbird'), (ids) => ids.includes(id))).toContain(id);
      expect(await until(() => hitIds('鹦鹉螺'), (ids) => !ids.includes(id))).not.toContain(id);
      expect(await until(() => hitIds('nautilus'), (ids) => !ids.includes(id))).not.toContain(id);
    });

    it('a superseded part is found after its successor', async () => {
      const oldId = ok(await p.query(`mutation($i: PartInput!) { createPart(input: $i) { id } }`, { i: input('ZX9-2000001', '旧款支架', 'Old bracket') }, hq)).createPart.id;
      const newId = ok(await p.query(`mutation($i: PartInput!) { createPart(input: $i) { id } }`, { i: input('ZX9-2000002', '新款支架', 'New bracket') }, hq)).createPart.id;
      ok(await p.query(`mutation($a: ID!, $b: ID!) { supersedePart(id: $a, byPartId: $b) { id } }`, { a: oldId, b: newId }, hq));
      const ids = await until(() => hitIds('ZX9-2000001'), (x) => x[0] === newId);
      expect(ids.slice(0, 2)).toEqual([newId, oldId]);
    });
  });

  describe('bad input is answered, never a server error', () => {
    const nasty = ['', '   ', '%', '_', "'", '\\', '%_%', "'; DROP TABLE catalog.part; --", '\u0000\u0001\u0007\u001b[31m', 'a'.repeat(200), '机'.repeat(150), '(((', ':*', '!&|', '\uFFFF\uD800'];
    it.each(nasty.map((q) => [JSON.stringify(q).slice(0, 40), q]))('query %s', async (_label, q) => {
      const r = await p.query(SEARCH, { q, n: 5 }, clerk);
      if (r.errors) expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      else expect(Array.isArray(r.data.searchParts.hits)).toBe(true);
    });

    it('a 10,000-character query is BAD_USER_INPUT', async () => {
      expect(codes(await p.query(SEARCH, { q: 'x'.repeat(10_000) }, clerk))).toEqual(['BAD_USER_INPUT']);
    });

    it('malformed filter ids are BAD_USER_INPUT; first below zero gives no hits', async () => {
      expect(codes(await p.query(SEARCH, { q: 'a', m: 'nope' }, clerk))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await p.query(SEARCH, { q: 'a', s: "1' OR '1'='1" }, hq))).toEqual(['BAD_USER_INPUT']);
      expect((await search({ q: '滤清器', n: -3 })).hits).toEqual([]);
    });

    it('still serves afterwards', async () => {
      expect((await search({ q: 'T15-1012010' })).hits.length).toBeGreaterThan(0);
    });
  });
});
