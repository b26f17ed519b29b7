/**
 * The catalog through the gateway: HQ-only writes with validation and
 * uniqueness, supersession without cycles, idempotent bulk import with
 * per-row errors, partFacts-free reads, and batching (a page of 50 parts
 * costs the same statements as a page of 10).
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { CatalogPlatformImagePaths1765200000000 } from '../../subgraphs/catalog/src/migrations/1765200000000-catalog-platform-image-paths';

const PART_FIELDS = `id partNo name nameEn spec unit unitPrecision category brand barcode imageUrls packSize minOrderQty
  prices { retail wholesale member insurance internal hqCap } compatibleModels { id name } supersededBy { id partNo }`;

function input(partNo: string, over: Record<string, unknown> = {}) {
  return {
    partNo, name: '测试滤芯', nameEn: 'Test element', spec: 'PG-1', unit: '个', unitPrecision: 0, category: '滤清器', brand: 'Mann',
    barcode: null, imageUrls: ['https://img.example/x.jpg'], compatibleModelIds: [demoData().vehicleModels[3].id],
    prices: { retail: '120.00', wholesale: '100.00', member: '110.00', insurance: '105.00', internal: '90.00', hqCap: '130.00' },
    packSize: 1, minOrderQty: 1, ...over,
  };
}

describe('catalog', () => {
  let p: Platform;
  let hq: string;
  let clerk: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'] });
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', demoData().stations[0].id);
  });
  afterAll(() => p?.stop());

  const create = (i: unknown, token = hq) => p.query(`mutation($i: PartInput!) { createPart(input: $i) { ${PART_FIELDS} } }`, { i }, token);

  it('HQ creates a part with every field; a clerk reads it but may not write', async () => {
    const r = ok(await create(input('PG1-0000001', { barcode: '6901234567892' })));
    expect(r.createPart).toMatchObject({ partNo: 'PG1-0000001', name: '测试滤芯', barcode: '6901234567892', imageUrls: ['https://img.example/x.jpg'],
      prices: { retail: '120.00', hqCap: '130.00' }, compatibleModels: [{ name: '瑞虎7' }], supersededBy: null });
    expect(ok(await p.query(`query($n: String!) { partByNumber(partNo: $n) { id } }`, { n: 'pg1 0000001' }, clerk)).partByNumber.id).toBe(r.createPart.id);
    expect(codes(await create(input('PG1-0000002'), clerk))).toEqual(['FORBIDDEN']);
    expect(codes(await p.query(`mutation { createVehicleModel(input: { code: "X1", series: "X", name: "X1" }) { id } }`, {}, clerk))).toEqual(['FORBIDDEN']);
  });

  it('refuses bad input field by field, and a price above the HQ cap', async () => {
    const bad = await create(input('??', { unitPrecision: 7, imageUrls: ['not a url'] }));
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions).toMatchObject({ reason: expect.any(String), params: { field: expect.any(String) } });
    expect(Object.keys((bad.errors![0].extensions as any).params.fields)).toEqual(expect.arrayContaining(['partNo', 'unitPrecision', 'imageUrls']));
    const cap = await create(input('PG1-0000003', { prices: { retail: '140.00', wholesale: '100.00', member: '110.00', insurance: '105.00', internal: '90.00', hqCap: '130.00' } }));
    expect(codes(cap)).toEqual(['BAD_USER_INPUT']);
    expect(cap.errors![0].extensions).toMatchObject({ reason: 'PRICE_ABOVE_CAP', params: { field: 'prices.retail', price: '140.00', cap: '130.00' } });
    expect(codes(await create(input('PG1-0000004', { barcode: '6901234567890' })))).toEqual(['BAD_USER_INPUT']); // wrong EAN check digit
  });

  it('part numbers are unique after normalisation, barcodes are unique', async () => {
    const existing = demoData().parts[0];
    expect(codes(await create(input(existing.partNo.toLowerCase().replace('-', ' '))))).toEqual(['CONFLICT']);
    expect(codes(await create(input('PG1-0000005', { barcode: existing.barcode })))).toEqual(['CONFLICT']);
  });

  it('updates a part, and supersedes it without cycles; the old number leads to the new part', async () => {
    const a = ok(await create(input('PG2-0000001'))).createPart;
    const b = ok(await create(input('PG2-0000002'))).createPart;
    const u = ok(await p.query(`mutation($id: ID!, $i: PartInput!) { updatePart(id: $id, input: $i) { name prices { retail } } }`,
      { id: a.id, i: input('PG2-0000001', { name: '改名滤芯', prices: { retail: '125.00', wholesale: '100.00', member: '110.00', insurance: '105.00', internal: '90.00', hqCap: '130.00' } }) }, hq));
    expect(u.updatePart).toEqual({ name: '改名滤芯', prices: { retail: '125.00' } });
    ok(await p.query(`mutation($a: ID!, $b: ID!) { supersedePart(id: $a, byPartId: $b) { id } }`, { a: a.id, b: b.id }, hq));
    const old = ok(await p.query(`{ partByNumber(partNo: "PG2-0000001") { id supersededBy { partNo } } }`, {}, clerk)).partByNumber;
    expect(old).toEqual({ id: a.id, supersededBy: { partNo: 'PG2-0000002' } });
    expect(codes(await p.query(`mutation($a: ID!, $b: ID!) { supersedePart(id: $a, byPartId: $b) { id } }`, { a: b.id, b: a.id }, hq))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await p.query(`mutation($a: ID!) { supersedePart(id: $a, byPartId: $a) { id } }`, { a: b.id }, hq))).toEqual(['BAD_USER_INPUT']);
  });

  it('importParts is idempotent and reports a bad row by number without stopping the others', async () => {
    const rows = [
      input('IMP-0000001'),
      input('IMP-0000002', { supersededByPartNo: 'IMP-0000003' }),
      input('IMP-0000003'),
      input('IMP-0000004', { prices: { retail: '999.00', wholesale: '100.00', member: '110.00', insurance: '105.00', internal: '90.00', hqCap: '130.00' } }),
      input('imp 0000001'),
      input('IMP-0000005', { compatibleModelIds: ['00000000-0000-4000-8000-000000000000'] }),
      input('!IMP-0000006', { unitPrecision: 9 }),
      input('IMP-0000007', { supersededByPartNo: 'IMP-NOPE-999' }),
    ];
    const q = `mutation($r: [PartInput!]!) { importParts(rows: $r) { created updated unchanged errors { row partNo message reason params } } }`;
    const first = ok(await p.query(q, { r: rows }, hq)).importParts;
    expect(first).toMatchObject({ created: 4, updated: 0, unchanged: 0 });
    expect(first.errors.map((e: any) => e.row)).toEqual([4, 5, 6, 7, 8]);
    // Each refused row carries the reason a whole call would be refused with, and its params.
    expect(first.errors[0]).toMatchObject({ reason: 'PRICE_ABOVE_CAP', params: { row: 4, field: 'prices.retail', price: '999.00', cap: '130.00' } });
    expect(first.errors[0].message).toMatch(/HQ cap/);
    expect(first.errors[1]).toMatchObject({ reason: 'DUPLICATE_ROW', params: { row: 5, firstRow: 1 } });
    expect(first.errors[2]).toMatchObject({ reason: 'VEHICLE_MODEL_NOT_FOUND', params: { row: 6, field: 'compatibleModelIds' } });
    expect(first.errors[3]).toMatchObject({ reason: 'INVALID_VALUE', params: { row: 7, field: 'partNo' } });
    expect(Object.keys(first.errors[3].params.fields).sort()).toEqual(['partNo', 'unitPrecision']);
    // Row 8 went in; only its link to a successor that does not exist was refused.
    expect(first.errors[4]).toMatchObject({ reason: 'SUCCESSOR_NOT_FOUND', params: { row: 8, saved: true, partNo: 'IMP-NOPE-999' } });
    expect(first.errors[4].message).toMatch(/^Saved, but the successor was not linked/);
    expect(ok(await p.query(`{ partByNumber(partNo: "IMP-0000007") { supersededBy { partNo } } }`, {}, clerk)).partByNumber).toEqual({ supersededBy: null });
    const again = ok(await p.query(q, { r: rows }, hq)).importParts;
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    expect(ok(await p.query(`{ partByNumber(partNo: "IMP-0000002") { supersededBy { partNo } } }`, {}, clerk)).partByNumber.supersededBy.partNo).toBe('IMP-0000003');
    const changed = ok(await p.query(q, { r: [input('IMP-0000001', { name: '新名字' })] }, hq)).importParts;
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0, errors: [] });
    expect(codes(await p.query(q, { r: rows }, clerk))).toEqual(['FORBIDDEN']);
  });

  it('creates vehicle models (HQ), codes unique', async () => {
    const m = ok(await p.query(`mutation { createVehicleModel(input: { code: "T9X", series: "Tiggo", name: "瑞虎9X", nameEn: "Tiggo 9X", yearFrom: 2026 }) { id code name } }`, {}, hq));
    expect(m.createVehicleModel.code).toBe('T9X');
    expect(codes(await p.query(`mutation { createVehicleModel(input: { code: "T9X", series: "Tiggo", name: "dup" }) { id } }`, {}, hq))).toEqual(['CONFLICT']);
    expect(ok(await p.query(`{ vehicleModels(series: "Tiggo") { code } }`, {}, clerk)).vehicleModels.map((x: any) => x.code)).toContain('T9X');
  });

  describe('batching', () => {
    const page = `query($q: String!, $n: Int) { searchParts(query: $q, first: $n) { hits { part { id partNo compatibleModels { name } supersededBy { partNo compatibleModels { code } } } } } }`;
    // counter.lastRequest counts the request's own statements (not the relay's or a consumer's in between).
    async function statements(n: number): Promise<number> {
      const r = ok(await p.querySubgraph('catalog', page, { q: '', n }, hq));
      expect(r.searchParts.hits.length).toBe(n);
      return p.subgraphs.catalog.runtime.ds.counter.lastRequest;
    }
    // The first search loads the vocabulary caches; they are re-read when older than a second, so on a
    // slow machine one of the warm requests can carry that reload too: the fewest of three is the page's own cost.
    const least = async (n: number) => {
      await statements(n);
      return Math.min(await statements(n), await statements(n), await statements(n));
    };

    it('a page of 50 parts costs the same number of SQL statements as a page of 10', async () => {
      const ten = await least(10);
      const fifty = await least(50);
      expect(fifty).toBe(ten);
      expect(fifty).toBeLessThanOrEqual(6);
    });

    it('_entities for 50 parts is one statement', async () => {
      const ids = demoData().parts.slice(0, 50).map((x) => ({ __typename: 'Part', id: x.id }));
      const r = ok(await p.querySubgraph('catalog', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Part { partNo } } }`, { r: ids }, hq));
      expect(r._entities).toHaveLength(50);
      expect(p.subgraphs.catalog.runtime.ds.counter.lastRequest).toBe(1);
    });
  });
  it("gives the demo's pictures under the platform's address, where they load for any client, and keeps them as paths when a part is sent back", async () => {
    const shown = demoData().parts.find((x) => x.imageUrls.length > 1)!;
    const q = `query($no: String!) { partByNumber(partNo: $no) { id imageUrls } }`;
    const part = ok(await p.query(q, { no: shown.partNo }, hq)).partByNumber;
    expect(part.imageUrls).toEqual(shown.imageUrls.map((u) => `${p.gateway.url}${u}`));
    for (const url of part.imageUrls) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
      expect(await res.text()).toContain(shown.partNo);
    }
    const stored = await p.subgraphs.catalog.runtime.ds.query(`SELECT image_urls FROM catalog.part WHERE id = $1`, [part.id]);
    expect(stored[0].image_urls).toEqual(shown.imageUrls);
  });

  it('rewrites the picture addresses of a demo loaded before the platform served them to the paths the seed writes now (migration 1765200000000)', async () => {
    const [a, b] = demoData().parts.filter((x) => x.imageUrls.length > 1);
    const ds = p.subgraphs.catalog.runtime.ds;
    const old = (partNo: string, n = '') => `https://img.partsgraph.example/parts/${partNo}${n}.jpg`;
    // What the seed wrote before 2026-12-04, and beside it an address of someone's own that stays as it is.
    await ds.query(`UPDATE catalog.part SET image_urls = $2, updated_at = '2026-11-01' WHERE id = $1`, [a.id, [old(a.partNo), old(a.partNo, '-2')]]);
    await ds.query(`UPDATE catalog.part SET image_urls = $2, updated_at = '2026-11-01' WHERE id = $1`, [b.id, ['https://cdn.example.com/x.jpg', old(b.partNo, '-2'), 'https://img.partsgraph.example/logo.png']]);
    const untouched = (await ds.query(`SELECT id, updated_at FROM catalog.part WHERE NOT (id = ANY($1::uuid[])) ORDER BY id LIMIT 50`, [[a.id, b.id]])) as { id: string; updated_at: Date }[];
    const qr = ds.createQueryRunner();
    try {
      await new CatalogPlatformImagePaths1765200000000().up(qr);
    } finally {
      await qr.release();
    }
    const stored = async (id: string) => (await ds.query(`SELECT image_urls, updated_at FROM catalog.part WHERE id = $1`, [id]))[0];
    expect((await stored(a.id)).image_urls).toEqual(a.imageUrls.slice(0, 2));
    expect((await stored(a.id)).image_urls).toEqual([`/images/parts/${a.partNo}.svg`, `/images/parts/${a.partNo}-2.svg`]);
    expect((await stored(b.id)).image_urls).toEqual(['https://cdn.example.com/x.jpg', `/images/parts/${b.partNo}-2.svg`, 'https://img.partsgraph.example/logo.png']);
    expect((await stored(a.id)).updated_at.getTime()).toBeGreaterThan(Date.parse('2026-11-02'));
    expect(await ds.query(`SELECT id, updated_at FROM catalog.part WHERE id = ANY($1::uuid[]) ORDER BY id`, [untouched.map((r) => r.id)])).toEqual(untouched);
    // An API client gets them under the platform's address, and they load.
    const got = ok(await p.query(`query($no: String!) { partByNumber(partNo: $no) { imageUrls } }`, { no: a.partNo }, hq)).partByNumber.imageUrls;
    expect(got).toEqual([`${p.gateway.url}/images/parts/${a.partNo}.svg`, `${p.gateway.url}/images/parts/${a.partNo}-2.svg`]);
    for (const url of got) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    }
  });
});
