/**
 * searchParts latency and throughput (not a test): 50 concurrent clients
 * (autocannon) send a mix of real counter queries — number fragments, typos,
 * barcodes, Chinese names and abbreviations, English with typos, models,
 * model + name — drawn from the labelled query set over the benchmark
 * catalog (100k parts; 10k with --quick). The same requests go through the
 * gateway and straight to the catalog subgraph; the ratio is gateway ÷ direct.
 * Then a full reindex of the embedded engine (and Meilisearch when MEILI_HOST
 * is set) reports parts/s. Runs are bounded by request count.
 *   npm run bench -- --only search            (add --quick for a smoke run)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createDataSource, loadConfig, signToken, startSubgraph, migrateSubgraph, ensureDatabase, withDatabase } from '../subgraphs/shared/src';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres';
import { definitions } from '../scripts/subgraphs';
import { catalog } from '../subgraphs/catalog/src';
import { loadCatalogSeed } from '../subgraphs/catalog/src/seed/load-seed';
import { generateDataset } from '../seeds/generate';
import { startGateway } from '../gateway/src/server';
import { formatTable } from './lib/report';
import { processCpuMs } from './lib/cpu';
import { hiveInstalled, hiveModulesDir, startHiveGateway } from './lib/hive-gateway';
import type { BenchEnv } from './lib/platform';
import { EmbeddedSearchEngine } from '../subgraphs/catalog/src/search/embedded.engine';
import { MeiliSearchEngine } from '../subgraphs/catalog/src/search/meilisearch.engine';
import { reindexAll } from '../subgraphs/catalog/src/search/search-indexer';
import { SearchVocabulary } from '../subgraphs/catalog/src/search/search-vocabulary';
import { analyseQuery } from '../subgraphs/catalog/src/domain/search-analysis';
import pg from 'pg';
import { buildQuerySet, PINYIN_KINDS } from '../test/fixtures/search-queries';
import { SEARCH_KINDS, type Bench, type SearchKinds } from './lib/bench';
import type { Row } from './lib/report';
import autocannon from 'autocannon';

/** Bounded autocannon run (a fixed number of requests, localhost only) with GraphQL bodies round-robin. */
async function graphqlLoad(o: { url: string; token: string; bodies: { query: string; variables?: Record<string, unknown> }[]; connections: number; amount: number }) {
  if (!['127.0.0.1', 'localhost'].includes(new URL(o.url).hostname)) throw new Error('benchmarks send traffic to localhost only');
  const encoded = o.bodies.map((b) => JSON.stringify(b));
  let i = 0;
  const r = await autocannon({
    url: o.url, connections: o.connections, amount: o.amount, timeout: 30,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${o.token}` }, setupRequest: (req: any) => ({ ...req, body: encoded[i++ % encoded.length] }) }],
  } as any);
  return { p50: r.latency.p50, p99: r.latency.p99, rps: r.requests.average, errors: r.errors, non2xx: r.non2xx };
}

const freePort = () => new Promise<number>((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); }); });

/** The search and `{ __typename }` rows through Hive Gateway, with its CPU per request beside the subgraphs' (a note row when it is not installed). */
async function peerGatewayRows(env: BenchEnv, token: string, bodies: { query: string; variables?: Record<string, unknown> }[], amount: number, say: (m: string) => void): Promise<Row[]> {
  if (process.env.BENCH_HIVE !== '1') {
    // Opt-in: the peer is not a dependency (install it in .data/hive). The 2026-12-03 PostgreSQL shutdowns were a hung
    // stop() of a peer that ignored SIGTERM, then an interrupted run (bench/lib/hive-gateway.ts).
    return [{ benchmark: 'reference', variant: 'Hive Gateway (Rust query planner)', notes: 'not run: BENCH_HIVE=1 with the peer installed (bench/lib/hive-gateway.ts)' }];
  }
  if (!hiveInstalled()) {
    return [{ benchmark: 'reference', variant: 'Hive Gateway (Rust query planner)', notes: `not installed in ${path.relative(process.cwd(), hiveModulesDir())} (see bench/lib/hive-gateway.ts)` }];
  }
  const port = await freePort();
  const hive = await startHiveGateway(port, path.resolve('schema/supergraph.graphql'), {
    catalog: `${env.subgraphUrl('catalog')}/graphql`, stock: `${env.subgraphUrl('stock')}/graphql`, procurement: `${env.subgraphUrl('procurement')}/graphql`,
    workshop: `${env.subgraphUrl('workshop')}/graphql`, identity: `${env.config.urls.identity}/graphql`,
  });
  try {
    say('search: the same through Hive Gateway (Rust query planner), a reference peer');
    const probe: any = await fetch(hive.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(bodies[0]) }).then((r) => r.json());
    if (probe.errors?.length || !probe.data?.searchParts) throw new Error(`Hive Gateway answered the search wrongly: ${JSON.stringify(probe).slice(0, 300)}`);
    await graphqlLoad({ url: hive.url, token, bodies, connections: 10, amount: 500 });
    const measure = async (b: typeof bodies) => {
      const c = env.cpu.start();
      const before = processCpuMs(hive.child.pid!) ?? 0;
      const r = await graphqlLoad({ url: hive.url, token, bodies: b, connections: 50, amount });
      const cpu = c.per(amount);
      delete cpu.gateway; // the platform's gateway is idle here
      cpu.hive = ((processCpuMs(hive.child.pid!) ?? before) - before) / amount;
      return { r, cpu };
    };
    const search = await measure(bodies);
    const floor = await measure([{ query: '{ __typename }' }]);
    const failed = (x: { errors: number; non2xx: number }) => (x.errors || x.non2xx ? `; ${x.errors} errors, ${x.non2xx} non-2xx` : '');
    return [
      { benchmark: 'reference', variant: 'search through Hive Gateway (Rust planner), 50 clients', p50: search.r.p50, p99: search.r.p99, throughput: search.r.rps, unit: 'req/s',
        notes: `a peer in front of the same subgraphs; "hive" is its CPU${failed(search.r)}`, cpu: search.cpu },
      { benchmark: 'reference', variant: '{ __typename } through Hive Gateway, 50 clients', p50: floor.r.p50, p99: floor.r.p99, throughput: floor.r.rps, unit: 'req/s',
        notes: `the peer's floor per request${failed(floor.r)}`, cpu: floor.cpu },
    ];
  } finally {
    await hive.stop();
  }
}

