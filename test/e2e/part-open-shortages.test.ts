/** Part.openShortages: procurement extends the catalog's Part; scoped to the caller's station, batched. */
import { randomUUID } from 'node:crypto';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { command } from '../helpers/stock';

describe('Part.openShortages', () => {
  let p: Platform;
  const data = demoData();
  const [A, B] = data.stations;
  const part = data.parts[7];
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
  });
  afterAll(() => p?.stop());

  it('shows a recorded shortfall to its station only, through the gateway', async () => {
    const r = await command(p, 'procurement', 'recordShortage', { idempotencyKey: randomUUID(), stationId: A.id, partId: part.id, quantity: 4, kind: 'REQUISITION_SHORTFALL', reference: 'test' }, { id: 'clerk', roles: ['PARTS_CLERK'], stationId: A.id });
    expect(r.status).toBe(200);
    const q = `query($id: ID!) { part(id: $id) { partNo openShortages { kind quantity station { id } } } }`;
    const mine = ok(await p.query(q, { id: part.id }, await p.token('PARTS_CLERK', A.id))).part;
    expect(mine.partNo).toBe(part.partNo);
    expect(mine.openShortages.filter((s: any) => s.kind === 'REQUISITION_SHORTFALL')).toEqual([{ kind: 'REQUISITION_SHORTFALL', quantity: 4, station: { id: A.id } }]);
    const theirs = ok(await p.query(q, { id: part.id }, await p.token('PARTS_CLERK', B.id))).part;
    expect(theirs.openShortages.filter((s: any) => s.kind === 'REQUISITION_SHORTFALL')).toEqual([]);
    const forbidden = await p.query(`query($id: ID!, $s: ID) { part(id: $id) { openShortages(stationId: $s) { kind } } }`, { id: part.id, s: A.id }, await p.token('PARTS_CLERK', B.id));
    expect(codes(forbidden)).toContain('FORBIDDEN');
  });

  it('costs one statement for a page of parts', async () => {
    const hq = await p.token('HQ_ADMIN');
    const ids = data.parts.slice(0, 50).map((x) => ({ __typename: 'Part', id: x.id }));
    ok(await p.querySubgraph('procurement', `query($r: [_Any!]!) { _entities(representations: $r) { ... on Part { openShortages { kind } } } }`, { r: ids }, hq));
    expect(p.subgraphs.procurement.runtime.ds.counter.lastRequest).toBe(1);
  });
});
