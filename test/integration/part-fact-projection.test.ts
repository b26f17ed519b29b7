/**
 * The kernel's part-fact projection on a real Postgres, for both tables that
 * use it (stock's columns, workshop's jsonb): the request path fills a
 * missing row once and never overwrites what the consumer wrote meanwhile;
 * the consumer overwrites and deletes the rows of parts the catalog no longer
 * knows. The catalog's partFacts command is replaced by an in-memory catalog.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { partFactProjection, type FetchPartFacts, type OutboxEvent, type PartFactRequest, type PartFacts, type PartFactTable, type SubgraphRuntime } from '../../subgraphs/shared/src';
import { stockPartFactTable } from '../../subgraphs/stock/src/part-fact/part-fact.projection';
import { workshopPartFactTable } from '../../subgraphs/workshop/src/part-fact/part-fact.projection';
import { createTestDatabase } from '../helpers/database';

function fact(partId: string, partNo: string, unitPrecision: number): PartFacts {
  return {
    partId, partNo, name: partNo, category: null, unit: 'PCS', unitPrecision, barcode: `B-${partNo}`, hqCap: null,
    prices: { retail: '10.00', wholesale: '9.00', member: '9.50', insurance: '10.00', internal: '8.00' },
    packSize: 1, minOrderQty: 1, supersededById: null,
  };
}

const changed = (partIds: string[]) => ({ payload: { partIds } }) as unknown as OutboxEvent;

describe.each([
  ['stock', stockPartFactTable as unknown as PartFactTable<{ partId: string; partNo: string }>],
  ['workshop', workshopPartFactTable as unknown as PartFactTable<{ partId: string; partNo: string }>],
])('part-fact projection (%s)', (_name, table) => {
  let ds: DataSource;
  const catalog = new Map<string, PartFacts>();
  let beforeAnswer: (() => Promise<void>) | null = null;
  const calls: string[][] = [];
  const fetch: FetchPartFacts = async (_ctx, ids) => {
    calls.push(ids);
    const answer = new Map(ids.filter((id) => catalog.has(id)).map((id) => [id, catalog.get(id)!]));
    const hook = beforeAnswer;
    beforeAnswer = null;
    if (hook) await hook();
    return answer;
  };
  const projection = partFactProjection(table, fetch);
  const rt = {} as SubgraphRuntime;
  const ctx = (): PartFactRequest => ({ db: ds, runtime: rt, user: { id: 'tester', roles: ['HQ_ADMIN'], stationId: null } as unknown as PartFactRequest['user'] });
  const applyChange = (ids: string[]) => ds.transaction((tx) => projection.consumer(rt).handlers['catalog.part_changed'](tx, changed(ids)));
  const stored = async (id: string) => (await ds.query(`SELECT ${table.select} FROM ${table.table} WHERE part_id = $1`, [id])).map(table.fromRow)[0];

  beforeAll(async () => {
    ds = new DataSource({ type: 'postgres', url: await createTestDatabase('empty') });
    await ds.initialize();
  });
  afterAll(async () => { if (ds?.isInitialized) await ds.destroy(); });

  it('fetches a missing part once, then reads the local row', async () => {
    const a = randomUUID();
    catalog.set(a, fact(a, 'A-1', 0));
    calls.length = 0;
    expect((await projection.facts(ctx(), [a, a])).get(a)?.partNo).toBe('A-1');
    expect((await projection.facts(ctx(), [a])).get(a)?.partNo).toBe('A-1');
    expect(calls).toEqual([[a]]);
    await expect(projection.requireFacts(ctx(), [a, randomUUID()])).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });

  it('never lets the request path overwrite facts the consumer wrote while it was fetching', async () => {
    const a = randomUUID();
    catalog.set(a, fact(a, 'OLD', 0));
    // The request reads no row and asks the catalog; before its stale answer arrives, the part changes and the consumer applies it.
    beforeAnswer = async () => { catalog.set(a, fact(a, 'NEW', 2)); await applyChange([a]); };
    await projection.facts(ctx(), [a]);
    expect((await stored(a)).partNo).toBe('NEW');
    expect((await projection.facts(ctx(), [a])).get(a)?.partNo).toBe('NEW');
  });

  it('the consumer overwrites changed parts and deletes the ones the catalog no longer knows', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    catalog.set(a, fact(a, 'A-1', 0));
    catalog.set(b, fact(b, 'B-1', 0));
    await projection.facts(ctx(), [a, b]);
    catalog.set(a, fact(a, 'A-2', 2));
    catalog.delete(b);
    await applyChange([a, b]);
    expect((await stored(a)).partNo).toBe('A-2');
    expect(await stored(b)).toBeUndefined();
    expect((await projection.facts(ctx(), [a, b])).has(b)).toBe(false);
  });
});
