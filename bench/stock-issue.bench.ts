/**
 * Stock issue throughput (领料) through the gateway: the `issueStock`
 * mutation, one unit per request, each with its own idempotency key, from 50
 * concurrent clients, on the multi-process platform of `npm start`.
 *   - hot part: every request hits the same part in one bin — the worst case
 *     for the row lock that keeps issues from overselling;
 *   - spread: 1,000 different parts, two requests each;
 *   - requisitionParts: the same on 1,000 other parts through the whole saga
 *     (workshop's requisition → stock's issue), on one repair order per client.
 * Both are stocked untimed in a warehouse created for the run (so reruns on
 * the kept bench data start clean). The hot part gets 80 % of the requests'
 * units, so the last fifth of the run asks for stock that is gone: the check
 * after each run is zero oversell — exactly the stocked units issued, on hand
 * 0 (hot) / 1 per part (spread), the ledger agreeing — and no request failed.
 *
 * Run (localhost only, bounded request counts):
 *   npm run bench -- --only stock-issue            (100k-part dataset; 3,000 + 2,000 requests)
 *   npm run bench -- --only stock-issue --quick    (10k-part dataset; 1,000 + 2,000 requests)
 */
import { callCommand, signToken } from '../subgraphs/shared/src';
import type { Bench } from './lib/bench';
import type { BenchEnv } from './lib/platform';
import type { Row } from './lib/report';
import { gqlCall, percentile } from './lib/load';
import { formatStatements, perRequestBySchema } from './lib/pg-statements';

