/**
 * A page of parts across three subgraphs: catalog (searchParts), stock (levels
 * by bin) and procurement (open shortages), through the gateway, for pages of
 * 10, 50 and 200 parts — latency, throughput, and SQL statements per request,
 * which must not grow with the page. Reference: the same page from the
 * catalog alone (what federation adds).
 *   npm run bench -- --only federated-page
 */
import type { Bench } from './lib/bench';
import { gqlCall, graphqlLoad } from './lib/load';
import type { Row } from './lib/report';

const FEDERATED = `query FederatedPage($q: String!, $n: Int!, $s: ID!) {
  searchParts(query: $q, first: $n) { hits { part { partNo name
    stock(stationId: $s) { onHand available levels { available bin { code warehouse { code } } } }
    openShortages(stationId: $s) { kind quantity } } } } }`;
const CATALOG_ONLY = `query CatalogPage($q: String!, $n: Int!) { searchParts(query: $q, first: $n) { hits { part { partNo name prices { retail } } } } }`;

export const bench: Bench = {
  name: 'federated-page',
  async run(env, { quick, say }) {
    const hq = await env.token('HQ_ADMIN');
    const station = env.data.stations[0].id;
    // Broad queries that fill every page size.
    const queries = ['滤清器', '刹车片', 'T15', '瑞虎7'];
    const rows: Row[] = [];
    for (const n of [10, 50, 200]) {
      const vars = queries.map((q) => ({ q, n, s: station }));
      // Statements: one request per query, each subgraph's own count for it.
      const perRequest: number[] = [];
      for (const v of vars) {
        const data = await gqlCall(env.gatewayUrl, hq, FEDERATED, v);
        if (data.searchParts.hits.length < Math.min(n, 10)) throw new Error(`query "${v.q}" returned ${data.searchParts.hits.length} hits`);
        const last = await env.lastRequestStatements();
        perRequest.push(last.catalog + last.stock + last.procurement);
      }
      const amount = quick ? 100 : 600;
      say(`federated page of ${n}: ${amount} requests at 20 clients`);
      const c = env.cpu.start();
      const fed = await graphqlLoad({ url: env.gatewayUrl, token: hq, bodies: vars.map((v) => ({ query: FEDERATED, variables: v })), connections: 20, amount });
      const fedCpu = c.per(fed.requests);
      const c2 = env.cpu.start();
      const cat = await graphqlLoad({ url: env.gatewayUrl, token: hq, bodies: vars.map((v) => ({ query: CATALOG_ONLY, variables: { q: v.q, n } })), connections: 20, amount });
      rows.push({
        benchmark: 'federated page (catalog+stock+procurement)', variant: `${n} parts`, p50: fed.p50, p99: fed.p99, throughput: fed.rps, unit: 'req/s',
        ratio: fed.p50 / Math.max(cat.p50, 0.001), ratioOf: 'p50 vs catalog-only page',
        target: 'constant SQL/request', notes: `SQL/request ${Math.min(...perRequest)}–${Math.max(...perRequest)}; errors ${fed.errors + fed.non2xx}`, cpu: fedCpu,
      });
      rows.push({ benchmark: 'federated page (catalog+stock+procurement)', variant: `${n} parts, catalog fields only`, p50: cat.p50, p99: cat.p99, throughput: cat.rps, unit: 'req/s', cpu: c2.per(cat.requests) });
    }
    return rows;
  },
};
