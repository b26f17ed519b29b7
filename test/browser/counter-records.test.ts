/// <reference lib="dom" />
/**
 * 销售记录 at the counter in chromium at 1024 px, signed in through the
 * sign-in page as the station manager: the station's counter sales (柜台销售记录)
 * newest first, 20 a page with "load more", found by customer, filtered by
 * customer type and by part, sorted by amount and by quantity on the server; the lost sales
 * (缺货流失记录) by reason and by outcome; each downloaded as Excel with the
 * filters shown. A parts clerk sees the same records. No sideways overflow at
 * 1024 and 768 px; screenshots under test/e2e/screenshots.
 */
import type { Browser, Page } from 'playwright-core';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { clickDownloadSheet } from '../helpers/sheet';
import { ok } from '../helpers/graphql';
import { describeBrowser, expectText, launchBrowser, noOverflow, signedIn } from '../helpers/browser';

jest.setTimeout(240_000);

describeBrowser('the counter’s sales and lost sales records in chromium (1024 px)', () => {
  let platform: Platform;
  let browser: Browser;
  const data = demoData();
  const station = data.stations.find((s) => (s.kind ?? 'STATION') === 'STATION')!;
  const whole = data.stock
    .filter((l) => l.stationId === station.id && l.onHand >= 30)
    .map((l) => data.parts.find((p) => p.id === l.partId)!)
    .filter((p, i, all) => p.unitPrecision === 0 && !p.supersededById && all.findIndex((x) => x.id === p.id) === i);
  const [common, rare, lostPart] = whole;
  let clerk: SignedInUser;
  let manager: SignedInUser;
  const sold: { number: string; total: string; customerType: string; customerName: string | null }[] = [];
  const money = (s: string) => `¥${Number(s).toFixed(2)}`;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    clerk = await platform.user({ roles: 'PARTS_CLERK', stationId: station.id, username: 'zhou.jie' });
    manager = await platform.user({ roles: 'STATION_MANAGER', stationId: station.id, username: 'qian.hui' });
    // 23 sales (more than a page of 20), one of them to a named workshop; the rare part is on two of them.
    const types = ['WALK_IN', 'MEMBER', 'WHOLESALE', 'INSURANCE'];
    for (let i = 0; i < 23; i++) {
      const lines = [{ partId: common.id, quantity: 1 + (i % 3) }, ...(i === 4 || i === 17 ? [{ partId: rare.id, quantity: 1 }] : [])];
      const customerName = i === 9 ? '修理厂 王师傅' : null;
      const s = ok(await platform.query(`mutation($i: CounterSaleInput!, $k: String!) { sellOverCounter(input: $i, idempotencyKey: $k) { number total customerType customerName } }`,
        { i: { customerType: types[i % 4], customerName, lines }, k: `rec-${i}` }, clerk.accessToken)).sellOverCounter;
      sold.push(s);
    }
    const record = (input: Record<string, unknown>) => platform.query(`mutation($i: LostSaleInput!) { recordLostSale(input: $i) { id } }`, { i: input }, clerk.accessToken).then(ok);
    await record({ partId: lostPart.id, quantity: 2, reason: 'PRICE', note: '嫌贵' });
    await record({ partId: lostPart.id, quantity: 1, reason: 'NOT_STOCKED' });
    await record({ partId: rare.id, quantity: 3, reason: 'OUT_OF_STOCK', emergencyPurchase: true, note: '当天调货' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const rows = (page: Page, table: string) => page.locator(`[data-testid=${table}] tbody tr`);
  const waitRows = async (page: Page, table: string, n: number) => {
    const deadline = Date.now() + 20_000;
    while ((await rows(page, table).count()) !== n) {
      if (Date.now() > deadline) throw new Error(`${table}: expected ${n} rows, saw ${await rows(page, table).count()}`);
      await page.waitForTimeout(200);
    }
  };
  const readSheet = (page: Page, button: string) => clickDownloadSheet(page, page.getByTestId(button));

  it('station manager: browses counter sales page by page with filters and sort, and downloads them', async () => {
    const total = ok(await platform.query(`{ counterSalesPage(first: 1) { totalCount } }`, {}, manager.accessToken)).counterSalesPage.totalCount;
    expect(total).toBeGreaterThanOrEqual(23);
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, manager);
    await page.getByTestId('mode-records').click();
    const panel = page.locator('#sales-records');
    await expectText(panel.getByTestId('pager-count'), `显示 20 / 共 ${total} 条`);
    await waitRows(page, 'sales-records', 20);
    const newest = sold[sold.length - 1];
    expect(await rows(page, 'sales-records').first().getAttribute('data-number')).toBe(newest.number);
    await expectText(rows(page, 'sales-records').first().getByTestId('sale-amount'), money(newest.total));
    // the next page
    await panel.getByRole('button', { name: '加载更多' }).click();
    await waitRows(page, 'sales-records', Math.min(total, 40));
    const numbers = await rows(page, 'sales-records').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number')));
    expect(new Set(numbers).size).toBe(numbers.length);

    // found by the customer's name
    await panel.getByLabel('单号或客户名称').fill('王师傅');
    await waitRows(page, 'sales-records', 1);
    expect(await rows(page, 'sales-records').first().getAttribute('data-number')).toBe(sold[9].number);
    await expectText(rows(page, 'sales-records').first(), '修理厂 王师傅');
    await panel.getByLabel('单号或客户名称').fill('');

    // by customer type
    await page.getByTestId('records-customer-type').selectOption('WHOLESALE');
    const wholesale = ok(await platform.query(`{ counterSalesPage(customerType: WHOLESALE, first: 1) { totalCount } }`, {}, manager.accessToken)).counterSalesPage.totalCount;
    await expectText(panel.getByTestId('pager-count'), `共 ${wholesale} 条`);
    const customers = await rows(page, 'sales-records').locator('td:nth-child(3)').allInnerTexts();
    expect(customers.every((c) => c.startsWith('批发'))).toBe(true);
    await page.getByTestId('records-customer-type').selectOption('');

    // by part: the two sales with the rare part
    await panel.getByLabel('配件编号').fill(rare.partNo);
    await panel.getByRole('button', { name: '按配件筛选' }).click();
    await expectText(page.getByTestId('records-part'), rare.partNo);
    await waitRows(page, 'sales-records', 2);
    expect((await rows(page, 'sales-records').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-number')))).sort()).toEqual([sold[4].number, sold[17].number].sort());
    const partSheet = await readSheet(page, 'export-counter-sales');
    expect(partSheet.name).toBe('柜台销售记录');
    expect(partSheet.rows[0].slice(0, 6)).toEqual(['销售单号', '服务站', '销售时间', '客户类型', '客户', '配件编号']);
    expect(partSheet.rows).toHaveLength(1 + 4); // two sales of two lines each
    expect(partSheet.rows.slice(1).every((r) => typeof r[9] === 'number' && typeof r[13] === 'number')).toBe(true);
    await page.getByRole('button', { name: '清除配件筛选' }).click();

    // largest amount first, sorted on the server
    await panel.locator('th[data-sort=amount] button').click();
    const biggest = ok(await platform.query(`{ counterSalesPage(first: 1, sort: { field: "amount" }) { items { number total } } }`, {}, manager.accessToken)).counterSalesPage.items[0];
    await expectText(rows(page, 'sales-records').first().getByTestId('sale-amount'), money(biggest.total));
    expect(await page.locator('#sales-records th[data-sort=amount]').getAttribute('aria-sort')).toBe('descending');

    // most pieces first, then fewest first, sorted on the server
    const quantityOrder = async (direction: string) => ok(await platform.query(`query($d: SortDirection) { counterSalesPage(first: 20, sort: { field: "quantity", direction: $d }) { items { number quantity } } }`,
      { d: direction }, manager.accessToken)).counterSalesPage.items as { number: string; quantity: number }[];
    const shown = () => rows(page, 'sales-records').evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-number'), tr.querySelector('[data-testid=sale-quantity]')?.textContent]));
    await panel.locator('th[data-sort=quantity] button').click();
    const most = await quantityOrder('DESC');
    expect(most[0].quantity).toBe(4); // 3 of the common part and the rare one
    await expectText(rows(page, 'sales-records').first().getByTestId('sale-quantity'), '4');
    await waitRows(page, 'sales-records', 20);
    expect(await shown()).toEqual(most.map((s) => [s.number, String(s.quantity)]));
    expect(await page.locator('#sales-records th[data-sort=quantity]').getAttribute('aria-sort')).toBe('descending');
    await panel.locator('th[data-sort=quantity] button').click();
    const fewest = await quantityOrder('ASC');
    await expectText(rows(page, 'sales-records').first().getByTestId('sale-quantity'), String(fewest[0].quantity));
    expect(fewest[0].quantity).toBe(1);
    const deadline = Date.now() + 20_000;
    while (JSON.stringify(await shown()) !== JSON.stringify(fewest.map((s) => [s.number, String(s.quantity)])) && Date.now() < deadline) await page.waitForTimeout(200);
    expect(await shown()).toEqual(fewest.map((s) => [s.number, String(s.quantity)]));
    expect(await page.locator('#sales-records th[data-sort=quantity]').getAttribute('aria-sort')).toBe('ascending');
    await ctx.close();
  });

  it('station manager: lost sales by reason and outcome, downloaded; the page fits 1024 px', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, manager);
    await page.getByTestId('mode-records').click();
    const panel = page.locator('#lost-records');
    const total = ok(await platform.query(`{ lostSalesPage(first: 1) { totalCount } }`, {}, manager.accessToken)).lostSalesPage.totalCount;
    await expectText(panel.getByTestId('pager-count'), `共 ${total} 条`);
    await expectText(rows(page, 'lost-records').first(), rare.partNo); // newest first: the emergency purchase
    await expectText(rows(page, 'lost-records').first(), '紧急采购');
    await page.getByTestId('records-reason').selectOption('PRICE');
    await waitRows(page, 'lost-records', 1);
    await expectText(rows(page, 'lost-records').first(), '嫌价格高');
    await expectText(rows(page, 'lost-records').first(), `2 ${lostPart.unit}`);
    await expectText(rows(page, 'lost-records').first(), '嫌贵');
    const sheet = await readSheet(page, 'export-lost-sales');
    expect(sheet.name).toBe('缺货流失记录');
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows[1][2]).toBe(lostPart.partNo);
    expect(sheet.rows[1][5]).toBe(2);
    expect(sheet.rows[1][6]).toBe('嫌价格高');
    await page.getByTestId('records-reason').selectOption('');
    await page.getByTestId('records-outcome').selectOption('emergency');
    await waitRows(page, 'lost-records', 1);
    await expectText(rows(page, 'lost-records').first(), '当天调货');
    await page.getByTestId('records-outcome').selectOption('');
    await expectText(panel.getByTestId('pager-count'), `共 ${total} 条`);
    await noOverflow(page, 'counter-records-1024.png');
    await ctx.close();
  });

  it('parts clerk: reads the same records, at 768 px too', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk, 768);
    await page.getByTestId('mode-records').click();
    const total = ok(await platform.query(`{ counterSalesPage(first: 1) { totalCount } }`, {}, clerk.accessToken)).counterSalesPage.totalCount;
    await expectText(page.locator('#sales-records').getByTestId('pager-count'), `显示 20 / 共 ${total} 条`);
    expect(await rows(page, 'sales-records').first().getAttribute('data-number')).toBe(sold[sold.length - 1].number);
    await expectText(rows(page, 'sales-records').first().getByTestId('sale-quantity'), String(1 + ((sold.length - 1) % 3)));
    await noOverflow(page, 'counter-records-768.png');
    await ctx.close();
  });
});
