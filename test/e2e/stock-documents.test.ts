/**
 * The stock documents through the gateway: transfers (held → shipped, in
 * transit → received once, with differences; between stations), stocktakes
 * (nothing moves before approval; stock moving during the count is neither
 * lost nor counted twice) and write-offs (held while pending, posted only on
 * another manager's approval, rejection leaves stock as it was).
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { freshWarehouse, snapshot, stockUp, testParts, type TestWarehouse } from './stock-fixtures';

describe('stock documents', () => {
  let p: Platform;
  const data = demoData();
  const [A, B] = data.stations;
  const { whole } = testParts();
  let hq: string;
  let managerA: string;
  let managerA2: string;
  let clerkA: string;
  let clerkB: string;
  let managerB: string;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [hq, managerA, managerA2, clerkA, clerkB, managerB] = await Promise.all([
      p.token('HQ_ADMIN'), p.token('STATION_MANAGER', A.id, 'manager-a'), p.token('STATION_MANAGER', A.id, 'manager-a2'),
      p.token('PARTS_CLERK', A.id, 'clerk-a'), p.token('PARTS_CLERK', B.id, 'clerk-b'), p.token('STATION_MANAGER', B.id, 'manager-b'),
    ]);
  });
  afterAll(() => p?.stop());

  const stockIn = async (partId: string, warehouseId: string, token = managerA) =>
    ok(await p.query(`query($p: ID!, $w: ID) { part(id: $p) { stock(warehouseId: $w) { onHand available inTransit levels { onHand reserved bin { code } } } } }`,
      { p: partId, w: warehouseId }, token)).part.stock;
  const movementTypes = async (partId: string, warehouseId: string, token = hq) =>
    ok(await p.query(`query($p: ID, $w: ID) { stockMovements(partId: $p, warehouseId: $w) { type quantity reference bin { code } } }`, { p: partId, w: warehouseId }, token))
      .stockMovements.map((m: any) => `${m.type} ${m.quantity} ${m.bin.code}`);
  const TRANSFER = `id number status fromWarehouse { id } toWarehouse { id station { id } } lines { id quantity received difference part { id } toBins { quantity bin { code } } }`;

  describe('transfers (调拨)', () => {
    let from: TestWarehouse;
    let to: TestWarehouse;
    let atB: TestWarehouse;
    const part = whole[10];
    beforeAll(async () => {
      [from, to, atB] = [await freshWarehouse(p, A.id), await freshWarehouse(p, A.id), await freshWarehouse(p, B.id)];
      await stockUp(p, managerA, part.id, from.bins['A-01'], 10);
    });
    const create = (lines: unknown[], toId = to.id, token = clerkA) =>
      p.query(`mutation($f: ID!, $t: ID!, $l: [TransferLineInput!]!) { createTransfer(fromWarehouseId: $f, toWarehouseId: $t, lines: $l) { ${TRANSFER} } }`, { f: from.id, t: toId, l: lines }, token);
    const ship = (id: string, token = clerkA) => p.query(`mutation($id: ID!) { shipTransfer(id: $id) { ${TRANSFER} } }`, { id }, token);
    const receive = (id: string, lines: unknown[], token = clerkA) =>
      p.query(`mutation($id: ID!, $l: [TransferReceiptLineInput!]!) { receiveTransfer(id: $id, lines: $l) { ${TRANSFER} } }`, { id, l: lines }, token);

    it('create holds the stock at the source, ship moves it out (in transit), receive puts it into bins once, recording the difference', async () => {
      const t = ok(await create([{ partId: part.id, quantity: 6, barcode: part.barcode }])).createTransfer;
      expect(t).toMatchObject({ status: 'DRAFT', lines: [{ quantity: 6, received: 0, difference: 0, part: { id: part.id }, toBins: [] }] });
      expect(t.number).toMatch(/^TR\d{4}-/);
      expect(await stockIn(part.id, from.id)).toMatchObject({ onHand: 10, available: 4 });
      expect(await movementTypes(part.id, from.id)).toEqual(['ADJUSTMENT 10 A-01']); // a held transfer moves nothing

      expect(codes(await ship(t.id, clerkB))).toEqual(['FORBIDDEN']);
      const shipped = ok(await ship(t.id)).shipTransfer;
      expect(shipped.status).toBe('SHIPPED');
      expect(codes(await ship(t.id))).toEqual(['CONFLICT']);
      expect(await stockIn(part.id, from.id)).toMatchObject({ onHand: 4, available: 4, inTransit: 0 });
      expect(await stockIn(part.id, to.id)).toMatchObject({ onHand: 0, available: 0, inTransit: 6 });
      expect((await movementTypes(part.id, from.id))[0]).toBe('TRANSFER_OUT -6 A-01');
      const listed = ok(await p.query(`{ transfers(status: SHIPPED) { id } }`, {}, clerkA)).transfers.map((x: any) => x.id);
      expect(listed).toContain(t.id);

      const lineId = t.lines[0].id;
      expect(codes(await receive(t.id, [{ transferLineId: lineId, quantity: 7 }]))).toEqual(['BAD_USER_INPUT']); // more than shipped
      expect(codes(await receive(t.id, [{ transferLineId: lineId, quantity: 5, barcode: whole[11].barcode }]))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await receive(t.id, [{ transferLineId: lineId, quantity: 5 }], clerkB))).toEqual(['FORBIDDEN']);
      const got = ok(await receive(t.id, [{ transferLineId: lineId, quantity: 5, binId: to.bins['A-02'], barcode: part.barcode }])).receiveTransfer;
      // where it was put away, for the 调拨单 (入库货位)
      expect(got).toMatchObject({ status: 'RECEIVED', lines: [{ quantity: 6, received: 5, difference: 1, toBins: [{ quantity: 5, bin: { code: 'A-02' } }] }] });
      expect(await stockIn(part.id, to.id)).toMatchObject({ onHand: 5, available: 5, inTransit: 0 });
      expect(await movementTypes(part.id, to.id)).toEqual(['TRANSFER_IN 5 A-02']);
      // The receiving bin is remembered (货位自动记忆).
      expect(ok(await p.query(`query($p: ID!, $w: ID!) { part(id: $p) { defaultBin(warehouseId: $w) { code } } }`, { p: part.id, w: to.id }, clerkA)).part.defaultBin).toEqual({ code: 'A-02' });

      const before = await snapshot(p);
      expect(codes(await receive(t.id, [{ transferLineId: lineId, quantity: 1 }]))).toEqual(['CONFLICT']);
      expect(await snapshot(p)).toEqual(before);
    });

    it('refuses bad transfers with a code and changes nothing', async () => {
      const before = await snapshot(p);
      expect(codes(await create([{ partId: part.id, quantity: 5 }]))).toEqual(['INSUFFICIENT_STOCK']); // 4 available
      expect(codes(await create([{ partId: part.id, quantity: 1.5 }]))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await create([{ partId: part.id, quantity: -1 }]))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await create([{ partId: part.id, quantity: 1, barcode: 'nope' }]))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await create([{ partId: part.id, quantity: 1 }], from.id))).toEqual(['BAD_USER_INPUT']); // to itself
      expect(codes(await create([{ partId: part.id, quantity: 1 }], atB.id))).toEqual(['FORBIDDEN']); // a clerk stays in their station
      expect(codes(await create([{ partId: part.id, quantity: 1 }], to.id, clerkB))).toEqual(['FORBIDDEN']);
      expect(await snapshot(p)).toEqual(before);
    });

    it('a part on two lines of one transfer: each line shows only the bin it was put away into', async () => {
      const two = whole[20];
      await stockUp(p, managerA, two.id, from.bins['A-01'], 8);
      const t = ok(await create([{ partId: two.id, quantity: 3 }, { partId: two.id, quantity: 4 }])).createTransfer;
      ok(await ship(t.id));
      const [l1, l2] = t.lines;
      const got = ok(await receive(t.id, [
        { transferLineId: l1.id, quantity: 3, binId: to.bins['A-01'] },
        { transferLineId: l2.id, quantity: 2, binId: to.bins['A-02'] },
      ])).receiveTransfer;
      expect(got.lines).toMatchObject([
        { quantity: 3, received: 3, toBins: [{ quantity: 3, bin: { code: 'A-01' } }] },
        { quantity: 4, received: 2, difference: 2, toBins: [{ quantity: 2, bin: { code: 'A-02' } }] },
      ]);
      // the same when read again later (from the stored line, not the answer of the receipt)
      const again = ok(await p.query(`query($id: ID!) { transfer(id: $id) { ${TRANSFER} } }`, { id: t.id }, clerkA)).transfer;
      expect(again.lines.map((l: any) => l.toBins)).toEqual([[{ quantity: 3, bin: { code: 'A-01' } }], [{ quantity: 2, bin: { code: 'A-02' } }]]);
    });

    it('a DRAFT cancelled by a manager releases its hold', async () => {
      const t = ok(await create([{ partId: part.id, quantity: 3 }])).createTransfer;
      expect(await stockIn(part.id, from.id)).toMatchObject({ onHand: 4, available: 1 });
      expect(codes(await p.query(`mutation($id: ID!) { cancelTransfer(id: $id) { status } }`, { id: t.id }, clerkA))).toEqual(['FORBIDDEN']);
      expect(ok(await p.query(`mutation($id: ID!) { cancelTransfer(id: $id) { status } }`, { id: t.id }, managerA)).cancelTransfer.status).toBe('CANCELLED');
      expect(await stockIn(part.id, from.id)).toMatchObject({ onHand: 4, available: 4 });
      expect(codes(await ship(t.id))).toEqual(['CONFLICT']);
    });

    it('between stations (HQ, or a surplus swap): in transit at the receiving station, received there', async () => {
      const t = ok(await create([{ partId: part.id, quantity: 2 }], atB.id, hq)).createTransfer;
      expect(t.toWarehouse.station.id).toBe(B.id);
      ok(await ship(t.id, clerkA));
      const atBStock = (await stockIn(part.id, atB.id, clerkB));
      expect(atBStock).toMatchObject({ onHand: 0, inTransit: 2 });
      const stationB = ok(await p.query(`query($p: ID!) { part(id: $p) { stock { inTransit } } }`, { p: part.id }, clerkB)).part.stock;
      expect(stationB.inTransit).toBe(2);
      expect(ok(await p.query(`{ transfers(status: SHIPPED) { id } }`, {}, clerkB)).transfers.map((x: any) => x.id)).toContain(t.id);
      expect(ok(await p.query(`query($s: ID) { transfers(stationId: $s) { id } }`, { s: B.id }, hq)).transfers.map((x: any) => x.id)).toContain(t.id);
      expect(codes(await p.query(`query($s: ID) { transfers(stationId: $s) { id } }`, { s: A.id }, clerkB))).toEqual(['FORBIDDEN']);
      expect(codes(await receive(t.id, [{ transferLineId: t.lines[0].id, quantity: 2 }], clerkA))).toEqual(['FORBIDDEN']);
      const got = ok(await receive(t.id, [{ transferLineId: t.lines[0].id, quantity: 2 }], clerkB)).receiveTransfer;
      expect(got).toMatchObject({ status: 'RECEIVED', lines: [{ received: 2, difference: 0, toBins: [{ quantity: 2, bin: { code: expect.any(String) } }] }] });
      expect(await stockIn(part.id, atB.id, clerkB)).toMatchObject({ onHand: 2, available: 2, inTransit: 0 });
      expect(await stockIn(part.id, from.id)).toMatchObject({ onHand: 2, available: 2 });
    });
  });

  describe('stocktakes (盘点)', () => {
    let w: TestWarehouse;
    const [pa, pb] = [whole[12], whole[13]];
    const take = (id: string, token = clerkA) =>
      p.query(`query($id: ID!) { stocktake(id: $id) { id status lines { part { id } bin { code } expected counted bookAtCount variance posted } } }`, { id }, token);
    const count = (id: string, partId: string, bin: string, counted: number, token = clerkA) =>
      p.query(`mutation($s: ID!, $p: ID!, $b: ID!, $c: Float!) { recordCount(stocktakeId: $s, partId: $p, binId: $b, counted: $c) { status lines { part { id } bin { code } variance } } }`,
        { s: id, p: partId, b: w.bins[bin], c: counted }, token);
    const issue = async (partId: string, quantity: number, key: string) =>
      ok(await p.query(`mutation($i: StockIssueInput!) { issueStock(input: $i) { lines { issued } } }`,
        { i: { idempotencyKey: key, allowPartial: false, lines: [{ partId, quantity, warehouseId: w.id }] } }, clerkA));

    beforeAll(async () => {
      w = await freshWarehouse(p, A.id);
      await stockUp(p, managerA, pa.id, w.bins['A-01'], 10);
      await stockUp(p, managerA, pb.id, w.bins['A-02'], 5);
    });

    it('freezes the book, counts against the book at the moment of counting, and posts ADJUSTMENTs only on a manager\'s approval', async () => {
      const st = ok(await p.query(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id number status lines { part { id } bin { code } expected counted } } }`, { w: w.id }, clerkA)).startStocktake;
      expect(st.status).toBe('OPEN');
      expect(st.lines.map((l: any) => [l.part.id, l.bin.code, l.expected, l.counted]).sort()).toEqual([[pa.id, 'A-01', 10, null], [pb.id, 'A-02', 5, null]].sort());
      expect(codes(await p.query(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id } }`, { w: w.id }, clerkA))).toEqual(['CONFLICT']);
      expect(codes(await p.query(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id } }`, { w: w.id }, clerkB))).toEqual(['FORBIDDEN']);

      const ledgerBefore = await snapshot(p, w.id);
      // Issued before A-01 is counted: the counter sees 8 less what is really missing.
      await issue(pa.id, 2, `st-1-${w.id}`);
      ok(await count(st.id, pa.id, 'A-01', 7));
      // Counted first, issued after: the count stays right, nothing is double-counted.
      ok(await count(st.id, pb.id, 'A-02', 5));
      await issue(pb.id, 1, `st-2-${w.id}`);
      // Found where the book has nothing.
      ok(await count(st.id, pa.id, 'A-03', 2));
      // Bad counts are refused.
      expect(codes(await count(st.id, pa.id, 'A-01', 1.5))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await count(st.id, pa.id, 'A-01', -1))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await count(st.id, pa.id, 'A-01', 1, clerkB))).toEqual(['FORBIDDEN']);
      const other = await freshWarehouse(p, A.id, 1);
      expect(codes(await p.query(`mutation($s: ID!, $p: ID!, $b: ID!) { recordCount(stocktakeId: $s, partId: $p, binId: $b, counted: 1) { id } }`, { s: st.id, p: pa.id, b: other.bins['A-01'] }, clerkA))).toEqual(['BAD_USER_INPUT']);

      const counted = ok(await take(st.id)).stocktake;
      const byKey = Object.fromEntries(counted.lines.map((l: any) => [`${l.part.id === pa.id ? 'a' : 'b'}:${l.bin.code}`, l]));
      expect(byKey['a:A-01']).toMatchObject({ expected: 10, counted: 7, bookAtCount: 8, variance: -1, posted: null });
      expect(byKey['b:A-02']).toMatchObject({ expected: 5, counted: 5, bookAtCount: 5, variance: 0 });
      expect(byKey['a:A-03']).toMatchObject({ expected: 0, counted: 2, bookAtCount: 0, variance: 2 });
      // Counting moved nothing: only the two issues are in the ledger.
      const during = await snapshot(p, w.id);
      expect(during.movements).toBe(ledgerBefore.movements + 2);

      expect(codes(await p.query(`mutation($id: ID!) { approveStocktake(id: $id) { id } }`, { id: st.id }, clerkA))).toEqual(['FORBIDDEN']);
      expect(codes(await p.query(`mutation($id: ID!) { approveStocktake(id: $id) { id } }`, { id: st.id }, managerB))).toEqual(['FORBIDDEN']);
      expect(await snapshot(p, w.id)).toEqual(during);
      const approved = ok(await p.query(`mutation($id: ID!) { approveStocktake(id: $id) { status lines { variance posted } } }`, { id: st.id }, managerA)).approveStocktake;
      expect(approved.status).toBe('APPROVED');
      expect((await movementTypes(pa.id, w.id)).slice(0, 2).sort()).toEqual(['ADJUSTMENT -1 A-01', 'ADJUSTMENT 2 A-03']);
      expect(await stockIn(pa.id, w.id)).toMatchObject({ onHand: 9 });
      expect((await stockIn(pa.id, w.id)).levels).toEqual([{ onHand: 7, reserved: 0, bin: { code: 'A-01' } }, { onHand: 2, reserved: 0, bin: { code: 'A-03' } }]);
      expect(await stockIn(pb.id, w.id)).toMatchObject({ onHand: 4 }); // 5 counted, 1 issued after: nothing posted
      expect(await movementTypes(pb.id, w.id)).toEqual(['ISSUE -1 A-02', 'ADJUSTMENT 5 A-02']);

      expect(codes(await p.query(`mutation($id: ID!) { approveStocktake(id: $id) { id } }`, { id: st.id }, managerA))).toEqual(['CONFLICT']);
      expect(codes(await count(st.id, pa.id, 'A-01', 3))).toEqual(['CONFLICT']);
      // The warehouse may be counted again.
      ok(await p.query(`mutation($w: ID!) { startStocktake(warehouseId: $w) { id } }`, { w: w.id }, clerkA));
    });
  });

  describe('write-offs (报损需审核)', () => {
    let w: TestWarehouse;
    const part = whole[14];
    const request = (quantity: number, token = clerkA, reason = '包装破损') =>
      p.query(`mutation($p: ID!, $b: ID!, $q: Float!, $r: String!) { requestWriteOff(partId: $p, binId: $b, quantity: $q, reason: $r) { id number status quantity requestedBy } }`,
        { p: part.id, b: w.bins['A-01'], q: quantity, r: reason }, token);
    const approve = (id: string, token: string) => p.query(`mutation($id: ID!) { approveWriteOff(id: $id) { status decidedBy } }`, { id }, token);
    const reject = (id: string, token: string) => p.query(`mutation($id: ID!) { rejectWriteOff(id: $id, reason: "还能用") { status decidedBy decisionNote } }`, { id }, token);

    beforeAll(async () => {
      w = await freshWarehouse(p, A.id);
      await stockUp(p, managerA, part.id, w.bins['A-01'], 5);
    });

    it('holds the quantity while pending, posts WRITE_OFF only on another manager\'s approval', async () => {
      const wo = ok(await request(3)).requestWriteOff;
      expect(wo).toMatchObject({ status: 'PENDING', quantity: 3, requestedBy: 'clerk-a' });
      expect(await stockIn(part.id, w.id)).toMatchObject({ onHand: 5, available: 2 });
      expect(await movementTypes(part.id, w.id)).toEqual(['ADJUSTMENT 5 A-01']);
      // Held: it cannot be issued meanwhile.
      expect(codes(await p.query(`mutation($i: StockIssueInput!) { issueStock(input: $i) { lines { issued } } }`,
        { i: { idempotencyKey: `wo-${w.id}`, allowPartial: false, lines: [{ partId: part.id, quantity: 3, warehouseId: w.id }] } }, clerkA))).toEqual(['INSUFFICIENT_STOCK']);

      const before = await snapshot(p, w.id);
      expect(codes(await approve(wo.id, clerkA))).toEqual(['FORBIDDEN']);
      expect(codes(await approve(wo.id, managerB))).toEqual(['FORBIDDEN']);
      expect(await snapshot(p, w.id)).toEqual(before);
      expect(ok(await approve(wo.id, managerA))).toEqual({ approveWriteOff: { status: 'APPROVED', decidedBy: 'manager-a' } });
      expect(await stockIn(part.id, w.id)).toMatchObject({ onHand: 2, available: 2 });
      expect((await movementTypes(part.id, w.id))[0]).toBe('WRITE_OFF -3 A-01');
      expect(codes(await approve(wo.id, managerA2))).toEqual(['CONFLICT']);
    });

    it('a manager may not approve their own request; rejection releases the hold and moves nothing', async () => {
      const own = ok(await request(1, managerA)).requestWriteOff;
      const before = await snapshot(p, w.id);
      expect(codes(await approve(own.id, managerA))).toEqual(['FORBIDDEN']);
      expect(await snapshot(p, w.id)).toEqual(before);
      expect(await stockIn(part.id, w.id)).toMatchObject({ onHand: 2, available: 1 });
      const listed = ok(await p.query(`{ writeOffs(status: PENDING) { id } }`, {}, managerA2)).writeOffs.map((x: any) => x.id);
      expect(listed).toContain(own.id);
      expect(ok(await p.query(`{ writeOffs(status: PENDING) { id } }`, {}, managerB)).writeOffs.map((x: any) => x.id)).not.toContain(own.id);
      expect(ok(await reject(own.id, managerA2)).rejectWriteOff).toEqual({ status: 'REJECTED', decidedBy: 'manager-a2', decisionNote: '还能用' });
      expect(await stockIn(part.id, w.id)).toMatchObject({ onHand: 2, available: 2 });
      expect(await snapshot(p, w.id).then((s) => s.movements)).toBe(before.movements);
      expect(codes(await approve(own.id, managerA2))).toEqual(['CONFLICT']);
    });

    it('refuses bad requests with a code and changes nothing', async () => {
      const before = await snapshot(p, w.id);
      expect(codes(await request(3))).toEqual(['INSUFFICIENT_STOCK']); // 2 available
      expect(codes(await request(0.5))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await request(-1))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await request(1, clerkA, '  '))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await request(1, clerkB))).toEqual(['FORBIDDEN']);
      expect(await snapshot(p, w.id)).toEqual(before);
    });
  });
});
