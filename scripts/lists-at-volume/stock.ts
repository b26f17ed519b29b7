/**
 * The stock room's lists: the ledger (`stockMovementsPage`), `transfersPage`,
 * `stocktakesPage` and `writeOffsPage`, filled into the stock schema and timed
 * through their services.
 *
 * Also fills `lv`, the shared scratch schema the other families take their
 * stations and parts from: lv.part (2,000 parts), lv.station (the 5 stations),
 * lv.wh (15 warehouses), lv.bin (60 bins), each numbered from 0 (parts from 1).
 */
import type { Db, Case, Subgraph } from './runner';
import { caseList, contextOf, deep, PAGE, sortCases } from './runner';
import { stockOperations } from '../../subgraphs/stock/src/movement/stock-operations.service';
import { transferService } from '../../subgraphs/stock/src/transfer/transfer.service';
import { stocktakeService } from '../../subgraphs/stock/src/stocktake/stocktake.service';
import { writeOffService } from '../../subgraphs/stock/src/write-off/write-off.service';
import { MovementTypeEnum } from '../../subgraphs/stock/src/movement/movement.type';
import { StocktakeStatus } from '../../subgraphs/stock/src/stocktake/stocktake.type';
import { WriteOffStatus } from '../../subgraphs/stock/src/write-off/write-off.type';

export interface StockVolume { movements: number; transfers: number; stocktakes: number; writeOffs: number }

/** Spread over two years ending now: row g of n. */
export const overTwoYears = (g: string, n: string) => `now() - interval '730 days' + (${g}::float8 / ${n}) * interval '730 days'`;

/** 5 stations × 3 warehouses × 4 bins, 2k parts; movements in time order (seq follows time) over two years; transfers between stations with 2 lines each. */
async function fillLedger(db: Db, movements: number, transfers: number): Promise<void> {
  await db.query(`INSERT INTO stock.station (id, code, name) SELECT gen_random_uuid(), 'S' || s, 'Station ' || s FROM generate_series(1, 5) s`);
  await db.query(`INSERT INTO stock.warehouse (id, station_id, code, name) SELECT gen_random_uuid(), st.id, 'W' || w, 'Warehouse ' || w FROM stock.station st, generate_series(1, 3) w`);
  await db.query(`INSERT INTO stock.bin (id, warehouse_id, code) SELECT gen_random_uuid(), wh.id, 'B' || b FROM stock.warehouse wh, generate_series(1, 4) b`);
  await db.query(`CREATE SCHEMA lv`);
  await db.query(`CREATE TABLE lv.part AS SELECT row_number() OVER () AS n, gen_random_uuid() AS id FROM generate_series(1, 2000)`);
  await db.query(`CREATE TABLE lv.station AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, id, code FROM stock.station`);
  await db.query(`CREATE TABLE lv.bin AS SELECT row_number() OVER (ORDER BY st.code, wh.code, b.code) - 1 AS n, b.id, wh.id AS warehouse_id, st.id AS station_id
    FROM stock.bin b JOIN stock.warehouse wh ON wh.id = b.warehouse_id JOIN stock.station st ON st.id = wh.station_id`);
  // Types as a station writes them: mostly issues and receipts, a few adjustments, write-offs and transfers.
  await db.query(`INSERT INTO stock.stock_movement (type, part_id, bin_id, warehouse_id, station_id, quantity, reference, actor, occurred_at)
    SELECT t.type, p.id, b.id, b.warehouse_id, b.station_id, CASE WHEN t.type IN ('ISSUE','TRANSFER_OUT','WRITE_OFF') THEN -1 ELSE 1 END * (1 + (g % 7)),
      'REF-' || g, 'user-' || (g % 40), ${overTwoYears('g', '$1')}
    FROM generate_series(1, $1::int) g
    JOIN lv.part p ON p.n = 1 + (hashint4(g) & 2147483647) % 2000
    JOIN lv.bin b ON b.n = (hashint4(g + 7) & 2147483647) % 60
    CROSS JOIN LATERAL (SELECT (ARRAY['ISSUE','ISSUE','ISSUE','ISSUE','RECEIPT','RECEIPT','RECEIPT','RETURN','BIN_MOVE','TRANSFER_OUT','TRANSFER_IN','ADJUSTMENT','ISSUE','RECEIPT','WRITE_OFF','ISSUE','RECEIPT','ISSUE','RECEIPT','ISSUE'])[1 + (hashint4(g + 13) & 2147483647) % 20] AS type) t
    ORDER BY g`, [movements]);
  await db.query(`CREATE TABLE lv.wh AS SELECT row_number() OVER (ORDER BY st.code, wh.code) - 1 AS n, wh.id, st.id AS station_id, st.code AS station_code
    FROM stock.warehouse wh JOIN stock.station st ON st.id = wh.station_id`);
  await db.query(`INSERT INTO stock.transfer (id, number, from_warehouse_id, to_warehouse_id, from_station_id, to_station_id, status, created_by, created_at, shipped_at, received_at)
    SELECT gen_random_uuid(), 'TR' || lpad(g::text, 7, '0'), f.id, t.id, f.station_id, t.station_id,
      CASE WHEN g > $1 - 200 THEN (ARRAY['DRAFT','SHIPPED'])[1 + g % 2] WHEN g % 50 = 0 THEN 'CANCELLED' ELSE 'RECEIVED' END,
      'user-' || (g % 40), ${overTwoYears('g', '$1')}, NULL, NULL
    FROM generate_series(1, $1::int) g
    JOIN lv.wh f ON f.n = (hashint4(g) & 2147483647) % 15
    JOIN lv.wh t ON t.n = (f.n + 3 * (1 + (hashint4(g + 5) & 2147483647) % 4)) % 15`, [transfers]);
  await db.query(`INSERT INTO stock.transfer_line (id, transfer_id, line_no, part_id, quantity, received)
    SELECT gen_random_uuid(), tr.id, l, p.id, 2, CASE WHEN tr.status = 'RECEIVED' THEN 2 ELSE 0 END
    FROM stock.transfer tr CROSS JOIN generate_series(1, 2) l
    JOIN lv.part p ON p.n = 1 + (hashint4(hashtext(tr.number) + l) & 2147483647) % 2000`);
}

