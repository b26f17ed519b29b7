/**
 * The gateway's graphql-ws module on a supergraph of two tiny subgraphs
 * (no database): `events` owns Subscription.ticks and references Item,
 * `items` owns Item.name. Proves the federated resolution of `rest`, the
 * fetch de-duplication across subscribers of one scope, that a slow
 * consumer is cut off without holding up a fast one, the idle timeout and
 * validation errors on the socket; that every subscriber's operation goes
 * over the gateway's one connection to the subgraph, each run as its own
 * user and ended when its own token expires — and that the client of such
 * an operation sees what it saw with a connection of its own: the gateway's
 * 4401 close at expiry (never a `complete` of the stream), an UNAUTHENTICATED
 * error when the subgraph refuses its token, and an error on every
 * operation when the relay connection drops.
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import WebSocket from 'ws';
import express from 'express';
import { parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createLogger, createVerifier, serviceToken, signToken, type Verifier } from '../../../subgraphs/shared/src';
import { serveSubgraphSubscriptions } from '../../../subgraphs/shared/src/subscriptions';
import { attachSubscriptions, type GatewaySubscriptions } from '.';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const eventsSdl = parse(`${LINK}
  type Item @key(fields: "id", resolvable: false) { id: ID! }
  type Tick { n: Int! pad: String! item: Item! }
  type Query { ping: Int }
  type Subscription { ticks(count: Int!, padBytes: Int = 0): Tick!  fired: Tick!  viewer: String! }`);
const itemsSdl = parse(`${LINK}
  type Item @key(fields: "id") { id: ID! name: String! }
  type Query { item(id: ID!): Item }`);

const log = createLogger('test', 'silent');
const listen = (server: http.Server) => new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as any).port)));

describe('gateway subscriptions module', () => {
  const secret = randomBytes(32).toString('base64url');
  const verifier = createVerifier({ platformKeys: async () => { throw new Error('no platform keys in this test'); }, hsSecret: secret });
  // The events subgraph's own verifier: it has heard of sessions ended that the gateway (which polls for them) has not yet.
  const endedAtSubgraph = new Set<string>();
  const subgraphVerifier = createVerifier({ platformKeys: async () => { throw new Error('no platform keys in this test'); }, hsSecret: secret, isRevoked: (sid) => endedAtSubgraph.has(sid) });
  const fire = new EventEmitter();
  fire.setMaxListeners(100);
  let itemFetches = 0;
  let eventsUpgrades = 0;
  const eventsSockets = new Set<import('node:stream').Duplex>();
  let eventsPort: number;
  let supergraphSdl: string;
  let subgraphUrls: Record<string, string>;
  const servers: http.Server[] = [];
  const stops: (() => Promise<unknown>)[] = [];
  let gatewayUrl: string;
  let subs: GatewaySubscriptions;
  let token: string;

  const startGateway = async (opts: Partial<Parameters<typeof attachSubscriptions>[1]>, urls: Record<string, string>, sdl: string) => {
    const server = http.createServer((_req, res) => res.end('http still here'));
    servers.push(server);
    const s = attachSubscriptions(server, { verifier, serviceSecret: secret, supergraphSdl: sdl, urls, log, ...opts });
    stops.push(() => s.stop());
    const port = await listen(server);
    return { url: `ws://127.0.0.1:${port}/graphql`, subs: s };
  };

  beforeAll(async () => {
    // events: a subscription-only subgraph served with the shared graphql-ws helper.
    const eventsSchema = buildSubgraphSchema({
      typeDefs: eventsSdl,
      resolvers: {
        Subscription: {
          ticks: {
            subscribe: async function* (_: unknown, a: { count: number; padBytes: number }) {
              const pad = 'x'.repeat(a.padBytes);
              for (let n = 1; n <= a.count; n++) yield { ticks: { n, pad, item: { id: `item-${n % 3}` } } };
            },
          },
          fired: {
            subscribe: async function* () {
              for await (const [n] of on(fire, 'tick')) yield { fired: { n, pad: '', item: { id: 'item-1' } } };
            },
          },
          // Who the subgraph runs the operation as: once at the start, then at every tick.
          viewer: {
            subscribe: async function* (_: unknown, _a: unknown, ctx: { user: { id: string } }) {
              yield { viewer: ctx.user.id };
              for await (const [n] of on(fire, 'tick')) yield { viewer: `${ctx.user.id} ${n}` };
            },
          },
        },
      } as any,
    });
    const eventsServer = http.createServer((_q, r) => r.end());
    servers.push(eventsServer);
    stops.push(serveSubgraphSubscriptions(eventsServer, { schema: eventsSchema, verifier: subgraphVerifier, serviceSecret: secret, log, context: (a) => ({ user: a.user }) }));
    eventsServer.on('upgrade', (_req, socket) => {
      eventsUpgrades++;
      eventsSockets.add(socket);
      socket.once('close', () => eventsSockets.delete(socket));
    });
    eventsPort = await listen(eventsServer);

    // items: a plain HTTP subgraph that answers _entities slowly enough for concurrent fetches to overlap.
    const itemsSchema = buildSubgraphSchema({
      typeDefs: itemsSdl,
      resolvers: { Item: { __resolveReference: async (ref: { id: string }) => { await new Promise((r) => setTimeout(r, 30)); return { id: ref.id, name: `name of ${ref.id}` }; } } } as any,
    });
    const apollo = new ApolloServer({ schema: itemsSchema });
    await apollo.start();
    stops.push(() => apollo.stop());
    const app = express();
    app.use('/graphql', express.json(), (req, _res, next) => { itemFetches++; next(); }, expressMiddleware(apollo));
    const itemsServer = http.createServer(app);
    servers.push(itemsServer);
    const itemsPort = await listen(itemsServer);

    const composed = composeServices([
      { name: 'events', url: 'http://events', typeDefs: eventsSdl },
      { name: 'items', url: 'http://items', typeDefs: itemsSdl },
    ]);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
    supergraphSdl = composed.supergraphSdl;
    subgraphUrls = { events: `http://127.0.0.1:${eventsPort}`, items: `http://127.0.0.1:${itemsPort}` };
    const g = await startGateway({ maxBufferedEvents: 20, idleTimeoutMs: 400 }, subgraphUrls, supergraphSdl);
    gatewayUrl = g.url;
    subs = g.subs;
    token = await signToken(secret, { sub: 'u1', roles: ['PURCHASER'], stationId: 'st-1' }, 600);
  });

  afterAll(async () => {
    for (const s of stops.reverse()) await s();
    for (const s of servers) s.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  const client = (bearer = token) => createClient({ url: gatewayUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${bearer}` }, retryAttempts: 0, lazy: true });
  const collect = (c: ReturnType<typeof client>, query: string, variables: Record<string, unknown> = {}) => {
    const out = { results: [] as any[], errors: [] as any[], done: false };
    const done = new Promise<void>((resolve) => {
      c.subscribe({ query, variables }, {
        next: (r) => void out.results.push(r),
        error: (e) => { out.errors.push(e); out.done = true; resolve(); },
        complete: () => { out.done = true; resolve(); },
      });
    });
    return { out, done };
  };

  it('runs primary on the owning subgraph and resolves rest (Item.name from items) for every event', async () => {
    const c = client();
    const { out, done } = collect(c, 'subscription { ticks(count: 3) { n item { id name } } }');
    await done;
    expect(out.results.map((r) => r.data.ticks)).toEqual([
      { n: 1, item: { id: 'item-1', name: 'name of item-1' } },
      { n: 2, item: { id: 'item-2', name: 'name of item-2' } },
      { n: 3, item: { id: 'item-0', name: 'name of item-0' } },
    ]);
    await c.dispose();
  });

  it('subscribers of the same scope share one in-flight entity fetch per event', async () => {
    const clients = Array.from({ length: 20 }, () => client());
    const runs = clients.map((c) => collect(c, 'subscription { fired { n item { name } } }'));
    const until = Date.now() + 3000;
    while (fire.listenerCount('tick') < 20 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const before = itemFetches;
    fire.emit('tick', 7);
    const until2 = Date.now() + 3000;
    while (runs.some((r) => !r.out.results.length) && Date.now() < until2) await new Promise((r) => setTimeout(r, 10));
    expect(runs.map((r) => r.out.results[0]?.data?.fired)).toEqual(Array(20).fill({ n: 7, item: { name: 'name of item-1' } }));
    expect(itemFetches - before).toBeLessThanOrEqual(2);
    await Promise.all(clients.map((c) => c.dispose()));
  });

  it('cuts off a client that stops reading (4429) while another keeps receiving', async () => {
    const slow = new WebSocket(gatewayUrl, 'graphql-transport-ws');
    const closed = new Promise<{ code: number; reason: string }>((r) => slow.on('close', (code, reason) => r({ code, reason: String(reason) })));
    await new Promise((r) => slow.once('open', r));
    slow.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    await new Promise((r) => slow.once('message', r));
    slow.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: 'subscription { ticks(count: 2000, padBytes: 50000) { n pad } }' } }));
    // Stop reading: the kernel buffers fill, the gateway's sends stall, its bounded queue overflows.
    (slow as any)._socket.pause();

    const fast = client();
    // A burst below the bound: resolving `rest` takes a while per event, and that is not the client's fault.
    const { out, done } = collect(fast, 'subscription { ticks(count: 15) { n item { name } } }');
    await done;
    expect(out.errors).toEqual([]);
    expect(out.results.map((r) => r.data.ticks.n)).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));

    const until = Date.now() + 10_000;
    while (subs.stats().connections > 1 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    (slow as any)._socket.resume();
    const c = await closed;
    expect(c.code).toBe(4429);
    expect(c.reason).toMatch(/Slow consumer/);
    await fast.dispose();
  }, 30_000);

  it('validation errors go back on the operation; the socket stays open', async () => {
    const c = client();
    const bad = collect(c, 'subscription { ticks(count: 1) { nope } }');
    await bad.done;
    expect(bad.out.errors[0][0].message).toMatch(/nope/);
    expect(bad.out.errors[0][0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const good = collect(c, 'subscription { ticks(count: 1) { n } }');
    await good.done;
    expect(good.out.results[0].data.ticks.n).toBe(1);
    await c.dispose();
  });

  it('subscribers of one text share one parsed document; a refused text is refused again, never remembered', () => {
    const text = 'subscription { ticks(count: 1) { n item { name } } }';
    const a = subs.planner.parseAndValidate(text);
    const b = subs.planner.parseAndValidate(text);
    expect('document' in a && 'document' in b && a.document === b.document).toBe(true);
    const bad = 'subscription { ticks(count: 1) { nope } }';
    for (let i = 0; i < 2; i++) expect(subs.planner.parseAndValidate(bad)).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/nope/) })] });
  });

  const until = async (cond: () => boolean, ms = 3000) => {
    for (const end = Date.now() + ms; !cond(); await new Promise((r) => setTimeout(r, 10))) if (Date.now() > end) throw new Error('condition not met in time');
  };

  it('every subscriber\'s operation runs over the gateway\'s one connection to the subgraph, each as its own user', async () => {
    const other = await signToken(secret, { sub: 'u2', roles: ['PURCHASER'], stationId: 'st-2' }, 600);
    const clients = [client(), client(other), client(), client(other)];
    const upgradesBefore = eventsUpgrades;
    const runs = clients.map((c) => collect(c, 'subscription { viewer }'));
    await until(() => runs.every((r) => r.out.results.length === 1));
    expect(runs.map((r) => r.out.results[0].data.viewer)).toEqual(['u1', 'u2', 'u1', 'u2']);
    expect(subs.stats()).toMatchObject({ connections: 4, operations: 4, upstreams: 1 });
    expect(eventsUpgrades - upgradesBefore).toBeLessThanOrEqual(1);
    fire.emit('tick', 3);
    await until(() => runs.every((r) => r.out.results.length === 2));
    expect(runs.map((r) => r.out.results[1].data.viewer)).toEqual(['u1 3', 'u2 3', 'u1 3', 'u2 3']);
    // A subscriber that leaves ends its own operation upstream, not the others'.
    await clients[0].dispose();
    await until(() => subs.stats().operations === 3);
    fire.emit('tick', 4);
    await until(() => runs.slice(1).every((r) => r.out.results.length === 3));
    expect(runs[0].out.results.length).toBe(2);
    await Promise.all(clients.slice(1).map((c) => c.dispose()));
  });

  /** A raw graphql-transport-ws client: every message the gateway sends, and how the socket closed (and when). */
  const raw = (url: string, bearer: string, query: string) => {
    const ws = new WebSocket(url, 'graphql-transport-ws');
    const seen = { messages: [] as any[], closed: undefined as undefined | { code: number; reason: string; at: number } };
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bearer}` } })));
    ws.on('message', (d) => {
      const m = JSON.parse(String(d));
      if (m.type === 'connection_ack') ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
      else if (m.type !== 'ping' && m.type !== 'pong') seen.messages.push(m);
    });
    ws.on('close', (code, reason) => { seen.closed = { code, reason: String(reason), at: Date.now() }; });
    return seen;
  };
  /** The gateway's view of every token's expiry `lagMs` later than the subgraph's (its clock behind, or its timer late). */
  const lagging = (lagMs: number): Verifier => ({
    verify: async (t) => {
      const v = await verifier.verify(t);
      return { ...v, expiresAt: v.expiresAt === null ? null : v.expiresAt + lagMs };
    },
  });

  describe('what a subscriber sees when the subgraph ends its operation on the shared relay', () => {
    it('a token that expires at the subgraph first: the gateway closes the client\'s socket with its own 4401 — no `complete`, no error; the relay and the others carry on', async () => {
      const LAG = 2000;
      const g = await startGateway({ verifier: lagging(LAG) }, subgraphUrls, supergraphSdl);
      const long = collect(createClient({ url: g.url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: true }), 'subscription { viewer }');
      const brief = await signToken(secret, { sub: 'brief', roles: ['PURCHASER'], stationId: 'st-1' }, 2);
      const expiresAt = (await verifier.verify(brief)).expiresAt!;
      const seen = raw(g.url, brief, 'subscription { viewer }');
      await until(() => seen.messages.length === 1 && long.out.results.length === 1);
      expect(seen.messages[0]).toEqual({ id: '1', type: 'next', payload: { data: { viewer: 'brief' } } });
      expect(g.subs.stats()).toMatchObject({ connections: 2, operations: 2, upstreams: 1 });
      await until(() => seen.closed !== undefined, 4000);
      // What the client saw without the relay: its socket closed with 4401 at expiry, so it renews and resumes with afterSeq.
      expect(seen.closed).toMatchObject({ code: 4401, reason: 'Unauthorized: the token has expired' });
      // … and nothing else: not the subgraph's expiry as a result, no `error`, no `complete` telling it the stream is over.
      expect(seen.messages).toEqual([{ id: '1', type: 'next', payload: { data: { viewer: 'brief' } } }]);
      // Closed at the subgraph's expiry, not at the gateway's own timer LAG later.
      expect(seen.closed!.at).toBeLessThan(expiresAt + LAG - 500);
      await until(() => g.subs.stats().operations === 1);
      fire.emit('tick', 11);
      await until(() => long.out.results.length === 2);
      expect(long.out.results[1].data.viewer).toBe('u1 11');
      expect(long.out.done).toBe(false);
      expect(g.subs.stats()).toMatchObject({ connections: 1, operations: 1, upstreams: 1 });
    });

    it('a token the gateway\'s own timer expires first: the same 4401, and the operation ends on the relay too', async () => {
      const brief = await signToken(secret, { sub: 'brief', roles: ['PURCHASER'], stationId: 'st-1' }, 2);
      const before = subs.stats().operations;
      const seen = raw(gatewayUrl, brief, 'subscription { viewer }');
      await until(() => seen.messages.length === 1);
      await until(() => seen.closed !== undefined, 4000);
      expect(seen.closed).toMatchObject({ code: 4401, reason: 'Unauthorized: the token has expired' });
      expect(seen.messages.map((m) => m.type)).toEqual(['next']);
      await until(() => subs.stats().operations === before);
    });

    it('one clock for every connection\'s expiry: each closes with 4401 at its own token\'s expiry, not before; one that left earlier is forgotten', async () => {
      const EARLY = 1000; // the gateway expires each token this much before the subgraph would: its own clock closes them
      const g = await startGateway({ verifier: lagging(-EARLY) }, subgraphUrls, supergraphSdl);
      const tokens = await Promise.all([3, 4, 5].map((ttl, i) => signToken(secret, { sub: `exp${i}`, roles: ['PURCHASER'], stationId: 'st-1' }, ttl)));
      const expiries = await Promise.all(tokens.map(async (t) => (await verifier.verify(t)).expiresAt! - EARLY));
      const last = raw(g.url, tokens[2], 'subscription { viewer }');
      const first = raw(g.url, tokens[0], 'subscription { viewer }');
      const middle = raw(g.url, tokens[1], 'subscription { viewer }');
      // Another connection of the middle token (the same expiry), which leaves by itself before it.
      const leaverClient = createClient({ url: g.url, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${tokens[1]}` }, retryAttempts: 0, lazy: true });
      const leaver = collect(leaverClient, 'subscription { viewer }');
      await until(() => [first, middle, last].every((x) => x.messages.length === 1) && leaver.out.results.length === 1);
      expect(g.subs.stats()).toMatchObject({ connections: 4, operations: 4 });
      await leaverClient.dispose();
      await until(() => g.subs.stats().connections === 3);
      await until(() => first.closed !== undefined, 4000);
      expect(first.closed).toMatchObject({ code: 4401, reason: 'Unauthorized: the token has expired' });
      expect(first.closed!.at).toBeGreaterThanOrEqual(expiries[0] - 50);
      expect(first.closed!.at).toBeLessThan(expiries[0] + EARLY - 200);
      expect(middle.closed).toBeUndefined();
      expect(last.closed).toBeUndefined();
      await until(() => middle.closed !== undefined, 4000);
      expect(middle.closed).toMatchObject({ code: 4401, reason: 'Unauthorized: the token has expired' });
      expect(middle.closed!.at).toBeGreaterThanOrEqual(expiries[1] - 50);
      expect(middle.closed!.at).toBeLessThan(expiries[1] + EARLY - 200);
      expect(last.closed).toBeUndefined();
      await until(() => last.closed !== undefined, 4000);
      expect(last.closed).toMatchObject({ code: 4401, reason: 'Unauthorized: the token has expired' });
      expect(last.closed!.at).toBeGreaterThanOrEqual(expiries[2] - 50);
      expect(last.closed!.at).toBeLessThan(expiries[2] + EARLY - 200);
      await until(() => g.subs.stats().connections === 0);
    });

    it('a token the subgraph refuses (its session ended there, not yet at the gateway): an UNAUTHENTICATED error on the operation, not a result and `complete`', async () => {
      const sid = `sid-${randomBytes(4).toString('hex')}`;
      endedAtSubgraph.add(sid);
      const ended = await signToken(secret, { sub: 'u1', roles: ['PURCHASER'], stationId: 'st-1', sid }, 600);
      const seen = raw(gatewayUrl, ended, 'subscription { viewer }');
      await until(() => seen.messages.length === 1);
      expect(seen.messages[0]).toMatchObject({ id: '1', type: 'error', payload: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      expect(seen.messages[0].payload[0].message).toMatch(/session has ended/);
      await new Promise((r) => setTimeout(r, 100));
      expect(seen.messages.length).toBe(1);
      expect(seen.closed).toBeUndefined(); // the socket is the client's to keep: it renews and subscribes again
    });

    it('the relay connection drops: every subscriber on it is told (SERVICE_UNAVAILABLE), and subscribing again opens a new one', async () => {
      const clients = [client(), client()];
      const runs = clients.map((c) => collect(c, 'subscription { viewer }'));
      await until(() => runs.every((r) => r.out.results.length === 1));
      expect(subs.stats().upstreams).toBe(1);
      for (const s of eventsSockets) s.destroy();
      await until(() => runs.every((r) => r.out.done));
      for (const r of runs) expect(r.out.errors[0][0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      const again = collect(clients[0], 'subscription { viewer }');
      await until(() => again.out.results.length === 1);
      expect(again.out.results[0].data.viewer).toBe('u1');
      await Promise.all(clients.map((c) => c.dispose()));
    });
  });

  describe('a subgraph\'s relay connection (what the gateway opens)', () => {
    const relay = async (authorization: string) => {
      const closed: { code?: number; reason?: string } = {};
      const c = createClient({
        url: `ws://127.0.0.1:${eventsPort}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true,
        connectionParams: { authorization }, on: { closed: (e: any) => Object.assign(closed, { code: e.code, reason: String(e.reason) }) },
      });
      return { c, closed };
    };
    const run = (c: ReturnType<typeof createClient>, extensions: Record<string, unknown>) => {
      const out = { results: [] as any[], errors: [] as any[], done: false };
      c.subscribe({ query: 'subscription { viewer }', extensions }, {
        next: (r) => void out.results.push(r),
        error: (e) => { out.errors.push(e); out.done = true; },
        complete: () => { out.done = true; },
      });
      return out;
    };

    it('runs each operation as the token it carries; one without a valid token is refused, the connection stays', async () => {
      const { c, closed } = await relay(`Bearer ${await serviceToken(secret, 'gateway')}`);
      const none = run(c, {});
      const forged = run(c, { authorization: `Bearer ${await signToken('another secret of 32 bytes or more!!', { sub: 'evil', roles: ['HQ_ADMIN'] }, 600)}` });
      const mine = run(c, { authorization: `Bearer ${token}` });
      await until(() => none.done && forged.done && mine.results.length === 1);
      expect(none.errors[0][0].extensions.code).toBe('UNAUTHENTICATED');
      expect(forged.errors[0][0].extensions.code).toBe('UNAUTHENTICATED');
      expect(none.results).toEqual([]);
      expect(forged.results).toEqual([]);
      expect(mine.results[0].data.viewer).toBe('u1');
      expect(closed.code).toBeUndefined();
      await c.dispose();
    });

    it('an operation whose token expires ends with an UNAUTHENTICATED error, never `complete`; the others on the connection keep running', async () => {
      const { c, closed } = await relay(`Bearer ${await serviceToken(secret, 'gateway')}`);
      const short = run(c, { authorization: `Bearer ${await signToken(secret, { sub: 'brief', roles: ['PURCHASER'], stationId: 'st-1' }, 1)}` });
      const long = run(c, { authorization: `Bearer ${token}` });
      await until(() => short.results.length === 1 && long.results.length === 1);
      await until(() => short.done, 4000);
      expect(short.errors).toHaveLength(1);
      expect(short.errors[0][0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOKEN_EXPIRED' });
      fire.emit('tick', 9);
      await until(() => long.results.length === 2);
      expect(long.results[1].data.viewer).toBe('u1 9');
      expect(short.results.length).toBe(1);
      expect(closed.code).toBeUndefined();
      await c.dispose();
    });

    it('a service token under another secret is refused (4401)', async () => {
      const { c, closed } = await relay(`Bearer ${await serviceToken('not the internal secret, but long enough', 'gateway')}`);
      const op = run(c, { authorization: `Bearer ${token}` });
      await until(() => op.done && closed.code !== undefined);
      expect(closed.code).toBe(4401);
      expect(op.results).toEqual([]);
      await c.dispose();
    });
  });

  it('closes an acknowledged connection that runs nothing (idle, 4000)', async () => {
    const ws = new WebSocket(gatewayUrl, 'graphql-transport-ws');
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
    expect(await closed).toBe(4000);
  });

  it('other upgrade paths are refused; plain HTTP on the server is untouched', async () => {
    const ws = new WebSocket(gatewayUrl.replace('/graphql', '/elsewhere'), 'graphql-transport-ws');
    const err = await new Promise<Error>((r) => ws.on('error', r));
    expect(err.message).toMatch(/404/);
    const res = await fetch(gatewayUrl.replace('ws:', 'http:'));
    expect(await res.text()).toBe('http still here');
  });
});