const QUERY = `query($q: String!) { searchParts(query: $q, first: 20) { estimatedTotal tookMs hits { score part { id partNo name nameEn } } } }`;

export const bench: Bench = {
  name: 'search',
  async run(env, { quick, say, searchKinds = 'all' }) {
    const token = await env.token('PARTS_CLERK', env.data.stations[0].id);
    const set = buildQuerySet(env.data).filter((q) => searchKinds === 'all' || PINYIN_KINDS.includes(q.kind) === (searchKinds === 'pinyin'));
    const mix = searchKinds === 'all' ? '' : `, ${searchKinds} queries only`;
    // Every kind, round-robin, so no kind dominates the mix.
    const kinds = [...new Set(set.map((q) => q.kind))];
    const bodies = Array.from({ length: 240 }, (_, i) => {
      const ofKind = set.filter((q) => q.kind === kinds[i % kinds.length]);
      return { query: QUERY, variables: { q: ofKind[Math.floor(i / kinds.length) % ofKind.length].query } };
    });
    const amount = quick ? 2000 : 10000;
    const direct = `${env.subgraphUrl('catalog')}/graphql`;
    say(`search: warming up, then ${quick ? 300 : 1000} requests from 1 client and ${amount} requests × 2 at 50 connections`);
    await graphqlLoad({ url: env.gatewayUrl, token, bodies, connections: 10, amount: 500 });
    // One client alone: what a single counter clerk waits for per keystroke search.
    const single = await graphqlLoad({ url: env.gatewayUrl, token, bodies, connections: 1, amount: quick ? 300 : 1000 });
    // CPU per request per process (env.cpu is absent in the standalone run below).
    const meter = () => env.cpu?.start();
    const dc = meter();
    const viaDirect = await graphqlLoad({ url: direct, token, bodies, connections: 50, amount });
    const directCpu = dc?.per(amount);
    const gc = meter();
    const viaGateway = await graphqlLoad({ url: env.gatewayUrl, token, bodies, connections: 50, amount });
    const gatewayCpu = gc?.per(amount);
    // Failed requests (timeouts on a loaded machine) are reported in the row, not thrown away with it.
    const failures = (r: { errors: number; non2xx: number }) => (r.errors || r.non2xx ? `; ${r.errors} errors, ${r.non2xx} non-2xx` : '');
    const rows: Row[] = [
      { benchmark: 'search', variant: `gateway, 1 client, ${env.data.parts.length} parts${mix}`, p50: single.p50, p99: single.p99, throughput: single.rps, unit: 'req/s', notes: failures(single).slice(2) || undefined },
      { benchmark: 'search', variant: `gateway, 50 clients, ${env.data.parts.length} parts${mix}`, p50: viaGateway.p50, p99: viaGateway.p99, throughput: viaGateway.rps, unit: 'req/s',
        ratio: viaGateway.p99 / Math.max(viaDirect.p99, 0.001), ratioOf: 'p99 vs direct', target: 'p99 ≤ 50 ms', notes: `rps ratio ${(viaGateway.rps / viaDirect.rps).toFixed(2)}${failures(viaGateway)}`, cpu: gatewayCpu },
      { benchmark: 'search', variant: 'catalog subgraph direct, 50 clients', p50: viaDirect.p50, p99: viaDirect.p99, throughput: viaDirect.rps, unit: 'req/s', notes: failures(viaDirect).slice(2) || undefined, cpu: directCpu },
    ];

    // Reference: the gateway's floor — `{ __typename }` is answered by the gateway alone (an empty query plan).
    const floorCpu = meter();
    const floor = await graphqlLoad({ url: env.gatewayUrl, token, bodies: [{ query: '{ __typename }' }], connections: 50, amount });
    rows.push({ benchmark: 'reference', variant: '{ __typename } through the gateway, 50 clients', p50: floor.p50, p99: floor.p99, throughput: floor.rps, unit: 'req/s',
      notes: `the gateway's floor per request${failures(floor)}`, cpu: floorCpu?.per(amount) });

    // Reference: the same supergraph served by a peer, Hive Gateway with the Rust query planner (measured only; bench/lib/hive-gateway.ts).
    if (env.cpu) rows.push(...(await peerGatewayRows(env, token, bodies, amount, say)));

    const ds = createDataSource({ url: env.databaseUrl, schema: 'catalog', entities: [], migrations: [], poolSize: 4 });
    await ds.initialize();
    try {
      // Reference: the database's ceiling for this query — the statements the embedded engine sends for each of
      // the bodies (recorded once), replayed with no Node service in between from 50 connections.
      const statements: { sql: string; params: unknown[] }[] = [];
      const recording = new Proxy(ds, { get: (t, k) => (k === 'query' ? (sql: string, params: unknown[]) => (statements.push({ sql, params }), t.query(sql, params)) : (t as any)[k]) });
      const engine = new EmbeddedSearchEngine(recording as typeof ds);
      const vocabulary = await new SearchVocabulary(ds).get();
      const perBody: number[] = [];
      for (const b of bodies) {
        const before = statements.length;
        await engine.search(analyseQuery(b.variables.q, vocabulary), {}, { offset: 0, limit: 20 });
        perBody.push(statements.length - before);
      }
      const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 50 });
      try {
        await Promise.all(Array.from({ length: 50 }, () => pool.query('SELECT 1'))); // open the 50 connections untimed
        const sqlCpu = meter();
        const latencies: number[] = [];
        let next = 0;
        const started = performance.now();
        await Promise.all(Array.from({ length: 50 }, async () => {
          while (next < amount) {
            const st = statements[next++ % statements.length];
            const t = performance.now();
            await pool.query(st.sql, st.params as any[]);
            latencies.push(performance.now() - t);
          }
        }));
        const seconds = (performance.now() - started) / 1000;
        latencies.sort((a, b) => a - b);
        const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)];
        const perSearch = perBody.reduce((a, b) => a + b, 0) / perBody.length;
        const statementsPerS = latencies.length / seconds;
        const sqlRow: Row = { benchmark: 'reference', variant: 'search SQL alone, 50 connections', p50: pct(0.5), p99: pct(0.99), throughput: statementsPerS / perSearch, unit: 'searches/s',
          notes: `${latencies.length} statements at ${statementsPerS.toFixed(0)}/s, ${perSearch.toFixed(2)} statements per search`, cpu: sqlCpu?.per(latencies.length / perSearch) };
        rows.push(sqlRow);
        rows[1].ratio = viaGateway.rps / (statementsPerS / perSearch);
        rows[1].ratioOf = 'of SQL-alone throughput';
        rows[1].target = '≥ 0.5× SQL alone';
        rows[1].notes = `p99 ${(viaGateway.p99 / Math.max(viaDirect.p99, 0.001)).toFixed(2)}× direct; ${rows[1].notes}`;
      } finally {
        await pool.end();
      }

      const engines = [new EmbeddedSearchEngine(ds), ...(env.config.meiliHost ? [new MeiliSearchEngine(env.config.meiliHost, env.config.meiliApiKey, 'parts_bench_reindex')] : [])];
      for (const engine of engines) {
        await engine.start();
        say(`search: full reindex (${engine.name})`);
        const started = Date.now();
        const n = await reindexAll(ds, engine);
        const s = (Date.now() - started) / 1000;
        rows.push({ benchmark: 'search', variant: `full reindex (${engine.name})`, throughput: n / s, unit: 'parts/s', notes: `${n} parts in ${s.toFixed(1)} s` });
      }
    } finally {
      await ds.destroy();
    }
    return rows;
  },
};

