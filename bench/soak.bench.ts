/**
 * A mixed soak: the counter's searches, stock issues, receipts and live
 * shortage alerts all at once for SOAK_MINUTES (10 by default, --quick as
 * well: memory that creeps shows only over minutes), with every process's
 * resident memory (VmRSS) sampled every 10 s. Target: every process ends
 * within 5 % of its resident memory after the warm-up (the first fifth of
 * the run, at most 2 minutes), and nothing fails.
 *
 *   - search: 4 clients without pause, the search benchmark's query mix;
 *   - issues: 2 clients issuing one unit each (issueStock, own keys) from a
 *     warehouse of the run, 20 parts of one supplier;
 *   - receipts: 1 client ordering, shipping and receiving those parts into the
 *     same warehouse (receiveGoods, one line damaged every fifth receipt);
 *   - alerts: 100 purchasers of the station subscribed over graphql-ws, a new
 *     shortage every 2 s, each alert counted at every subscriber.
 *
 *   npm run bench -- --only soak            SOAK_MINUTES=3 for a shorter look
 */
import type { Bench } from './lib/bench';
import type { Row } from './lib/report';
import { gqlCall, graphqlLoad } from './lib/load';
import { buildQuerySet } from '../test/fixtures/search-queries';
import { AlertClient, ALERT_FIELDS } from './alerts-client';
import { stockedWarehouse } from './stock-issue.bench';
import { callCommand, type User } from '../subgraphs/shared/src';

