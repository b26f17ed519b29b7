/**
 * The parts counter's search page through the gateway: 20 parts with their
 * stock by bin and warehouse (catalog + stock), at 20 clients — latency,
 * throughput and CPU per request per process (the issue's "counter's page").
 *   npm run bench -- --only counter-page [--quick]
 */
import type { Bench } from './lib/bench';
import { gqlCall, graphqlLoad } from './lib/load';
import type { Row } from './lib/report';
import { formatStatements, perRequestBySchema } from './lib/pg-statements';
import { processCpuMs } from './lib/cpu';
import { freePort, hiveInstalled, startHiveGateway } from './lib/hive-gateway';
import path from 'node:path';

export const COUNTER_PAGE = `query CounterPage($q: String!, $s: ID!) {
  searchParts(query: $q, first: 20) { hits { part { partNo name
    stock(stationId: $s) { onHand available levels { available bin { code warehouse { code } } } } } } } }`;

/** What the gateway asks stock for the page: the 20 parts' stock through `_entities` (stock's share alone, row "stock alone"). */
export const COUNTER_PAGE_STOCK = `query CounterPageStock($r: [_Any!]!, $s: ID!) { _entities(representations: $r) { ... on Part {
  stock(stationId: $s) { onHand available levels { available bin { code warehouse { code } } } } } } }`;

export const bench: Bench = {
  name: 'counter-page',
  async run(env, { quick, say }) {
    const hq = await env.token('HQ_ADMIN');
    const station = env.data.stations[0].id;
    const queries = ['滤清器', '刹车片', 'T15', '瑞虎7'];
    const bodies = queries.map((q) => ({ query: COUNTER_PAGE, variables: { q, s: station } }));
    for (const b of bodies) {
      const data = await gqlCall(env.gatewayUrl, hq, b.query, b.variables);
      if (data.searchParts.hits.length < 20) throw new Error(`query "${b.variables.q}" returned ${data.searchParts.hits.length} hits`);
    }
    const amount = quick ? 300 : 1500;
    say(`counter page (20 parts with stock by bin): ${amount} requests at 20 clients`);
    await graphqlLoad({ url: env.gatewayUrl, token: hq, bodies, connections: 20, amount: 60 });
    await env.pgStatements?.reset();
    const c = env.cpu.start();
    const page = await graphqlLoad({ url: env.gatewayUrl, token: hq, bodies, connections: 20, amount });
    const cpu = c.per(page.requests);
    // What PostgreSQL ran per page (background work — relays, consumers — included): where its share of the CPU goes.
    const stats = await env.pgStatements?.read();
    const sql = stats && perRequestBySchema(stats, page.requests);
    if (stats) say(`counter page — statements per request (pg_stat_statements):\n${formatStatements(stats, page.requests, 20)}`);
    const sqlNote = sql ? `; statements per page: ${Object.entries(sql).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(' · ')}` : '';
    const rows: Row[] = [{
      benchmark: 'counter page (catalog+stock)', variant: '20 parts, stock levels + bins + warehouses', p50: page.p50, p99: page.p99, throughput: page.rps, unit: 'req/s',
      target: '≤ 6 ms CPU, stock ≤ 1.5', notes: `errors ${page.errors + page.non2xx}${sqlNote}`, cpu,
    }];
    // Stock alone: the same pages' `_entities` request sent to stock directly, more of them, so that stock's CPU per page
    // is read without the gateway's and catalog's noise (the gateway's request to stock has this shape).
    const stockBodies = [];
    for (const b of bodies) {
      const ids = await gqlCall(env.gatewayUrl, hq, `query($q: String!) { searchParts(query: $q, first: 20) { hits { part { id } } } }`, { q: b.variables.q });
      const r = ids.searchParts.hits.map((h: { part: { id: string } }) => ({ __typename: 'Part', id: h.part.id }));
      stockBodies.push({ query: COUNTER_PAGE_STOCK, variables: { r, s: station } });
    }
    const stockUrl = `${env.subgraphUrl('stock')}/graphql`;
    const check = await gqlCall(stockUrl, hq, stockBodies[0].query, stockBodies[0].variables);
    if (check._entities.length !== 20) throw new Error(`stock answered ${check._entities.length} of 20 parts`);
    const stockAmount = quick ? 1500 : 5000;
    say(`counter page, stock alone (_entities of the page's 20 parts): ${stockAmount} requests at 20 clients`);
    await graphqlLoad({ url: stockUrl, token: hq, bodies: stockBodies, connections: 20, amount: 100 });
    const sc = env.cpu.start();
    const direct = await graphqlLoad({ url: stockUrl, token: hq, bodies: stockBodies, connections: 20, amount: stockAmount });
    rows.push({
      benchmark: 'counter page, stock alone', variant: '_entities of the 20 parts, stock levels + bins + warehouses', p50: direct.p50, p99: direct.p99, throughput: direct.rps, unit: 'req/s',
      target: 'stock ≤ 1.5 ms CPU', notes: `errors ${direct.errors + direct.non2xx}`, cpu: sc.per(direct.requests),
    });
    // Reference: the same pages through the peer gateway (BENCH_HIVE=1 with it installed; bench/lib/hive-gateway.ts).
    if (process.env.BENCH_HIVE === '1' && hiveInstalled()) {
      const hive = await startHiveGateway(await freePort(), path.resolve('schema/supergraph.graphql'), {
        catalog: `${env.subgraphUrl('catalog')}/graphql`, stock: `${env.subgraphUrl('stock')}/graphql`, procurement: `${env.subgraphUrl('procurement')}/graphql`,
        workshop: `${env.subgraphUrl('workshop')}/graphql`, identity: `${env.config.urls.identity}/graphql`,
      });
      try {
        const probe = await gqlCall(hive.url, hq, bodies[0].query, bodies[0].variables);
        if (probe.searchParts.hits.length < 20) throw new Error('Hive Gateway answered the counter page with fewer than 20 hits');
        await graphqlLoad({ url: hive.url, token: hq, bodies, connections: 20, amount: 60 });
        const hc = env.cpu.start();
        const before = processCpuMs(hive.child.pid!) ?? 0;
        const r = await graphqlLoad({ url: hive.url, token: hq, bodies, connections: 20, amount });
        const hcpu = hc.per(r.requests);
        delete hcpu.gateway; // the platform's gateway is idle here
        hcpu.hive = ((processCpuMs(hive.child.pid!) ?? before) - before) / r.requests;
        rows.push({ benchmark: 'reference', variant: 'counter page through Hive Gateway (Rust planner), 20 clients', p50: r.p50, p99: r.p99, throughput: r.rps, unit: 'req/s',
          notes: `a peer in front of the same subgraphs; "hive" is its CPU; errors ${r.errors + r.non2xx}`, cpu: hcpu });
      } finally {
        await hive.stop();
      }
    }
    return rows;
  },
};
