/**
 * The parts export (issue 18: 助记码 is part of import/export): /export/parts.xlsx
 * pages through searchParts with the caller's token and filters, under the
 * importer's Chinese headers, so a downloaded sheet reads back through
 * scripts/importers/parts.ts — HQ's mnemonic included.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { downloadExport, readSheet } from '../helpers/sheet';
import { ok } from '../helpers/graphql';
import { toPartInput } from '../../scripts/importers/parts';

describe('parts export', () => {
  let p: Platform;
  let hq: string;
  const data = demoData();
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'] });
    hq = await p.token('HQ_ADMIN');
  }, 180_000);
  afterAll(() => p?.stop());

  const sheet = async (query: string) => {
    return (await readSheet(await downloadExport(p.gatewayUrl, `/export/parts.xlsx?${query}`, hq))).rows;
  };

  it('exports every matching part with its 助记码 under the headers the importer reads', async () => {
    const oil = data.parts.filter((x) => x.name.includes('机油滤清器'));
    const hqSet = oil[0];
    const full = ok(await p.query(`query($no: String!) { partByNumber(partNo: $no) { id name unit unitPrecision category imageUrls packSize minOrderQty compatibleModels { id } prices { retail wholesale member insurance internal hqCap } } }`, { no: hqSet.partNo }, hq)).partByNumber;
    const { id, compatibleModels, ...rest } = full;
    ok(await p.query(`mutation($id: ID!, $i: PartInput!) { updatePart(id: $id, input: $i) { mnemonic } }`, { id, i: { ...rest, partNo: hqSet.partNo, compatibleModelIds: compatibleModels.map((m: any) => m.id), mnemonic: 'JL-007' } }, hq));

    const rows = await sheet(`query=${encodeURIComponent('机油滤清器')}`);
    const [header, ...body] = rows;
    expect(header).toEqual(['配件编号', '名称', '英文名称', '助记码', '规格', '单位', '单位精度', '分类', '品牌', '条码', '适用车型', '零售价', '批发价', '会员价', '保险价', '内部价', '限价', '包装数', '起订量', '替代件号']);
    const total = ok(await p.query(`{ searchParts(query: "机油滤清器", first: 1) { estimatedTotal } }`, {}, hq)).searchParts.estimatedTotal;
    expect(body).toHaveLength(total);
    expect(total).toBeGreaterThanOrEqual(oil.length);

    const models = data.vehicleModels.map((m) => ({ id: m.id, code: m.code, name: m.name, nameEn: m.nameEn ?? null }));
    const records = body.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i] ?? null])));
    const back = records.map((rec) => toPartInput(rec, models));
    expect(back.filter((b) => b.error)).toEqual([]);
    const mine = back.find((b) => b.input!.partNo === hqSet.partNo)!.input!;
    expect(mine.mnemonic).toBe('JL007');
    expect(mine.compatibleModelIds).toEqual(expect.arrayContaining(hqSet.compatibleModelIds));
    const generated = back.find((b) => b.input!.partNo !== hqSet.partNo && b.input!.name === '机油滤清器')!.input!;
    expect(generated.mnemonic).toBe('JYLQQ');
  });
});
