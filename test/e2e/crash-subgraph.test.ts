/**
 * Real faults on the multi-process platform (`npm start`'s launcher, each
 * subgraph its own process): the stock process killed with SIGKILL in the
 * middle of a storm of requisitions (workshop → stock) and of goods receipts
 * (procurement → stock) — the launcher restarts it, clients retry every
 * unanswered request with its idempotency key, and the books agree (issued =
 * opening − on hand = the ledger, nothing negative, one document per key);
 * then the stock process frozen with SIGSTOP: answers come at the deadline
 * (then at once, the breaker open) with SERVICE_UNAVAILABLE and what the
 * others answered, the rest of the API is untouched, a mutation that timed
 * out is safe to retry, a subscription does not hang, and after SIGCONT it
 * all recovers.
 */
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { createTestDatabase } from '../helpers/database';
import { demoData } from '../helpers/platform';
import { launch, onHandAt, pool, REQUISITION, singleBinParts, untilAnswered, type Launched } from '../helpers/launched';
import { ok, type GqlResponse } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';

const TIMEOUT_MS = 2000;
const INTERNAL_MS = 1500;
const BREAKER_OPEN_MS = 2000;
const measured: Record<string, number | string> = {};

const RECEIVE = `mutation($po: ID!, $w: ID!, $lines: [ReceiptLineInput!]!, $key: String!) {
  receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $lines, idempotencyKey: $key) { id number stockPosted lines { part { id } accepted } } }`;

