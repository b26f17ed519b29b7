/// <reference lib="dom" />
/**
 * HQ's parts depot page (备品部) in chromium at 1024 px, as the HQ person it
 * belongs to, signed in through the sign-in page: a station's order to the
 * depot (one part the depot stocks, one it has none of) is on the order desk
 * with the station, number, age, lines, amount and status in words; handling
 * it confirms what the depot has and back-orders the rest (欠货清单), then
 * ships; the network's stock of a part and the stations' scorecards, each
 * under its Chinese labels, opening on the last complete month with its
 * numbers. No sideways overflow; screenshot depot-1024.png.
 */
import type { Browser } from 'playwright-core';
import { historyMonths } from '../../seeds/generate';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { describeBrowser, expectText, launchBrowser, noOverflow, signedIn } from '../helpers/browser';
import { clickDownloadSheet } from '../helpers/sheet';

jest.setTimeout(180_000);

describeBrowser('HQ depot page in chromium (1024 px)', () => {
  let platform: Platform;
  let browser: Browser;
  let hq: SignedInUser;
  const data = demoData();
  const station = data.stations.find((s) => (s.kind ?? 'STATION') === 'STATION')!;
  const depot = data.stations.find((s) => s.kind === 'DEPOT')!;
  const depotSupplier = data.suppliers.find((s) => s.depotStationId === depot.id)!;
  const partOf = (id: string) => data.parts.find((p) => p.id === id)!;
  const depotOnHand = (partId: string) => data.stock.filter((l) => l.stationId === depot.id && l.partId === partId).reduce((n, l) => n + l.onHand, 0);
  const orderable = (id: string) => partOf(id).unitPrecision === 0 && !partOf(id).supersededById;
  const offered = data.supplierParts.filter((s) => s.supplierId === depotSupplier.id).map((s) => s.partId);
  const stocked = partOf(offered.find((id) => orderable(id) && depotOnHand(id) >= 4)!);
  const none = partOf(offered.find((id) => orderable(id) && depotOnHand(id) === 0)!);
  let order: { id: string; number: string };
  /** Header texts without the sort arrows. */
  const headers = (texts: string[]) => texts.map((x) => x.replace(/[^\p{Script=Han}（）]/gu, ''));

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    hq = await platform.user({ roles: 'HQ_ADMIN', username: 'zhou.zongbu' });
    // the station orders from the depot like from any supplier (public API, as its purchaser)
    const buyer = await platform.token(['PURCHASER', 'STATION_MANAGER'], station.id);
    const po = ok(await platform.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number } }`,
      { i: { supplierId: depotSupplier.id, lines: [{ partId: stocked.id, quantity: 2 }, { partId: none.id, quantity: 3 }] } }, buyer)).createPurchaseOrder;
    order = ok(await platform.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id number } }`, { id: po.id }, buyer)).submitPurchaseOrder;
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('HQ: the order desk, handling (confirm, back-order, ship), back-orders, network stock and scorecards under their Chinese labels', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/depot`, hq);
    await expectText(page.getByTestId('who'), '总部');
    const titles = page.locator('main .panel > header h2');
    await expectText(titles.first(), '备件订单（各服务站上传）');
    expect(await titles.allInnerTexts()).toEqual(['备件订单（各服务站上传）', '欠货清单', '网络库存', '服务站考评']);

    // the desk: the station's order in words
    const desk = page.getByTestId('depot-desk');
    const row = desk.locator(`tr[data-number="${order.number}"]`);
    await expectText(row, order.number);
    expect(headers(await desk.locator('thead th').allInnerTexts())).toEqual(['服务站', '订单号', '等待', '行', '金额', '状态', '']);
    const text = await row.innerText();
    for (const s of [`${station.code} ${station.name}`, '0 天', '待处理', '处理']) expect(text).toContain(s);
    expect(text).toMatch(/\t2\t¥\d+\.\d{2}\t/); // two lines and their amount
    expect(await page.locator('#depot-desk .filters select[aria-label=服务站] option').first().innerText()).toBe('全部服务站');

    // handling: the depot's stock beside each line; confirm what it has, back-order the rest, then ship
    await row.getByTestId('handle-order').click();
    const handling = page.getByTestId('depot-order');
    await expectText(handling.locator('h3'), `${order.number} · ${station.code}`);
    expect(await handling.locator('thead th').allInnerTexts()).toEqual(['备件', '订购', '备品部可用', '已确认', '欠货', '预计到货', '已发货']);
    await expectText(handling.locator('tbody tr').filter({ hasText: stocked.partNo }), stocked.name);
    // the back-ordered line's ETA is typed the Chinese way (年/月/日 field of the console's own, not the browser's mm/dd/yyyy)
    const eta = handling.locator('tbody tr').filter({ hasText: none.partNo }).getByLabel('预计到货');
    expect(await eta.getAttribute('placeholder')).toBe('年/月/日');
    await eta.fill('2027年1月15日');
    await handling.getByRole('button', { name: '确认', exact: true }).click();
    await expectText(page.getByTestId('desk-msg'), `${order.number}：已确认并锁定库存`);
    const lines = ok(await platform.query(`query($id: ID!) { purchaseOrder(id: $id) { lines { part { id } eta } } }`, { id: order.id }, hq.accessToken)).purchaseOrder.lines;
    expect(lines.find((l: any) => l.part.id === none.id).eta.slice(0, 10)).toBe('2027-01-15');
    const back = page.getByTestId('depot-backorders').locator(`tr[data-part-no="${none.partNo}"]`);
    const backText = await expectText(back, order.number);
    expect(backText).toContain(`${station.code} ${station.name}`);
    expect(backText).toMatch(/\t3\t3\t/); // ordered 3, back-ordered 3
    expect(headers(await page.locator('[data-testid=depot-backorders] thead th').allInnerTexts())).toEqual(['服务站', '订单号', '备件', '订购', '欠货', '预计到货', '等待']);
    await handling.getByRole('button', { name: '发货', exact: true }).click();
    await expectText(page.getByTestId('desk-msg'), new RegExp(`${order.number}：已发货，发货单 \\S+`));

    // the network's stock of a part: every station's, the depot's row marked, labelled for the station it is
    await page.getByLabel('查找备件').fill(stocked.partNo);
    await page.locator(`[data-testid=search-results] tr[data-part-no="${stocked.partNo}"]`).getByRole('button', { name: '选择备件' }).click();
    const network = page.getByTestId('network-stock');
    await expectText(network.locator('caption'), `${stocked.partNo} ${stocked.name}`);
    expect(await network.locator('thead th').allInnerTexts()).toEqual(['服务站', '在库', '可用', '在途']);
    await expectText(network.locator('tr.depot'), depot.code);
    await expectText(network, station.code);

    // the scorecards: one per station, its chart and values under Chinese labels
    const card = page.getByTestId(`scorecard-${station.code}`);
    await expectText(card.locator('h3'), `${station.code} ${station.name}`);
    expect(await card.locator('dt').allInnerTexts()).toEqual(['满足率', '周转次数', '订单周期（天）', '库存金额', '积压金额', '向备品部订货']);
    await card.locator('canvas').waitFor();
    // the month picker opens on the last complete month (the demo's last history month, whatever the day),
    // naming months in the page's language, not the browser's locale data (headless chromium said "December 2026")
    const picker = page.getByLabel('月份');
    const now = new Date();
    const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    expect(await picker.inputValue()).toBe(last.toISOString().slice(0, 7));
    expect(await picker.inputValue()).toBe(historyMonths(data.asOf, 1)[0]);
    expect(await picker.locator('option:checked').textContent()).toBe(`${last.getUTCFullYear()}年${last.getUTCMonth() + 1}月`);
    expect(await picker.locator('option').allTextContents()).not.toContainEqual(expect.stringMatching(/[A-Za-z]/));
    // …and every station's card shows that month's numbers, not an empty chart: the seeded demand lines' fill rate, turns, inventory
    for (const s of data.stations.filter((x) => x.kind !== 'DEPOT')) {
      const c = page.getByTestId(`scorecard-${s.code}`);
      const fill = Number((await expectText(c.getByTestId('fill-rate'), /^\d+\.\d %$/)).replace(' %', ''));
      expect(fill).toBeGreaterThan(80);
      expect(fill).toBeLessThan(100);
      expect(Number(await c.getByTestId('stock-turns').innerText())).toBeGreaterThan(0);
      expect(Number((await c.getByTestId('inventory-value').innerText()).replace('¥', ''))).toBeGreaterThan(0);
    }

    expect(await page.locator('main').innerText()).not.toMatch(/SUBMITTED|SHIPPED|BACKORDER|Depot|undefined/);
    await noOverflow(page, 'depot-1024.png');

    // in English the same picker says "December 2026"
    await page.getByRole('button', { name: 'EN' }).click();
    const EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    await expectText(page.getByTestId('who'), 'HQ');
    expect(await page.getByLabel('Month').locator('option:checked').textContent()).toBe(`${EN[last.getUTCMonth()]} ${last.getUTCFullYear()}`);
    // 订单跟踪 for HQ with every station: a line where to pick one, not a bare status filter over nothing
    await page.locator('.top nav a[data-page=orders]').click();
    await expectText(page.getByTestId('tracking-pick-station'), 'Pick a station at the top right to list its orders to the depot');
    expect(await page.getByTestId('tracking-status').count()).toBe(0);
    await ctx.close();
  });

  it("station purchaser: follows the station's orders to the depot line by line (备件订单处理情况), page by page from the server, and downloads them", async () => {
    // another order to an ordinary supplier: not a depot order, so not on this page
    const buyer = await platform.token(['PURCHASER'], station.id);
    const offer = data.supplierParts.find((o) => data.suppliers.some((x) => x.id === o.supplierId && !x.depotStationId))!;
    const otherOrder = ok(await platform.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id } }`,
      { i: { supplierId: offer.supplierId, lines: [{ partId: offer.partId, quantity: 1 }] } }, buyer)).createPurchaseOrder;
    // two more orders to the depot, submitted and not yet handled: the status filter and the sort have something to tell apart
    const submitter = await platform.token(['PURCHASER', 'STATION_MANAGER'], station.id);
    for (const quantity of [1, 2]) {
      const po = ok(await platform.query(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id } }`,
        { i: { supplierId: depotSupplier.id, lines: [{ partId: stocked.id, quantity }] } }, submitter)).createPurchaseOrder;
      ok(await platform.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }, submitter));
    }
    const ids = async (toDepot: boolean) => ok(await platform.query(`query($s: ID, $d: Boolean) { purchaseOrdersPage(stationId: $s, toDepot: $d, first: 200) { items { id } } }`, { s: station.id, d: toDepot }, buyer))
      .purchaseOrdersPage.items.map((o: any) => o.id);
    expect(await ids(true)).toContain(order.id);
    expect(await ids(true)).not.toContain(otherOrder.id);
    expect(await ids(false)).toContain(otherOrder.id);
    const purchaser = await platform.user({ roles: 'PURCHASER', stationId: station.id, username: 'qian.caigou' });
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/orders`, purchaser);
    const tracked = page.getByTestId(`tracked-${order.number}`);
    // HQ shipped it in the test before: confirmed 2, back-ordered 3, shipped 2, in words
    await expectText(tracked.getByTestId('tracked-status'), '已发货');
    const line = (partNo: string) => tracked.locator('tbody tr', { hasText: partNo }).innerText();
    expect(await line(stocked.partNo)).toMatch(new RegExp(`\\t2 ${stocked.unit}\\t2\\t0\\t–\\t2\\t0$`)); // the ordered quantity with its unit
    expect(await line(none.partNo)).toMatch(new RegExp(`\\t3 ${none.unit}\\t0\\t3\\t`));
    const totalDepot = ok(await platform.query(`query($s: ID) { purchaseOrdersPage(stationId: $s, toDepot: true) { totalCount items { supplier { id } } } }`, { s: station.id }, buyer)).purchaseOrdersPage;
    expect(totalDepot.items.every((o: any) => o.supplier.id === depotSupplier.id)).toBe(true);
    expect(await page.locator('[data-testid^=tracked-]:not([data-testid=tracked-status])').count()).toBe(Math.min(20, totalDepot.totalCount));
    await expectText(page.locator('#depot-orders [data-testid=pager-count]'), `共 ${totalDepot.totalCount}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-purchase-orders').click()]);
    expect(download.suggestedFilename()).toMatch(/^purchase-orders-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(await page.locator('main').innerText()).not.toMatch(/SUBMITTED|SHIPPED|CONFIRMED/);

    // filtered by status and sorted on the server, like every list; the download takes the same filter
    const server = async (v: { st?: string; so?: { field: string; direction: string } }) => ok(await platform.query(
      `query($s: ID, $st: PurchaseOrderStatus, $so: PageSort) { purchaseOrdersPage(stationId: $s, toDepot: true, status: $st, sort: $so, first: 20) { totalCount items { number } } }`,
      { s: station.id, ...v }, buyer)).purchaseOrdersPage as { totalCount: number; items: { number: string }[] };
    const shownNumbers = () => page.locator('#depot-orders .tracked-order').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace(/^tracked-/, '')));
    const shipped = await server({ st: 'SHIPPED' });
    expect(shipped.totalCount).toBeGreaterThan(0);
    expect(shipped.totalCount).toBeLessThan(totalDepot.totalCount); // the filter leaves some out
    await page.getByTestId('tracking-status').selectOption('SHIPPED');
    await expectText(page.locator('#depot-orders [data-testid=pager-count]'), `共 ${shipped.totalCount} 条`);
    expect(await shownNumbers()).toEqual(shipped.items.map((o) => o.number));
    expect(new Set(await page.locator('#depot-orders [data-testid=tracked-status]').allInnerTexts())).toEqual(new Set(['已发货']));
    const sheet = await clickDownloadSheet(page, page.getByTestId('export-purchase-orders'));
    expect(sheet.rows[0][2]).toBe('状态');
    expect(sheet.rows.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(shipped.items.map((o) => o.number)));
    expect(sheet.rows.slice(1).every((r) => r[2] === '已发货')).toBe(true);
    expect(sheet.rows).toHaveLength(1 + shipped.totalCount);
    await page.getByTestId('tracking-status').selectOption('');
    await page.locator('#depot-orders [data-testid=sort]').selectOption('number:ASC');
    const byNumber = await server({ so: { field: 'number', direction: 'ASC' } });
    await expectText(page.locator('#depot-orders .tracked-order h3').first(), byNumber.items[0].number);
    expect(await shownNumbers()).toEqual(byNumber.items.map((o) => o.number));
    await noOverflow(page, 'order-tracking-1024.png');
    await ctx.close();
  });
});