const SEARCH = `query($q: String!) { searchParts(query: $q, first: 10) { estimatedTotal hits { part { id partNo name } } } }`;
const ISSUE = `mutation($i: StockIssueInput!) { issueStock(input: $i) { lines { issued shortfall } } }`;
const ALERTS = `subscription($s: ID) { shortageAlerts(stationId: $s) { ${ALERT_FIELDS} } }`;
const SUBSCRIBERS = 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const bench: Bench = {
  name: 'soak',
  async run(env, { say }) {
    const minutes = Number(process.env.SOAK_MINUTES ?? 10);
    if (!(minutes > 0)) throw new Error('SOAK_MINUTES must be a positive number of minutes');
    const seconds = minutes * 60;
    const warmUpS = Math.min(120, seconds / 5);
    const station = env.data.stations[0];
    const clerk = await env.token('PARTS_CLERK', station.id);
    const purchaser = await env.token('PURCHASER', station.id);
    const supplierId = env.data.supplierParts[0].supplierId;
    const parts = env.data.supplierParts.filter((s) => s.supplierId === supplierId).slice(0, 20).map((s) => s.partId);
    const warehouse = await stockedWarehouse(env, station.id, parts.map((partId) => ({ partId, quantity: 2_000 })), 'SOAK');
    const run = Date.now().toString(36);
    const errors: string[] = [];
    const failed = (what: string) => (err: unknown) => {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      errors.push(`${what}: ${String((err as Error).message ?? err).slice(0, 160)}${cause ? ` (${cause.code ?? cause.message})` : ''}`);
    };
    const deadline = Date.now() + seconds * 1000;
    const running = () => Date.now() < deadline;

    // Alerts: subscribers first, so that every later shortage reaches all of them.
    const clients = Array.from({ length: SUBSCRIBERS }, () => new AlertClient(env.gatewayUrl, `Bearer ${purchaser}`));
    const delivered = new Map<string, number>();
    for (const c of clients) {
      c.client.on('message', (m: any) => {
        const id = m.type === 'next' ? m.payload?.data?.shortageAlerts?.shortage?.id : undefined;
        if (id) delivered.set(id, (delivered.get(id) ?? 0) + 1);
      });
      c.subscribe({ s: station.id }, ALERTS);
    }
    await sleep(2000);
    say(`soak: ${minutes} min of search, issues, receipts and alerts (${SUBSCRIBERS} subscribers); warm-up ${warmUpS} s`);

    const samples: { t: number; rss: Record<string, number> }[] = [];
    const started = Date.now();
    const sampler = (async () => {
      while (running()) {
        samples.push({ t: (Date.now() - started) / 1000, rss: env.cpu.rss() });
        await sleep(10_000);
      }
      samples.push({ t: (Date.now() - started) / 1000, rss: env.cpu.rss() });
    })();

    const set = buildQuerySet(env.data);
    const search = graphqlLoad({ url: env.gatewayUrl, token: clerk, bodies: set.slice(0, 400).map((q) => ({ query: SEARCH, variables: { q: q.query } })), connections: 4, duration: seconds });

    let issues = 0;
    let issued = 0;
    const issuer = async (w: number) => {
      for (let i = 0; running(); i++) {
        const partId = parts[(i * 7 + w) % parts.length];
        await gqlCall(env.gatewayUrl, clerk, ISSUE, { i: { idempotencyKey: `soak-${run}-${w}-${i}`, reference: 'SOAK', lines: [{ partId, quantity: 1, warehouseId: warehouse.warehouseId }] } })
          .then((d) => { issues++; issued += d.issueStock.lines[0].issued; }, failed('issueStock'));
      }
    };

    let receipts = 0;
    const receiver = async () => {
      for (let i = 0; running(); i++) {
        const lineParts = [parts[(2 * i) % parts.length], parts[(2 * i + 1) % parts.length]];
        await (async () => {
          const po = (await gqlCall(env.gatewayUrl, purchaser, `mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id lines { id } } }`,
            { i: { supplierId, lines: lineParts.map((partId) => ({ partId, quantity: 10 })) } })).createPurchaseOrder;
          await gqlCall(env.gatewayUrl, purchaser, `mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id });
          await gqlCall(env.gatewayUrl, purchaser, `mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: po.id });
          const damaged = i % 5 === 4;
          await gqlCall(env.gatewayUrl, purchaser, `mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!, $k: String!) {
              receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: $k) { id stockPosted } }`, {
            po: po.id, w: warehouse.warehouseId, k: `soak-${run}-${po.id}`,
            l: po.lines.map((l: { id: string }, k: number) => ({ purchaseOrderLineId: l.id, received: 10, damaged: damaged && k === 0 ? 1 : 0, damageReason: damaged && k === 0 ? '外包装破损' : null })),
          });
          receipts++;
        })().catch(failed('receiveGoods'));
      }
    };

    const shortages: string[] = [];
    const alerter = async () => {
      const actor: User = { id: 'soak-clerk', roles: ['PARTS_CLERK'], stationId: station.id };
      // Parts without an open requisition shortfall (earlier runs leave some open; one open per part and kind).
      const open = await gqlCall(env.gatewayUrl, purchaser, `query($s: ID) { shortages(stationId: $s, open: true) { kind part { id } } }`, { s: station.id }).catch((err) => {
        failed('shortages')(err);
        return { shortages: [] };
      });
      const taken = new Set<string>(open.shortages.filter((x: any) => x.kind === 'REQUISITION_SHORTFALL').map((x: any) => x.part.id));
      const candidates = env.data.parts.map((p) => p.id).filter((id) => !taken.has(id) && !parts.includes(id));
      for (let i = 0; running(); i++) {
        await callCommand<{ shortageId: string }>(env.config.urls.procurement, 'recordShortage',
          { idempotencyKey: `soak-${run}-alert-${i}`, stationId: station.id, partId: candidates[i % candidates.length], quantity: 1, kind: 'REQUISITION_SHORTFALL', reference: 'soak' },
          actor, { secret: env.secret, caller: 'bench' })
          .then((r) => void shortages.push(r.shortageId), failed('recordShortage'));
        await sleep(2000);
      }
    };

    const [searched] = await Promise.all([search, issuer(0), issuer(1), receiver(), alerter(), sampler]);
    await sleep(3000); // the last alerts' deliveries
    const subscriberErrors = clients.reduce((a, c) => a + c.errors.length + (c.closed ? 1 : 0), 0);
    if (subscriberErrors) say(`soak: subscriber errors, e.g. ${JSON.stringify(clients.find((c) => c.errors.length || c.closed)?.errors[0] ?? clients.find((c) => c.closed)?.closed).slice(0, 300)}`);
    await Promise.all(clients.map((c) => c.dispose()));

    const missing = shortages.reduce((a, id) => a + SUBSCRIBERS - Math.min(SUBSCRIBERS, delivered.get(id) ?? 0), 0);
    const base = samples.find((s) => s.t >= warmUpS) ?? samples[0];
    const end = samples[samples.length - 1];
    const growth = Object.keys(end.rss).filter((n) => n !== 'load').map((n) => {
      const after = samples.filter((s) => s.t >= base.t).map((s) => s.rss[n] ?? 0);
      return { n, base: base.rss[n], end: end.rss[n], max: Math.max(...after), pct: (100 * (end.rss[n] - base.rss[n])) / base.rss[n] };
    });
    const worst = growth.reduce((a, g) => (Math.abs(g.pct) > Math.abs(a.pct) ? g : a), growth[0]);
    if (errors.length) say(`soak: ${errors.length} failed requests, e.g. ${errors.slice(0, 3).join(' | ')}`);
    const elapsed = (Date.now() - started) / 1000;
    const rows: Row[] = [
      {
        benchmark: 'soak (search, issues, receipts, alerts)', variant: `${minutes} min, RSS after warm-up (${base.t.toFixed(0)} s) → end`, target: 'every process within 5 %',
        ratio: 1 + worst.pct / 100, ratioOf: `end vs after warm-up (largest: ${worst.n})`,
        notes: `MiB: ${growth.map((g) => `${g.n} ${g.base.toFixed(0)} → ${g.end.toFixed(0)} (${g.pct >= 0 ? '+' : ''}${g.pct.toFixed(1)} %, max ${g.max.toFixed(0)})`).join(' · ')}`,
      },
      {
        benchmark: 'soak (search, issues, receipts, alerts)', variant: `${minutes} min, what was done`, throughput: searched.rps, unit: 'searches/s',
        notes: `${searched.requests} searches (${searched.errors + searched.non2xx} failed), ${issues} issues (${issued} units issued), ${receipts} receipts (${(issues / elapsed).toFixed(1)} issues/s, ${(receipts / elapsed).toFixed(2)} receipts/s), `
          + `${shortages.length} alerts × ${SUBSCRIBERS} subscribers (${missing} deliveries missing, ${subscriberErrors} subscriber errors or closes); ${errors.length} other requests failed`,
      },
    ];
    return rows;
  },
};
