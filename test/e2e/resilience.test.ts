/**
 * A subgraph that goes down takes down only what it owns: /health says so,
 * queries that need it get a clear error, everything else keeps working.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';

describe('a subgraph going down', () => {
  let p: Platform;
  let hq: string;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    await p.subgraphs.workshop.stop();
  });
  afterAll(async () => {
    await p?.gateway.stop();
    await Promise.all((['catalog', 'stock', 'procurement', 'identity'] as const).map((n) => p?.subgraphs[n].stop()));
  });

  it('/health answers 503 and names the subgraph', async () => {
    const res = await fetch(`${p.gateway.url}/health`);
    expect(res.status).toBe(503);
    expect((await res.json() as any).subgraphs).toMatchObject({ catalog: 'ok', stock: 'ok', procurement: 'ok', workshop: 'unreachable' });
  });

  it('a query that needs it gets an error without internals', async () => {
    const r = await p.query(`{ repairOrder(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, hq);
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(r.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  });

  it('queries on the other subgraphs still work', async () => {
    const part = demoData().parts[0];
    const r = ok(await p.query(`query($id: ID!) { part(id: $id) { partNo stock { onHand } } }`, { id: part.id }, hq));
    expect(r.part.partNo).toBe(part.partNo);
  });
});
