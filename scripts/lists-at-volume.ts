/**
 * The lists that grow with a station's daily work, at volume: each
 * `<list>Page` through its real service and page definition, on an embedded
 * PostgreSQL with each subgraph's real migrations (one database, a schema per
 * subgraph, as deployed).
 *   npx tsc -p . && nice node dist/scripts/lists-at-volume.js [--only stock,workshop,procurement,identity]
 *     [--movements 500000] [--transfers 50000] [--stocktakes 20000] [--write-offs 50000]
 *     [--repair-orders 200000] [--counter-sales 200000] [--lost-sales 50000]
 *     [--purchase-orders 50000] [--damage-claims 20000] [--users 20000]
 * The fills end with VACUUM ANALYZE (as autovacuum leaves a table). Prints the median of 5 runs per case (50 rows a page; one station's user, and
 * HQ over all stations where a list has both), and EXPLAIN (ANALYZE, BUFFERS)
 * of the page statement (and of the count for totalCount cases) of any case
 * over 20 ms. The shared runner and each subgraph's fill and cases are in
 * scripts/lists-at-volume/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDatabase, withDatabase } from '../subgraphs/shared/src';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from '../test/helpers/ports';
import { arg, measure, only, openSubgraph, timed, type Case, type Subgraph } from './lists-at-volume/runner';
import { fillStock, stockCases } from './lists-at-volume/stock';
import { fillWorkshop, workshopCases } from './lists-at-volume/workshop';
import { fillProcurement, procurementCases } from './lists-at-volume/procurement';
import { fillIdentity, identityCases } from './lists-at-volume/identity';

async function main(): Promise<void> {
  const stock = { movements: arg('movements', 500_000), transfers: arg('transfers', 50_000), stocktakes: arg('stocktakes', 20_000), writeOffs: arg('write-offs', 50_000) };
  const workshop = { repairOrders: arg('repair-orders', 200_000), counterSales: arg('counter-sales', 200_000), lostSales: arg('lost-sales', 50_000) };
  const procurement = { purchaseOrders: arg('purchase-orders', 50_000), damageClaims: arg('damage-claims', 20_000) };
  const identity = { users: arg('users', 20_000) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partsgraph-lists-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres(dir, await freePort());
  const open: Subgraph[] = [];
  try {
    await ensureDatabase(pg.adminUrl, 'lists');
    const url = withDatabase(pg.adminUrl, 'lists');
    const cases: Case[] = [];
    // Stock comes first in any run: it fills lv, the stations and parts the others use.
    const s = await openSubgraph(url, 'stock');
    open.push(s);
    await timed(`stock: ${JSON.stringify(stock)}`, () => fillStock(s, stock));
    if (only('stock')) cases.push(...await stockCases(s));
    if (only('workshop')) {
      const w = await openSubgraph(url, 'workshop');
      open.push(w);
      await timed(`workshop: ${JSON.stringify(workshop)}`, () => fillWorkshop(w, workshop));
      cases.push(...await workshopCases(w));
    }
    if (only('procurement')) {
      const p = await openSubgraph(url, 'procurement');
      open.push(p);
      await timed(`procurement: ${JSON.stringify(procurement)}`, () => fillProcurement(p, procurement));
      cases.push(...await procurementCases(p));
    }
    if (only('identity')) {
      const i = await openSubgraph(url, 'identity');
      open.push(i);
      await timed(`identity: ${JSON.stringify(identity)}`, () => fillIdentity(i, identity));
      cases.push(...await identityCases(i));
    }
    // The state autovacuum keeps tables in: the visibility map set (a count can be an index-only scan) and the GIN
    // pending lists merged. Without it, a case's plan depended on whether autovacuum had reached its table yet.
    await timed('and vacuumed (VACUUM ANALYZE)', async () => {
      const qr = s.ds.createQueryRunner();
      try {
        await qr.query(`SET statement_timeout = 0`);
        await qr.query(`VACUUM ANALYZE`);
      } finally {
        await qr.release();
      }
    });
    console.log(`\n50 rows a page, median of 5 runs (ms); station: one station's user, HQ: all stations\n`);
    await measure(cases);
    for (const sub of open) await sub.ds.destroy();
  } finally {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
