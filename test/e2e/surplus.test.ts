/**
 * The surplus exchange (积压备件调剂) through the gateway: detection from the
 * ledger's history, listing with reservation, the exchange board searched like
 * searchParts, a swap that becomes an inter-station transfer (ship → in
 * transit → receive), and every refusal leaving stock and listings untouched.
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { codes, ok } from '../helpers/graphql';
import { downloadExport, readSheet } from '../helpers/sheet';

const LISTING = `id quantity remaining requested swapped unitPrice status listedAt listedBy
  part { id partNo } station { id code region } warehouse { id code }`;
const SWAP = `id quantity unitPrice amount status reason transferId requestedAt
  fromStation { id } toStation { id } toWarehouse { id } listing { id remaining status }`;

describe('surplus exchange', () => {
  let p: Platform;
  const data = demoData();
  const [A, B, C] = data.stations;
  const mainOf = (s: typeof A) => s.warehouses.find((w) => w.code === 'MAIN')!;
  const partById = new Map(data.parts.map((x) => [x.id, x]));
  const mainStock = (stationId: string, partId: string) =>
    data.stock.filter((l) => l.stationId === stationId && l.partId === partId && l.warehouseId === mainOf(data.stations.find((s) => s.id === stationId)!).id).reduce((s, l) => s + l.onHand, 0);
  // Dead stock at A (demand profile NONE) held in A's MAIN warehouse, with an HQ cap, one per test.
  const deadAtA = data.parts.filter((x) => x.demandProfile === 'NONE' && x.prices.hqCap !== null && x.unitPrecision === 0 && mainStock(A.id, x.id) >= 6);
  let nextDead = 0;
  const freshDead = () => deadAtA[nextDead++];

  let managerA: string;
  let managerB: string;
  let managerC: string;
  let clerkA: string;
  let clerkB: string;
  let hq: string;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    [managerA, managerB, managerC, clerkA, clerkB, hq] = await Promise.all([
      p.token('STATION_MANAGER', A.id), p.token('STATION_MANAGER', B.id), p.token('STATION_MANAGER', C.id),
      p.token('PARTS_CLERK', A.id), p.token('PARTS_CLERK', B.id), p.token('HQ_ADMIN'),
    ]);
  });
  afterAll(() => p?.stop());

  const stockAt = async (partId: string, stationId: string, token = hq) =>
    ok(await p.query(`query($id: ID!, $s: ID) { part(id: $id) { stock(stationId: $s) { onHand available inTransit } } }`, { id: partId, s: stationId }, token)).part.stock;
  const candidates = async (token: string, stationId?: string) =>
    ok(await p.query(`query($s: ID) { surplusCandidates(stationId: $s) {
      part { id partNo } station { id } warehouse { id code } onHand available listed reason explanation monthlyDemand monthsOfCover
      lastIssueAt lastReceiptAt ageMonths keepQuantity excessQuantity listableQuantity unitCost value excessValue hqCap } }`, { s: stationId }, token)).surplusCandidates as any[];
  const list = (token: string, v: { partId: string; warehouseId: string; quantity: number; unitPrice: string }) =>
    p.query(`mutation($partId: ID!, $w: ID!, $q: Float!, $price: Decimal!) { listSurplus(partId: $partId, warehouseId: $w, quantity: $q, unitPrice: $price) { ${LISTING} } }`,
      { partId: v.partId, w: v.warehouseId, q: v.quantity, price: v.unitPrice }, token);
  const request = (token: string, listingId: string, quantity: number, toWarehouseId: string, acceptPartial = false) =>
    p.query(`mutation($l: ID!, $q: Float!, $w: ID!, $partial: Boolean) { requestSwap(listingId: $l, quantity: $q, toWarehouseId: $w, acceptPartial: $partial) { ${SWAP} } }`,
      { l: listingId, q: quantity, w: toWarehouseId, partial: acceptPartial }, token);
  const listing = async (id: string, token = hq) => ok(await p.query(`query($id: ID!) { surplusListing(id: $id) { ${LISTING} } }`, { id }, token)).surplusListing;
  const board = async (token: string, args: { partId?: string; query?: string; excludeOwnStation?: boolean }) =>
    ok(await p.query(`query($partId: ID, $q: String, $ex: Boolean) { surplusListings(partId: $partId, query: $q, excludeOwnStation: $ex) { ${LISTING} } }`,
      { partId: args.partId, q: args.query, ex: args.excludeOwnStation }, token)).surplusListings as any[];
  const listedAt = (part: { id: string }, quantity: number, price?: string) =>
    list(managerA, { partId: part.id, warehouseId: mainOf(A).id, quantity, unitPrice: price ?? partById.get(part.id)!.prices.internal });

  describe('detection', () => {
    it('finds A\'s dead stock (NONE demand) from the ledger, valued at the internal price', async () => {
      const found = await candidates(managerA);
      expect(found.length).toBeGreaterThan(0);
      const dead = data.parts.filter((x) => x.demandProfile === 'NONE' && data.stock.some((l) => l.stationId === A.id && l.partId === x.id));
      const byPart = new Map(found.map((c) => [c.part.id, c]));
      for (const x of dead) expect(byPart.get(x.id)?.reason).toBe('NO_ISSUE');
      const part = dead.find((x) => mainStock(A.id, x.id) > 0)!;
      const c = byPart.get(part.id)!;
      const onHand = data.stock.filter((l) => l.stationId === A.id && l.partId === part.id).reduce((s, l) => s + l.onHand, 0);
      expect(c).toMatchObject({ station: { id: A.id }, onHand, available: onHand, listed: 0, monthlyDemand: 0, monthsOfCover: null, excessQuantity: onHand, unitCost: part.prices.internal, hqCap: part.prices.hqCap });
      expect(Number(c.value)).toBeCloseTo(onHand * Number(part.prices.internal), 2);
      // The history seed put 12+ months without an issue behind every NONE part (or none at all).
      if (c.lastIssueAt) expect(c.ageMonths).toBeGreaterThanOrEqual(12);
      expect(c.explanation).toMatch(/No issue for|Never issued/);
      // Most money first.
      const values = found.map((x) => Number(x.excessValue));
      expect([...values].sort((a, b) => b - a)).toEqual(values);
    });

    it('takes the demand rate from the ledger history (ISSUE − RETURN over the window) and follows the station\'s thresholds', async () => {
      // Opening stock of active parts is 1–3 months of demand: with a half-month threshold they become excess.
      const smooth = data.parts.find((x) => x.demandProfile === 'SMOOTH' && x.unitPrecision === 0 && data.stock.some((l) => l.stationId === B.id && l.partId === x.id))!;
      expect((await candidates(managerB)).some((c) => c.part.id === smooth.id)).toBe(false);
      const set = ok(await p.query(`mutation($s: ID!) { setSurplusPolicy(stationId: $s, minMonthsOfCover: 0.5, noIssueMonths: 6) { minMonthsOfCover noIssueMonths demandWindowMonths isDefault station { id } } }`, { s: B.id }, managerB)).setSurplusPolicy;
      expect(set).toEqual({ minMonthsOfCover: 0.5, noIssueMonths: 6, demandWindowMonths: 12, isDefault: false, station: { id: B.id } });
      const c = (await candidates(managerB)).find((x) => x.part.id === smooth.id);
      expect(c?.reason).toBe('EXCESS_COVER');
      const now = new Date();
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1)).toISOString().slice(0, 7);
      const issued = data.consumption.filter((r) => r.stationId === B.id && r.partId === smooth.id && r.month >= from).reduce((s, r) => s + r.quantity, 0);
      expect(c.monthlyDemand).toBeCloseTo(issued / 12, 3);
      expect(c.keepQuantity).toBe(Math.ceil(0.5 * issued / 12));
      // HQ reads any station's; it must name one.
      expect((await candidates(hq, B.id)).some((x) => x.part.id === smooth.id)).toBe(true);
      expect(codes(await p.query(`{ surplusCandidates { reason } }`, {}, hq))).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses thresholds from other stations, clerks and out-of-range values', async () => {
      const set = (token: string, s: string, m: number, n: number) =>
        p.query(`mutation($s: ID!, $m: Float!, $n: Int!) { setSurplusPolicy(stationId: $s, minMonthsOfCover: $m, noIssueMonths: $n) { isDefault } }`, { s, m, n }, token);
      expect(codes(await set(managerA, B.id, 3, 3))).toEqual(['FORBIDDEN']);
      expect(codes(await set(clerkA, A.id, 3, 3))).toEqual(['FORBIDDEN']);
      expect(codes(await set(managerA, A.id, 0, 3))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await set(managerA, A.id, 3, 0))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await p.query(`{ surplusCandidates { reason } }`, {}, clerkA))).toEqual(['FORBIDDEN']);
      expect(codes(await p.query(`query($s: ID) { surplusCandidates(stationId: $s) { reason } }`, { s: B.id }, managerA))).toEqual(['FORBIDDEN']);
      expect(ok(await p.query(`{ surplusPolicy { isDefault minMonthsOfCover } }`, {}, managerA)).surplusPolicy).toEqual({ isDefault: true, minMonthsOfCover: 6 });
    });
  });

  describe('listings', () => {
    it('reserves the listed quantity (available drops, on-hand does not) and withdrawal releases the unrequested rest', async () => {
      const part = freshDead();
      const before = await stockAt(part.id, A.id);
      const l = ok(await listedAt(part, 4)).listSurplus;
      expect(l).toMatchObject({ quantity: 4, remaining: 4, requested: 0, swapped: 0, status: 'OPEN', unitPrice: part.prices.internal, part: { id: part.id, partNo: part.partNo }, station: { id: A.id, code: A.code }, warehouse: { id: mainOf(A).id } });
      const during = await stockAt(part.id, A.id);
      expect(during.onHand).toBe(before.onHand);
      expect(during.available).toBe(before.available - 4);
      const c = (await candidates(managerA)).find((x) => x.part.id === part.id)!;
      expect(c.listed).toBe(4);
      expect(c.listableQuantity).toBe(c.available);

      const w = ok(await p.query(`mutation($id: ID!) { withdrawSurplus(id: $id) { status remaining quantity } }`, { id: l.id }, managerA)).withdrawSurplus;
      expect(w).toEqual({ status: 'WITHDRAWN', remaining: 0, quantity: 4 });
      expect(await stockAt(part.id, A.id)).toEqual(before);
      // Twice: CONFLICT; a withdrawn listing cannot be requested.
      expect(codes(await p.query(`mutation($id: ID!) { withdrawSurplus(id: $id) { status } }`, { id: l.id }, managerA))).toEqual(['CONFLICT']);
      expect(codes(await request(managerB, l.id, 1, mainOf(B).id))).toEqual(['CONFLICT']);
      expect(await board(managerB, { partId: part.id })).toEqual([]);
    });

    it('refuses more than available, a price above the HQ cap, other stations and clerks — nothing reserved', async () => {
      const part = freshDead();
      const before = await stockAt(part.id, A.id);
      const overCap = (Number(part.prices.hqCap) + 0.01).toFixed(2);
      expect(codes(await listedAt(part, before.available + 1))).toEqual(['INSUFFICIENT_STOCK']);
      expect(codes(await listedAt(part, 1, overCap))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await listedAt(part, 1.5))).toEqual(['BAD_USER_INPUT']); // a whole-number part
      expect(codes(await listedAt(part, -1))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await listedAt(part, 1, '-1.00'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await list(managerB, { partId: part.id, warehouseId: mainOf(A).id, quantity: 1, unitPrice: '1.00' }))).toEqual(['FORBIDDEN']);
      expect(codes(await list(clerkA, { partId: part.id, warehouseId: mainOf(A).id, quantity: 1, unitPrice: '1.00' }))).toEqual(['FORBIDDEN']);
      expect(codes(await list(managerA, { partId: '00000000-0000-4000-8000-000000000000', warehouseId: mainOf(A).id, quantity: 1, unitPrice: '1.00' }))).toEqual(['NOT_FOUND']);
      expect(await stockAt(part.id, A.id)).toEqual(before);
      expect(ok(await p.query(`query($s: ID) { stationSurplusListings(stationId: $s) { part { id } } }`, { s: A.id }, managerA)).stationSurplusListings.filter((x: any) => x.part.id === part.id)).toEqual([]);
      // Exactly at the cap is fine.
      expect(ok(await listedAt(part, 1, part.prices.hqCap!)).listSurplus.unitPrice).toBe(part.prices.hqCap);
    });
  });

  describe('exchange board', () => {
    it('shows other stations\' open listings, found by part id or a fragment of the part number, own station excluded by default, own region first', async () => {
      const part = freshDead();
      const l = ok(await listedAt(part, 2)).listSurplus;
      const fragment = part.partNo.replace(/-/g, '').slice(1, 7); // from the middle of the number, without the dash
      const found = await board(clerkB, { query: fragment });
      expect(found.map((x) => x.id)).toContain(l.id);
      expect(found.find((x) => x.id === l.id)).toMatchObject({ station: { id: A.id, region: A.region }, part: { partNo: part.partNo }, remaining: 2 });
      expect((await board(clerkB, { partId: part.id })).map((x) => x.id)).toEqual([l.id]);
      expect(await board(managerA, { partId: part.id })).toEqual([]);
      expect((await board(managerA, { partId: part.id, excludeOwnStation: false })).map((x) => x.id)).toEqual([l.id]);
      expect((await board(hq, { partId: part.id })).map((x) => x.id)).toEqual([l.id]);
      expect(await board(clerkB, { query: 'zzqx-no-such-part-9999' })).toEqual([]);

      // A and C both list a part; for a viewer in C's region, C's listing comes first.
      const cPart = data.parts.find((x) => x.unitPrecision === 0 && !deadAtA.includes(x) && mainStock(A.id, x.id) >= 2 && mainStock(C.id, x.id) >= 2)!;
      ok(await listedAt(cPart, 1));
      const lC = ok(await list(managerC, { partId: cPart.id, warehouseId: mainOf(C).id, quantity: 1, unitPrice: cPart.prices.internal })).listSurplus;
      await p.subgraphs.stock.runtime.ds.query(`UPDATE stock.station SET region = $2 WHERE id = $1`, [B.id, C.region]);
      try {
        const seenByB = await board(clerkB, { partId: cPart.id });
        expect(seenByB.map((x) => x.station.id)).toEqual([C.id, A.id]);
        expect(seenByB[0].id).toBe(lC.id);
      } finally {
        await p.subgraphs.stock.runtime.ds.query(`UPDATE stock.station SET region = $2 WHERE id = $1`, [B.id, B.region]);
      }
    });
  });

  describe('swaps', () => {
    const accept = (token: string, id: string) => p.query(`mutation($id: ID!) { acceptSwap(id: $id) { ${SWAP} } }`, { id }, token);
    const reject = (token: string, id: string, reason = 'needed for a fleet job') => p.query(`mutation($id: ID!, $r: String!) { rejectSwap(id: $id, reason: $r) { ${SWAP} } }`, { id, r: reason }, token);

    it('refuses requests from the own station, for unknown or withdrawn listings and beyond what remains; only the offering station decides', async () => {
      const part = freshDead();
      const l = ok(await listedAt(part, 3)).listSurplus;
      const before = await stockAt(part.id, A.id);
      expect(codes(await request(managerA, l.id, 1, mainOf(A).id))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await request(managerB, l.id, 1, mainOf(A).id))).toEqual(['FORBIDDEN']); // into another station's warehouse
      expect(codes(await request(managerB, '00000000-0000-4000-8000-000000000000', 1, mainOf(B).id))).toEqual(['NOT_FOUND']);
      expect(codes(await request(managerB, l.id, 4, mainOf(B).id))).toEqual(['CONFLICT']);
      expect(codes(await request(managerB, l.id, 0, mainOf(B).id))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await request(managerB, l.id, 0.5, mainOf(B).id))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await request(clerkB, l.id, 1, mainOf(B).id))).toEqual(['FORBIDDEN']);
      expect(await listing(l.id)).toMatchObject({ remaining: 3, requested: 0, status: 'OPEN' });

      const swap = ok(await request(managerB, l.id, 2, mainOf(B).id)).requestSwap;
      expect(swap).toMatchObject({ quantity: 2, status: 'PENDING', unitPrice: part.prices.internal, fromStation: { id: A.id }, toStation: { id: B.id }, toWarehouse: { id: mainOf(B).id }, listing: { id: l.id, remaining: 1, status: 'OPEN' } });
      expect(Number(swap.amount)).toBeCloseTo(2 * Number(part.prices.internal), 2);
      // The requesting station, another station's manager, a clerk: none decides.
      expect(codes(await accept(managerB, swap.id))).toEqual(['FORBIDDEN']);
      expect(codes(await reject(managerB, swap.id))).toEqual(['FORBIDDEN']);
      expect(codes(await accept(managerC, swap.id))).toEqual(['NOT_FOUND']);
      expect(codes(await accept(clerkA, swap.id))).toEqual(['FORBIDDEN']);
      expect(codes(await reject(managerA, swap.id, '  '))).toEqual(['BAD_USER_INPUT']);
      // A third station does not see the request; the requester sees only its own on the listing.
      expect(ok(await p.query(`query($id: ID!) { swapRequest(id: $id) { id } }`, { id: swap.id }, managerC)).swapRequest).toBeNull();
      expect((await stockAt(part.id, A.id))).toEqual(before);

      const rejected = ok(await reject(managerA, swap.id, 'kept for a campaign')).rejectSwap;
      expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'kept for a campaign', transferId: null, listing: { remaining: 3, status: 'OPEN' } });
      expect(codes(await accept(managerA, swap.id))).toEqual(['CONFLICT']);
      expect(codes(await reject(managerA, swap.id))).toEqual(['CONFLICT']);
      expect(await stockAt(part.id, A.id)).toEqual(before);

      // A request pending when the listing is withdrawn stays decidable; rejecting it then releases its stock.
      const pending = ok(await request(managerC, l.id, 1, mainOf(C).id)).requestSwap;
      ok(await p.query(`mutation($id: ID!) { withdrawSurplus(id: $id) { status } }`, { id: l.id }, managerA));
      expect((await stockAt(part.id, A.id)).available).toBe(before.available + 2);
      expect(codes(await request(managerB, l.id, 1, mainOf(B).id))).toEqual(['CONFLICT']);
      ok(await reject(managerA, pending.id));
      expect((await stockAt(part.id, A.id)).available).toBe(before.available + 3);
      expect(await listing(l.id)).toMatchObject({ remaining: 0, requested: 0, status: 'WITHDRAWN' });
    });

    it('pages a station\'s swaps (surplusSwapsPage): each side sees its own, filters by direction, status and part, no repeats or skips', async () => {
      const part = freshDead();
      const l = ok(await listedAt(part, 6)).listSurplus;
      const mine: string[] = [];
      for (let i = 0; i < 5; i++) mine.unshift(ok(await request(managerB, l.id, 1, mainOf(B).id)).requestSwap.id); // newest first
      ok(await reject(managerA, mine[1], 'kept'));
      const page = async (token: string, args: Record<string, unknown>) =>
        ok(await p.query(`query($s: ID, $d: SwapDirection, $st: SwapRequestStatus, $part: ID, $first: Int!, $after: String, $sort: PageSort) {
          surplusSwapsPage(stationId: $s, direction: $d, status: $st, partId: $part, first: $first, after: $after, sort: $sort) {
            items { id status quantity amount fromStation { id } toStation { id } } pageInfo { endCursor hasNextPage } totalCount } }`, args, token)).surplusSwapsPage;
      const all = async (token: string, args: Record<string, unknown>) => {
        const ids: string[] = [];
        let after: string | null = null;
        for (;;) {
          const pg: any = await page(token, { ...args, first: 2, after });
          ids.push(...pg.items.map((x: any) => x.id));
          expect(pg.totalCount).toBe(5);
          if (!pg.pageInfo.hasNextPage) return ids;
          after = pg.pageInfo.endCursor;
        }
      };
      // The offering station's incoming list and the requester's outgoing one: the same five, newest first, in pages of 2.
      expect(await all(managerA, { d: 'INCOMING', part: part.id })).toEqual(mine);
      expect(await all(managerB, { d: 'OUTGOING', part: part.id })).toEqual(mine);
      expect(await all(managerB, { part: part.id })).toEqual(mine); // either side
      expect((await page(managerA, { d: 'OUTGOING', part: part.id, first: 10 })).totalCount).toBe(0);
      expect((await page(managerC, { part: part.id, first: 10 })).totalCount).toBe(0);
      expect(codes(await p.query(`query($s: ID) { surplusSwapsPage(stationId: $s) { totalCount } }`, { s: A.id }, managerC))).toEqual(['FORBIDDEN']);
      // HQ names the station.
      expect((await page(hq, { s: A.id, d: 'INCOMING', part: part.id, first: 10 })).items.map((x: any) => x.id)).toEqual(mine);
      // Status, and the sort by amount (ties broken by id, so it is stable).
      const rejected = await page(managerA, { d: 'INCOMING', part: part.id, st: 'REJECTED', first: 10 });
      expect(rejected).toMatchObject({ totalCount: 1, items: [{ id: mine[1], status: 'REJECTED', fromStation: { id: A.id }, toStation: { id: B.id } }] });
      const byAmount = await page(managerA, { d: 'INCOMING', part: part.id, first: 10, sort: { field: 'amount', direction: 'ASC' } });
      expect(byAmount.items.map((x: any) => x.id).sort()).toEqual([...mine].sort());
      expect((await page(managerA, { part: 'not-an-id', first: 10 })).totalCount).toBe(0);
      const badSort = await p.query(`query { surplusSwapsPage(sort: { field: "secret" }) { totalCount } }`, {}, managerA);
      expect(codes(badSort)).toEqual(['BAD_USER_INPUT']);
      expect((badSort as any).errors[0].extensions.reason).toBe('SORT_FIELD_UNKNOWN');
      // The same list as Excel (GET /export/surplus-swaps.xlsx with the page's filters): Chinese headers, numbers as numbers.
      const { rows } = await readSheet(await downloadExport(p.gatewayUrl, `/export/surplus-swaps.xlsx?direction=INCOMING&partId=${part.id}`, managerA));
      expect(rows[0]).toEqual(expect.arrayContaining(['申请时间', '调出服务站', '调入服务站', '配件编号', '数量', '金额', '状态', '拒绝原因']));
      expect(rows).toHaveLength(1 + 5);
      const col = (h: string) => rows[0].indexOf(h);
      expect(rows.slice(1).map((r) => r[col('数量')])).toEqual([1, 1, 1, 1, 1]);
      expect(rows.slice(1).map((r) => r[col('状态')]).sort()).toEqual(['已拒绝', '待处理', '待处理', '待处理', '待处理'].sort());
      expect(rows[2][col('拒绝原因')]).toBe('kept');
      expect(typeof rows[1][col('金额')]).toBe('number');
      // The list keeps working and is the page's first items.
      const old = ok(await p.query(`query { surplusSwaps(direction: INCOMING) { id } }`, {}, managerA)).surplusSwaps.map((x: any) => x.id);
      expect(old.slice(0, 50)).toEqual((await page(managerA, { d: 'INCOMING', first: 50 })).items.map((x: any) => x.id));
      expect(old).toEqual(expect.arrayContaining(mine));
    });

    it('A\'s slow part: detected → listed → found by B with a fragment of its number → requested → accepted → shipped and received; stock, ledger and listing agree', async () => {
      const part = freshDead();
      const c = (await candidates(managerA)).find((x) => x.part.id === part.id)!;
      expect(c.reason).toBe('NO_ISSUE');
      expect(c.warehouse.id).toBe(mainOf(A).id);
      const quantity = 3;
      const l = ok(await list(managerA, { partId: part.id, warehouseId: c.warehouse.id, quantity, unitPrice: part.prices.hqCap! })).listSurplus;
      const [aBefore, bBefore] = [await stockAt(part.id, A.id), await stockAt(part.id, B.id)];

      const hits = await board(managerB, { query: part.partNo.slice(0, 8) });
      expect(hits.map((x) => x.id)).toContain(l.id);
      const swap = ok(await request(managerB, l.id, quantity, mainOf(B).id)).requestSwap;
      expect(swap.listing).toMatchObject({ remaining: 0, status: 'EXHAUSTED' });

      // the swap names its transfer's number and status, for both stations: to ship, in transit, received
      const swapTransfer = async (token: string) => ok(await p.query(`query($id: ID!) { swapRequest(id: $id) { transfer { id number status } } }`, { id: swap.id }, token)).swapRequest.transfer;
      expect(await swapTransfer(managerB)).toBeNull(); // not accepted yet
      const accepted = ok(await accept(managerA, swap.id)).acceptSwap;
      expect(accepted).toMatchObject({ status: 'ACCEPTED', quantity, unitPrice: part.prices.hqCap });
      expect(accepted.transferId).toBeTruthy();
      expect(await swapTransfer(managerA)).toMatchObject({ id: accepted.transferId, number: expect.stringMatching(/^TR/), status: 'DRAFT' });
      expect(Number(accepted.amount)).toBeCloseTo(quantity * Number(part.prices.hqCap), 2);
      expect(await listing(l.id)).toMatchObject({ remaining: 0, requested: 0, swapped: quantity, status: 'EXHAUSTED' });
      expect(codes(await accept(managerA, swap.id))).toEqual(['CONFLICT']);

      // The transfer flow of the stock subgraph: A ships, B receives into a bin.
      ok(await p.query(`mutation($id: ID!) { shipTransfer(id: $id) { id status } }`, { id: accepted.transferId }, managerA));
      expect((await swapTransfer(managerB)).status).toBe('SHIPPED');
      const inTransit = await stockAt(part.id, A.id);
      expect(inTransit.onHand).toBe(aBefore.onHand - quantity);
      expect((await stockAt(part.id, B.id)).inTransit).toBe(quantity);
      const bBin = mainOf(B).bins.find((b) => !b.quarantine)!;
      const t = ok(await p.query(`query($s: ID) { transfers(stationId: $s) { id lines { id part { id } quantity } } }`, { s: B.id }, managerB)).transfers.find((x: any) => x.id === accepted.transferId);
      ok(await p.query(`mutation($id: ID!, $lines: [TransferReceiptLineInput!]!) { receiveTransfer(id: $id, lines: $lines) { id status } }`,
        { id: accepted.transferId, lines: [{ transferLineId: t.lines[0].id, quantity, binId: bBin.id }] }, managerB));

      expect((await swapTransfer(managerB)).status).toBe('RECEIVED');
      expect((await swapTransfer(managerA)).status).toBe('RECEIVED');
      const [aAfter, bAfter] = [await stockAt(part.id, A.id), await stockAt(part.id, B.id)];
      expect(aAfter).toEqual({ onHand: aBefore.onHand - quantity, available: aBefore.available, inTransit: 0 });
      expect(bAfter).toEqual({ onHand: bBefore.onHand + quantity, available: bBefore.available + quantity, inTransit: 0 });
      // The ledger shows the goods leaving A and arriving at B, the same quantity.
      const moves = async (token: string, warehouseId: string) =>
        ok(await p.query(`query($p: ID, $w: ID) { stockMovements(partId: $p, warehouseId: $w, first: 200) { type quantity } }`, { p: part.id, w: warehouseId }, token)).stockMovements as any[];
      const out = (await moves(managerA, mainOf(A).id)).filter((m) => m.type === 'TRANSFER_OUT');
      const inn = (await moves(managerB, mainOf(B).id)).filter((m) => m.type === 'TRANSFER_IN');
      expect(out.reduce((s, m) => s + Math.abs(m.quantity), 0)).toBe(quantity);
      expect(inn.reduce((s, m) => s + Math.abs(m.quantity), 0)).toBe(quantity);
    });
  });
});
