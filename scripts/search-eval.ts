/**
 * `npm run search:eval` — how well and how fast searchParts answers the
 * labelled query set (test/fixtures/search-queries.ts), and whether its pages
 * hold together. Not a test (the thresholds are asserted by
 * test/contract/search-quality.test.ts and search-paging.test.ts); it prints
 * the figures README's "Search" section quotes.
 *
 * Starts its own embedded PostgreSQL in a temporary directory, loads the
 * catalog share of generateDataset() (the demo catalog: 2,000 parts, or
 * --parts N), serves the catalog subgraph and the gateway in this process and
 * sends every request through the gateway as a parts clerk, one at a time.
 * The engine is the one the configuration picks: embedded, or Meilisearch
 * when MEILI_HOST (and MEILI_API_KEY) are set.
 *
 * 1. Quality, per query family: R@1 and R@5 (an expected part first / in the
 *    top 5), MRR@5, P@5 (share of the top-5 hits that are expected answers)
 *    and P@5* (the same, over min(5, expected answers) — 1.000 when the top 5
 *    hold nothing but right answers as far as there are enough of them).
 * 2. Latency of those requests: client-observed p50 / p95 / max per family
 *    (gateway round trip, one client) and the server's own `tookMs` p50.
 * 3. Paging: for every query (and for browsing, "" ), the first 200 hits in
 *    one page against the same ranking walked in pages of --page (default 7)
 *    through `after`: repeated ids, missing or reordered ids, pages that end
 *    early or late, and estimatedTotal against the number of hits walked
 *    (exact when ≤ 200) — every mismatch is listed.
 *
 *   npm run search:eval                        the demo catalog, all three parts
 *   npm run search:eval -- --page 13 --json /tmp/eval.json
 *   npm run search:eval -- --skip-paging       quality and latency only
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { createDataSource, loadConfig, signToken, startSubgraph, migrateSubgraph, ensureDatabase, withDatabase } from '../subgraphs/shared/src';
import { startEmbeddedPostgres } from './embedded-postgres';
import { definitions } from './subgraphs';
import { catalog } from '../subgraphs/catalog/src';
import { loadCatalogSeed } from '../subgraphs/catalog/src/seed/load-seed';
import { generateDataset } from '../seeds/generate';
import { startGateway } from '../gateway/src/server';
import { buildQuerySet, PINYIN_KINDS, type LabelledQuery } from '../test/fixtures/search-queries';

const freePort = () => new Promise<number>((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); }); });

interface Gql { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] }

/** One GraphQL request to localhost, timed. */
async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<{ body: Gql; ms: number }> {
  if (!['127.0.0.1', 'localhost'].includes(new URL(url).hostname)) throw new Error('search:eval talks to localhost only');
  const t = process.hrtime.bigint();
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  const body = (await r.json()) as Gql;
  return { body, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const f3 = (x: number) => x.toFixed(3);
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '-');

interface Outcome { q: LabelledQuery; rank: number; ids: string[]; ms: number; tookMs: number | null; error?: string }

// The VIN argument is sent only when the query has one, so the same set also runs against a schema without it (then those queries fail, and count as misses).
const searchQuery = (vin: boolean) => `query($q: String!${vin ? ', $vin: String' : ''}) { searchParts(query: $q${vin ? ', vin: $vin' : ''}, first: 5) { engine tookMs hits { part { id } } } }`;

async function quality(url: string, token: string, set: LabelledQuery[]): Promise<{ outcomes: Outcome[]; engine: string }> {
  const outcomes: Outcome[] = [];
  let engine = '?';
  for (const q of set) {
    const { body, ms } = await post(url, token, searchQuery(!!q.vin), q.vin ? { q: q.query, vin: q.vin } : { q: q.query });
    if (body.errors?.length || !body.data?.searchParts) {
      outcomes.push({ q, rank: -1, ids: [], ms, tookMs: null, error: body.errors?.[0]?.message ?? 'no data' });
      continue;
    }
    engine = body.data.searchParts.engine;
    const ids: string[] = body.data.searchParts.hits.map((h: any) => h.part.id);
    const expected = new Set(q.expected);
    outcomes.push({ q, rank: ids.findIndex((id) => expected.has(id)), ids, ms, tookMs: body.data.searchParts.tookMs });
  }
  return { outcomes, engine };
}

function qualityTable(outcomes: Outcome[]): string[] {
  const kinds = [...new Set(outcomes.map((o) => o.q.kind))];
  const row = (label: string, os: Outcome[]) => {
    if (!os.length) return `${label.padEnd(28)} ${'0'.padStart(4)}`;
    const n = os.length;
    const r1 = os.filter((o) => o.rank === 0).length / n;
    const r5 = os.filter((o) => o.rank >= 0).length / n;
    const mrr = os.reduce((s, o) => s + (o.rank >= 0 ? 1 / (o.rank + 1) : 0), 0) / n;
    const right = (o: Outcome) => o.ids.filter((id) => o.q.expected.includes(id)).length;
    const p5 = os.reduce((s, o) => s + (o.ids.length ? right(o) / o.ids.length : 0), 0) / n;
    const p5n = os.reduce((s, o) => s + right(o) / Math.min(5, o.q.expected.length), 0) / n;
    const ms = os.map((o) => o.ms);
    const took = os.flatMap((o) => (o.tookMs == null ? [] : [o.tookMs]));
    return `${label.padEnd(28)} ${String(n).padStart(4)}  ${f3(r1)}  ${f3(r5)}  ${f3(mrr)}  ${f3(p5)}  ${f3(p5n)}  ${f1(quantile(ms, 0.5)).padStart(6)} ${f1(quantile(ms, 0.95)).padStart(6)} ${f1(Math.max(...ms)).padStart(6)}  ${f1(quantile(took, 0.5)).padStart(6)}`;
  };
  const pinyin = outcomes.filter((o) => PINYIN_KINDS.includes(o.q.kind));
  const older = outcomes.filter((o) => !PINYIN_KINDS.includes(o.q.kind));
  return [
    `${'family'.padEnd(28)} ${'n'.padStart(4)}  R@1    R@5    MRR@5  P@5    P@5*    p50 ms p95 ms max ms  took50`,
    ...kinds.map((k) => row(k, outcomes.filter((o) => o.q.kind === k))),
    row('families before issue 18', older),
    row('pinyin/trad./VIN (issue 18)', pinyin),
    row('  written by hand', pinyin.filter((o) => o.q.hand)),
    row('  generated', pinyin.filter((o) => !o.q.hand)),
    row('ALL', outcomes),
  ];
}

interface PagingProblem { query: string; vin?: string; problem: string }

const PAGE = `query($q: String!, $n: Int, $a: String) { searchParts(query: $q, first: $n, after: $a) {
  estimatedTotal estimatedTotalIsLowerBound endCursor hasNextPage hits { part { id } } } }`;
const PAGE_VIN = `query($q: String!, $n: Int, $a: String, $vin: String) { searchParts(query: $q, first: $n, after: $a, vin: $vin) {
  estimatedTotal estimatedTotalIsLowerBound endCursor hasNextPage hits { part { id } } } }`;

/** The first 200 in one page against the same ranking walked in pages of `size`. */
async function paging(url: string, token: string, queries: { query: string; vin?: string }[], size: number) {
  const problems: PagingProblem[] = [];
  let pages = 0;
  let walkedHits = 0;
  let exactTotals = 0;
  for (const { query, vin } of queries) {
    const ask = async (n: number, a: string | null) => {
      pages++;
      const { body } = await post(url, token, vin ? PAGE_VIN : PAGE, { q: query, n, a, ...(vin ? { vin } : {}) });
      if (body.errors?.length) throw new Error(body.errors[0].message);
      return body.data.searchParts as { estimatedTotal: number; estimatedTotalIsLowerBound: boolean; endCursor: string | null; hasNextPage: boolean; hits: { part: { id: string } }[] };
    };
    const bad = (problem: string) => problems.push({ query, vin, problem });
    try {
      const one = await ask(200, null);
      const reference = one.hits.map((h) => h.part.id);
      const walked: string[] = [];
      let after: string | null = null;
      for (;;) {
        const r = await ask(size, after);
        walked.push(...r.hits.map((h) => h.part.id));
        if (r.estimatedTotal !== one.estimatedTotal || r.estimatedTotalIsLowerBound !== one.estimatedTotalIsLowerBound) {
          bad(`estimatedTotal ${r.estimatedTotal}${r.estimatedTotalIsLowerBound ? '+' : ''} on the page after ${walked.length - r.hits.length} hits, ${one.estimatedTotal} on one page of 200`);
        }
        if (r.hasNextPage && r.hits.length !== size) bad(`a page of ${r.hits.length} (< ${size}) says there is a next one`);
        if (!r.hasNextPage || walked.length >= reference.length) {
          if (!r.hasNextPage && walked.length < reference.length) bad(`the walk stops after ${walked.length} hits, one page has ${reference.length}`);
          break;
        }
        after = r.endCursor;
      }
      const seen = new Set<string>();
      const repeats = walked.filter((id) => (seen.has(id) ? true : (seen.add(id), false))).length;
      if (repeats) bad(`${repeats} repeated ids across pages`);
      const prefix = walked.slice(0, reference.length);
      const firstDiff = prefix.findIndex((id, i) => id !== reference[i]);
      if (firstDiff >= 0) bad(`the walk differs from one page at position ${firstDiff + 1} (${reference.filter((id) => !seen.has(id)).length} of the one page's hits never walked)`);
      walkedHits += prefix.length;
      if (reference.length < 200 && !one.hasNextPage) {
        exactTotals++;
        if (one.estimatedTotal !== reference.length || one.estimatedTotalIsLowerBound) bad(`estimatedTotal ${one.estimatedTotal} but ${reference.length} hits exist`);
      }
    } catch (err) {
      bad(`error: ${(err as Error).message}`);
    }
  }
  return { problems, pages, walkedHits, exactTotals, queries: queries.length };
}

async function waitForIndex(url: string, token: string, parts: number): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const { body } = await post(url, token, `{ searchParts(query: "", first: 1) { estimatedTotal } }`, {});
    if ((body.data?.searchParts?.estimatedTotal ?? 0) >= Math.min(parts, 5000)) return;
    await new Promise((res) => setTimeout(res, 500));
  }
  throw new Error('the search index did not fill in 5 minutes');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { parts: { type: 'string' }, page: { type: 'string', default: '7' }, json: { type: 'string' }, 'skip-paging': { type: 'boolean', default: false } } });
  const size = Number(values.page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-search-eval-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(dir, await freePort());
  const stops: (() => Promise<unknown>)[] = [() => pg.stop()];
  try {
    await ensureDatabase(pg.adminUrl, 'evaluation');
    const databaseUrl = withDatabase(pg.adminUrl, 'evaluation');
    for (const def of definitions.filter((d) => d.name === 'catalog')) await migrateSubgraph(def, databaseUrl);
    const data = generateDataset(values.parts ? { parts: Number(values.parts) } : {});
    const seedDs = createDataSource({ url: databaseUrl, schema: 'catalog', entities: [], migrations: [], poolSize: 2 });
    await seedDs.initialize();
    await loadCatalogSeed(seedDs, data);
    await seedDs.query('ANALYZE');
    await seedDs.destroy();
    const secret = randomBytes(32).toString('base64url');
    const ports = { gateway: await freePort(), catalog: await freePort() };
    const config = loadConfig({
      LOG_LEVEL: 'warn', PORT: String(ports.gateway), CATALOG_PORT: String(ports.catalog), DATABASE_URL: databaseUrl, AUTH_JWT_SECRET: secret, AUTH_SERVICE_SECRET: secret,
      DATA_DIR: dir, MEILI_HOST: process.env.MEILI_HOST ?? '', MEILI_API_KEY: process.env.MEILI_API_KEY ?? '',
    });
    const sub = await startSubgraph(catalog, { config, secret, databaseUrl, migrate: false });
    stops.unshift(() => sub.stop());
    const gw = await startGateway({ config, secret });
    stops.unshift(() => gw.stop());
    const url = `${gw.url}/graphql`;
    const token = await signToken(secret, { sub: 'search-eval', roles: ['PARTS_CLERK'], stationId: data.stations[0].id }, '2h');
    if (process.env.MEILI_HOST) await waitForIndex(url, token, data.parts.length);

    const set = buildQuerySet(data);
    // Warm-up (JIT, plans, connection pool), not counted.
    for (const q of set.slice(0, 40)) await post(url, token, searchQuery(false), { q: q.query });
    const { outcomes, engine } = await quality(url, token, set);
    const lines = [
      `search:eval — engine ${engine}, ${data.parts.length} parts, ${set.length} labelled queries, ${new Date().toISOString().slice(0, 16)}Z, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, load average ${os.loadavg()[0].toFixed(1)}`,
      '',
      ...qualityTable(outcomes),
    ];
    const errors = outcomes.filter((o) => o.error);
    if (errors.length) lines.push('', `refused or failed (${errors.length}, counted as misses): ${[...new Set(errors.map((o) => o.error))].slice(0, 3).join(' | ')}`);
    const misses = outcomes.filter((o) => o.rank !== 0 && !o.error);
    if (misses.length) lines.push('', 'not first:', ...misses.map((o) => `  ${o.q.kind}: ${o.q.query}${o.q.vin ? ` (vin ${o.q.vin})` : ''} → ${o.rank < 0 ? 'not in top 5' : `rank ${o.rank + 1}`}`));

    let pagingResult: Awaited<ReturnType<typeof paging>> | null = null;
    if (!values['skip-paging']) {
      const seen = new Set<string>();
      const all: { query: string; vin?: string }[] = [{ query: '' }, ...set.map((q) => ({ query: q.query, vin: q.vin }))];
      const queries = all.filter((q) => {
        const k = `${q.query}\u0000${q.vin ?? ''}`;
        return seen.has(k) ? false : (seen.add(k), true);
      });
      pagingResult = await paging(url, token, queries, size);
      const p = pagingResult;
      lines.push('', `paging — ${p.queries} distinct queries: one page of 200 against pages of ${size} through after (${p.pages} requests, ${p.walkedHits} hits compared; totals checked exactly for the ${p.exactTotals} queries with < 200 hits)`);
      lines.push(`  problems: ${p.problems.length}`, ...p.problems.slice(0, 50).map((x) => `  ${JSON.stringify(x.query)}${x.vin ? ` (vin ${x.vin})` : ''}: ${x.problem}`));
    }
    console.log(lines.join('\n'));
    if (values.json) fs.writeFileSync(values.json, JSON.stringify({ engine, parts: data.parts.length, outcomes: outcomes.map((o) => ({ kind: o.q.kind, query: o.q.query, vin: o.q.vin, hand: !!o.q.hand, rank: o.rank, ms: o.ms, tookMs: o.tookMs, error: o.error })), paging: pagingResult }, null, 1));
  } finally {
    for (const s of stops) await s().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
