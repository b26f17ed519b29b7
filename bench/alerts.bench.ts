/**
 * Shortage-alert latency: from the `recordShortage` command that opens a
 * shortage (what a requisition shortfall sends to procurement) to the alert
 * arriving at each of 1,000 concurrent graphql-ws subscribers of the gateway,
 * every one of which receives every alert (900 purchasers of the station and
 * 100 HQ users), with the federated payload (part.partNo/name from catalog,
 * part.stock.available and station.code from stock). Bounded: a fixed number
 * of alerts, one at a time, against localhost.
 *
 * A second pass measures the whole event chain a counter starts: a parts
 * clerk's `requisitionParts` through the gateway, from a warehouse that has
 * none of the part, so the whole line is a shortfall (workshop → stock's issue
 * → procurement's recordShortage → the outbox → the alert feed → the gateway →
 * every subscriber). Timed from the requisition's answer, as the clerk sees
 * it (an alert may even arrive before the answer: then it counts as 0), and
 * from the moment the requisition was sent.
 *   npm run bench -- --only alerts            (1,000 subscribers, 30 alerts)
 *   npm run bench -- --quick --only alerts    (1,000 subscribers, 10 alerts, 10k-part dataset)
 *   ALERT_SUBSCRIBERS=200 npm run bench -- --only alerts
 * Heap per idle subscriber, by object type: run the bench under `node --heapsnapshot-signal=SIGUSR2` (the launcher's
 * children inherit the flag) with ALERT_HEAP_SNAPSHOTS=200: the gateway writes a heap snapshot (after a full
 * collection) once 200 subscribers are settled and once all are, and the bench prints the command that compares
 * them (bench/lib/heap-diff.ts).
 */
import type { Bench } from './lib/bench';
import type { Row } from './lib/report';
import { AlertClient, ALERT_FIELDS } from './alerts-client';
import { callCommand, type User } from '../subgraphs/shared/src';
import { gqlCall } from './lib/load';
import { pidListening } from './lib/cpu';
import fs from 'node:fs';
import path from 'node:path';

const REQUISITION = `mutation($ro: ID!, $l: [RequisitionLineInput!]!, $k: String!) { requisitionParts(repairOrderId: $ro, lines: $l, idempotencyKey: $k) { lines { shortfall shortage { id } } } }`;