/**
 * Standalone run (no other subgraph needed: searchParts is planned to the
 * catalog alone): `npm run -s build && node dist/bench/search.bench.js [--parts 100000] [--quick] [--kinds all|legacy|pinyin]`.
 * Starts its own embedded PostgreSQL in a temporary directory, loads the
 * catalog share of generateDataset({ parts }) (the load is timed and reported
 * too), serves the catalog and the gateway in this process, and prints the rows.
 */
async function standalone(): Promise<void> {

  const { values } = parseArgs({ options: { parts: { type: 'string', default: '100000' }, quick: { type: 'boolean', default: false }, kinds: { type: 'string', default: 'all' } } });
  const searchKinds = values.kinds as SearchKinds;
  if (!SEARCH_KINDS.includes(searchKinds)) throw new Error(`--kinds is one of ${SEARCH_KINDS.join(', ')}`);
  const parts = Number(values.parts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-search-bench-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(dir, await freePort());
  const stops: (() => Promise<unknown>)[] = [() => pg.stop()];
  try {
    await ensureDatabase(pg.adminUrl, 'bench');
    const databaseUrl = withDatabase(pg.adminUrl, 'bench');
    for (const def of definitions) await migrateSubgraph(def, databaseUrl);
    let t = Date.now();
    const data = generateDataset({ parts });
    console.log(`[bench] generated ${parts} parts in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const seedDs = createDataSource({ url: databaseUrl, schema: 'catalog', entities: [], migrations: [], poolSize: 2 });
    await seedDs.initialize();
    t = Date.now();
    await loadCatalogSeed(seedDs, data);
    await seedDs.query('ANALYZE');
    await seedDs.destroy();
    const loadS = (Date.now() - t) / 1000;
    console.log(`[bench] loaded the catalog (parts, models, availability, search documents) in ${loadS.toFixed(1)} s`);
    const secret = randomBytes(32).toString('base64url');
    const ports = { gateway: await freePort(), catalog: await freePort() };
    const config = loadConfig({ LOG_LEVEL: 'warn', PORT: String(ports.gateway), CATALOG_PORT: String(ports.catalog), DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: secret, MEILI_HOST: process.env.MEILI_HOST ?? '', MEILI_API_KEY: process.env.MEILI_API_KEY ?? '' });
    const sub = await startSubgraph(catalog, { config, secret, databaseUrl, migrate: false });
    stops.unshift(() => sub.stop());
    const gw = await startGateway({ config, secret });
    stops.unshift(() => gw.stop());
    const env = {
      data, quick: !!values.quick, gatewayUrl: `${gw.url}/graphql`, databaseUrl, config, secret, baseUrl: gw.url,
      token: (roles: any, stationId?: string) => signToken(secret, { sub: 'bench', roles: Array.isArray(roles) ? roles : [roles], stationId }, '2h'),
      subgraphUrl: () => sub.url,
    } as any;
    const rows = await bench.run(env, { quick: !!values.quick, searchKinds, say: (m) => console.log(`[bench] ${m}`) });
    rows.push({ benchmark: 'search', variant: 'initial catalog load incl. search documents', throughput: parts / loadS, unit: 'parts/s' });
    console.log('\n' + formatTable(rows));
  } finally {
    for (const s of stops) await s().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  standalone().then(() => process.exit(0), (err) => {
    console.error(err);
    process.exit(1);
  });
}