const CLIENTS = 50;
const ISSUE = `mutation($i: StockIssueInput!) { issueStock(input: $i) { lines { issued shortfall } } }`;
const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { lines { issued shortfall } } }`;

interface Outcome {
  seconds: number;
  latencies: number[];
  issued: number;
  shortfall: number;
  errors: string[];
}

/** One request's GraphQL body, and where its answer's one line is. */
interface Operation {
  body: (r: { partId: string; key: string }, i: number) => { query: string; variables: Record<string, unknown> };
  line: (data: any) => { issued: number; shortfall: number } | undefined;
}

const issueStock = (warehouseId: string): Operation => ({
  body: (r) => ({ query: ISSUE, variables: { i: { idempotencyKey: r.key, reference: 'BENCH', lines: [{ partId: r.partId, quantity: 1, warehouseId }] } } }),
  line: (data) => data?.issueStock?.lines?.[0],
});

/** The whole saga (workshop's requisition → stock's issue → the requisition's answer), spread over the clients' repair orders. */
const requisitionParts = (warehouseId: string, repairOrderIds: string[]): Operation => ({
  body: (r, i) => ({ query: REQUISITION, variables: { ro: repairOrderIds[i % repairOrderIds.length], k: r.key, l: [{ partId: r.partId, quantity: 1, warehouseId }] } }),
  line: (data) => data?.requisitionParts?.lines?.[0],
});

/** `CLIENTS` workers send the requests as fast as answers come back; every answer is read and checked. */
async function drive(url: string, token: string, requests: { partId: string; key: string }[], op: Operation): Promise<Outcome> {
  const u = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname)) throw new Error('benchmarks send traffic to localhost only');
  const out: Outcome = { seconds: 0, latencies: [], issued: 0, shortfall: 0, errors: [] };
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < requests.length) {
      const i = next++;
      const r = requests[i];
      const t = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(op.body(r, i)),
      });
      const body: any = await res.json().catch(() => ({}));
      out.latencies.push(performance.now() - t);
      const line = op.line(body?.data);
      if (!res.ok || body.errors?.length || !line) out.errors.push(JSON.stringify(body.errors ?? res.status).slice(0, 200));
      else {
        out.issued += line.issued;
        out.shortfall += line.shortfall;
      }
    }
  }));
  out.seconds = (performance.now() - started) / 1000;
  return out;
}

/** A warehouse for this run with one ordinary bin, stocked through the receiveStock command (untimed). */
export async function stockedWarehouse(env: BenchEnv, stationId: string, stock: { partId: string; quantity: number }[], label: string): Promise<{ warehouseId: string; binId: string }> {
  const hq = await env.token('HQ_ADMIN');
  const code = `BENCH-${label}-${Date.now().toString(36)}`.toUpperCase();
  const w = (await gqlCall(env.gatewayUrl, hq, `mutation($s: ID!, $c: String!) { createWarehouse(stationId: $s, code: $c, name: "bench") { id } }`, { s: stationId, c: code })).createWarehouse;
  const bin = (await gqlCall(env.gatewayUrl, hq, `mutation($w: ID!) { createBin(warehouseId: $w, code: "B-01") { id } }`, { w: w.id })).createBin;
  const actor = { id: 'bench', roles: ['PURCHASER' as const], stationId };
  for (let i = 0; i < stock.length; i += 500) {
    await callCommand(env.subgraphUrl('stock'), 'receiveStock', {
      idempotencyKey: `${code}-${i}`, warehouseId: w.id, reference: 'BENCH-STOCK',
      lines: stock.slice(i, i + 500).map((s) => ({ partId: s.partId, quantity: s.quantity, binId: bin.id })),
    }, actor, { secret: env.secret, caller: 'bench' });
  }
  return { warehouseId: w.id, binId: bin.id };
}

/** What the warehouse holds of each part now, and what its ledger says was issued (read through stock's own API). */
async function audit(env: BenchEnv, stationId: string, warehouseId: string, partIds: string[]): Promise<{ onHand: Map<string, number>; issuedByLedger: number; negative: number }> {
  const hq = await env.token('HQ_ADMIN');
  const onHand = new Map<string, number>();
  let negative = 0;
  for (let i = 0; i < partIds.length; i += 200) {
    const ids = partIds.slice(i, i + 200);
    const r = await fetch(`${env.subgraphUrl('stock')}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${hq}` },
      body: JSON.stringify({ query: `query($r: [_Any!]!, $w: ID) { _entities(representations: $r) { ... on Part { id stock(warehouseId: $w) { onHand levels { onHand reserved } } } } }`, variables: { r: ids.map((id) => ({ __typename: 'Part', id })), w: warehouseId } }),
    });
    const body: any = await r.json();
    for (const e of body.data._entities) {
      onHand.set(e.id, e.stock.onHand);
      negative += e.stock.levels.filter((l: any) => l.onHand < 0 || l.reserved > l.onHand).length;
    }
  }
  let issuedByLedger = 0;
  let after: string | null = null;
  for (;;) {
    const page: any[] = (await gqlCall(env.gatewayUrl, hq, `query($w: ID, $a: String) { stockMovements(warehouseId: $w, first: 200, after: $a) { type quantity cursor } }`, { w: warehouseId, a: after })).stockMovements;
    for (const m of page) if (m.type === 'ISSUE') issuedByLedger -= m.quantity;
    if (page.length < 200) break;
    after = page[page.length - 1].cursor;
  }
  void stationId;
  return { onHand, issuedByLedger: Math.round(issuedByLedger * 1000) / 1000, negative };
}

export const bench: Bench = {
  name: 'stock-issue',
  async run(env, { quick, say }) {
    const station = env.data.stations[0];
    const token = await env.token('PARTS_CLERK', station.id);
    const wholeParts = env.data.parts.filter((x) => x.unitPrecision === 0);
    const rows: Row[] = [];
    const run = Date.now().toString(36);
    const before = await env.sqlStatements();

    // Hot part: one part, one bin, stocked with 80 % of the requests.
    const hotRequests = quick ? 1000 : 3000;
    const hotStock = Math.round(hotRequests * 0.8);
    const hot = wholeParts[7];
    say(`stock-issue: hot part — ${hotRequests} issues of 1 at ${CLIENTS} clients, ${hotStock} in stock`);
    const hw = await stockedWarehouse(env, station.id, [{ partId: hot.id, quantity: hotStock }], 'HOT');
    const hc = env.cpu.start();
    const h = await drive(env.gatewayUrl, token, Array.from({ length: hotRequests }, (_, i) => ({ partId: hot.id, key: `bench-${run}-hot-${i}` })), issueStock(hw.warehouseId));
    const hotCpu = hc.per(hotRequests);
    const ha = await audit(env, station.id, hw.warehouseId, [hot.id]);
    // Requests refused as SERVICE_UNAVAILABLE (a database or subgraph too slow on a loaded machine) are counted in the
    // row; anything else failing, or any oversell, fails the run. The stock check is against the ledger and on hand.
    const transient = (errors: string[]) => errors.filter((e) => e.includes('SERVICE_UNAVAILABLE')).length;
    const sqlNote = (sql?: Record<string, number>) => (sql ? `; statements per request (pg_stat_statements): ${Object.entries(sql).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · ')}` : '');
    const refusedNote = (errors: string[]) => (errors.length ? `; ${errors.length} refused as unavailable (loaded machine)` : '');
    const hotOk = h.errors.length === transient(h.errors) && (h.errors.length ? h.issued <= hotStock : h.issued === hotStock) && ha.onHand.get(hot.id) === 0 && ha.issuedByLedger === hotStock && ha.negative === 0;
    if (!hotOk) throw new Error(`hot part oversold or failed: issued ${h.issued} of ${hotStock}, on hand ${ha.onHand.get(hot.id)}, ledger ${ha.issuedByLedger}, errors ${h.errors.length} ${h.errors[0] ?? ''}`);
    rows.push({
      benchmark: 'issueStock', variant: `hot part, ${CLIENTS} clients (${hotRequests} req.)`, p50: percentile(h.latencies, 50), p99: percentile(h.latencies, 99),
      throughput: hotRequests / h.seconds, unit: 'issues/s', notes: `${h.issued} issued = stock, ${h.shortfall} short, 0 oversold; one row lock serialises them${refusedNote(h.errors)}`, cpu: hotCpu,
    });

    // Spread: 1,000 parts, 3 in stock each, 2 issues each — by issueStock, then again by the requisition saga.
    const spread = async (label: string, parts: typeof wholeParts, op: (warehouseId: string) => Operation | Promise<Operation>) => {
      const perPart = 2;
      say(`stock-issue: ${label} — ${parts.length * perPart} issues over ${parts.length} parts at ${CLIENTS} clients`);
      const sw = await stockedWarehouse(env, station.id, parts.map((x) => ({ partId: x.id, quantity: 3 })), label.toUpperCase().replace(/\W+/g, ''));
      const requests = Array.from({ length: perPart }, (_, round) => parts.map((x) => ({ partId: x.id, key: `bench-${run}-${label}-${round}-${x.id}` }))).flat();
      const operation = await op(sw.warehouseId);
      await env.pgStatements?.reset();
      const sc = env.cpu.start();
      const s = await drive(env.gatewayUrl, token, requests, operation);
      const cpu = sc.per(requests.length);
      const stats = await env.pgStatements?.read();
      // What PostgreSQL ran per request in this run (background work — relays, consumers, sweeps — included).
      const sql = stats && perRequestBySchema(stats, requests.length);
      if (stats) say(`stock-issue: ${label} — statements per request (pg_stat_statements):\n${formatStatements(stats, requests.length)}`);
      const sa = await audit(env, station.id, sw.warehouseId, parts.map((x) => x.id));
      const wrong = parts.filter((x) => sa.onHand.get(x.id) !== 3 - perPart).length;
      // A refused issue may leave its part with one more unit: every part holds 1–3, and on hand agrees with the ledger.
      const wrongNow = parts.filter((x) => (sa.onHand.get(x.id) ?? -1) < 3 - perPart || (sa.onHand.get(x.id) ?? 99) > 3).length;
      const onHandTotal = parts.reduce((a, x) => a + (sa.onHand.get(x.id) ?? 0), 0);
      // (A request that timed out at the gateway may still have been issued by stock: the ledger is the truth.)
      const ok = s.errors.length === transient(s.errors) && sa.issuedByLedger >= s.issued && sa.issuedByLedger <= s.issued + s.errors.length && wrongNow === 0
        && onHandTotal === parts.length * 3 - sa.issuedByLedger && sa.negative === 0;
      if (!ok) throw new Error(`${label} issues wrong: issued ${s.issued} of ${requests.length}, ${wrong} parts off, ledger ${sa.issuedByLedger}, errors ${s.errors.length} ${s.errors[0] ?? ''}`);
      return { s, requests, cpu, sql };
    };
    const { s, requests, cpu: spreadCpu, sql: spreadSql } = await spread('spread', wholeParts.slice(100, 1100), issueStock);
    const after = await env.sqlStatements();
    const statementsPerIssue = (after.stock - before.stock) / (hotRequests + requests.length);
    rows.push({
      benchmark: 'issueStock', variant: `1,000 parts, ${CLIENTS} clients (${requests.length} req.)`, p50: percentile(s.latencies, 50), p99: percentile(s.latencies, 99),
      throughput: requests.length / s.seconds, unit: 'issues/s', ratio: (requests.length / s.seconds) / (hotRequests / h.seconds), ratioOf: 'of hot-part throughput',
      target: '≥ 300 issues/s', notes: `${s.issued} issued, 0 oversold; ~${statementsPerIssue.toFixed(0)} stock SQL statements per issue (incl. stocking and audit)${sqlNote(spreadSql)}${refusedNote(s.errors)}`, cpu: spreadCpu,
    });

    // The saga: one repair order per client, a requisition of one unit per request (other parts than the issueStock run's).
    const repairOrders: string[] = [];
    for (let i = 0; i < CLIENTS; i++) repairOrders.push((await gqlCall(env.gatewayUrl, token, `mutation { openRepairOrder(input: {}) { id } }`)).openRepairOrder.id);
    const rq = await spread('requisition', wholeParts.slice(1100, 2100), (w) => requisitionParts(w, repairOrders));
    rows.push({
      benchmark: 'requisitionParts', variant: `1,000 parts, ${CLIENTS} clients (${rq.requests.length} req.)`, p50: percentile(rq.s.latencies, 50), p99: percentile(rq.s.latencies, 99),
      throughput: rq.requests.length / rq.s.seconds, unit: 'requisitions/s', ratio: (rq.requests.length / rq.s.seconds) / (requests.length / s.seconds), ratioOf: 'of issueStock (spread)',
      target: '≥ 150 requisitions/s', notes: `the whole saga through the gateway (workshop → stock → answer), ${rq.s.issued} issued, 0 oversold, the ledger agreeing${sqlNote(rq.sql)}${refusedNote(rq.s.errors)}`, cpu: rq.cpu,
    });
    return rows;
  },
};
