/**
 * The gateway's subgraph transport against real HTTP servers: a pooled
 * connection the subgraph resets is retried once for a query, never for a
 * mutation it may have received, and a hung subgraph still fails at the
 * deadline (body included).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isReadOnlyBody, mayRetry, subgraphFetcher, transportFailure, type AttemptFailure } from './http-fetcher';

const QUERY = JSON.stringify({ query: 'query Q__stock__1($r:[_Any!]!){_entities(representations:$r){__typename}}', variables: { r: [] } });
const MUTATION = JSON.stringify({ query: 'mutation M__stock__0{issueStock(input:{}){id}}', variables: {} });
const init = (body: string) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body });

interface Server {
  url: string;
  /** Bodies received, in order, with the number of the request on its connection (1 = a new connection). */
  seen: { body: string; nth: number }[];
  close(): Promise<void>;
}

/** A subgraph: answers `{"data":{}}`; `reset(nth, body)` says whether to reset the connection instead of answering. */
async function server(reset: (nth: number, body: string) => boolean, answer?: (res: http.ServerResponse) => void): Promise<Server> {
  const seen: Server['seen'] = [];
  const perSocket = new WeakMap<object, number>();
  const s = http.createServer((req, res) => {
    const nth = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, nth);
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      seen.push({ body, nth });
      if (reset(nth, body)) return req.socket.resetAndDestroy(); // RST, no byte of an answer
      if (answer) return answer(res);
      res.setHeader('content-type', 'application/json');
      res.end('{"data":{}}');
    });
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/graphql`,
    seen,
    close: () => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))),
  };
}

describe('the retry rule', () => {
  const base: AttemptFailure = { code: 'ECONNRESET', reused: true, written: true, answered: false, readOnly: true };
  it.each<[string, Partial<AttemptFailure>, boolean]>([
    ['a query reset on a pooled connection, written', {}, true],
    ['a query: EPIPE', { code: 'EPIPE' }, true],
    ['a query on a new connection', { reused: false }, false],
    ['a query after the answer began', { answered: true }, false],
    ['a query refused', { code: 'ECONNREFUSED' }, false],
    ['a query past its deadline (no code)', { code: undefined }, false],
    ['a mutation written before the reset', { readOnly: false }, false],
    ['a mutation not yet written', { readOnly: false, written: false }, true],
    ['a mutation not yet written, on a new connection', { readOnly: false, written: false, reused: false }, false],
  ])('%s', (_, f, expected) => {
    expect(mayRetry({ ...base, ...f })).toBe(expected);
  });

  it.each<[string, boolean]>([
    [QUERY, true],
    [JSON.stringify({ query: '{ part(id: "1") { id } }' }), true],
    [JSON.stringify({ query: '\n  query { a }' }), true],
    [MUTATION, false],
    [JSON.stringify({ query: 'queryX' }), false],
    [JSON.stringify({ variables: {}, query: '{ a }' }), false], // not the shape the gateway sends: treated as a mutation
    ['', false],
  ])('%s reads as a query: %s', (body, expected) => {
    expect(isReadOnlyBody(body)).toBe(expected);
  });
});

describe('subgraph fetcher over real connections', () => {
  const open: Server[] = [];
  const start = async (...a: Parameters<typeof server>) => {
    const s = await server(...a);
    open.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  it('reuses the connection, and a query reset on it is sent once more (new connection) and succeeds', async () => {
    let resets = 0;
    const s = await start((nth) => nth === 2 && resets++ === 0);
    const f = subgraphFetcher(5000);
    try {
      const first = await f.fetch(s.url, init(QUERY));
      expect(await first.json()).toEqual({ data: {} });
      const second = await f.fetch(s.url, init(QUERY));
      expect(second.status).toBe(200);
      expect(second.headers.get('Content-Type')).toBe('application/json');
      expect(await second.json()).toEqual({ data: {} });
      // The second fetch went out on the first one's connection, was reset there, then went on a new one.
      expect(s.seen.map((x) => x.nth)).toEqual([1, 2, 1]);
      expect(f.retries).toBe(1);
      // Later fetches use the pool again.
      await f.fetch(s.url, init(QUERY));
      await f.fetch(s.url, init(QUERY));
      expect(s.seen.slice(3).map((x) => x.nth)).toEqual([1, 2]);
    } finally {
      f.close();
    }
  });

  it('a mutation that reached the subgraph before the reset is not sent again: it fails as unreachable', async () => {
    const s = await start((nth, body) => nth === 2 && body === MUTATION);
    const f = subgraphFetcher(5000);
    try {
      await f.fetch(s.url, init(QUERY));
      const err = await f.fetch(s.url, init(MUTATION)).then(() => undefined, (e: unknown) => e);
      expect(err).toMatchObject({ code: 'ECONNRESET' });
      expect(transportFailure(err)).toBe('unreachable');
      expect(s.seen.filter((x) => x.body === MUTATION)).toHaveLength(1);
      expect(f.retries).toBe(0);
    } finally {
      f.close();
    }
  });

  it('an internal command marked read-only (partFacts) that reached the subgraph before the reset is sent once more', async () => {
    const COMMAND = JSON.stringify({ input: { partIds: [] } });
    const s = await start((nth, body) => nth === 2 && body === COMMAND && !s.seen.some((x) => x.nth === 1 && x.body === COMMAND));
    const f = subgraphFetcher(5000);
    try {
      await f.fetch(s.url, init(QUERY));
      // The same body without the mark is treated as a mutation: not sent again (as the test above) …
      const plain = await f.fetch(s.url, init(COMMAND)).then(() => undefined, (e: unknown) => e);
      expect(plain).toMatchObject({ code: 'ECONNRESET' });
      expect(f.retries).toBe(0);
      await f.fetch(s.url, init(QUERY));
      // … with it, the reset one goes again over a new connection and is answered.
      const r = await f.fetch(s.url, { ...init(COMMAND), readOnly: true });
      expect(r.status).toBe(200);
      expect(f.retries).toBe(1);
    } finally {
      f.close();
    }
  });

  it('a mutation whose pooled connection fails before it is written is sent on a new connection', async () => {
    const s = await start(() => false);
    // The pooled socket dies as it leaves the pool, before the request is written on it.
    class DyingPool extends http.Agent {
      override reuseSocket(socket: import('node:net').Socket, req: http.ClientRequest) {
        super.reuseSocket(socket, req);
        req.once('socket', (sock) => sock.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })));
      }
    }
    const f = subgraphFetcher(5000, new DyingPool({ keepAlive: true }));
    try {
      await f.fetch(s.url, init(QUERY));
      const r = await f.fetch(s.url, init(MUTATION));
      expect(await r.json()).toEqual({ data: {} });
      expect(f.retries).toBe(1);
      expect(s.seen.filter((x) => x.body === MUTATION)).toEqual([{ body: MUTATION, nth: 1 }]); // once, on a new connection
    } finally {
      f.close();
    }
  });

  it('a query reset on a new connection is not sent again (the subgraph is failing, not a stale socket)', async () => {
    const s = await start(() => true);
    const f = subgraphFetcher(5000);
    try {
      const err = await f.fetch(s.url, init(QUERY)).then(() => undefined, (e: unknown) => e);
      expect(transportFailure(err)).toBe('unreachable');
      expect(s.seen).toHaveLength(1);
      expect(f.retries).toBe(0);
    } finally {
      f.close();
    }
  });

  it('a refused connection is unreachable', async () => {
    const s = await start(() => false);
    await s.close();
    const f = subgraphFetcher(5000);
    const err = await f.fetch(s.url, init(QUERY)).then(() => undefined, (e: unknown) => e);
    expect(err).toMatchObject({ code: 'ECONNREFUSED' });
    expect(transportFailure(err)).toBe('unreachable');
    f.close();
  });

  it.each<[string, (res: http.ServerResponse) => void]>([
    ['never answers', () => undefined],
    ['answers its headers, then hangs in the body', (res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"data":'); }],
  ])('a subgraph that %s fails at the deadline as a timeout', async (_, answer) => {
    const s = await start(() => false, answer);
    const f = subgraphFetcher(300);
    try {
      const started = Date.now();
      const err = await f.fetch(s.url, init(QUERY)).then(async (r) => r.text().then(() => undefined), (e: unknown) => e);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(transportFailure(err)).toBe('timeout');
      expect(f.retries).toBe(0);
    } finally {
      f.close();
    }
  });
});