const QUERY = `subscription Bench($s: ID) { shortageAlerts(stationId: $s) { ${ALERT_FIELDS} } }`;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const bench: Bench = {
  name: 'alerts',
  async run(env, { quick, say }) {
    const total = Number(process.env.ALERT_SUBSCRIBERS ?? 1000);
    const hqCount = Math.round(total / 10);
    const alerts = quick ? 10 : 30;
    const station = env.data.stations[0];
    const hqToken = await env.token('HQ_ADMIN');

    // Parts of the station without an open requisition shortfall (earlier runs leave some open; one open per part and kind).
    const open = await fetch(env.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hqToken}` },
      body: JSON.stringify({ query: `query($s: ID) { shortages(stationId: $s, open: true) { kind part { id } } }`, variables: { s: station.id } }),
    }).then((r) => r.json() as Promise<any>);
    const taken = new Set<string>((open.data?.shortages ?? []).filter((s: any) => s.kind === 'REQUISITION_SHORTFALL').map((s: any) => s.part.id));
    const candidates = env.data.parts.map((x) => x.id).filter((id) => !taken.has(id));
    const pick = () => candidates.splice(Math.floor(Math.random() * candidates.length), 1)[0];

    say(`alerts: connecting ${total} subscribers (${total - hqCount} purchasers of ${station.code}, ${hqCount} HQ)…`);
    const clients: AlertClient[] = [];
    const arrivals = new Map<string, number[]>();
    // What idle subscribers cost the gateway: its resident memory before the first connects and once all are connected
    // (acknowledged, subscribed, nothing delivered yet), settled for a few seconds.
    const gatewayRss = () => env.cpu.rss().gateway ?? NaN;
    const rssBefore = gatewayRss();
    let connected = 0;
    // The first half also pays for the gateway's heap growing to its working size; the second half's cost is the one
    // each further subscriber adds.
    const half = Math.floor(total / 2);
    let rssHalf = NaN;
    const settledRss = async (n: number) => {
      for (const until = Date.now() + 30_000; connected < n && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
      if (connected < n) throw new Error(`only ${connected} of ${n} subscribers were acknowledged`);
      await new Promise((r) => setTimeout(r, 3000));
      return gatewayRss();
    };
    const snapshotAt = Number(process.env.ALERT_HEAP_SNAPSHOTS ?? 0);
    const snapshots: string[] = [];
    const heapSnapshot = async (n: number) => {
      await settledRss(n);
      const pid = pidListening(Number(new URL(env.gatewayUrl).port));
      if (!pid) throw new Error('the gateway\'s process was not found');
      const dir = fs.readlinkSync(`/proc/${pid}/cwd`);
      const mine = () => new Set(fs.readdirSync(dir).filter((f) => f.startsWith('Heap.') && f.includes(`.${pid}.`) && f.endsWith('.heapsnapshot')));
      const had = mine();
      process.kill(pid, 'SIGUSR2');
      // Written synchronously by the gateway; done when the file stops growing.
      let file: string | undefined;
      let size = -1;
      for (const until = Date.now() + 300_000; Date.now() < until;) {
        await new Promise((r) => setTimeout(r, 1000));
        file ??= [...mine()].find((f) => !had.has(f));
        if (!file) continue;
        const now = fs.statSync(path.join(dir, file)).size;
        if (now > 0 && now === size) break;
        size = now;
      }
      if (!file) throw new Error('the gateway wrote no heap snapshot: run the bench under node --heapsnapshot-signal=SIGUSR2');
      snapshots.push(path.join(dir, file));
      say(`alerts: heap snapshot of the gateway with ${n} subscribers: ${path.join(dir, file)}`);
    };
    try {
      for (let i = 0; i < total; i++) {
        const hq = i < hqCount;
        const token = hq ? await env.token('HQ_ADMIN') : await env.token('PURCHASER', station.id);
        const c = new AlertClient(env.gatewayUrl, `Bearer ${token}`);
        clients.push(c);
        c.client.on('connected', () => connected++);
        c.subscribe({}, QUERY);
        // Each client stamps the arrival of every alert; the hook runs on the socket message, before anything else.
        c.client.on('message', (m: any) => {
          const alert = m.type === 'next' ? m.payload?.data?.shortageAlerts : undefined;
          if (alert) {
            const at = performance.now();
            // Keyed by the alert's id and by its shortage's (what a requisition's answer names), once each.
            for (const id of new Set([alert.id, alert.shortage?.id].filter(Boolean))) {
              let list = arrivals.get(id);
              if (!list) arrivals.set(id, (list = []));
              list.push(at);
            }
          }
        });
        if (i % 100 === 99) await new Promise((r) => setTimeout(r, 20));
        if (snapshotAt > 0 && i + 1 === snapshotAt) await heapSnapshot(snapshotAt);
        if (i + 1 === half) rssHalf = await settledRss(half);
      }
      const rssIdle = await settledRss(total);
      if (snapshotAt > 0 && snapshotAt < total) {
        await heapSnapshot(total);
        say(`alerts: heap per further subscriber: node dist/bench/lib/heap-diff.js ${snapshots.join(' ')} ${total - snapshotAt}`);
      }
      const actor: User = { id: 'bench-clerk', roles: ['PARTS_CLERK'], stationId: station.id };
      const open1 = (tag: string) => callCommand<{ shortageId: string }>(env.config.urls.procurement, 'recordShortage',
        { idempotencyKey: `bench-alert-${Date.now()}-${tag}`, stationId: station.id, partId: pick(), quantity: 1, kind: 'REQUISITION_SHORTFALL', reference: 'bench' },
        actor, { secret: env.secret, caller: 'bench' });
      const waitAll = async (id: string, ms: number) => {
        const until = Date.now() + ms;
        while ((arrivals.get(id)?.length ?? 0) < total) {
          if (Date.now() > until) return false;
          await new Promise((r) => setTimeout(r, 5));
        }
        return true;
      };

      // Warm-up: every subscriber is live once it has received an alert.
      say('alerts: waiting until every subscriber is live…');
      let live = false;
      for (let attempt = 0; attempt < 10 && !live; attempt++) {
        const { shortageId } = await open1(`warm${attempt}`);
        live = await waitAll(shortageId, 10_000);
      }
      if (!live) throw new Error(`not all ${total} subscribers received the warm-up alert`);

      const latencies: number[] = [];
      const lastArrivals: number[] = [];
      const commandMs: number[] = [];
      let missing = 0;
      for (let i = 0; i < alerts; i++) {
        const t0 = performance.now();
        const { shortageId } = await open1(String(i));
        commandMs.push(performance.now() - t0);
        if (!(await waitAll(shortageId, 5000))) missing += total - (arrivals.get(shortageId)?.length ?? 0);
        const times = arrivals.get(shortageId) ?? [];
        for (const t of times) latencies.push(t - t0);
        if (times.length) lastArrivals.push(Math.max(...times) - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
      latencies.sort((a, b) => a - b);
      lastArrivals.sort((a, b) => a - b);
      commandMs.sort((a, b) => a - b);

      // The whole chain from a requisition: an empty warehouse of the station, one repair order, one part per alert.
      say(`alerts: ${alerts} requisitions short of stock, through the gateway…`);
      const clerk = await env.token('PARTS_CLERK', station.id);
      const empty = (await gqlCall(env.gatewayUrl, hqToken, `mutation($s: ID!, $c: String!) { createWarehouse(stationId: $s, code: $c, name: "bench alerts") { id } }`,
        { s: station.id, c: `BENCH-ALERTS-${Date.now().toString(36)}`.toUpperCase() })).createWarehouse.id as string;
      const repairOrderId = (await gqlCall(env.gatewayUrl, clerk, `mutation { openRepairOrder(input: {}) { id } }`)).openRepairOrder.id as string;
      const fromAnswer: number[] = [];
      const fromSend: number[] = [];
      const answerMs: number[] = [];
      let chainMissing = 0;
      for (let i = 0; i < alerts; i++) {
        const sent = performance.now();
        const data = await gqlCall(env.gatewayUrl, clerk, REQUISITION, { ro: repairOrderId, k: `bench-alert-rq-${Date.now()}-${i}`, l: [{ partId: pick(), quantity: 1, warehouseId: empty }] });
        const answered = performance.now();
        answerMs.push(answered - sent);
        const shortageId = data.requisitionParts.lines[0]?.shortage?.id as string | undefined;
        if (!shortageId) throw new Error('a requisition from an empty warehouse answered without a shortage');
        if (!(await waitAll(shortageId, 5000))) chainMissing += total - (arrivals.get(shortageId)?.length ?? 0);
        for (const t of arrivals.get(shortageId) ?? []) {
          fromAnswer.push(Math.max(0, t - answered));
          fromSend.push(t - sent);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const rssAfter = gatewayRss();
      fromAnswer.sort((a, b) => a - b);
      fromSend.sort((a, b) => a - b);
      answerMs.sort((a, b) => a - b);
      const kbEach = ((rssIdle - rssHalf) * 1024) / (total - half);
      const rows: Row[] = [
        {
          benchmark: 'shortage alert → client', variant: `${total} idle subscribers, gateway memory`, throughput: kbEach, unit: 'KB each', target: '≤ 10 KB each',
          notes: `the second ${total - half} subscribers' cost, connected, subscribed and settled 3 s; gateway RSS ${rssBefore.toFixed(0)} MiB before the first, ${rssHalf.toFixed(0)} with ${half} `
            + `(${(((rssHalf - rssBefore) * 1024) / half).toFixed(1)} KB each with the heap's growth), ${rssIdle.toFixed(0)} with ${total}, ${rssAfter.toFixed(0)} after every alert was delivered`,
        },
        {
          benchmark: 'shortage alert → client', variant: `${total} subscribers, federated payload`,
          p50: percentile(latencies, 50), p99: percentile(latencies, 99), target: 'p99 ≤ 200 ms',
          notes: `${latencies.length} deliveries of ${alerts} alerts; missing ${missing}; from the recordShortage call`,
        },
        {
          benchmark: 'shortage alert → client', variant: 'last of the subscribers',
          p50: percentile(lastArrivals, 50), p99: percentile(lastArrivals, 99),
          notes: `recordShortage command itself p50 ${percentile(commandMs, 50).toFixed(1)} ms`,
        },
        {
          benchmark: 'shortage alert → client', variant: `${total} subscribers, from the requisition's answer`,
          p50: percentile(fromAnswer, 50), p99: percentile(fromAnswer, 99), target: 'p99 ≤ 300 ms',
          notes: `${fromAnswer.length} deliveries of ${alerts} requisitions short of stock; missing ${chainMissing}; the whole chain through the gateway (before the answer: 0)`,
        },
        {
          benchmark: 'shortage alert → client', variant: `${total} subscribers, from sending the requisition`,
          p50: percentile(fromSend, 50), p99: percentile(fromSend, 99),
          notes: `requisitionParts answered in p50 ${percentile(answerMs, 50).toFixed(0)} ms`,
        },
      ];
      return rows;
    } finally {
      await Promise.all(clients.map((c) => c.dispose()));
    }
  },
};
