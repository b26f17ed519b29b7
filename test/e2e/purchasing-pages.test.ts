/**
 * Purchasing's paged lists through the gateway (API.md, "Paging, sorting,
 * filtering"): purchaseOrdersPage, damageClaimsPage, shortagesPage and
 * supplierOffersPage — filters, sorts, keyset pages that neither repeat nor
 * skip, totalCount, station scoping — their Excel downloads, and the offers
 * importer (`npm run import -- offers <file>`) on CSV and XLSX.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { callCommand } from '../../subgraphs/shared/src';
import { run as importOffers } from '../../scripts/importers/offers';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { downloadExport, readSheet } from '../helpers/sheet';
import { codes, ok, type GqlResponse } from '../helpers/graphql';

const reasonOf = (r: GqlResponse) => r.errors?.[0]?.extensions?.reason;

describe('purchasing lists page by page, download as Excel, offers import from a file', () => {
  let p: Platform;
  let buyer: string;
  let buyerB: string;
  let hq: string;
  const data = demoData();
  const [station, stationB] = data.stations;
  const warehouse = station.warehouses[0];
  const [s1, s2] = data.suppliers;
  const parts = new Map(data.parts.map((x) => [x.id, x]));
  // Two whole-unit parts s1 offers: every order below has a line of `a`, and these tests are the only ones to order it.
  const offered = data.supplierParts.filter((x) => x.supplierId === s1.id && parts.get(x.partId)!.unitPrecision === 0);
  const a = offered[offered.length - 1].partId;
  const b = offered[offered.length - 2].partId;
  const orders: { id: string; number: string }[] = [];
  let claim: { id: string; number: string };

  const PO_PAGE = `query($first: Int, $after: String, $s: ID, $st: PurchaseOrderStatus, $sup: ID, $part: ID, $kind: PurchaseOrderKind, $sort: PageSort) {
    purchaseOrdersPage(first: $first, after: $after, stationId: $s, status: $st, supplierId: $sup, partId: $part, kind: $kind, sort: $sort) {
      items { id number kind status createdAt supplier { id } } pageInfo { endCursor hasNextPage } totalCount } }`;

  /** Every item of a page query, `first` at a time, along endCursor. */
  async function walk(query: string, field: string, vars: Record<string, unknown>, token: string, first = 1): Promise<any[]> {
    const out: any[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: any = ok(await p.query(query, { ...vars, first, after }, token))[field];
      out.push(...page.items);
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  }

  const download = (file: string, token?: string) => downloadExport(p.gatewayUrl, `/export/${file}`, token);
  const sheet = async (res: Response) => {
    const { name, rows } = await readSheet(res);
    return { name, header: rows[0] as string[], rows: rows.slice(1) };
  };

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    buyer = await p.token('PURCHASER', station.id, 'buyer-pages');
    buyerB = await p.token('PURCHASER', stationB.id, 'buyer-pages-b');
    hq = await p.token('HQ_ADMIN');
    const create = async (lines: { partId: string; quantity: number }[]) =>
      ok(await p.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number lines { id } } }`, { i: { stationId: station.id, supplierId: s1.id, lines } }, buyer)).createPurchaseOrder;
    // 1: received with damage (a claim), 2: a draft of b only, 3: a draft of a and b.
    const first = await create([{ partId: a, quantity: 6 }]);
    ok(await p.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: first.id }, buyer));
    ok(await p.query(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: first.id }, buyer));
    claim = ok(await p.query(`mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!) { receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: "pages-rcv-1") { damageClaim { id number } } }`,
      { po: first.id, w: warehouse.id, l: [{ purchaseOrderLineId: first.lines[0].id, received: 6, damaged: 2, damageReason: '压损' }] }, buyer)).receiveGoods.damageClaim;
    orders.push(first, await create([{ partId: b, quantity: 2 }]), await create([{ partId: a, quantity: 3 }, { partId: b, quantity: 4 }]));
  });
  afterAll(() => p?.stop());

  it('purchaseOrdersPage: filters by part, status and supplier, newest first, pages that neither repeat nor skip, the caller\'s station only', async () => {
    // The damaged receipt raised a replacement order for the 2 damaged: kind REPLACEMENT, between the first and the third.
    const withA = await walk(PO_PAGE, 'purchaseOrdersPage', { part: a }, buyer);
    expect(withA.map((o) => o.kind)).toEqual(['STANDARD', 'REPLACEMENT', 'STANDARD']);
    const standard = await walk(PO_PAGE, 'purchaseOrdersPage', { part: a, kind: 'STANDARD' }, buyer);
    expect(standard.map((o) => o.number)).toEqual([orders[2].number, orders[0].number]);
    const firstPage = ok(await p.query(PO_PAGE, { part: a, kind: 'STANDARD', first: 1 }, buyer)).purchaseOrdersPage;
    expect(firstPage).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    expect(ok(await p.query(PO_PAGE, { part: a, st: 'DRAFT', kind: 'STANDARD' }, buyer)).purchaseOrdersPage.items.map((o: any) => o.number)).toEqual([orders[2].number]);
    expect(ok(await p.query(PO_PAGE, { part: b, sup: s2.id }, buyer)).purchaseOrdersPage.totalCount).toBe(0);
    const byNumber = await walk(PO_PAGE, 'purchaseOrdersPage', { part: b, sort: { field: 'number', direction: 'ASC' } }, buyer);
    expect(byNumber.map((o) => o.number)).toEqual([orders[1].number, orders[2].number].sort());

    // The whole station, two at a time, is the same as one big page: no repeats, no gaps.
    const big = ok(await p.query(PO_PAGE, { first: 200 }, buyer)).purchaseOrdersPage;
    const walked = await walk(PO_PAGE, 'purchaseOrdersPage', {}, buyer, Math.ceil(big.items.length / 3) || 1);
    expect(walked.slice(0, big.items.length).map((o) => o.id)).toEqual(big.items.map((o: any) => o.id));
    expect(new Set(walked.map((o) => o.id)).size).toBe(walked.length);
    expect(walked.length).toBe(big.totalCount);

    // Another station's purchaser sees none of these; asking for station A is refused.
    expect(ok(await p.query(PO_PAGE, { part: a }, buyerB)).purchaseOrdersPage.totalCount).toBe(0);
    expect(codes(await p.query(PO_PAGE, { s: station.id }, buyerB))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(PO_PAGE, { part: a, s: station.id }, hq)).purchaseOrdersPage.totalCount).toBe(3);
    expect(reasonOf(await p.query(PO_PAGE, { sort: { field: 'colour' } }, buyer))).toBe('SORT_FIELD_UNKNOWN');
    expect(ok(await p.query(PO_PAGE, { part: 'not-an-id' }, buyer)).purchaseOrdersPage.totalCount).toBe(0);
  });

  it('damageClaimsPage: by part, status and whether the goods went back, with its lines', async () => {
    const Q = `query($part: ID, $st: DamageClaimStatus, $ret: Boolean, $sort: PageSort) { damageClaimsPage(partId: $part, status: $st, returned: $ret, sort: $sort) {
      items { id number status amount lines { quantity part { id } } purchaseOrder { number } } totalCount pageInfo { hasNextPage } } }`;
    const page = ok(await p.query(Q, { part: a }, buyer)).damageClaimsPage;
    expect(page.totalCount).toBe(1);
    expect(page.items[0]).toMatchObject({ id: claim.id, status: 'OPEN', purchaseOrder: { number: orders[0].number }, lines: [{ quantity: 2, part: { id: a } }] });
    expect(ok(await p.query(Q, { part: a, ret: false }, buyer)).damageClaimsPage.totalCount).toBe(1);
    expect(ok(await p.query(Q, { part: a, ret: true }, buyer)).damageClaimsPage.totalCount).toBe(0);
    expect(ok(await p.query(Q, { part: a, st: 'SETTLED' }, buyer)).damageClaimsPage.totalCount).toBe(0);
    expect(ok(await p.query(Q, { part: a, sort: { field: 'amount' } }, buyer)).damageClaimsPage.items.map((c: any) => c.id)).toEqual([claim.id]);
    expect(ok(await p.query(Q, { part: a }, buyerB)).damageClaimsPage.totalCount).toBe(0);
  });

  it('shortagesPage: by kind and part, open or resolved, and what the caller has not acknowledged yet', async () => {
    const [x, y] = data.parts.filter((q) => q.unitPrecision === 0).slice(-4, -2).map((q) => q.id);
    const record = (partId: string, quantity: number, key: string) =>
      callCommand(p.subgraphs.procurement.url, 'recordShortage', { idempotencyKey: key, stationId: station.id, partId, quantity, kind: 'REQUISITION_SHORTFALL', reference: `RO-${key}` },
        { id: 'clerk-pages', roles: ['PARTS_CLERK'], stationId: station.id }, { secret: p.secret, caller: 'workshop' });
    await record(x, 3, 'pages-short-1');
    await record(y, 7, 'pages-short-2');
    const Q = `query($part: ID, $kind: ShortageKind, $ack: Boolean, $open: Boolean, $sort: PageSort, $first: Int) { shortagesPage(partId: $part, kind: $kind, acknowledged: $ack, open: $open, sort: $sort, first: $first) {
      items { id quantity kind acknowledgedByMe part { id } } totalCount pageInfo { hasNextPage endCursor } } }`;
    const mine = ok(await p.query(Q, { part: x, kind: 'REQUISITION_SHORTFALL' }, buyer)).shortagesPage;
    expect(mine).toMatchObject({ totalCount: 1, items: [{ quantity: 3, kind: 'REQUISITION_SHORTFALL', acknowledgedByMe: false, part: { id: x } }] });
    ok(await p.query(`mutation($id: ID!) { acknowledgeShortage(id: $id) { id } }`, { id: mine.items[0].id }, buyer));
    expect(ok(await p.query(Q, { part: x, ack: false }, buyer)).shortagesPage.totalCount).toBe(0);
    expect(ok(await p.query(Q, { part: x, ack: true }, buyer)).shortagesPage.totalCount).toBe(1);
    // Acknowledged by this purchaser only: another person of the station still has it as new.
    const manager = await p.token('STATION_MANAGER', station.id, 'manager-pages');
    expect(ok(await p.query(Q, { part: x, ack: false }, manager)).shortagesPage.totalCount).toBe(1);
    expect(ok(await p.query(Q, { part: x, open: false }, buyer)).shortagesPage.totalCount).toBe(0);
    expect(ok(await p.query(Q, { part: x, kind: 'OUT_OF_STOCK' }, buyer)).shortagesPage.totalCount).toBe(0);
    // Largest first when sorted by quantity: the 7 before the 3 among these two.
    const byQty = (await walk(Q, 'shortagesPage', { sort: { field: 'quantity' } }, buyer, 200)).filter((s) => [x, y].includes(s.part.id));
    expect(byQty.map((s) => s.quantity)).toEqual([7, 3]);
    expect(ok(await p.query(Q, { part: x }, buyerB)).shortagesPage.totalCount).toBe(0);
  });

  it('supplierOffersPage: a part\'s offers, the preferred ones, sorted by price', async () => {
    const Q = `query($part: ID, $sup: ID, $pref: Boolean, $sort: PageSort, $first: Int, $after: String) { supplierOffersPage(partId: $part, supplierId: $sup, preferred: $pref, sort: $sort, first: $first, after: $after) {
      items { unitPrice preferred supplier { id code } part { id } } totalCount pageInfo { hasNextPage endCursor } } }`;
    const expected = data.supplierParts.filter((x) => x.partId === a).length;
    const offersOfA = ok(await p.query(Q, { part: a }, buyer)).supplierOffersPage;
    expect(offersOfA.totalCount).toBe(expected);
    expect(offersOfA.items.filter((o: any) => o.preferred)).toHaveLength(1);
    expect(ok(await p.query(Q, { part: a, pref: true }, buyer)).supplierOffersPage.totalCount).toBe(1);
    const bySupplier = await walk(Q, 'supplierOffersPage', { sup: s1.id }, buyer, 150);
    expect(bySupplier.length).toBe(data.supplierParts.filter((x) => x.supplierId === s1.id).length);
    expect(new Set(bySupplier.map((o) => o.part.id)).size).toBe(bySupplier.length);
    const byPrice = (await walk(Q, 'supplierOffersPage', { sup: s1.id, sort: { field: 'unitPrice' } }, buyer, 200)).map((o) => Number(o.unitPrice));
    expect(byPrice).toEqual([...byPrice].sort((m, n) => m - n));
  });

  it('downloads purchase orders, damage claims (a row per line), shortages and offers as Excel, scoped like the pages', async () => {
    const pos = await sheet(await download(`purchase-orders.xlsx?partId=${a}&kind=STANDARD`, buyer));
    expect(pos.name).toBe('采购订单');
    expect(pos.header).toEqual(expect.arrayContaining(['采购订单号', '状态', '供应商', '金额', '预计到货']));
    expect(pos.rows.map((r) => r[0])).toEqual([orders[2].number, orders[0].number]);
    expect(pos.rows[1][pos.header.indexOf('状态')]).toBe('已入库');
    expect(typeof pos.rows[0][pos.header.indexOf('金额')]).toBe('number');
    expect((await sheet(await download(`purchase-orders.xlsx?partId=${a}`, buyerB))).rows).toEqual([]);

    const claims = await sheet(await download(`damage-claims.xlsx?partId=${a}`, buyer));
    expect(claims.rows).toHaveLength(1);
    const row = claims.rows[0];
    expect(row[claims.header.indexOf('货损单号')]).toBe(claim.number);
    expect(row[claims.header.indexOf('配件编号')]).toBe(parts.get(a)!.partNo);
    expect(row[claims.header.indexOf('数量')]).toBe(2);
    expect(row[claims.header.indexOf('货损原因')]).toBe('压损');

    const shortages = await sheet(await download('shortages.xlsx?kind=REQUISITION_SHORTFALL', buyer));
    expect(shortages.header).toEqual(expect.arrayContaining(['类型', '配件编号', '缺件数量', '我已确认']));
    expect(shortages.rows.length).toBe(ok(await p.query(`{ shortagesPage(kind: REQUISITION_SHORTFALL) { totalCount } }`, {}, buyer)).shortagesPage.totalCount);
    expect(shortages.rows.every((r) => r[shortages.header.indexOf('类型')] === '领料缺件')).toBe(true);

    const offers = await sheet(await download(`supplier-offers.xlsx?supplierId=${s1.id}`, buyer));
    expect(offers.rows.length).toBe(data.supplierParts.filter((x) => x.supplierId === s1.id).length);
    expect(offers.rows.every((r) => r[0] === s1.code)).toBe(true);
    expect(typeof offers.rows[0][offers.header.indexOf('单价')]).toBe('number');
    expect((await download('purchase-orders.xlsx')).status).toBe(401);
  });

  it('imports offers from CSV and XLSX by supplier code and part number: bad lines reported by file line, the rest go in, re-running is safe', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'offers-import-'));
    const [p1, p2] = data.parts.filter((x) => x.unitPrecision === 0 && !data.supplierParts.some((o) => o.partId === x.id && o.supplierId === s2.id)).slice(0, 2);
    const csv = path.join(dir, 'offers.csv');
    fs.writeFileSync(csv, [
      '供应商编码,配件编号,单价,交货期,起订量,包装数,首选',
      `${s2.code},${p1.partNo},12.50,4,10,5,是`,
      `${s2.code},${p2.partNo},-3,,,,`, // a negative price: refused on its line, the rest still go in
      `NO-SUCH-SUPPLIER,${p1.partNo},1.00,,,,`,
      `${s2.code},NO-SUCH-PART,1.00,,,,`,
      `${s2.code},${p2.partNo},7,,,,否`,
    ].join('\n'));
    const out: string[] = [];
    const args = [csv, '--url', p.gatewayUrl, '--token', buyer, '--quiet'];
    const first = await importOffers(args, (m) => out.push(m));
    expect(first).toMatchObject({ created: 2, updated: 0 });
    expect(first.errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(out.join('\n')).toContain('line 4');
    const offersOf = async (partId: string) => ok(await p.query(`query($id: ID!) { part(id: $id) { offers { supplier { id } unitPrice leadTimeDays minOrderQty packSize preferred } } }`, { id: partId }, buyer)).part.offers;
    expect((await offersOf(p1.id)).find((o: any) => o.supplier.id === s2.id)).toMatchObject({ unitPrice: '12.50', leadTimeDays: 4, minOrderQty: 10, packSize: 5, preferred: true });
    expect((await offersOf(p2.id)).find((o: any) => o.supplier.id === s2.id)).toMatchObject({ unitPrice: '7.00' });
    const again = await importOffers(args, () => undefined);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    // XLSX with the export's own headers: an exported sheet, edited, goes back in.
    const xlsx = path.join(dir, 'offers.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('供应商报价');
    ws.addRow(['供应商编码', '供应商名称', '配件编号', '配件名称', '单位', '单价', '交货期', '起订量', '包装数', '首选', '更新时间']);
    ws.addRow([s2.code, '', p1.partNo, '', '', 11.8, 4, 10, 5, '是', '']);
    await wb.xlsx.writeFile(xlsx);
    const fromXlsx = await importOffers([xlsx, '--url', p.gatewayUrl, '--token', buyer, '--quiet'], () => undefined);
    expect(fromXlsx).toMatchObject({ created: 0, updated: 1, errors: [] });
    expect((await offersOf(p1.id)).find((o: any) => o.supplier.id === s2.id)).toMatchObject({ unitPrice: '11.80' });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