/**
 * Stocktakes of one warehouse at a time with 4 counted lines each (one per bin), the last one of each warehouse OPEN (only one may be),
 * the rest mostly approved; write-offs of one bin each (one in 20 of a transfer line), the last 300 pending.
 */
async function fillCounts(db: Db, stocktakes: number, writeOffs: number): Promise<void> {
  await db.query(`INSERT INTO stock.stocktake (id, number, warehouse_id, station_id, status, started_by, started_at, approved_by, approved_at)
    SELECT gen_random_uuid(), 'PD' || extract(year FROM at)::int || '-' || w.station_code || '-' || lpad(g::text, 6, '0'), w.id, w.station_id,
      CASE WHEN g > $1 - 15 THEN 'OPEN' WHEN g % 25 = 0 THEN 'REJECTED' WHEN g % 40 = 0 THEN 'CANCELLED' ELSE 'APPROVED' END,
      'user-' || (g % 40), at, CASE WHEN g <= $1 - 15 THEN 'manager' END, CASE WHEN g <= $1 - 15 THEN at + interval '1 day' END
    FROM generate_series(1, $1::int) g JOIN lv.wh w ON w.n = g % 15
    CROSS JOIN LATERAL (SELECT ${overTwoYears('g', '$1')} AS at) t`, [stocktakes]);
  await db.query(`INSERT INTO stock.stocktake_line (stocktake_id, part_id, bin_id, expected, counted, book_at_count, counted_by, counted_at, posted)
    SELECT s.id, p.id, b.id, 4, 3 + l % 3, 4, 'user-1', s.started_at, CASE WHEN s.status = 'APPROVED' THEN l % 3 - 1 END
    FROM stock.stocktake s CROSS JOIN generate_series(1, 4) l
    JOIN lv.bin b ON b.warehouse_id = s.warehouse_id AND b.n % 4 = l % 4
    JOIN lv.part p ON p.n = 1 + (hashint4(hashtext(s.number) + l) & 2147483647) % 2000`);
  await db.query(`CREATE TABLE lv.transfer_line AS SELECT row_number() OVER (ORDER BY tl.id) - 1 AS n, tl.id, tl.part_id, tr.to_warehouse_id AS warehouse_id, tr.to_station_id AS station_id
    FROM stock.transfer_line tl JOIN stock.transfer tr ON tr.id = tl.transfer_id`);
  await db.query(`INSERT INTO stock.write_off (id, number, part_id, bin_id, transfer_line_id, warehouse_id, station_id, quantity, reason, status, requested_by, requested_at, decided_by, decided_at)
    SELECT gen_random_uuid(), 'BS' || extract(year FROM at)::int || '-S' || (1 + coalesce(tl.station_n, b.n / 12)) || '-' || lpad(g::text, 6, '0'),
      coalesce(tl.part_id, p.id), CASE WHEN tl.id IS NULL THEN b.id END, tl.id, coalesce(tl.warehouse_id, b.warehouse_id), coalesce(tl.station_id, b.station_id),
      1 + (hashint4(g + 3) & 2147483647) % 12, (ARRAY['Damaged','Expired','Lost in count'])[1 + g % 3],
      CASE WHEN g > $1 - 300 THEN 'PENDING' WHEN g % 9 = 0 THEN 'REJECTED' ELSE 'APPROVED' END,
      'user-' || (g % 40), at, CASE WHEN g <= $1 - 300 THEN 'manager' END, CASE WHEN g <= $1 - 300 THEN at + interval '2 hours' END
    FROM generate_series(1, $1::int) g
    CROSS JOIN LATERAL (SELECT ${overTwoYears('g', '$1')} AS at) t
    JOIN lv.part p ON p.n = 1 + (hashint4(g) & 2147483647) % 2000
    JOIN lv.bin b ON b.n = (hashint4(g + 7) & 2147483647) % 60
    LEFT JOIN (SELECT x.*, s.n AS station_n FROM lv.transfer_line x JOIN lv.station s ON s.id = x.station_id) tl
      ON g % 20 = 0 AND tl.n = (hashint4(g + 11) & 2147483647) % (SELECT count(*) FROM lv.transfer_line)`, [writeOffs]);
}

