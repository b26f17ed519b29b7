/**
 * The stock ledger: every change is a movement plus a level update; levels
 * never go negative; concurrent issues never oversell; commands are
 * idempotent; the ledger always sums to the levels (property-based).
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { command } from '../helpers/stock';

describe('stock ledger', () => {
  let p: Platform;
  let hq: string;
  const data = demoData();
  const station = data.stations[0];
  const main = station.warehouses.find((w) => w.code === 'MAIN')!;
  const bins = main.bins.filter((b) => !b.quarantine);
  const qc = main.bins.find((b) => b.quarantine)!;
  const wholeParts = data.parts.filter((x) => x.unitPrecision === 0 && !x.supersededById);
  let manager: string;
  let clerk: string;
  const clerkActor = { id: 'clerk-1', roles: ['PARTS_CLERK' as const], stationId: station.id };

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    manager = await p.token('STATION_MANAGER', station.id, 'manager-1');
    clerk = await p.token('PARTS_CLERK', station.id, 'clerk-1');
  });
  afterAll(() => p?.stop());

  /** A part with no stock anywhere at this station, so a test controls all of it. */
  const freshPart = (() => {
    let i = 0;
    const stocked = new Set(data.stock.filter((l) => l.stationId === station.id).map((l) => l.partId));
    const pool = wholeParts.filter((x) => !stocked.has(x.id));
    return () => pool[i++];
  })();

  const adjust = (partId: string, binId: string, quantity: number, token = manager) =>
    p.query(`mutation($p: ID!, $b: ID!, $q: Float!) { adjustStock(partId: $p, binId: $b, quantity: $q, reason: "opening balance") { onHand reserved available } }`, { p: partId, b: binId, q: quantity }, token);

  const levels = async (partId: string) => ok(await p.query(`query($id: ID!) { part(id: $id) { stock { onHand available inTransit levels { onHand reserved available bin { id code } } } } }`, { id: partId }, manager)).part.stock;

  const ledgerSum = async (partId: string) => {
    const rows = await p.subgraphs.stock.runtime.ds.query(`SELECT bin_id, sum(quantity)::float8 AS q FROM stock.stock_movement WHERE part_id = $1 AND station_id = $2 GROUP BY bin_id`, [partId, station.id]);
    return new Map<string, number>(rows.map((r: any) => [r.bin_id, r.q]));
  };

  it('100 concurrent issues of a part with 50 on hand issue exactly 50: stock 0, nothing negative, no lost update', async () => {
    const part = freshPart();
    ok(await adjust(part.id, bins[0].id, 30));
    ok(await adjust(part.id, bins[1].id, 20));
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) =>
      command(p, 'stock', 'issueStock', { idempotencyKey: `race-${part.id}-${i}`, stationId: station.id, reference: `RO-${i}`, lines: [{ partId: part.id, quantity: 1, warehouseId: main.id }] }, clerkActor)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const issued = results.reduce((s, r) => s + r.result.lines[0].issued, 0);
    const short = results.reduce((s, r) => s + r.result.lines[0].shortfall, 0);
    expect(issued).toBe(50);
    expect(short).toBe(50);
    const stock = await levels(part.id);
    expect(stock.onHand).toBe(0);
    expect(stock.levels.every((l: any) => l.onHand >= 0)).toBe(true);
    const movements = await p.subgraphs.stock.runtime.ds.query(`SELECT count(*)::int AS n, sum(quantity)::float8 AS q FROM stock.stock_movement WHERE part_id = $1 AND station_id = $2 AND type = 'ISSUE' AND actor <> 'migration'`, [part.id, station.id]);
    expect(movements[0]).toEqual({ n: 50, q: -50 });
  });

  it('the same idempotency key, sent twice or 20 times at once, issues once and returns the first result', async () => {
    const part = freshPart();
    ok(await adjust(part.id, bins[0].id, 10));
    const input = { idempotencyKey: `same-${randomUUID()}`, stationId: station.id, reference: 'RO-SAME', lines: [{ partId: part.id, quantity: 3, warehouseId: main.id }] };
    const all = await Promise.all(Array.from({ length: 20 }, () => command(p, 'stock', 'issueStock', input, clerkActor)));
    const again = await command(p, 'stock', 'issueStock', input, clerkActor);
    for (const r of [...all, again]) expect(r.result).toEqual(all[0].result);
    expect((await levels(part.id)).onHand).toBe(7);
  });

  it('allowPartial=false: INSUFFICIENT_STOCK listing what is short, nothing issued', async () => {
    const part = freshPart();
    const other = freshPart();
    ok(await adjust(part.id, bins[0].id, 2));
    ok(await adjust(other.id, bins[0].id, 5));
    const r = await command(p, 'stock', 'issueStock', { idempotencyKey: randomUUID(), stationId: station.id, allowPartial: false, lines: [{ partId: other.id, quantity: 1 }, { partId: part.id, quantity: 3 }] }, clerkActor);
    expect(r.error?.code).toBe('INSUFFICIENT_STOCK');
    expect((r.error?.params as any)?.short).toEqual([{ lineKey: '1', partId: part.id, requested: 3, available: 2 }]);
    expect((await levels(part.id)).onHand).toBe(2);
    expect((await levels(other.id)).onHand).toBe(5);
  });

  it('remembers the bin a part was last received or moved into, and uses it for receipts and issues without a bin', async () => {
    const part = freshPart();
    const r1 = await command(p, 'stock', 'receiveStock', { idempotencyKey: randomUUID(), warehouseId: main.id, reference: 'GR-1', lines: [{ partId: part.id, quantity: 4, binId: bins[3].id }] }, clerkActor);
    expect(r1.result.lines[0].binId).toBe(bins[3].id);
    const remembered = ok(await p.query(`query($id: ID!, $w: ID!) { part(id: $id) { defaultBin(warehouseId: $w) { code } } }`, { id: part.id, w: main.id }, clerk));
    expect(remembered.part.defaultBin.code).toBe(bins[3].code);
    const r2 = await command(p, 'stock', 'receiveStock', { idempotencyKey: randomUUID(), warehouseId: main.id, lines: [{ partId: part.id, quantity: 2 }] }, clerkActor);
    expect(r2.result.lines[0].binId).toBe(bins[3].id);
    ok(await p.query(`mutation($p: ID!, $f: ID!, $t: ID!) { moveStock(partId: $p, fromBinId: $f, toBinId: $t, quantity: 6) { onHand bin { code } } }`, { p: part.id, f: bins[3].id, t: bins[4].id }, clerk));
    const r3 = await command(p, 'stock', 'receiveStock', { idempotencyKey: randomUUID(), warehouseId: main.id, lines: [{ partId: part.id, quantity: 1 }, { partId: part.id, quantity: 1, quarantine: true }] }, clerkActor);
    expect(r3.result.lines.map((l: any) => [l.binId, l.movementType])).toEqual([[bins[4].id, 'RECEIPT'], [qc.id, 'QUARANTINE']]);
    const issued = await command(p, 'stock', 'issueStock', { idempotencyKey: randomUUID(), stationId: station.id, lines: [{ partId: part.id, quantity: 1, warehouseId: main.id }] }, clerkActor);
    expect(issued.result.lines[0].allocations).toEqual([{ binId: bins[4].id, quantity: 1 }]);
    const stock = await levels(part.id);
    expect(stock.onHand).toBe(7);
    expect(stock.available).toBe(6); // the quarantined unit is on hand, not available
  });

  it('refuses a scanned barcode that is not the part\'s (条码对货), and changes nothing', async () => {
    const part = wholeParts.find((x) => x.barcode)!;
    const other = wholeParts.find((x) => x.barcode && x.id !== part.id)!;
    const before = await ledgerSum(part.id);
    const r = await command(p, 'stock', 'receiveStock', { idempotencyKey: randomUUID(), warehouseId: main.id, lines: [{ partId: part.id, quantity: 1, barcode: other.barcode }] }, clerkActor);
    expect(r.error?.code).toBe('BAD_USER_INPUT');
    expect(await ledgerSum(part.id)).toEqual(before);
  });

  describe('bad input changes nothing', () => {
    const cases: [string, (partId: string) => Promise<any>][] = [
      ['a negative adjustment beyond what is there', (id) => adjust(id, bins[0].id, -5)],
      ['a fractional quantity of a whole-number part', (id) => adjust(id, bins[0].id, 1.5)],
      ['a move from a bin that lacks the stock', (id) => p.query(`mutation($p: ID!, $f: ID!, $t: ID!) { moveStock(partId: $p, fromBinId: $f, toBinId: $t, quantity: 3) { onHand } }`, { p: id, f: bins[5].id, t: bins[6].id }, clerk)],
      ['another station\'s bin', (id) => adjust(id, data.stations[1].warehouses[0].bins[0].id, 1)],
      ['an adjustment without the manager role', (id) => adjust(id, bins[0].id, 1, clerk)],
      ['an unknown part', () => adjust(randomUUID(), bins[0].id, 1)],
    ];
    it.each(cases)('%s', async (_name, run) => {
      const part = freshPart();
      ok(await adjust(part.id, bins[0].id, 2));
      const before = await ledgerSum(part.id);
      const r = await run(part.id);
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(['BAD_USER_INPUT', 'INSUFFICIENT_STOCK', 'FORBIDDEN', 'NOT_FOUND']).toContain(codes(r)[0]);
      expect(await ledgerSum(part.id)).toEqual(before);
    });
  });

  it('a random mix of operations keeps levels equal to the ledger, never negative (property-based)', async () => {
    const part = freshPart();
    const useBins = bins.slice(8, 11).map((b) => b.id);
    let n = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('receive' as const), bin: fc.constantFrom(...useBins), q: fc.integer({ min: 1, max: 9 }) }),
      fc.record({ kind: fc.constant('issue' as const), q: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ kind: fc.constant('move' as const), from: fc.constantFrom(...useBins), to: fc.constantFrom(...useBins), q: fc.integer({ min: 1, max: 6 }) }),
      fc.record({ kind: fc.constant('adjust' as const), bin: fc.constantFrom(...useBins), q: fc.integer({ min: -5, max: 5 }).filter((x) => x !== 0) }),
      fc.record({ kind: fc.constant('writeOff' as const), bin: fc.constantFrom(...useBins), q: fc.integer({ min: 1, max: 3 }), approve: fc.boolean() }),
    );
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 15 }), async (ops) => {
      // Run the operations in parallel pairs: races are part of the property.
      for (let i = 0; i < ops.length; i += 2) {
        await Promise.all(ops.slice(i, i + 2).map(async (o) => {
          n++;
          if (o.kind === 'receive') await command(p, 'stock', 'receiveStock', { idempotencyKey: `prop-${n}-${randomUUID()}`, warehouseId: main.id, lines: [{ partId: part.id, quantity: o.q, binId: o.bin }] }, clerkActor);
          if (o.kind === 'issue') await command(p, 'stock', 'issueStock', { idempotencyKey: `prop-${n}-${randomUUID()}`, stationId: station.id, lines: [{ partId: part.id, quantity: o.q, warehouseId: main.id }] }, clerkActor);
          if (o.kind === 'move' && o.from !== o.to) await p.query(`mutation($p: ID!, $f: ID!, $t: ID!, $q: Float!) { moveStock(partId: $p, fromBinId: $f, toBinId: $t, quantity: $q) { onHand } }`, { p: part.id, f: o.from, t: o.to, q: o.q }, clerk);
          if (o.kind === 'adjust') await adjust(part.id, o.bin, o.q);
          if (o.kind === 'writeOff') {
            const r = await p.query(`mutation($p: ID!, $b: ID!, $q: Float!) { requestWriteOff(partId: $p, binId: $b, quantity: $q, reason: "damaged") { id } }`, { p: part.id, b: o.bin, q: o.q }, clerk);
            const id = r.data?.requestWriteOff?.id;
            if (id && o.approve) ok(await p.query(`mutation($id: ID!) { approveWriteOff(id: $id) { status } }`, { id }, manager));
            if (id && !o.approve) ok(await p.query(`mutation($id: ID!) { rejectWriteOff(id: $id, reason: "found it") { status } }`, { id }, manager));
          }
        }));
      }
      const ledger = await ledgerSum(part.id);
      const levelRows = await p.subgraphs.stock.runtime.ds.query(`SELECT l.bin_id, l.on_hand::float8 AS on_hand, l.reserved::float8 AS reserved FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id WHERE l.part_id = $1 AND b.warehouse_id = $2`, [part.id, main.id]);
      for (const l of levelRows) {
        expect(l.on_hand).toBeGreaterThanOrEqual(0);
        expect(l.reserved).toBeGreaterThanOrEqual(0);
        expect(l.reserved).toBeLessThanOrEqual(l.on_hand);
        expect(ledger.get(l.bin_id) ?? 0).toBeCloseTo(l.on_hand, 3);
      }
      for (const [bin, q] of ledger) if (!levelRows.some((l: any) => l.bin_id === bin)) expect(q).toBeCloseTo(0, 3);
      const stock = await levels(part.id);
      expect(stock.onHand).toBeCloseTo(levelRows.reduce((s: number, l: any) => s + l.on_hand, 0), 3);
      expect(stock.available).toBeCloseTo(levelRows.reduce((s: number, l: any) => s + l.on_hand - l.reserved, 0), 3);
    }), { numRuns: 8, seed: 20261123 });
  });

  it('the demo ledger sums to the levels in every bin (opening balances before the imported history)', async () => {
    const [{ n }] = await p.subgraphs.stock.runtime.ds.query(
      `SELECT count(*)::int AS n FROM (
         SELECT k.part_id, k.bin_id FROM (SELECT part_id, bin_id FROM stock.stock_level UNION SELECT part_id, bin_id FROM stock.stock_movement) k
           LEFT JOIN stock.stock_level l USING (part_id, bin_id)
           LEFT JOIN (SELECT part_id, bin_id, sum(quantity) AS q FROM stock.stock_movement GROUP BY 1, 2) m USING (part_id, bin_id)
          WHERE coalesce(l.on_hand, 0) <> coalesce(m.q, 0)) x`);
    expect(n).toBe(0);
  });

  it('the ledger is append-only', async () => {
    await expect(p.subgraphs.stock.runtime.ds.query(`UPDATE stock.stock_movement SET quantity = 1 WHERE seq = (SELECT min(seq) FROM stock.stock_movement)`)).rejects.toThrow(/append-only/);
  });

  it('stockMovements pages newest first with cursors, scoped to the station', async () => {
    const part = freshPart();
    for (let i = 1; i <= 5; i++) ok(await adjust(part.id, bins[0].id, i));
    const q = `query($p: ID, $after: String) { stockMovements(partId: $p, first: 2, after: $after) { quantity type cursor actor } }`;
    const page1 = ok(await p.query(q, { p: part.id }, clerk)).stockMovements;
    const page2 = ok(await p.query(q, { p: part.id, after: page1[1].cursor }, clerk)).stockMovements;
    expect([...page1, ...page2].map((m: any) => m.quantity)).toEqual([5, 4, 3, 2]);
    expect(page1[0]).toMatchObject({ type: 'ADJUSTMENT', actor: 'manager-1' });
    expect(codes(await p.query(q, { p: part.id, after: 'not-a-cursor' }, clerk))).toEqual(['BAD_USER_INPUT']);
    const otherClerk = await p.token('PARTS_CLERK', data.stations[1].id);
    // The other station sees its own history of the part, never this station's movements.
    expect(ok(await p.query(q, { p: part.id }, otherClerk)).stockMovements.filter((m: any) => m.actor === 'manager-1')).toEqual([]);
  });

  it('a page of 50 parts with stock and default bins costs as many statements as a page of 10', async () => {
    const q = `query($ids: [_Any!]!, $w: ID!) { _entities(representations: $ids) { ... on Part { stock { onHand inTransit levels { bin { code warehouse { code } } } } defaultBin(warehouseId: $w) { code } } } }`;
    const count = async (n: number) => {
      const ids = data.parts.slice(0, n).map((x) => ({ __typename: 'Part', id: x.id }));
      ok(await p.querySubgraph('stock', q, { ids, w: main.id }, hq));
      return p.subgraphs.stock.runtime.ds.counter.lastRequest;
    };
    const ten = await count(10);
    const fifty = await count(50);
    expect(fifty).toBe(ten);
    expect(ten).toBeLessThanOrEqual(8);
  });
});
