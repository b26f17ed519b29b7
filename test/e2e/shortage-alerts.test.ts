/**
 * Shortage alerts through the gateway over graphql-ws: scoped to the
 * subscriber's station (HQ sees all), federated payload fields resolved by
 * the other subgraphs, resume after a blip from the last seq or id, and the
 * socket refused or closed when the token is bad or expires. A second
 * gateway process delivers the same alerts (Postgres NOTIFY reaches all).
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { freePort } from '../helpers/ports';
import { ok } from '../helpers/graphql';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { signToken } from '../../subgraphs/shared/src';
import { AlertClient, recordShortage, untilSubscribers } from '../../bench/alerts-client';

describe('shortage alerts through the gateway', () => {
  let p: Platform;
  let gateway2: RunningGateway;
  const clients: AlertClient[] = [];
  const data = demoData();
  const [A, B] = data.stations;
  // Every test opens shortages on its own parts: a station has one open shortage per part and kind.
  const partsInStock = (stationId: string) => [...new Set(data.stock.filter((l) => l.stationId === stationId).map((l) => l.partId))];
  const partsOfA = partsInStock(A.id);
  let nextPart = 0;
  const freshPart = () => partsOfA[nextPart++];
  const partNo = (id: string) => data.parts.find((x) => x.id === id)!.partNo;
  const availableAt = (stationId: string, partId: string) => data.stock.filter((l) => l.stationId === stationId && l.partId === partId).reduce((s, l) => s + l.onHand, 0);

  const connect = async (roles: Parameters<Platform['token']>[0], stationId?: string, url?: string) => {
    const c = new AlertClient(url ?? p.gatewayUrl, `Bearer ${await p.token(roles, stationId)}`);
    clients.push(c);
    return c;
  };
  const feedCount = () => require('../../subgraphs/procurement/src/shortage-alert/shortage-alert.feed').ShortageAlertFeed.of(p.subgraphs.procurement.runtime).subscriberCount as number;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    gateway2 = await startGateway({ config: p.config, secret: p.secret, port: await freePort() });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    // Gateways unsubscribe upstream when their clients go: nothing stays registered in procurement.
    const until = Date.now() + 3000;
    while (feedCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(async () => {
    await gateway2?.stop();
    await p?.stop();
  });

  it('delivers a shortage in A to A\'s purchaser and to HQ, not to B\'s purchaser; federated fields resolved', async () => {
    const purchaserA = await connect('PURCHASER', A.id);
    const purchaserB = await connect('PURCHASER', B.id);
    const hq = await connect('HQ_ADMIN');
    const hqForB = await connect('HQ_ADMIN');
    purchaserA.subscribe();
    purchaserB.subscribe();
    hq.subscribe();
    hqForB.subscribe({ s: B.id });
    await untilSubscribers(p, 4);

    const partId = freshPart();
    const shortageId = await recordShortage(p, A.id, partId, 3);
    await purchaserA.waitForEvents(1);
    await hq.waitForEvents(1);

    const [alert] = purchaserA.events;
    expect(alert.id).toBe(shortageId);
    expect(alert.seq).toBeGreaterThan(0);
    expect(alert.shortage).toMatchObject({ id: shortageId, kind: 'REQUISITION_SHORTFALL', quantity: 3, station: { id: A.id, code: A.code } });
    // part.partNo comes from catalog, part.stock from stock — resolved through the supergraph, scoped to A.
    expect(alert.shortage.part.partNo).toBe(partNo(partId));
    expect(alert.shortage.part.name).toBe(data.parts.find((x) => x.id === partId)!.name);
    expect(alert.shortage.part.stock.available).toBeCloseTo(availableAt(A.id, partId), 3);
    expect(typeof alert.available).toBe('number');
    expect(hq.events[0]).toMatchObject({ id: shortageId, seq: alert.seq });

    // B's subscribers get B's next alert, and never A's.
    const bPart = partsInStock(B.id)[0];
    const bShortage = await recordShortage(p, B.id, bPart, 1);
    await purchaserB.waitForEvents(1);
    await hqForB.waitForEvents(1);
    await hq.waitForEvents(2);
    expect(purchaserB.events.map((e) => e.id)).toEqual([bShortage]);
    expect(hqForB.events.map((e) => e.id)).toEqual([bShortage]);
    expect(purchaserB.events[0].shortage.part.stock.available).toBeCloseTo(availableAt(B.id, bPart), 3);
    expect(purchaserA.events.map((e) => e.id)).toEqual([shortageId]);
    expect(hq.events.map((e) => e.id)).toEqual([shortageId, bShortage]);
  });

  it('a station user asking for another station gets FORBIDDEN and nothing flows', async () => {
    const purchaserA = await connect('PURCHASER', A.id);
    purchaserA.subscribe({ s: B.id });
    await purchaserA.waitFor((c) => c.errors.length > 0);
    expect(purchaserA.errors[0].extensions.code).toBe('FORBIDDEN');
    await recordShortage(p, B.id, partsInStock(B.id)[1], 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(purchaserA.events).toEqual([]);
  });

  it('naming their own station explicitly is fine for a station user', async () => {
    const purchaserA = await connect('PURCHASER', A.id);
    purchaserA.subscribe({ s: A.id });
    await untilSubscribers(p, 1);
    const id = await recordShortage(p, A.id, freshPart());
    await purchaserA.waitForEvents(1);
    expect(purchaserA.events[0].id).toBe(id);
  });

  it('a client that reconnects with the last seq (or id) it saw first gets what it missed, in order, then live ones', async () => {
    const first = await connect('PURCHASER', A.id);
    first.subscribe();
    await untilSubscribers(p, 1);
    const s1 = await recordShortage(p, A.id, freshPart());
    await first.waitForEvents(1);
    const last = first.events[0];
    expect(last.id).toBe(s1);
    await first.dispose();

    // The blip: two shortages in A (and one in B) while the client is away.
    const missed = [await recordShortage(p, A.id, freshPart()), await recordShortage(p, A.id, freshPart())];
    await recordShortage(p, B.id, partsInStock(B.id)[2], 1);

    const again = await connect('PURCHASER', A.id);
    again.subscribe({ after: last.seq });
    await again.waitForEvents(2);
    expect(again.events.map((e) => e.id)).toEqual(missed);
    expect(again.events[0].seq).toBeGreaterThan(last.seq);
    expect(again.events[1].seq).toBeGreaterThan(again.events[0].seq);
    expect(again.events[0].shortage.part.partNo).toMatch(/\S/);

    await untilSubscribers(p, 1);
    const live = await recordShortage(p, A.id, freshPart());
    await again.waitForEvents(3);
    expect(again.events.map((e) => e.id)).toEqual([...missed, live]);

    // Resuming by id works the same way.
    const byId = await connect('PURCHASER', A.id);
    byId.subscribe({ lastId: s1 });
    await byId.waitForEvents(3);
    expect(byId.events.map((e) => e.id)).toEqual([...missed, live]);
  });

  it('both gateway processes deliver the same alert', async () => {
    const viaFirst = await connect('PURCHASER', A.id);
    const viaSecond = await connect('PURCHASER', A.id, `${gateway2.url}/graphql`);
    viaFirst.subscribe();
    viaSecond.subscribe();
    await untilSubscribers(p, 2);
    const id = await recordShortage(p, A.id, freshPart());
    await viaFirst.waitForEvents(1);
    await viaSecond.waitForEvents(1);
    expect(viaSecond.events[0]).toEqual(viaFirst.events[0]);
    expect(viaSecond.events[0].id).toBe(id);
  });

  it('a reorder point above the available stock opens a BELOW_REORDER_POINT shortage and alerts with the reorder point', async () => {
    const purchaserA = await connect('PURCHASER', A.id);
    purchaserA.subscribe();
    await untilSubscribers(p, 1);
    const partId = freshPart();
    const available = availableAt(A.id, partId);
    const token = await p.token('PURCHASER', A.id);
    ok(await p.query(`mutation($s: ID!, $p: ID!, $r: Float!, $u: Float!) { setReorderPolicy(stationId: $s, partId: $p, reorderPoint: $r, orderUpTo: $u) { reorderPoint } }`,
      { s: A.id, p: partId, r: available + 5, u: available + 20 }, token));
    await purchaserA.waitForEvents(1);
    const [alert] = purchaserA.events;
    expect(alert.shortage.kind).toBe('BELOW_REORDER_POINT');
    expect(alert.shortage.part.partNo).toBe(partNo(partId));
    expect(alert.reorderPoint).toBe(available + 5);
  });

  describe('connections', () => {
    it('a bad token closes the socket with 4401 and a reason; no operation runs', async () => {
      const bad = new AlertClient(p.gatewayUrl, 'Bearer not-a-jwt');
      clients.push(bad);
      bad.subscribe();
      await bad.waitForClose();
      expect(bad.closed!.code).toBe(4401);
      expect(bad.closed!.reason).toMatch(/Unauthorized: .*token/i);
      expect(bad.events).toEqual([]);
      expect(feedCount()).toBe(0);
    });

    it('missing connection params close with 4401 too', async () => {
      const none = new AlertClient(p.gatewayUrl, null);
      clients.push(none);
      none.subscribe();
      await none.waitForClose();
      expect(none.closed).toEqual({ code: 4401, reason: expect.stringMatching(/authorization/) });
    });

    it('a token that expires while subscribed closes the socket with 4401', async () => {
      const short = await signToken(p.secret, { sub: 'short-lived', roles: ['PURCHASER'], stationId: A.id }, 2);
      const c = new AlertClient(p.gatewayUrl, `Bearer ${short}`);
      clients.push(c);
      c.subscribe();
      await untilSubscribers(p, 1);
      await c.waitForClose(5000);
      expect(c.closed).toEqual({ code: 4401, reason: expect.stringMatching(/expired/) });
    });

    it('an unknown field is an error on that operation, not a crash; the socket keeps serving', async () => {
      const c = await connect('PURCHASER', A.id);
      c.subscribe({}, 'subscription { shortageAlerts { id noSuchField } }');
      await c.waitFor((x) => x.errors.length > 0);
      expect(c.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(c.errors[0].message).toMatch(/noSuchField/);
      expect(c.closed).toBeUndefined();
      c.subscribe({}, '{ stations { code } }');
      await c.waitForEvents(1);
      expect(c.events[0].stations.map((s: any) => s.code).sort()).toEqual(data.stations.map((s) => s.code).sort());
    });

    it('a socket that never sends connection_init is closed (4408)', async () => {
      const WebSocket = (await import('ws')).default;
      const ws = new WebSocket(p.gatewayUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
      expect(closed.code).toBe(4408);
    });

    it('plain HTTP on /graphql still works next to the WebSocket endpoint', async () => {
      const r = ok(await p.query('{ stations { id } }', {}, await p.token('HQ_ADMIN')));
      expect(r.stations.length).toBe(data.stations.length);
    });
  });
});