export async function fillStock(sub: Subgraph, v: StockVolume): Promise<void> {
  await fillLedger(sub, v.movements, v.transfers);
  await fillCounts(sub, v.stocktakes, v.writeOffs);
  await sub.query(`ANALYZE`);
}

export async function stockCases(sub: Subgraph): Promise<Case[]> {
  const { query } = sub;
  const [station] = await query(`SELECT id FROM stock.station WHERE code = 'S1'`);
  const [wh] = await query(`SELECT id FROM stock.warehouse WHERE station_id = $1 AND code = 'W1'`, [station.id]);
  const [part] = await query(`SELECT part_id AS id FROM stock.stock_movement WHERE station_id = $1 AND warehouse_id = $2 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [station.id, wh.id]);
  const [woPart] = await query(`SELECT part_id AS id FROM stock.write_off WHERE station_id = $1 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`, [station.id]);
  const clerk = contextOf(sub, { id: 'clerk', roles: ['PARTS_CLERK'], stationId: station.id });
  const manager = contextOf(sub, { id: 'manager-2', roles: ['STATION_MANAGER'], stationId: station.id });
  const hq = contextOf(sub, { id: 'hq', roles: ['HQ_ADMIN'], stationId: null });
  const month = { from: new Date(Date.now() - 60 * 86400_000), to: new Date(Date.now() - 30 * 86400_000) };

  const ledger = (a: Parameters<typeof stockOperations.movementsPage>[1]) => stockOperations.movementsPage(clerk(), { first: PAGE, ...a });
  const transfer = (a: Parameters<typeof transferService.page>[1]) => transferService.page(clerk(), { first: PAGE, ...a });
  type StocktakeArgs = Parameters<typeof stocktakeService.page>[1];
  type WriteOffArgs = Parameters<typeof writeOffService.page>[1];
  const ledgerDeep = await deep(ledger, {});
  const ledgerQtyDeep = await deep(ledger, { sort: { field: 'quantity' } });
  const transferDeep = await deep(transfer, {});
  const transferNumberDeep = await deep(transfer, { sort: { field: 'number' } });

  const { cases, add } = caseList(sub);
  add('ledger', 'station', 'first page (occurredAt DESC)', () => ledger({}));
  add('ledger', 'station', 'first page + totalCount', () => ledger({}), true);
  add('ledger', 'station', 'page 51 via cursor', () => ledger({ after: ledgerDeep }));
  add('ledger', 'station', 'sort occurredAt ASC', () => ledger({ sort: { field: 'occurredAt', direction: 'ASC' } }));
  add('ledger', 'station', 'sort quantity DESC', () => ledger({ sort: { field: 'quantity' } }));
  add('ledger', 'station', 'sort quantity, page 51', () => ledger({ sort: { field: 'quantity' }, after: ledgerQtyDeep }));
  add('ledger', 'station', 'filter part', () => ledger({ partId: part.id }));
  add('ledger', 'station', 'filter warehouse', () => ledger({ warehouseId: wh.id }));
  add('ledger', 'station', 'filter part + warehouse (balance)', () => ledger({ partId: part.id, warehouseId: wh.id }));
  add('ledger', 'station', 'filter type ADJUSTMENT', () => ledger({ type: MovementTypeEnum.ADJUSTMENT }));
  add('ledger', 'station', 'filter type WRITE_OFF, sort quantity', () => ledger({ type: MovementTypeEnum.WRITE_OFF, sort: { field: 'quantity' } }));
  add('ledger', 'station', 'filter date range (1 month)', () => ledger(month));
  add('ledger', 'station', 'date range (1 month), sort quantity', () => ledger({ ...month, sort: { field: 'quantity' } }));
  add('transfers', 'station', 'first page (createdAt DESC)', () => transfer({}));
  add('transfers', 'station', 'first page + totalCount', () => transfer({}), true);
  add('transfers', 'station', 'page 51 via cursor', () => transfer({ after: transferDeep }));
  add('transfers', 'station', 'sort number DESC', () => transfer({ sort: { field: 'number' } }));
  add('transfers', 'station', 'sort number, page 51', () => transfer({ sort: { field: 'number' }, after: transferNumberDeep }));
  add('transfers', 'station', 'sort status ASC', () => transfer({ sort: { field: 'status' } }));
  add('transfers', 'station', 'direction OUT', () => transfer({ direction: 'OUT' }));
  add('transfers', 'station', 'direction IN', () => transfer({ direction: 'IN' }));
  add('transfers', 'station', 'status DRAFT', () => transfer({ status: 'DRAFT' as never }));
  add('transfers', 'station', 'status CANCELLED, direction OUT', () => transfer({ status: 'CANCELLED' as never, direction: 'OUT' }));
  add('transfers', 'station', 'date range (1 month)', () => transfer(month));
  add('transfers', 'station', 'filter part', () => transfer({ partId: part.id }));

  for (const [caller, ctx] of [['station', manager], ['HQ', hq]] as const) {
    const stocktakes = (a: StocktakeArgs) => stocktakeService.page(ctx(), { first: PAGE, ...a });
    const writeOffs = (a: WriteOffArgs) => writeOffService.page(ctx(), { first: PAGE, ...a });
    await sortCases(add, 'stocktakes', caller, stocktakes, 'startedAt DESC', [{ field: 'startedAt', direction: 'ASC' }, { field: 'number' }]);
    add('stocktakes', caller, 'status OPEN (pending list)', () => stocktakes({ status: StocktakeStatus.OPEN }));
    add('stocktakes', caller, 'status REJECTED', () => stocktakes({ status: StocktakeStatus.REJECTED }));
    add('stocktakes', caller, 'filter warehouse', () => stocktakes({ warehouseId: wh.id }));
    add('stocktakes', caller, 'date range (1 month)', () => stocktakes(month));
    await sortCases(add, 'write-offs', caller, writeOffs, 'requestedAt DESC', [{ field: 'requestedAt', direction: 'ASC' }, { field: 'number' }, { field: 'quantity' }]);
    add('write-offs', caller, 'pendingForMe', () => writeOffs({ pendingForMe: true }));
    add('write-offs', caller, 'status REJECTED', () => writeOffs({ status: WriteOffStatus.REJECTED }));
    add('write-offs', caller, 'filter part', () => writeOffs({ partId: woPart.id }));
    add('write-offs', caller, 'date range (1 month)', () => writeOffs(month));
    add('write-offs', caller, 'date range (1 month), sort quantity', () => writeOffs({ ...month, sort: { field: 'quantity' } }));
  }
  return cases;
}