describe('stock process killed and frozen under load (multi-process platform)', () => {
  let p: Launched;
  let hq: string;
  let clerk: string;
  let buyer: string;
  const data = demoData();
  const station = data.stations[0];
  const warehouse = station.warehouses[0];
  const wholeParts = new Set(data.parts.filter((x) => x.unitPrecision === 0).map((x) => x.id));
  const single = singleBinParts(data, station.id, warehouse.id);
  const onHand = (partId: string) => onHandAt(p, hq, partId, station.id);
  const movements = async (partId: string) =>
    ok(await p.query(`query($p: ID!, $s: ID) { stockMovements(partId: $p, stationId: $s, first: 200) { type quantity reference } }`, { p: partId, s: station.id }, hq)).stockMovements as { type: string; quantity: number; reference: string }[];
  const internalErrors = (answers: GqlResponse[]) => answers.filter((a) => (a.errors ?? []).some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')).length;

  beforeAll(async () => {
    const started = Date.now();
    p = await launch({
      databaseUrl: await createTestDatabase('demo'),
      env: { SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS), INTERNAL_TIMEOUT_MS: String(INTERNAL_MS), HEALTH_TIMEOUT_MS: '500', SUBGRAPH_BREAKER_FAILURES: '3', SUBGRAPH_BREAKER_OPEN_MS: String(BREAKER_OPEN_MS) },
    });
    measured['platform up (ms)'] = Date.now() - started;
    hq = await p.token('HQ_ADMIN');
    clerk = await p.token('PARTS_CLERK', station.id, 'storm-clerk');
    buyer = await p.token('PURCHASER', station.id, 'storm-buyer');
  }, 120_000);
  afterAll(async () => {
    await p?.stop();
    console.log(`[measure] ${JSON.stringify(measured)}`);
  }, 30_000);

  it('SIGKILL of stock during a storm of requisitions: every request answered after retries with its key, the books agree', async () => {
    const parts = single.slice(0, 4).map((l) => l.partId);
    expect(parts).toHaveLength(4);
    const opening = Object.fromEntries(await Promise.all(parts.map(async (id) => [id, await onHand(id)] as const)));
    const orders = await Promise.all([0, 1, 2, 3].map(async () => ok(await p.query(`mutation { openRepairOrder(input: {}) { id number } }`, {}, clerk)).openRepairOrder as { id: string; number: string }));
    const N = 48;
    const requests = Array.from({ length: N }, (_, i) => ({ ro: orders[i % 4], key: `storm-req-${i}`, partId: parts[(i * 7) % 4], quantity: 1 + (i % 3) }));
    const send = (r: (typeof requests)[number]) => () => p.query(REQUISITION, { ro: r.ro.id, k: r.key, l: [{ partId: r.partId, quantity: r.quantity, warehouseId: warehouse.id }] }, clerk);

    let answered = 0;
    let killedAt = 0;
    const stockPid = p.pidOf('stock')!;
    expect(stockPid).toBeGreaterThan(0);
    const results = await pool(requests.map((r) => async () => {
      const out = await untilAnswered(send(r), { deadlineMs: 45_000 });
      if (++answered === 12) {
        process.kill(stockPid, 'SIGKILL');
        killedAt = Date.now();
      }
      return out;
    }), 6);
    expect(killedAt).toBeGreaterThan(0);
    await waitFor(async () => p.pidOf('stock'), (pid) => pid !== undefined && pid !== stockPid, 20_000);
    expect(p.pidOf('stock')).not.toBe(stockPid); // the launcher started a new one

    const retried = results.filter((r) => r.attempts.length > 1).length;
    measured['requisition storm: requests'] = N;
    measured['requisition storm: retried after the kill'] = retried;
    expect(internalErrors(results.flatMap((r) => r.attempts))).toBe(0);
    for (const r of results) expect(r.final.errors).toBeUndefined();

    // One document per key: the same key again is the same requisition; no key made two.
    const docs = results.map((r) => r.final.data.requisitionParts);
    expect(new Set(docs.map((d) => d.id)).size).toBe(N);
    for (const i of [0, 11, 12, 13, 30, 47]) {
      const again = ok(await p.query(REQUISITION, { ro: requests[i].ro.id, k: requests[i].key, l: [{ partId: requests[i].partId, quantity: requests[i].quantity, warehouseId: warehouse.id }] }, clerk));
      expect(again.requisitionParts.id).toBe(docs[i].id);
    }
    const recorded = (await Promise.all(orders.map(async (o) => ok(await p.query(`query($id: ID!) { repairOrder(id: $id) { requisitions { id } } }`, { id: o.id }, clerk)).repairOrder.requisitions))).flat();
    expect(recorded).toHaveLength(N);

    // issued (documents) = opening − on hand = the ledger, per part; nothing negative.
    const refs = new Set(orders.map((o) => `repair order ${o.number}`));
    for (const partId of parts) {
      const issued = docs.flatMap((d) => d.lines).filter((l: any) => l.part.id === partId).reduce((s: number, l: any) => s + l.issued, 0);
      const ledger = (await movements(partId)).filter((m) => m.type === 'ISSUE' && refs.has(m.reference)).reduce((s, m) => s + Math.abs(m.quantity), 0);
      const now = await onHand(partId);
      expect(now).toBeGreaterThanOrEqual(0);
      expect(opening[partId] - now).toBeCloseTo(issued, 3);
      expect(ledger).toBeCloseTo(issued, 3);
      expect(issued).toBeGreaterThan(0);
    }
  }, 90_000);

  it('SIGKILL of stock during a storm of receipts: every receipt acknowledged once, and stock books each exactly once', async () => {
    await p.waitHealthy(30_000);
    const supplierId = data.supplierParts[0].supplierId;
    const offered = data.supplierParts.filter((s) => s.supplierId === supplierId && wholeParts.has(s.partId)).slice(0, 3);
    expect(offered).toHaveLength(3);
    const orders: any[] = [];
    for (const sp of offered) {
      const po = ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number lines { id part { id } } } }`,
        { i: { supplierId, lines: [{ partId: sp.partId, quantity: 60 }] } }, buyer)).createPurchaseOrder;
      ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, buyer));
      ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id }, buyer));
      orders.push(po);
    }
    const stockAt = async (partId: string) =>
      ok(await p.query(`query($id: ID!, $w: ID) { part(id: $id) { stock(warehouseId: $w) { onHand } } }`, { id: partId, w: warehouse.id }, hq)).part.stock.onHand as number;
    const opening = await Promise.all(offered.map((sp) => stockAt(sp.partId)));
    const N = 30;
    const requests = Array.from({ length: N }, (_, i) => ({ po: orders[i % 3], key: `storm-rcv-${i}` }));
    let answered = 0;
    let killed = false;
    const stockPid = p.pidOf('stock')!;
    const results = await pool(requests.map((r) => async () => {
      const out = await untilAnswered(() => p.query(RECEIVE, { po: r.po.id, w: warehouse.id, key: r.key, lines: [{ purchaseOrderLineId: r.po.lines[0].id, received: 2 }] }, buyer), { deadlineMs: 45_000 });
      if (++answered === 8 && !killed) {
        killed = true;
        process.kill(stockPid, 'SIGKILL');
      }
      return out;
    }), 5);
    expect(killed).toBe(true);
    expect(internalErrors(results.flatMap((r) => r.attempts))).toBe(0);
    for (const r of results) expect(r.final.errors).toBeUndefined();
    const receipts = results.map((r) => r.final.data.receiveGoods);
    expect(new Set(receipts.map((x) => x.id)).size).toBe(N);
    measured['receipt storm: requests'] = N;
    measured['receipt storm: acknowledged before stock had booked them'] = receipts.filter((x) => !x.stockPosted).length;

    // Receipts acknowledged while stock was down are posted by procurement's retrier.
    const posted = await waitFor(async () => ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { receipts { id stockPosted } } }`, { id: orders[0].id }, buyer)).purchaseOrder.receipts as { stockPosted: boolean }[],
      (rs) => rs.every((x) => x.stockPosted), 30_000, 500);
    expect(posted.every((x) => x.stockPosted)).toBe(true);
    for (const [i, sp] of offered.entries()) {
      const rs = ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { receipts { id number stockPosted } lines { received } } }`, { id: orders[i].id }, buyer)).purchaseOrder;
      await waitFor(async () => ok(await p.query(`query($id: ID!) { purchaseOrder(id: $id) { receipts { stockPosted } } }`, { id: orders[i].id }, buyer)).purchaseOrder.receipts.every((x: any) => x.stockPosted), (v) => v, 30_000, 500);
      expect(rs.receipts).toHaveLength(N / 3); // one receipt per key
      expect(rs.lines[0].received).toBe(2 * (N / 3));
      const numbers = new Set(rs.receipts.map((x: any) => x.number));
      const ledger = (await movements(sp.partId)).filter((m) => m.type === 'RECEIPT' && [...numbers].some((n) => m.reference?.startsWith(`${n} `)));
      expect(ledger.reduce((s, m) => s + m.quantity, 0)).toBeCloseTo(2 * (N / 3), 3);
      expect(ledger).toHaveLength(N / 3); // each receipt booked once
      expect((await stockAt(sp.partId)) - opening[i]).toBeCloseTo(2 * (N / 3), 3);
    }
  }, 120_000);

  describe('stock frozen (SIGSTOP)', () => {
    let stockPid: number;
    const partId = () => single[5].partId;
    const raw = async (query: string, variables: Record<string, unknown> = {}, token = hq) => {
      const started = Date.now();
      const res = await fetch(p.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body: any = await res.json();
      return { ms: Date.now() - started, status: res.status, retryAfter: res.headers.get('retry-after'), body };
    };
    const SEARCH_WITH_STOCK = `query($q: String!) { searchParts(query: $q, first: 3) { hits { part { partNo stock { onHand } } } } }`;

    beforeAll(async () => {
      await p.waitHealthy(30_000);
      ok(await p.query(SEARCH_WITH_STOCK, { q: '机油' }, hq)); // warm
      stockPid = p.pidOf('stock')!;
      process.kill(stockPid, 'SIGSTOP');
    }, 40_000);
    afterAll(() => {
      try {
        process.kill(stockPid, 'SIGCONT');
      } catch {
        /* gone */
      }
    });

    it('a query that needs stock gets SERVICE_UNAVAILABLE at the deadline, naming the part in public words (503, Retry-After)', async () => {
      const r = await raw(SEARCH_WITH_STOCK, { q: '机油' });
      measured['frozen stock: first answer (ms)'] = r.ms;
      expect(r.ms).toBeLessThan(TIMEOUT_MS + 1500);
      expect(r.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.body.errors).toEqual([{ message: expect.stringMatching(/^Stock did not answer in time/), extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'STOCK_UNAVAILABLE', params: { part: 'stock', retryAfterSeconds: expect.any(Number) } } }]);
      expect(JSON.stringify(r.body)).not.toMatch(/serviceName|subgraph|127\.0\.0\.1|ECONN/);
    });

    it('keeps what the catalog answered where the schema allows a null', async () => {
      const r = await raw(`query($id: ID!, $w: ID!) { part(id: $id) { partNo name defaultBin(warehouseId: $w) { code } } }`, { id: partId(), w: warehouse.id });
      measured['frozen stock: partial page (ms)'] = r.ms;
      expect(r.ms).toBeLessThan(TIMEOUT_MS + 1500);
      expect(r.status).toBe(200);
      expect(r.body.data.part).toEqual({ partNo: data.parts.find((x) => x.id === partId())!.partNo, name: expect.any(String), defaultBin: null });
      expect(r.body.errors.map((e: any) => e.extensions)).toEqual([{ code: 'SERVICE_UNAVAILABLE', reason: 'STOCK_UNAVAILABLE', params: expect.objectContaining({ part: 'stock' }) }]);
    });

    it('after SUBGRAPH_BREAKER_FAILURES misses the breaker opens: stock queries fail at once; queries that do not touch stock are unaffected', async () => {
      const third = await raw(SEARCH_WITH_STOCK, { q: '刹车' }); // the third miss in a row opens it
      expect(third.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
      const fast = await raw(SEARCH_WITH_STOCK, { q: '刹车' });
      measured['frozen stock: answer with the breaker open (ms)'] = fast.ms;
      expect(fast.body.errors[0].extensions.reason).toBe('STOCK_UNAVAILABLE');
      expect(fast.ms).toBeLessThan(500);
      const catalogOnly = await raw(`query($id: ID!) { part(id: $id) { partNo prices { retail } } vehicleModels { code } }`, { id: partId() });
      const procurementOnly = await raw(`{ suppliers { id } }`);
      measured['frozen stock: catalog-only query (ms)'] = catalogOnly.ms;
      for (const r of [catalogOnly, procurementOnly]) {
        expect(r.body.errors).toBeUndefined();
        expect(r.status).toBe(200);
        expect(r.ms).toBeLessThan(1500);
      }
    });

    it('/health answers within its own shorter deadline and says stock is down', async () => {
      const started = Date.now();
      const res = await fetch(`${p.baseUrl}/health`);
      const ms = Date.now() - started;
      measured['frozen stock: /health (ms)'] = ms;
      expect(ms).toBeLessThan(1500);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', subgraphs: { stock: 'timeout', catalog: 'ok' }, database: 'ok', down: ['stock'] });
    });

    it('a subscription to stock does not hang: the client is told at the deadline', async () => {
      const client = createClient({ url: p.gatewayUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${hq}` }, retryAttempts: 0 });
      const started = Date.now();
      try {
        const outcome = await new Promise<{ errors?: any; error?: any }>((resolve) => {
          client.subscribe({ query: 'subscription { swapRequests { id } }' }, {
            next: (v) => resolve({ errors: v.errors }),
            error: (error) => resolve({ error }),
            complete: () => resolve({}),
          });
          setTimeout(() => resolve({ error: 'hung' }), 15_000).unref();
        });
        measured['frozen stock: subscription told (ms)'] = Date.now() - started;
        expect(outcome.error).not.toBe('hung');
        expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 3000);
        const errors = outcome.errors ?? outcome.error;
        expect(JSON.stringify(errors)).toMatch(/SERVICE_UNAVAILABLE|STOCK_UNAVAILABLE/);
      } finally {
        await client.dispose();
      }
    });

    it('a requisition that times out is safe to retry with its key after the thaw: issued once', async () => {
      const ro = ok(await p.query(`mutation { openRepairOrder(input: {}) { id number } }`, {}, clerk)).openRepairOrder;
      const vars = { ro: ro.id, k: 'frozen-1', l: [{ partId: partId(), quantity: 2, warehouseId: warehouse.id }] };
      const r = await raw(REQUISITION, vars, clerk);
      measured['frozen stock: requisition answer (ms)'] = r.ms;
      expect(r.ms).toBeLessThan(TIMEOUT_MS + 1500);
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'STOCK_UNAVAILABLE' });

      // Thaw: the breaker lets a probe through after its rest and closes again.
      process.kill(stockPid, 'SIGCONT');
      const thawed = Date.now();
      const healed = await waitFor(() => raw(SEARCH_WITH_STOCK, { q: '机油' }), (x) => !x.body.errors, 15_000, 200);
      measured['thaw → stock answering again (ms)'] = Date.now() - thawed;
      expect(healed.body.errors).toBeUndefined();
      expect(Date.now() - thawed).toBeLessThan(BREAKER_OPEN_MS + 5000);

      const done = (await untilAnswered(() => p.query(REQUISITION, vars, clerk), { deadlineMs: 20_000 })).final;
      const doc = ok(done).requisitionParts;
      expect(doc.lines[0]).toMatchObject({ requested: 2, issued: 2 });
      const issues = (await movements(partId())).filter((m) => m.type === 'ISSUE' && m.reference === `repair order ${ro.number}`);
      expect(issues).toHaveLength(1);
      expect(Math.abs(issues[0].quantity)).toBe(2);
    }, 40_000);
  });
});
