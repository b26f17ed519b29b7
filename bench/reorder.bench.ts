/**
 * reorderRecommendations for one station with its whole catalog of active
 * parts (20k in the full run, 10k with --quick) × 36 months of history.
 *
 * The bench dataset has 24 months; the 12 months before them are added for
 * station 0 through importConsumptionHistory (an upsert, so re-runs change
 * nothing; each part's earlier year repeats its later one). Then, untimed
 * warm-up first:
 *   - through the gateway, all parts, scalar fields only  (target ≤ 2 s)
 *   - the procurement subgraph directly (no gateway)
 *   - the pure computation in this process (models, ladders, allocation,
 *     recommendations) on the same history, with its heap growth
 * Peak memory of the procurement process is its VmHWM from /proc (Linux).
 * Only station 0's history is read (the SQL filters on station_id).
 *
 *   npm run bench -- --only reorder          (add --quick for 10k parts)
 */
import fs from 'node:fs';
import type { Bench } from './lib/bench';
import type { Row } from './lib/report';
import { gqlCall, percentile } from './lib/load';
import { formatStatements } from './lib/pg-statements';
import { pidListening } from './lib/cpu';
import { allocateFillRates } from '../subgraphs/procurement/src/domain/fill-rate-allocation';
import { demandModel, policyLadder, policyProblem, recommendReorder } from '../subgraphs/procurement/src/domain/reorder-recommendation';

const QUERY = `query R($s: ID!) { reorderRecommendations(stationId: $s) {
  demandClass method forecastPerMonth seasonalIndex leadTimeDays safetyStock reorderPoint orderUpTo onHand onOrder suggestedQuantity networkSurplus explanation } }`;

const PAGE_QUERY = `query R($s: ID!) { reorderRecommendationsPage(stationId: $s, first: 50, sort: { field: "orderValue" }, toOrder: true) {
  items { part { partNo name } demandClass method forecastPerMonth orderUpTo onHand onOrder suggestedQuantity orderValue explanationItems { reason params } } totalCount } }`;

const CANDIDATES_QUERY = `query C($s: ID) { surplusCandidatesPage(stationId: $s, first: 20, listableOnly: true) {
  items { part { partNo name } reason excessValue listableQuantity reasons { reason params } } totalCount } }`;

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
const monthName = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** VmHWM / VmRSS (MiB) of this platform's procurement process (the one listening on its port: other platforms may run beside it). */
function procurementMemory(port: number): { peak: number; rss: number } | null {
  const pid = pidListening(port);
  if (!pid) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    return { peak: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return null; // not Linux
  }
}

