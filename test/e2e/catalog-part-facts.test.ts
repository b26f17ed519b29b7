/** The `partFacts` command other subgraphs call (docs/internal-contracts.md § catalog). */
import { callCommand } from '../../subgraphs/shared/src';
import { startPlatform, demoData, type Platform } from '../helpers/platform';

describe('catalog command partFacts', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['catalog'] });
  });
  afterAll(() => p?.stop());

  it('returns the facts of the asked parts, in order, unknown and malformed ids left out', async () => {
    const data = demoData();
    const superseded = data.parts.find((x) => x.supersededById)!;
    const [a] = data.parts;
    const facts = await callCommand(p.subgraphs.catalog.url, 'partFacts',
      { partIds: [superseded.id, 'nope', a.id, '00000000-0000-4000-8000-000000000000'] },
      { id: 'stock-test', roles: ['PARTS_CLERK'], stationId: null }, { secret: p.secret, caller: 'stock' });
    expect(facts.map((f: any) => f.partId)).toEqual([superseded.id, a.id]);
    expect(facts[0].supersededById).toBe(superseded.supersededById);
    expect(facts[1]).toEqual({
      partId: a.id, partNo: a.partNo, name: a.name, category: a.category, unit: a.unit, unitPrecision: a.unitPrecision, barcode: a.barcode, hqCap: a.prices.hqCap,
      prices: { retail: a.prices.retail, wholesale: a.prices.wholesale, member: a.prices.member, insurance: a.prices.insurance, internal: a.prices.internal },
      packSize: a.packSize, minOrderQty: a.minOrderQty, supersededById: null,
    });
  });

  it('refuses a non-list with BAD_USER_INPUT', async () => {
    await expect(callCommand(p.subgraphs.catalog.url, 'partFacts', { partIds: 'x' },
      { id: 'stock-test', roles: [], stationId: null }, { secret: p.secret, caller: 'stock' })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
