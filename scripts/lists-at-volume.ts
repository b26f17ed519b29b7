/**
 * The stock room's fastest-growing lists at a station's volume: the ledger
 * (`stockMovementsPage`) and `transfersPage`, through their real services and
 * page definitions, on an embedded PostgreSQL with the stock migrations.
 *   npx tsc -p . && nice node dist/scripts/lists-at-volume.js [--movements 500000] [--transfers 50000]
 * Prints the median of 5 runs per case (station-scoped caller, 50 rows a page),
 * and EXPLAIN (ANALYZE, BUFFERS) of the page statement for any case over 20 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createDataSource, createLogger, ensureDatabase, migrateSubgraph, withDatabase, type Context } from '../subgraphs/shared/src';
import { startEmbeddedPostgres } from './embedded-postgres';
import { definitions } from './subgraphs';
import { freePort } from '../test/helpers/ports';
import { percentile } from '../bench/lib/load';
import { stockOperations } from '../subgraphs/stock/src/movement/stock-operations.service';
import { transferService } from '../subgraphs/stock/src/transfer/transfer.service';
import { MovementTypeEnum } from '../subgraphs/stock/src/movement/movement.type';

const SLOW_MS = 20;
const RUNS = 5;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** 5 stations × 3 warehouses × 4 bins, 2k parts; movements in time order (seq follows time) over two years; transfers between stations with 2 lines each. */
async function fill(db: { query(sql: string, p?: unknown[]): Promise<any> }, movements: number, transfers: number): Promise<void> {
  await db.query(`INSERT INTO stock.station (id, code, name) SELECT gen_random_uuid(), 'S' || s, 'Station ' || s FROM generate_series(1, 5) s`);
  await db.query(`INSERT INTO stock.warehouse (id, station_id, code, name) SELECT gen_random_uuid(), st.id, 'W' || w, 'Warehouse ' || w FROM stock.station st, generate_series(1, 3) w`);
  await db.query(`INSERT INTO stock.bin (id, warehouse_id, code) SELECT gen_random_uuid(), wh.id, 'B' || b FROM stock.warehouse wh, generate_series(1, 4) b`);
  await db.query(`CREATE TEMP TABLE lv_part AS SELECT row_number() OVER () AS n, gen_random_uuid() AS id FROM generate_series(1, 2000)`);
  await db.query(`CREATE TEMP TABLE lv_bin AS SELECT row_number() OVER (ORDER BY st.code, wh.code, b.code) - 1 AS n, b.id, wh.id AS warehouse_id, st.id AS station_id
    FROM stock.bin b JOIN stock.warehouse wh ON wh.id = b.warehouse_id JOIN stock.station st ON st.id = wh.station_id`);
  // Types as a station writes them: mostly issues and receipts, a few adjustments, write-offs and transfers.
  await db.query(`INSERT INTO stock.stock_movement (type, part_id, bin_id, warehouse_id, station_id, quantity, reference, actor, occurred_at)
    SELECT t.type, p.id, b.id, b.warehouse_id, b.station_id, CASE WHEN t.type IN ('ISSUE','TRANSFER_OUT','WRITE_OFF') THEN -1 ELSE 1 END * (1 + (g % 7)),
      'REF-' || g, 'user-' || (g % 40), now() - interval '730 days' + (g::float8 / $1) * interval '730 days'
    FROM generate_series(1, $1::int) g
    JOIN lv_part p ON p.n = 1 + (hashint4(g) & 2147483647) % 2000
    JOIN lv_bin b ON b.n = (hashint4(g + 7) & 2147483647) % 60
    CROSS JOIN LATERAL (SELECT (ARRAY['ISSUE','ISSUE','ISSUE','ISSUE','RECEIPT','RECEIPT','RECEIPT','RETURN','BIN_MOVE','TRANSFER_OUT','TRANSFER_IN','ADJUSTMENT','ISSUE','RECEIPT','WRITE_OFF','ISSUE','RECEIPT','ISSUE','RECEIPT','ISSUE'])[1 + (hashint4(g + 13) & 2147483647) % 20] AS type) t
    ORDER BY g`, [movements]);
  await db.query(`CREATE TEMP TABLE lv_wh AS SELECT row_number() OVER (ORDER BY st.code, wh.code) - 1 AS n, wh.id, st.id AS station_id
    FROM stock.warehouse wh JOIN stock.station st ON st.id = wh.station_id`);
  await db.query(`INSERT INTO stock.transfer (id, number, from_warehouse_id, to_warehouse_id, from_station_id, to_station_id, status, created_by, created_at, shipped_at, received_at)
    SELECT gen_random_uuid(), 'TR' || lpad(g::text, 7, '0'), f.id, t.id, f.station_id, t.station_id,
      CASE WHEN g > $1 - 200 THEN (ARRAY['DRAFT','SHIPPED'])[1 + g % 2] WHEN g % 50 = 0 THEN 'CANCELLED' ELSE 'RECEIVED' END,
      'user-' || (g % 40), now() - interval '730 days' + (g::float8 / $1) * interval '730 days', NULL, NULL
    FROM generate_series(1, $1::int) g
    JOIN lv_wh f ON f.n = (hashint4(g) & 2147483647) % 15
    JOIN lv_wh t ON t.n = (f.n + 3 * (1 + (hashint4(g + 5) & 2147483647) % 4)) % 15`, [transfers]);
  await db.query(`INSERT INTO stock.transfer_line (id, transfer_id, line_no, part_id, quantity, received)
    SELECT gen_random_uuid(), tr.id, l, p.id, 2, CASE WHEN tr.status = 'RECEIVED' THEN 2 ELSE 0 END
    FROM stock.transfer tr CROSS JOIN generate_series(1, 2) l
    JOIN lv_part p ON p.n = 1 + (hashint4(hashtext(tr.number) + l) & 2147483647) % 2000`);
  await db.query(`ANALYZE`);
}

