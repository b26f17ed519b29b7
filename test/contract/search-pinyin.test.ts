/**
 * 助记码 and pinyin search through the gateway (issue 18): Part.mnemonic is
 * generated from the name's usual reading unless HQ sets one; HQ's value is
 * kept across updates that do not name it and dropped by null; search finds
 * parts by HQ's mnemonic (whole, prefix, infix), by every reading of a
 * polyphone, by traditional characters, by mixes with a model; the importer
 * reads a 助记码 column.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { toPartInput } from '../../scripts/importers/parts';

const SEARCH = `query($q: String!, $n: Int) { searchParts(query: $q, first: $n) { hits { part { id name mnemonic compatibleModels { id } } } } }`;

describe('mnemonics and pinyin', () => {
  let p: Platform;
  let hq: string;
  let clerk: string;
  const data = demoData();
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'] });
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', data.stations[0].id);
  }, 180_000);
  afterAll(() => p?.stop());

  const ids = async (q: string, n = 5) => ok(await p.query(SEARCH, { q, n }, clerk)).searchParts.hits.map((h: any) => h.part.id);
  const input = (partNo: string, name: string, extra: Record<string, unknown> = {}) => ({
    partNo, name, nameEn: null, unit: '个', unitPrecision: 0, category: '测试', imageUrls: [], compatibleModelIds: [],
    prices: { retail: '10.00', wholesale: '8.00', member: '9.00', insurance: '9.00', internal: '7.00', hqCap: null }, packSize: 1, minOrderQty: 1, ...extra,
  });
  const create = async (i: Record<string, unknown>) => ok(await p.query(`mutation($i: PartInput!) { createPart(input: $i) { id mnemonic } }`, { i }, hq)).createPart;
  const update = async (id: string, i: Record<string, unknown>) => ok(await p.query(`mutation($id: ID!, $i: PartInput!) { updatePart(id: $id, input: $i) { id mnemonic } }`, { id, i }, hq)).updatePart;

  it('a demo part carries the mnemonic of its name', async () => {
    const oil = data.parts.find((x) => x.name === '机油滤清器')!;
    expect(ok(await p.query(`query($id: ID!) { part(id: $id) { mnemonic } }`, { id: oil.id }, clerk)).part.mnemonic).toBe('JYLQQ');
  });

  it("HQ's mnemonic is kept, searchable whole, as a prefix and an infix, and null gives the generated one back", async () => {
    const part = await create(input('PY1-0000001', '蜗壳导风罩', { mnemonic: 'wkd-01' }));
    expect(codes(await p.query(`mutation($i: PartInput!) { createPart(input: $i) { id } }`, { i: input('PY1-0000009', '坏码', { mnemonic: 'J 1!' }) }, hq))).toEqual(['BAD_USER_INPUT']);
    expect(part.mnemonic).toBe('WKD01');
    for (const q of ['WKD01', 'wkd01', 'kd01', 'wkd', 'wkdfz']) expect(await ids(q)).toContain(part.id);
    expect((await ids('wkd01'))[0]).toBe(part.id);
    // An update that does not name the mnemonic keeps HQ's.
    expect((await update(part.id, input('PY1-0000001', '蜗壳导风罩总成'))).mnemonic).toBe('WKD01');
    expect(await ids('wkd01')).toContain(part.id);
    // null: generated from the name again (蜗壳 wō qiào/ké), and HQ's old value no longer finds it.
    expect((await update(part.id, input('PY1-0000001', '蜗壳导风罩总成', { mnemonic: null }))).mnemonic).toMatch(/^WKDFZZC$|^WQDFZZC$/);
    expect(await ids('wkd01')).not.toContain(part.id);
    expect(await ids('wqdfzzc')).toContain(part.id);
    expect(await ids('wkdfzzc')).toContain(part.id);
  });

  it('every reading of a polyphone finds a new part, in any case', async () => {
    const jack = await create(input('PY1-0000002', '重型千斤顶'));
    expect(jack.mnemonic).toBe('ZXQJD');
    for (const q of ['zxqjd', 'CXQJD', 'zhongxing', 'chongxing', 'qianjinding', 'qjd', 'zhong xing qian jin ding']) expect(await ids(q)).toContain(jack.id);
    const rack = await create(input('PY1-0000003', '行李箱垫'));
    for (const q of ['xlxd', 'hlxd', 'xinglixiang']) expect(await ids(q)).toContain(rack.id);
  });

  it('traditional characters find simplified names and the other way round', async () => {
    const t = await create(input('PY1-0000004', '機油尺'));
    for (const q of ['机油尺', '機油尺', 'jyc', 'jiyouchi']) expect(await ids(q)).toContain(t.id);
    expect(t.mnemonic).toBe('JYC');
  });

  it('mixes a model with initials: only parts that fit it, the named part first', async () => {
    const tiggo7 = data.vehicleModels.find((m) => m.name === '瑞虎7')!;
    const r = ok(await p.query(SEARCH, { q: 'tiggo7 scp', n: 10 }, clerk)).searchParts.hits;
    expect(r.length).toBeGreaterThan(0);
    for (const h of r) expect(h.part.compatibleModels.map((m: any) => m.id)).toContain(tiggo7.id);
    expect(['刹车盘', '前刹车片', '后刹车片']).toContain(r[0].part.name);
    const jl = ok(await p.query(SEARCH, { q: '瑞虎7 jl', n: 5 }, clerk)).searchParts.hits;
    expect(jl[0].part.name).toBe('机油滤清器');
  });

  it('everything that matched before still matches (numbers, Chinese, English typos)', async () => {
    const oil = data.parts.find((x) => x.partNo === 'T15-1012010')!;
    expect((await ids('T15-1012010'))[0]).toBe(oil.id);
    const byAbbr = ok(await p.query(SEARCH, { q: '机滤', n: 5 }, clerk)).searchParts.hits.map((h: any) => h.part.name);
    expect(byAbbr).toEqual(Array(5).fill('机油滤清器'));
    const names = ok(await p.query(SEARCH, { q: 'oil fliter', n: 5 }, clerk)).searchParts.hits.map((h: any) => h.part.name);
    expect(names[0]).toBe('机油滤清器');
  });

  it('the importer reads a 助记码 column; importParts keeps it', async () => {
    const rec = { 配件编号: 'PY1-0000005', 名称: '导风板', 单位: '个', 零售价: '10', 批发价: '8', 会员价: '9', 保险价: '9', 内部价: '7', 助记码: 'dfb-9' };
    const { input: row } = toPartInput(rec, []);
    expect(row).toMatchObject({ mnemonic: 'dfb-9' });
    const { input: noColumn } = toPartInput({ ...rec, 助记码: undefined }, []);
    expect(noColumn!.mnemonic).toBeUndefined();
    const r = ok(await p.query(`mutation($r: [PartInput!]!) { importParts(rows: $r) { created errors { message } } }`, { r: [{ ...row, mnemonic: 'DFB9' }] }, hq)).importParts;
    expect(r).toEqual({ created: 1, errors: [] });
    expect(ok(await p.query(`{ partByNumber(partNo: "PY1-0000005") { mnemonic } }`, {}, clerk)).partByNumber.mnemonic).toBe('DFB9');
    const again = ok(await p.query(`mutation($r: [PartInput!]!) { importParts(rows: $r) { unchanged } }`, { r: [noColumn] }, hq)).importParts;
    expect(again.unchanged).toBe(1);
    expect(ok(await p.query(`{ partByNumber(partNo: "PY1-0000005") { mnemonic } }`, {}, clerk)).partByNumber.mnemonic).toBe('DFB9');
  });
});