export const bench: Bench = {
  name: 'reorder',
  async run(env, { quick, say }) {
    const station = env.data.stations[0];
    const hq = await env.token('HQ_ADMIN');
    const rows = env.data.consumption.filter((c) => c.stationId === station.id);
    const end = monthIndex(env.data.asOf.slice(0, 7));
    const parts = new Set(rows.map((r) => r.partId));

    // 12 earlier months, so that the station has 36 months of history.
    const earlier = rows.filter((r) => monthIndex(r.month) < end - 12).map((r) => ({ partId: r.partId, month: monthName(monthIndex(r.month) - 12), quantity: r.quantity }));
    say(`reorder: importing ${earlier.length} earlier history rows for ${station.code} (${parts.size} parts → 36 months)`);
    for (let i = 0; i < earlier.length; i += 2_000) { // API.md: up to 2,000 rows in one import call
      await gqlCall(env.gatewayUrl, hq, `mutation($s: ID!, $r: [ConsumptionInput!]!) { importConsumptionHistory(stationId: $s, rows: $r) }`, { s: station.id, r: earlier.slice(i, i + 2_000) });
    }

    const time = async (url: string, n: number) => {
      const ms: number[] = [];
      let count = 0;
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        count = (await gqlCall(url, hq, QUERY, { s: station.id })).reorderRecommendations.length;
        ms.push(performance.now() - t);
      }
      return { ms, count };
    };
    // The first call after the platform started is cold: the history copy is read, the station's rules learnt and the
    // plan memo is empty — what a purchaser meets after a restart. REORDER_COLD=page makes that first call the first page.
    const coldPage = process.env.REORDER_COLD === 'page';
    const procurementPort = Number(new URL(env.subgraphUrl('procurement')).port);
    const memImport = procurementMemory(procurementPort);
    say(`reorder: cold call (${coldPage ? 'first page' : 'whole station'}), then warm-up`);
    const c0 = performance.now();
    if (coldPage) await gqlCall(env.gatewayUrl, hq, PAGE_QUERY, { s: station.id });
    else await time(env.gatewayUrl, 1);
    const coldMs = performance.now() - c0;
    const memCold = procurementMemory(procurementPort);
    if (coldPage) await time(env.gatewayUrl, 1);
    const runs = quick ? 3 : 7;
    // What PostgreSQL ran per request (every database; background work included), the costliest first.
    const sqlSay = async (label: string, requests: number) => {
      const stats = await env.pgStatements?.read();
      if (stats) say(`reorder: ${label} — statements per request by time (pg_stat_statements):\n${formatStatements([...stats].sort((a, b) => b.totalMs - a.totalMs), requests, 8)}`);
    };
    await env.pgStatements?.reset();
    const gwCpu = env.cpu.start();
    const gw = await time(env.gatewayUrl, runs);
    const gwPer = gwCpu.per(runs);
    await sqlSay('whole station', runs);
    const direct = await time(`${env.subgraphUrl('procurement')}/graphql`, runs);
    const mem = procurementMemory(procurementPort);
    const pageMs: number[] = [];
    await gqlCall(env.gatewayUrl, hq, PAGE_QUERY, { s: station.id }); // warm-up
    await env.pgStatements?.reset();
    const pageCpu = env.cpu.start();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await gqlCall(env.gatewayUrl, hq, PAGE_QUERY, { s: station.id });
      pageMs.push(performance.now() - t0);
    }
    const pagePer = pageCpu.per(runs);
    await sqlSay('first page', runs);
    const candMs: number[] = [];
    let candTotal = 0;
    await gqlCall(env.gatewayUrl, hq, CANDIDATES_QUERY, { s: station.id }); // warm-up
    const candCpu = env.cpu.start();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      candTotal = (await gqlCall(env.gatewayUrl, hq, CANDIDATES_QUERY, { s: station.id })).surplusCandidatesPage.totalCount;
      candMs.push(performance.now() - t0);
    }
    const candPer = candCpu.per(runs);
    const memAfter = procurementMemory(procurementPort);

    // The pure computation alone, in this process, on the same 36 months.
    const start = end - 36;
    const hist = new Map<string, Float64Array>();
    for (const r of [...rows, ...earlier]) {
      let h = hist.get(r.partId);
      if (!h) hist.set(r.partId, (h = new Float64Array(36)));
      h[monthIndex(r.month) - start] += r.quantity;
    }
    const facts = new Map(env.data.parts.map((p) => [p.id, p]));
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t = performance.now();
    const prepared = [...hist].map(([id, h]) => {
      const p = facts.get(id)!;
      const lot = { unitPrecision: p.unitPrecision, packSize: p.packSize, minOrderQty: p.minOrderQty };
      const model = demandModel(h as unknown as number[], start % 12);
      const pp = policyProblem(model, { leadTimeDays: 7, reviewPeriodDays: 7, calendarMonth: end % 12, dayOfMonth: 1, ...lot });
      return { h, lot, model, pp, item: { reviewDemand: pp.base.reviewDemand, unitCost: Number(p.prices.internal), ladder: policyLadder(pp) } };
    });
    const allocation = allocateFillRates(prepared.map((x) => x.item), 0.95);
    const recs = prepared.map((x, k) => recommendReorder({
      history: x.h as unknown as number[], firstCalendarMonth: start % 12, targetFillRate: 0.95, partFillRate: x.item.ladder[allocation.choice[k]].fillRate,
      leadTimeDays: 7, reviewPeriodDays: 7, calendarMonth: end % 12, dayOfMonth: 1, ...x.lot,
      position: { onHand: 0, available: 0, inTransit: 0, onOrder: 0, backorders: 0 }, networkSurplus: 0, networkSurplusKnown: true, unit: '',
    }, { model: x.model, problem: x.pp, orderUpTo: x.item.ladder[allocation.choice[k]].orderUpTo }));
    const pureMs = performance.now() - t;
    const heapMiB = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;

    const target = '≤ 2000 ms';
    const note = `${gw.count} parts × 36 months`;
    return [
      { benchmark: 'reorder', variant: `gateway, ${coldPage ? 'first page' : 'whole station'}, cold (first call after start)`, p50: coldMs, target: coldPage ? '≤ 1000 ms' : target,
        notes: `history read, rules learnt, plan memo empty; 1 run; procurement peak RSS before ${memImport ? memImport.peak.toFixed(0) : '?'} MiB, after ${memCold ? memCold.peak.toFixed(0) : '?'} MiB` },
      { benchmark: 'reorder', variant: 'gateway, whole station', p50: percentile(gw.ms, 50), p99: percentile(gw.ms, 99), target, notes: `${note}; ${runs} runs`, cpu: gwPer },
      { benchmark: 'reorder', variant: 'gateway, first page (50, by order value)', p50: percentile(pageMs, 50), p99: percentile(pageMs, 99), ratio: percentile(pageMs, 50) / percentile(gw.ms, 50), ratioOf: 'of whole station',
        target: '≤ 1000 ms', notes: `reorderRecommendationsPage with part names and explanationItems; ${runs} runs`, cpu: pagePer },
      { benchmark: 'reorder', variant: 'gateway, surplus candidates first page (20)', p50: percentile(candMs, 50), p99: percentile(candMs, 99),
        target: '≤ 1000 ms', notes: `surplusCandidatesPage (listable, by excess value) of ${candTotal} candidates; ${runs} runs; procurement peak RSS at the end ${memAfter ? memAfter.peak.toFixed(0) : '?'} MiB`, cpu: candPer },
      { benchmark: 'reorder', variant: 'procurement subgraph direct', p50: percentile(direct.ms, 50), p99: percentile(direct.ms, 99), ratio: percentile(direct.ms, 50) / percentile(gw.ms, 50), ratioOf: 'of gateway',
        notes: mem ? `procurement process peak RSS ${mem.peak.toFixed(0)} MiB (now ${mem.rss.toFixed(0)} MiB)` : 'peak RSS: /proc unavailable' },
      { benchmark: 'reorder', variant: 'pure computation in-process', p50: pureMs, ratio: pureMs / percentile(gw.ms, 50), ratioOf: 'of gateway',
        notes: `${recs.length} recommendations, heap +${heapMiB.toFixed(0)} MiB, station fill ${(allocation.fillRate * 100).toFixed(1)}%` },
    ] satisfies Row[];
  },
};
