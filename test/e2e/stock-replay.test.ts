/**
 * Property: whatever mix of stock operations runs — receipts (also into
 * quarantine), issues, returns, bin moves, adjustments, write-offs decided
 * either way, transfers held / shipped / received short / cancelled (also to
 * another station) and stocktakes — partly in parallel, afterwards
 *   1. the ledger replayed per (part, bin) in sequence order never dips below
 *      zero and ends at on_hand;
 *   2. `reserved` equals what the open documents hold (pending write-offs,
 *      DRAFT transfers);
 *   3. Part.stock per warehouse reports onHand, available and inTransit that
 *      match the ledger, the holds and the shipped transfers;
 *   4. the test's own book of what each API call answered (received, issued,
 *      adjusted, written off, lost in transit, posted by a count) equals
 *      on hand + in transit: no update was lost.
 */
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { command, freshWarehouse, type TestWarehouse } from './stock-fixtures';

const ACCEPTED = new Set(['INSUFFICIENT_STOCK', 'CONFLICT']);

describe('stock ledger replay (property-based)', () => {
  let p: Platform;
  const data = demoData();
  const [A, B] = data.stations;
  // Parts station A does not hold: every unit of them at A is the test's (imported history moves no stock); B's are counted per warehouse.
  const untouched = (x: (typeof data.parts)[number]) => !data.stock.some((l) => l.partId === x.id && l.stationId === A.id) && !x.supersededById;
  const parts = [
    ...data.parts.filter((x) => x.unitPrecision === 0 && untouched(x)).slice(0, 2),
    data.parts.find((x) => x.unitPrecision > 0 && untouched(x))!,
  ];
  const scale = (partIdx: number) => 10 ** parts[partIdx].unitPrecision;
  let hq: string;
  let managerA: string;
  let managerA2: string;
  let clerkA: string;
  let clerkB: string;
  const actorA = { id: 'clerk-a', roles: ['PARTS_CLERK' as const], stationId: A.id };
  let W: TestWarehouse[]; // W[0], W[1] at station A, W[2] at station B
  /** What the API said happened, per part: the book the levels must agree with. */
  const book = new Map<string, number>();
  const post = (partId: string, q: number) => book.set(partId, Math.round(((book.get(partId) ?? 0) + q) * 1000) / 1000);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [hq, managerA, managerA2, clerkA, clerkB] = await Promise.all([
      p.token('HQ_ADMIN'), p.token('STATION_MANAGER', A.id, 'manager-a'), p.token('STATION_MANAGER', A.id, 'manager-a2'),
      p.token('PARTS_CLERK', A.id, 'clerk-a'), p.token('PARTS_CLERK', B.id, 'clerk-b'),
    ]);
    W = [await freshWarehouse(p, A.id, 3), await freshWarehouse(p, A.id, 2), await freshWarehouse(p, B.id, 2)];
    expect(parts.every(Boolean)).toBe(true);
  });
  afterAll(() => p?.stop());

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const r = await p.querySubgraph('stock', query, variables, token);
    const code = r.errors?.[0]?.extensions?.code;
    if (code && !ACCEPTED.has(code)) throw new Error(`unexpected ${code}: ${r.errors![0].message}`);
    return code ? undefined : r.data;
  };
  const cmd = async (name: string, input: unknown) => {
    try {
      return await command(p, name, input, actorA);
    } catch (err) {
      if (ACCEPTED.has((err as any).extensions?.code)) return undefined;
      throw err;
    }
  };
  const ordinary = (w: TestWarehouse) => Object.entries(w.bins).filter(([code]) => code !== 'QC-01').map(([, id]) => id);

  const part = fc.integer({ min: 0, max: 2 });
  const units = fc.integer({ min: 1, max: 12 });
  const binOf = (w: number) => fc.integer({ min: 0, max: 9 }).map((i) => ordinary(W[w])[i % ordinary(W[w]).length]);
  const op = fc.oneof(
    fc.record({ kind: fc.constant('receive' as const), part, w: fc.constantFrom(0, 1), k: units, bin: fc.option(binOf(0)), quarantine: fc.boolean() }),
    fc.record({ kind: fc.constant('issue' as const), part, w: fc.constantFrom(0, 1), k: units, partial: fc.boolean() }),
    fc.record({ kind: fc.constant('return' as const), part, w: fc.constantFrom(0, 1), k: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('move' as const), part, from: binOf(0), to: binOf(0), k: units }),
    fc.record({ kind: fc.constant('adjust' as const), part, bin: binOf(0), k: fc.integer({ min: -6, max: 9 }).filter((x) => x !== 0) }),
    fc.record({ kind: fc.constant('writeOff' as const), part, bin: binOf(0), k: fc.integer({ min: 1, max: 4 }), decide: fc.constantFrom('approve', 'reject', 'pending') }),
    fc.record({ kind: fc.constant('transfer' as const), part, to: fc.constantFrom(1, 2), k: fc.integer({ min: 1, max: 4 }), then: fc.constantFrom('draft', 'cancel', 'ship', 'receive'), lost: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('stocktake' as const), part, bin: binOf(0), counted: fc.integer({ min: 0, max: 15 }) }),
  );
  type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

  async function run(o: Op): Promise<void> {
    const partId = parts[o.part].id;
    const q = (k: number) => k / scale(o.part);
    switch (o.kind) {
      case 'receive': {
        const r = await cmd('receiveStock', { idempotencyKey: randomUUID(), warehouseId: W[o.w].id, reference: 'GR-P', lines: [{ partId, quantity: q(o.k), binId: o.w === 0 ? o.bin : null, quarantine: o.quarantine }] });
        if (r) post(partId, r.lines[0].quantity);
        return;
      }
      case 'issue': {
        const r = await cmd('issueStock', { idempotencyKey: randomUUID(), stationId: A.id, reference: `RO-P`, allowPartial: o.partial, lines: [{ partId, quantity: q(o.k), warehouseId: W[o.w].id }] });
        if (r) post(partId, -r.lines[0].issued);
        return;
      }
      case 'return': {
        // Into the remembered bin of the warehouse; a part never stored there has none (NOT_FOUND is right then).
        try {
          const r = await command(p, 'returnStock', { idempotencyKey: randomUUID(), stationId: A.id, partId, quantity: q(o.k), warehouseId: W[o.w].id }, actorA);
          expect(W.flatMap((w) => Object.values(w.bins))).toContain(r.binId);
          post(partId, r.quantity);
        } catch (err) {
          if ((err as any).extensions?.code !== 'NOT_FOUND') throw err;
        }
        return;
      }
      case 'move':
        if (o.from !== o.to) await gql(`mutation($p: ID!, $f: ID!, $t: ID!, $q: Float!) { moveStock(partId: $p, fromBinId: $f, toBinId: $t, quantity: $q) { onHand } }`, { p: partId, f: o.from, t: o.to, q: q(o.k) }, clerkA);
        return;
      case 'adjust': {
        const r = await gql(`mutation($p: ID!, $b: ID!, $q: Float!) { adjustStock(partId: $p, binId: $b, quantity: $q, reason: "property") { onHand } }`, { p: partId, b: o.bin, q: q(o.k) }, managerA);
        if (r) post(partId, q(o.k));
        return;
      }
      case 'writeOff': {
        const r = await gql(`mutation($p: ID!, $b: ID!, $q: Float!) { requestWriteOff(partId: $p, binId: $b, quantity: $q, reason: "damaged") { id quantity } }`, { p: partId, b: o.bin, q: q(o.k) }, clerkA);
        if (!r) return;
        const id = r.requestWriteOff.id;
        if (o.decide === 'approve') {
          ok({ status: 200, data: await gql(`mutation($id: ID!) { approveWriteOff(id: $id) { status } }`, { id }, managerA2) });
          post(partId, -r.requestWriteOff.quantity);
        }
        if (o.decide === 'reject') ok({ status: 200, data: await gql(`mutation($id: ID!) { rejectWriteOff(id: $id, reason: "fine") { status } }`, { id }, managerA2) });
        return;
      }
      case 'transfer': {
        const r = await gql(`mutation($f: ID!, $t: ID!, $l: [TransferLineInput!]!) { createTransfer(fromWarehouseId: $f, toWarehouseId: $t, lines: $l) { id lines { id quantity } } }`,
          { f: W[0].id, t: W[o.to].id, l: [{ partId, quantity: q(o.k) }] }, hq);
        if (!r) return;
        const t = r.createTransfer;
        if (o.then === 'draft') return;
        if (o.then === 'cancel') {
          ok({ status: 200, data: await gql(`mutation($id: ID!) { cancelTransfer(id: $id) { status } }`, { id: t.id }, managerA) });
          return;
        }
        ok({ status: 200, data: await gql(`mutation($id: ID!) { shipTransfer(id: $id) { status } }`, { id: t.id }, clerkA) });
        if (o.then === 'ship') return;
        const received = Math.max(0, o.k - o.lost) / scale(o.part);
        ok({ status: 200, data: await gql(`mutation($id: ID!, $l: [TransferReceiptLineInput!]!) { receiveTransfer(id: $id, lines: $l) { status } }`,
          { id: t.id, l: [{ transferLineId: t.lines[0].id, quantity: received }] }, o.to === 2 ? clerkB : clerkA) });
        post(partId, received - t.lines[0].quantity); // what went missing on the way
        return;
      }
      case 'stocktake': {
        const s = await gql(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id } }`, { w: W[0].id }, clerkA);
        if (!s) return; // another count is open
        const id = s.startStocktake.id;
        await gql(`mutation($s: ID!, $p: ID!, $b: ID!, $c: Float!) { recordCount(stocktakeId: $s, partId: $p, binId: $b, counted: $c) { id } }`, { s: id, p: partId, b: o.bin, c: q(o.counted) }, clerkA);
        const a = await gql(`mutation($id: ID!) { approveStocktake(id: $id) { lines { part { id } posted } } }`, { id }, managerA);
        if (a) for (const l of a.approveStocktake.lines) if (l.posted) post(l.part.id, l.posted);
        return;
      }
    }
  }

  async function checkInvariants(): Promise<void> {
    const ds = p.subgraphs.stock.runtime.ds;
    const partIds = parts.map((x) => x.id);
    const whIds = W.map((w) => w.id);
    // 1. Replay: per (part, bin), in sequence order, the running balance never dips below zero and ends at on_hand.
    const ledger: { part_id: string; bin_id: string; quantity: number }[] = await ds.query(
      `SELECT part_id, bin_id, quantity::float8 AS quantity FROM stock.stock_movement WHERE part_id = ANY($1::uuid[]) AND warehouse_id = ANY($2::uuid[]) ORDER BY seq`, [partIds, whIds]);
    const balance = new Map<string, number>();
    for (const m of ledger) {
      const k = `${m.part_id}:${m.bin_id}`;
      const b = Math.round(((balance.get(k) ?? 0) + m.quantity) * 1000) / 1000;
      expect(b).toBeGreaterThanOrEqual(0);
      balance.set(k, b);
    }
    const levels: { part_id: string; bin_id: string; warehouse_id: string; quarantine: boolean; on_hand: number; reserved: number }[] = await ds.query(
      `SELECT l.part_id, l.bin_id, b.warehouse_id, b.quarantine, l.on_hand::float8 AS on_hand, l.reserved::float8 AS reserved
         FROM stock.stock_level l JOIN stock.bin b ON b.id = l.bin_id WHERE l.part_id = ANY($1::uuid[]) AND b.warehouse_id = ANY($2::uuid[])`, [partIds, whIds]);
    for (const l of levels) expect(balance.get(`${l.part_id}:${l.bin_id}`) ?? 0).toBeCloseTo(l.on_hand, 3);
    for (const [k, b] of balance) if (!levels.some((l) => `${l.part_id}:${l.bin_id}` === k)) expect(b).toBe(0);
    // 2. reserved = the open documents' holds.
    const holds: { part_id: string; bin_id: string; q: number }[] = await ds.query(
      `SELECT part_id, bin_id, sum(q)::float8 AS q FROM (
         SELECT part_id, bin_id, quantity AS q FROM stock.write_off WHERE status = 'PENDING'
         UNION ALL SELECT tl.part_id, a.bin_id, a.quantity FROM stock.transfer_allocation a JOIN stock.transfer_line tl ON tl.id = a.transfer_line_id JOIN stock.transfer t ON t.id = tl.transfer_id WHERE t.status = 'DRAFT'
       ) h WHERE part_id = ANY($1::uuid[]) GROUP BY 1, 2`, [partIds]);
    for (const l of levels) expect(l.reserved).toBeCloseTo(holds.find((h) => h.part_id === l.part_id && h.bin_id === l.bin_id)?.q ?? 0, 3);
    // 3. Part.stock per warehouse, and in transit = TRANSFER_OUT of shipped, not yet received transfers.
    const outs: { part_id: string; to_warehouse_id: string; q: number }[] = await ds.query(
      `SELECT m.part_id, t.to_warehouse_id, -sum(m.quantity)::float8 AS q FROM stock.stock_movement m JOIN stock.transfer t ON t.number = m.reference
        WHERE m.type = 'TRANSFER_OUT' AND t.status = 'SHIPPED' AND m.part_id = ANY($1::uuid[]) GROUP BY 1, 2`, [partIds]);
    for (const x of parts) {
      let onHand = 0;
      let inTransit = 0;
      for (const w of W) {
        const s = ok(await p.querySubgraph('stock', `query($r: [_Any!]!, $w: ID) { _entities(representations: $r) { ... on Part { stock(warehouseId: $w) { onHand available inTransit } } } }`,
          { r: [{ __typename: 'Part', id: x.id }], w: w.id }, hq))._entities[0].stock;
        const here = levels.filter((l) => l.part_id === x.id && l.warehouse_id === w.id);
        expect(s.onHand).toBeCloseTo(here.reduce((t, l) => t + l.on_hand, 0), 3);
        expect(s.available).toBeCloseTo(here.filter((l) => !l.quarantine).reduce((t, l) => t + l.on_hand - l.reserved, 0), 3);
        expect(s.inTransit).toBeCloseTo(outs.filter((o) => o.part_id === x.id && o.to_warehouse_id === w.id).reduce((t, o) => t + o.q, 0), 3);
        onHand += s.onHand;
        inTransit += s.inTransit;
      }
      // 4. The book of what the API answered = what is there (no lost update).
      expect(Math.round((onHand + inTransit) * 1000) / 1000).toBeCloseTo(book.get(x.id) ?? 0, 3);
    }
  }

  it('keeps levels, holds and in-transit equal to the replayed ledger and to the answers given, under a random mix of operations', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 14 }), async (ops) => {
      // Three at a time: races between the operations are part of the property.
      for (let i = 0; i < ops.length; i += 3) await Promise.all(ops.slice(i, i + 3).map(run));
      await checkInvariants();
    }), { numRuns: 15, seed: 5, endOnFailure: true });
  });
});
