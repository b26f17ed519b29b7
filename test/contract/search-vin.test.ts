/**
 * VIN patterns and searchParts(vin:) (issue 18): HQ's patterns resolve the
 * seeded example VINs, the longest prefix and the model year decide, malformed
 * VINs are INVALID_VIN, HQ alone edits patterns, and a VIN search returns only
 * parts that fit the car — the successor of a fitting part included.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok, type GqlResponse } from '../helpers/graphql';
import { withCheckDigit } from '../../subgraphs/catalog/src/domain/vin';

const BY_VIN = `query($v: String!) { vehicleModelByVin(vin: $v) { id code name } }`;
const SEARCH = `query($q: String!, $v: String, $n: Int) { searchParts(query: $q, vin: $v, first: $n) {
  estimatedTotal vehicleModel { id } hits { part { id name partNo compatibleModels { id } supersededBy { id } } } } }`;
const reasons = (r: GqlResponse) => (r.errors ?? []).map((e) => e.extensions?.reason);

describe('VIN patterns and search by VIN', () => {
  let p: Platform;
  let hq: string;
  let clerk: string;
  const data = demoData();
  const model = (code: string) => data.vehicleModels.find((m) => m.code === code)!;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'] });
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', data.stations[0].id);
  }, 180_000);
  afterAll(() => p?.stop());

  it('lists the seeded patterns and resolves every example VIN to its model', async () => {
    const list = ok(await p.query(`{ vinPatterns { id prefix yearFrom yearTo vehicleModel { id } } }`, {}, clerk)).vinPatterns;
    expect(list).toHaveLength(data.vinPatterns.length);
    for (const v of data.vinPatterns) {
      expect(list).toContainEqual({ id: v.id, prefix: v.prefix, yearFrom: v.yearFrom, yearTo: v.yearTo, vehicleModel: { id: v.vehicleModelId } });
      expect(ok(await p.query(BY_VIN, { v: v.exampleVin }, clerk)).vehicleModelByVin.id).toBe(v.vehicleModelId);
    }
  });

  it('the longest matching prefix wins; lower case, spaces and dashes are ignored', async () => {
    expect(ok(await p.query(BY_VIN, { v: withCheckDigit('LVVDT15EB0RD00001') }, clerk)).vehicleModelByVin.code).toBe('T1E');
    expect(ok(await p.query(BY_VIN, { v: withCheckDigit('LVVDT15AB0RD00001') }, clerk)).vehicleModelByVin.code).toBe('T15');
    const vin = withCheckDigit('LVVDT15AB0RD00001');
    expect(ok(await p.query(BY_VIN, { v: `${vin.slice(0, 8).toLowerCase()} ${vin.slice(8, 11)}-${vin.slice(11)}` }, clerk)).vehicleModelByVin.code).toBe('T15');
  });

  it('a malformed VIN is BAD_USER_INPUT with reason INVALID_VIN (length, characters, check digit); an unknown one resolves to null', async () => {
    const good = data.vinPatterns[0].exampleVin;
    const wrongDigit = good.slice(0, 8) + (good[8] === '1' ? '2' : '1') + good.slice(9);
    for (const [vin, problem] of [[good.slice(0, 16), 'length'], [good + '1', 'length'], [good.slice(0, 12) + 'O' + good.slice(13), 'characters'], [wrongDigit, 'check digit']] as const) {
      const r = await p.query(BY_VIN, { v: vin }, clerk);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(reasons(r)).toEqual(['INVALID_VIN']);
      expect(r.errors![0].extensions!.params).toMatchObject({ problem });
      expect(reasons(await p.query(SEARCH, { q: '机滤', v: vin }, clerk))).toEqual(['INVALID_VIN']);
    }
    const unknown = withCheckDigit('LSVAB12C0RD000001');
    expect(ok(await p.query(BY_VIN, { v: unknown }, clerk)).vehicleModelByVin).toBeNull();
    const r = await p.query(SEARCH, { q: '机滤', v: unknown }, clerk);
    expect(codes(r)).toEqual(['NOT_FOUND']);
    expect(reasons(r)).toEqual(['VIN_NOT_RECOGNISED']);
  });

  it('HQ creates, updates and deletes patterns; others may not; bad prefixes, duplicates and reversed years are refused', async () => {
    const create = `mutation($p: String!, $m: ID!, $f: Int, $t: Int) { createVinPattern(prefix: $p, vehicleModelId: $m, yearFrom: $f, yearTo: $t) { id prefix yearFrom yearTo vehicleModel { code } } }`;
    const forbidden = await p.query(create, { p: 'LSVAB12', m: model('T15').id }, clerk);
    expect(codes(forbidden)).toEqual(['FORBIDDEN']);
    const old = ok(await p.query(create, { p: 'lsvab12', m: model('T11').id, f: 2014, t: 2020 }, hq)).createVinPattern;
    expect(old).toMatchObject({ prefix: 'LSVAB12', yearFrom: 2014, yearTo: 2020, vehicleModel: { code: 'T11' } });
    const recent = ok(await p.query(create, { p: 'LSVAB12', m: model('T15').id, f: 2021 }, hq)).createVinPattern;
    // Position 10: H = 2017, R = 2024 — the same prefix, two models by year.
    expect(ok(await p.query(BY_VIN, { v: withCheckDigit('LSVAB12C0HD000001') }, clerk)).vehicleModelByVin.code).toBe('T11');
    expect(ok(await p.query(BY_VIN, { v: withCheckDigit('LSVAB12C0RD000001') }, clerk)).vehicleModelByVin.code).toBe('T15');
    expect(reasons(await p.query(create, { p: 'LSVAB12', m: model('T18').id, f: 2021 }, hq))).toEqual(['VIN_PATTERN_EXISTS']);
    expect(reasons(await p.query(create, { p: 'LS', m: model('T18').id }, hq))).toEqual(['INVALID_VIN_PATTERN']);
    expect(reasons(await p.query(create, { p: 'LSVIB12', m: model('T18').id }, hq))).toEqual(['INVALID_VIN_PATTERN']);
    expect(reasons(await p.query(create, { p: 'LSVAB13', m: model('T18').id, f: 2022, t: 2020 }, hq))).toEqual(['YEAR_RANGE_REVERSED']);
    expect(reasons(await p.query(create, { p: 'LSVAB13', m: '00000000-0000-4000-8000-000000000000' }, hq))).toEqual(['VEHICLE_MODEL_NOT_FOUND']);

    const update = `mutation($id: ID!, $m: ID!, $f: Int, $t: Int) { updateVinPattern(id: $id, vehicleModelId: $m, yearFrom: $f, yearTo: $t) { id vehicleModel { code } } }`;
    expect(codes(await p.query(update, { id: recent.id, m: model('T18').id, f: 2021 }, clerk))).toEqual(['FORBIDDEN']);
    ok(await p.query(update, { id: recent.id, m: model('T18').id, f: 2021 }, hq));
    expect(ok(await p.query(BY_VIN, { v: withCheckDigit('LSVAB12C0RD000001') }, clerk)).vehicleModelByVin.code).toBe('T18');

    const del = `mutation($id: ID!) { deleteVinPattern(id: $id) }`;
    expect(codes(await p.query(del, { id: recent.id }, clerk))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(del, { id: recent.id }, hq)).deleteVinPattern).toBe(true);
    expect(reasons(await p.query(del, { id: recent.id }, hq))).toEqual(['VIN_PATTERN_NOT_FOUND']);
    expect(ok(await p.query(BY_VIN, { v: withCheckDigit('LSVAB12C0RD000001') }, clerk)).vehicleModelByVin).toBeNull();
    ok(await p.query(del, { id: old.id }, hq));
  });

  it('searchParts(vin:) returns only parts that fit the car, and says which model it used', async () => {
    const v = data.vinPatterns.find((x) => x.prefix === 'LVVDT15')!;
    for (const q of ['机滤', 'scp', '', 'brake']) {
      const r = ok(await p.query(SEARCH, { q, v: v.exampleVin, n: 50 }, clerk)).searchParts;
      expect(r.vehicleModel).toEqual({ id: v.vehicleModelId });
      expect(r.hits.length).toBeGreaterThan(0);
      const succ = new Set(data.parts.filter((x) => x.supersededById && x.compatibleModelIds.includes(v.vehicleModelId)).map((x) => x.supersededById));
      for (const h of r.hits) if (!succ.has(h.part.id)) expect(h.part.compatibleModels.map((m: any) => m.id)).toContain(v.vehicleModelId);
    }
    const all = ok(await p.query(SEARCH, { q: '', v: v.exampleVin, n: 1 }, clerk)).searchParts;
    const fitting = data.parts.filter((x) => x.compatibleModelIds.includes(v.vehicleModelId)).length;
    expect(all.estimatedTotal).toBeGreaterThanOrEqual(fitting);
  });

  it('follows supersession: the successor of a part that fits is found by VIN, even when it lists no models', async () => {
    const input = (partNo: string, name: string, models: string[]) => ({
      partNo, name, nameEn: null, unit: '个', unitPrecision: 0, category: '测试', imageUrls: [], compatibleModelIds: models,
      prices: { retail: '10.00', wholesale: '8.00', member: '9.00', insurance: '9.00', internal: '7.00', hqCap: null }, packSize: 1, minOrderQty: 1,
    });
    const create = `mutation($i: PartInput!) { createPart(input: $i) { id } }`;
    const tiggo7 = model('T15').id;
    const oldId = ok(await p.query(create, { i: input('VN1-0000001', '旧款导流板', [tiggo7]) }, hq)).createPart.id;
    const newId = ok(await p.query(create, { i: input('VN1-0000002', '新款导流板', []) }, hq)).createPart.id;
    const vin = data.vinPatterns.find((x) => x.prefix === 'LVVDT15')!.exampleVin;
    const ids = async (q: string) => ok(await p.query(SEARCH, { q, v: vin, n: 20 }, clerk)).searchParts.hits.map((h: any) => h.part.id);
    expect(await ids('新款导流板')).not.toContain(newId);
    ok(await p.query(`mutation($a: ID!, $b: ID!) { supersedePart(id: $a, byPartId: $b) { id } }`, { a: oldId, b: newId }, hq));
    expect(await ids('新款导流板')).toContain(newId);
    expect(await ids('VN1-0000001')).toEqual(expect.arrayContaining([newId, oldId]));
    const other = data.vinPatterns.find((x) => x.prefix === 'LVVAM11')!.exampleVin;
    expect(ok(await p.query(SEARCH, { q: '导流板', v: other, n: 20 }, clerk)).searchParts.hits.map((h: any) => h.part.id)).not.toContain(newId);
  });
});
