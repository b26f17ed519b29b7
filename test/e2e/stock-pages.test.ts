/**
 * The stock room's paged lists through the gateway: the ledger newest first by
 * date (opening rows dated earlier sit where their date puts them) with
 * filters and a running balance; transfers received short keep what is
 * missing until an approved write-off (not the requester's own) takes it
 * off; stocktakes page and can be rejected; write-offs page with the
 * manager's pending list.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { freshWarehouse, stockUp, testParts, type TestWarehouse } from './stock-fixtures';

const reasons = (r: { errors?: { extensions?: Record<string, unknown> }[] }) => (r.errors ?? []).map((e) => e.extensions?.reason);

describe('stock pages', () => {
  let p: Platform;
  let hq: string;
  let manager: string;
  let manager2: string;
  let clerk: string;
  let w1: TestWarehouse;
  let w2: TestWarehouse;
  const station = demoData().stations[0];
  const { whole } = testParts();
  const part = whole[0];
  const part2 = whole[1];

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    hq = await p.token('HQ_ADMIN');
    manager = await p.token('STATION_MANAGER', station.id, 'manager-1');
    manager2 = await p.token('STATION_MANAGER', station.id, 'manager-2');
    clerk = await p.token('PARTS_CLERK', station.id, 'clerk-1');
    w1 = await freshWarehouse(p, station.id);
    w2 = await freshWarehouse(p, station.id);
  });
  afterAll(() => p?.stop());

  const LEDGER = `query($p: ID, $w: ID, $type: MovementType, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
    stockMovementsPage(partId: $p, warehouseId: $w, type: $type, from: $from, to: $to, first: $first, after: $after) {
      items { id type quantity balance occurredAt bin { code } } pageInfo { endCursor hasNextPage } totalCount } }`;

  it('pages the ledger newest first by date with a running balance; an opening row dated earlier sorts by its date', async () => {
    await stockUp(p, manager, part.id, w1.bins['A-01'], 10);
    await stockUp(p, manager, part.id, w1.bins['A-02'], 5);
    ok(await p.query(`mutation($p: ID!, $f: ID!, $t: ID!) { moveStock(partId: $p, fromBinId: $f, toBinId: $t, quantity: 3) { onHand } }`, { p: part.id, f: w1.bins['A-01'], t: w1.bins['A-03'] }, clerk));
    await stockUp(p, manager, part.id, w1.bins['A-01'], -2);
    // An opening balance from the old system, dated 2024, written after the rows above.
    const ds = p.subgraphs.stock.runtime.ds;
    await ds.query(`INSERT INTO stock.stock_movement (id, type, part_id, bin_id, warehouse_id, station_id, quantity, reference, actor, occurred_at)
      VALUES (gen_random_uuid(), 'ADJUSTMENT', $1, $2, $3, $4, 0.001, 'OPENING 2024', 'import', '2024-03-01T08:00:00Z')`, [part.id, w1.bins['A-02'], w1.id, station.id]);

    const seen: any[] = [];
    let after: string | null = null;
    let total = -1;
    do {
      const page: any = ok(await p.query(LEDGER, { p: part.id, w: w1.id, first: 2, after }, clerk)).stockMovementsPage;
      seen.push(...page.items);
      total = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBe(6);
    expect(seen).toHaveLength(6);
    const times = seen.map((m) => Date.parse(m.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen[seen.length - 1]).toMatchObject({ quantity: 0.001, balance: 0.001 });
    // Newest first: the balance of the first row is what is on hand now (10 + 5 − 2 + 0.001), each row's balance = next row's + its quantity.
    expect(seen[0].balance).toBeCloseTo(13.001, 3);
    for (let i = 0; i < seen.length - 1; i++) expect(seen[i].balance).toBeCloseTo(seen[i + 1].balance + seen[i].quantity, 3);

    const moves = ok(await p.query(LEDGER, { p: part.id, w: w1.id, type: 'BIN_MOVE' }, clerk)).stockMovementsPage;
    expect(moves.totalCount).toBe(2);
    expect(moves.items.map((m: any) => m.type)).toEqual(['BIN_MOVE', 'BIN_MOVE']);
    const old = ok(await p.query(LEDGER, { p: part.id, w: w1.id, to: '2025-01-01T00:00:00Z' }, clerk)).stockMovementsPage;
    expect(old.items.map((m: any) => m.quantity)).toEqual([0.001]);
    // Without one part and one warehouse there is no balance.
    const noBalance = ok(await p.query(LEDGER, { w: w1.id, first: 3 }, clerk)).stockMovementsPage;
    expect(noBalance.items.every((m: any) => m.balance === null)).toBe(true);
    // The array field is the first page of the same order.
    const arr = ok(await p.query(`query($p: ID, $w: ID) { stockMovements(partId: $p, warehouseId: $w, first: 3) { id } }`, { p: part.id, w: w1.id }, clerk)).stockMovements;
    expect(arr.map((m: any) => m.id)).toEqual(seen.slice(0, 3).map((m) => m.id));
    expect(reasons(await p.query(`{ stockMovementsPage(sort: { field: "actor" }) { totalCount } }`, {}, clerk))).toEqual(['SORT_FIELD_UNKNOWN']);
    expect(ok(await p.query(`{ stockMovementsPage(first: 300) { items { id } } }`, {}, hq)).stockMovementsPage.items).toHaveLength(200);
  });

  it('a transfer received short keeps what is missing until a write-off another manager approves takes it off', async () => {
    await stockUp(p, manager, part2.id, w1.bins['A-01'], 8);
    const TR = `id number status lines { id quantity received difference missing writtenOff lineNo part { id } } fromWarehouse { code } toWarehouse { code }`;
    const t = ok(await p.query(`mutation($f: ID!, $t: ID!, $p: ID!) { createTransfer(fromWarehouseId: $f, toWarehouseId: $t, lines: [{ partId: $p, quantity: 5 }]) { ${TR} } }`,
      { f: w1.id, t: w2.id, p: part2.id }, clerk)).createTransfer;
    ok(await p.query(`mutation($id: ID!) { shipTransfer(id: $id) { status } }`, { id: t.id }, clerk));
    const got = ok(await p.query(`mutation($id: ID!, $l: ID!, $b: ID!) { receiveTransfer(id: $id, lines: [{ transferLineId: $l, quantity: 3, binId: $b }]) { ${TR} } }`,
      { id: t.id, l: t.lines[0].id, b: w2.bins['A-01'] }, clerk)).receiveTransfer;
    expect(got.lines[0]).toMatchObject({ quantity: 5, received: 3, difference: 2, missing: 2, writtenOff: 0, lineNo: 1 });

    const page = ok(await p.query(`query($p: ID) { transfersPage(partId: $p, missing: true) { items { number status lines { missing } fromWarehouse { code } } totalCount } }`, { p: part2.id }, clerk)).transfersPage;
    expect(page.totalCount).toBe(1);
    expect(page.items[0]).toMatchObject({ number: t.number, status: 'RECEIVED', fromWarehouse: { code: w1.code } });

    expect(reasons(await p.query(`mutation($l: ID!) { requestTransferWriteOff(transferLineId: $l, quantity: 3, reason: "lost") { id } }`, { l: t.lines[0].id }, clerk))).toEqual(['MORE_THAN_MISSING']);
    const wo = ok(await p.query(`mutation($l: ID!) { requestTransferWriteOff(transferLineId: $l, quantity: 2, reason: "lost in transit") { id number status bin { id } transfer { number } warehouse { code } } }`,
      { l: t.lines[0].id }, manager)).requestTransferWriteOff;
    expect(wo).toMatchObject({ status: 'PENDING', bin: null, transfer: { number: t.number }, warehouse: { code: w2.code } });

    // The requester may not approve it: SELF_APPROVAL. Their pending list leaves it out; the other manager's shows it.
    const self = await p.query(`mutation($id: ID!) { approveWriteOff(id: $id) { status } }`, { id: wo.id }, manager);
    expect(codes(self)).toEqual(['FORBIDDEN']);
    expect(reasons(self)).toEqual(['SELF_APPROVAL']);
    const mine = ok(await p.query(`{ writeOffsPage(pendingForMe: true, first: 200) { items { id } } }`, {}, manager)).writeOffsPage.items.map((x: any) => x.id);
    expect(mine).not.toContain(wo.id);
    const theirs = ok(await p.query(`{ writeOffsPage(pendingForMe: true, first: 200) { items { id } totalCount } }`, {}, manager2)).writeOffsPage;
    expect(theirs.items.map((x: any) => x.id)).toContain(wo.id);
    // A clerk decides no write-offs: nothing is pending for them (the list and its count), though the write-off is listed.
    expect(ok(await p.query(`{ writeOffsPage(pendingForMe: true, first: 200) { items { id } totalCount } }`, {}, clerk)).writeOffsPage).toEqual({ items: [], totalCount: 0 });
    expect(ok(await p.query(`{ writeOffsPage(status: PENDING, first: 200) { items { id } } }`, {}, clerk)).writeOffsPage.items.map((x: any) => x.id)).toContain(wo.id);

    const before = await p.subgraphs.stock.runtime.ds.query(`SELECT count(*)::int AS n FROM stock.stock_movement WHERE part_id = $1`, [part2.id]);
    ok(await p.query(`mutation($id: ID!) { approveWriteOff(id: $id) { status } }`, { id: wo.id }, manager2));
    const after = ok(await p.query(`query($id: ID!) { transfer(id: $id) { lines { missing writtenOff difference } } }`, { id: t.id }, clerk)).transfer;
    expect(after.lines[0]).toMatchObject({ missing: 0, writtenOff: 2, difference: 2 });
    const after2 = await p.subgraphs.stock.runtime.ds.query(`SELECT count(*)::int AS n FROM stock.stock_movement WHERE part_id = $1`, [part2.id]);
    expect(after2[0].n).toBe(before[0].n); // no bin held it: the ledger does not move
    expect(ok(await p.query(`query($p: ID) { transfersPage(partId: $p, missing: true) { totalCount } }`, { p: part2.id }, clerk)).transfersPage.totalCount).toBe(0);
  });

  it('stocktakes page with their progress and a manager can reject one with a reason', async () => {
    const s = ok(await p.query(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id number lineCount countedCount } }`, { w: w2.id }, clerk)).startStocktake;
    expect(s.lineCount).toBeGreaterThan(0);
    expect(s.countedCount).toBe(0);
    const open = ok(await p.query(`query($w: ID) { stocktakesPage(warehouseId: $w, status: OPEN) { items { id number warehouse { code } } totalCount } }`, { w: w2.id }, manager)).stocktakesPage;
    expect(open).toMatchObject({ totalCount: 1, items: [{ id: s.id, warehouse: { code: w2.code } }] });
    expect(codes(await p.query(`mutation($id: ID!) { rejectStocktake(id: $id, reason: "recount") { status } }`, { id: s.id }, clerk))).toEqual(['FORBIDDEN']);
    expect(reasons(await p.query(`mutation($id: ID!) { rejectStocktake(id: $id, reason: "  ") { status } }`, { id: s.id }, manager))).toEqual(['REQUIRED']);
    const r = ok(await p.query(`mutation($id: ID!) { rejectStocktake(id: $id, reason: "bin A-01 not counted") { status rejectReason rejectedBy } }`, { id: s.id }, manager)).rejectStocktake;
    expect(r).toEqual({ status: 'REJECTED', rejectReason: 'bin A-01 not counted', rejectedBy: 'manager-1' });
    // The warehouse can be counted again.
    ok(await p.query(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id } }`, { w: w2.id }, clerk));
  });

  it('surplus listings page through the board', async () => {
    const all = ok(await p.query(`{ surplusListingsPage(first: 2) { items { id } pageInfo { endCursor hasNextPage } totalCount } }`, {}, clerk)).surplusListingsPage;
    const arr = ok(await p.query(`{ surplusListings(first: 200) { id } }`, {}, clerk)).surplusListings;
    expect(all.totalCount).toBe(arr.length);
    if (all.pageInfo.hasNextPage) {
      const next = ok(await p.query(`query($a: String) { surplusListingsPage(first: 2, after: $a) { items { id } } }`, { a: all.pageInfo.endCursor }, clerk)).surplusListingsPage;
      expect(next.items.map((x: any) => x.id)).not.toEqual(all.items.map((x: any) => x.id));
    }
  });
});