interface Case { list: string; name: string; call: () => Promise<{ items: unknown[] }> }

async function main(): Promise<void> {
  const movements = arg('movements', 500_000);
  const transfers = arg('transfers', 50_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-lists-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(dir, await freePort());
  try {
    await ensureDatabase(pg.adminUrl, 'lists');
    const url = withDatabase(pg.adminUrl, 'lists');
    const stock = definitions.find((d) => d.name === 'stock')!;
    await migrateSubgraph(stock, url);
    const ds = createDataSource({ url, schema: 'stock', entities: stock.entities, migrations: [], poolSize: 2 });
    await ds.initialize();
    let t0 = Date.now();
    await fill(ds, movements, transfers);
    console.log(`filled ${movements} movements, ${transfers} transfers (${transfers * 2} lines) in ${Date.now() - t0} ms`);

    // The page statement of the last call (the one with ORDER BY … LIMIT), for EXPLAIN.
    const seen: { sql: string; params: unknown[] }[] = [];
    const query = ds.query.bind(ds);
    (ds as any).query = (sql: string, params?: unknown[]) => { seen.push({ sql, params: params ?? [] }); return query(sql, params); };

    const [station] = await query(`SELECT id FROM stock.station WHERE code = 'S1'`);
    const [wh] = await query(`SELECT id FROM stock.warehouse WHERE station_id = $1 AND code = 'W1'`, [station.id]);
    const [part] = await query(`SELECT part_id AS id FROM stock.stock_movement WHERE station_id = $1 AND warehouse_id = $2 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [station.id, wh.id]);
    const ctx = {
      user: { id: 'clerk', roles: ['PARTS_CLERK'], stationId: station.id }, token: '', log: createLogger('lists', 'warn'), db: ds,
      loaders: new Map(), requestId: randomUUID(), now: () => new Date(),
    } as unknown as Context;
    const fresh = () => Object.assign({}, ctx, { loaders: new Map() });
    const month = { from: new Date(Date.now() - 60 * 86400_000), to: new Date(Date.now() - 30 * 86400_000) };

    /** The cursor after `pages` pages of 50 in that order. */
    async function deep<A extends object>(page: (a: A & { after?: string | null }) => Promise<{ pageInfo: { endCursor: string | null } }>, a: A, pages: number): Promise<string | null> {
      let after: string | null = null;
      for (let i = 0; i < pages; i++) after = (await page({ ...a, after })).pageInfo.endCursor;
      return after;
    }
    const ledger = (a: Parameters<typeof stockOperations.movementsPage>[1]) => stockOperations.movementsPage(fresh(), { first: 50, ...a });
    const transfer = (a: Parameters<typeof transferService.page>[1]) => transferService.page(fresh(), { first: 50, ...a });
    const ledgerDeep = await deep(ledger, {}, 50);
    const ledgerQtyDeep = await deep(ledger, { sort: { field: 'quantity' } }, 50);
    const transferDeep = await deep(transfer, {}, 50);
    const transferNumberDeep = await deep(transfer, { sort: { field: 'number' } }, 50);

    const cases: Case[] = [
      { list: 'ledger', name: 'first page (occurredAt DESC)', call: () => ledger({}) },
      { list: 'ledger', name: 'first page + totalCount', call: async () => { const p = await ledger({}); await p.totalCount; return p; } },
      { list: 'ledger', name: 'page 51 via cursor', call: () => ledger({ after: ledgerDeep }) },
      { list: 'ledger', name: 'sort occurredAt ASC', call: () => ledger({ sort: { field: 'occurredAt', direction: 'ASC' } }) },
      { list: 'ledger', name: 'sort quantity DESC', call: () => ledger({ sort: { field: 'quantity' } }) },
      { list: 'ledger', name: 'sort quantity, page 51', call: () => ledger({ sort: { field: 'quantity' }, after: ledgerQtyDeep }) },
      { list: 'ledger', name: 'filter part', call: () => ledger({ partId: part.id }) },
      { list: 'ledger', name: 'filter warehouse', call: () => ledger({ warehouseId: wh.id }) },
      { list: 'ledger', name: 'filter part + warehouse (balance)', call: () => ledger({ partId: part.id, warehouseId: wh.id }) },
      { list: 'ledger', name: 'filter type ADJUSTMENT', call: () => ledger({ type: MovementTypeEnum.ADJUSTMENT }) },
      { list: 'ledger', name: 'filter type WRITE_OFF, sort quantity', call: () => ledger({ type: MovementTypeEnum.WRITE_OFF, sort: { field: 'quantity' } }) },
      { list: 'ledger', name: 'filter date range (1 month)', call: () => ledger(month) },
      { list: 'ledger', name: 'date range (1 month), sort quantity', call: () => ledger({ ...month, sort: { field: 'quantity' } }) },
      { list: 'transfers', name: 'first page (createdAt DESC)', call: () => transfer({}) },
      { list: 'transfers', name: 'first page + totalCount', call: async () => { const p = await transfer({}); await p.totalCount; return p; } },
      { list: 'transfers', name: 'page 51 via cursor', call: () => transfer({ after: transferDeep }) },
      { list: 'transfers', name: 'sort number DESC', call: () => transfer({ sort: { field: 'number' } }) },
      { list: 'transfers', name: 'sort number, page 51', call: () => transfer({ sort: { field: 'number' }, after: transferNumberDeep }) },
      { list: 'transfers', name: 'sort status ASC', call: () => transfer({ sort: { field: 'status' } }) },
      { list: 'transfers', name: 'direction OUT', call: () => transfer({ direction: 'OUT' }) },
      { list: 'transfers', name: 'direction IN', call: () => transfer({ direction: 'IN' }) },
      { list: 'transfers', name: 'status DRAFT', call: () => transfer({ status: 'DRAFT' as never }) },
      { list: 'transfers', name: 'status CANCELLED, direction OUT', call: () => transfer({ status: 'CANCELLED' as never, direction: 'OUT' }) },
      { list: 'transfers', name: 'date range (1 month)', call: () => transfer(month) },
      { list: 'transfers', name: 'filter part', call: () => transfer({ partId: part.id }) },
    ];

    const rows: { list: string; case: string; rows: number; ms: number }[] = [];
    const slow: { c: Case; sql: string; params: unknown[] }[] = [];
    for (const c of cases) {
      await c.call(); // warm
      const times: number[] = [];
      let n = 0;
      for (let i = 0; i < RUNS; i++) {
        seen.length = 0;
        t0 = performance.now();
        n = (await c.call()).items.length;
        times.push(performance.now() - t0);
      }
      const ms = percentile(times, 50);
      rows.push({ list: c.list, case: c.name, rows: n, ms: Math.round(ms * 10) / 10 });
      const statement = seen.find((s) => /ORDER BY[\s\S]*LIMIT \d+$/.test(s.sql) && s.sql.includes(' AS "__k0"'));
      if (ms > SLOW_MS && statement) slow.push({ c, ...statement });
    }
    console.log(`\n${movements} movements / ${transfers} transfers, caller: one station's clerk, 50 rows a page, median of ${RUNS} (ms)\n`);
    console.log('| list | case | rows | ms |\n|---|---|---:|---:|');
    for (const r of rows) console.log(`| ${r.list} | ${r.case} | ${r.rows} | ${r.ms} |`);
    for (const s of slow) {
      const plan = await query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`, s.params);
      console.log(`\n--- ${s.c.list}: ${s.c.name}\n${s.sql}\n${plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
    }
    await ds.destroy();
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
