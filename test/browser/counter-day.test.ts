/// <reference lib="dom" />
/**
 * The rest of the counter's day in chromium at 1024 px, signed in through the
 * sign-in page as the people it belongs to: a parts clerk issues to a repair
 * order, takes one back with a reason (退料单), prints the 出库单, completes
 * the order; the station manager re-prices a line (调价); the clerk settles,
 * after which nothing can be returned. A counter sale at the member's price
 * tier, and a lost sale when the customer leaves. No sideways overflow at
 * 1024 px; each printed sheet fits A4 (one sheet, signature lines beside
 * their labels); screenshots under test/e2e/screenshots.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { describeBrowser, expectText, launchBrowser, noOverflow, printedOnA4, signedIn, SHOTS } from '../helpers/browser';
import { clickDownloadSheet } from '../helpers/sheet';

jest.setTimeout(180_000);

describeBrowser('the counter’s day in chromium (1024 px)', () => {
  let platform: Platform;
  let browser: Browser;
  const data = demoData();
  const station = data.stations.find((s) => (s.kind ?? 'STATION') === 'STATION')!;
  const whole = data.stock
    .filter((l) => l.stationId === station.id && l.onHand >= 5)
    .map((l) => data.parts.find((p) => p.id === l.partId)!)
    .filter((p, i, all) => p.unitPrecision === 0 && !p.supersededById && all.findIndex((x) => x.id === p.id) === i);
  const [part, salePart, lostPart] = whole;
  let clerk: SignedInUser;
  let manager: SignedInUser;
  let roNumber = '';
  const money = (n: number) => `¥${n.toFixed(2)}`;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    clerk = await platform.user({ roles: 'PARTS_CLERK', stationId: station.id, username: 'zhao.min' });
    manager = await platform.user({ roles: 'STATION_MANAGER', stationId: station.id, username: 'sun.li' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  async function addToDraft(page: Page, p: { partNo: string }) {
    await page.getByLabel('查找备件').fill(p.partNo);
    await page.locator(`[data-testid=search-results] tr[data-part-no="${p.partNo}"] button`).click();
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${p.partNo}"]`).waitFor();
  }
  async function printed(page: Page, button: ReturnType<Page['locator']>, shot: string): Promise<string> {
    await button.click();
    await page.emulateMedia({ media: 'print' });
    const doc = page.getByTestId('print-root');
    await doc.locator('h1').waitFor();
    const text = await doc.innerText();
    await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    // the same document on A4: fits the sheet's width, one sheet for these few lines
    expect(await printedOnA4(page, shot.replace('-1024.png', '-a4.png'))).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    return text;
  }

  it('clerk: issues to a repair order, returns one with a reason (退料单), prints the 出库单 and completes the order', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk);
    await addToDraft(page, part);
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${part.partNo}"] input.qty`).fill('2');
    await page.keyboard.press('F8');
    await page.locator('input[name=plate]').fill('京B·D2345');
    await page.getByRole('button', { name: '开立委托书' }).click();
    roNumber = (await expectText(page.getByTestId('ro-number'), /\S/)).trim();
    // Stock issues this requisition 1.5 s after it was asked for (a slow moment), so its 出库时间 differs from its 领料时间.
    platform.subgraphs.workshop.runtime.faults = { 'requisition.beforeRemote': () => new Promise((r) => setTimeout(r, 1500)) };
    await page.keyboard.press('F4');
    await expectText(page.getByTestId('issue-result'), /领料单 LL\d{4}-\d{6} 已发料/);
    platform.subgraphs.workshop.runtime.faults = {};
    const line = page.locator(`[data-testid=ro-lines] tr[data-part-no="${part.partNo}"]`);
    await expectText(line, `2 ${part.unit}`);
    expect(await line.getByTestId('adjust-price').count()).toBe(0); // 调价 is a manager's

    // return one, with a reason
    await line.getByTestId('return').click();
    const form = line.getByTestId('return-form');
    await form.getByLabel('退料数量').fill('1');
    expect(await form.locator('button[type=submit]').isDisabled()).toBe(true); // no reason yet: nothing can be sent
    await form.getByLabel('退料数量').fill('3');
    await expectText(form.locator('.field-error'), '最多 2');
    await form.getByLabel('退料数量').fill('1');
    await form.getByLabel('退料原因').fill('维修未用');
    await form.locator('button[type=submit]').click();
    await expectText(line, '退 1：维修未用');
    expect(await page.locator('#parts-list').innerText()).toContain(clerk.username); // who requested, by name
    await noOverflow(page, 'counter-repair-order-1024.png');

    const ret = await printed(page, page.getByTestId('print-returns'), 'counter-print-return-1024.png');
    for (const s of ['退料单', roNumber, part.partNo, part.unit, '维修未用', '退料人', '收料人', '打印时间', clerk.username]) expect(ret).toContain(s);
    const out = await printed(page, page.getByTestId('print-issue').first(), 'counter-print-issue-1024.png');
    for (const s of ['出库单', roNumber, part.partNo, part.unit, '货位', '合计', '发料人', '打印时间']) expect(out).toContain(s);
    // 出库时间 is when the parts were issued (Requisition.issuedAt), not when they were asked for
    const [req] = ok(await platform.query(`query($n: String!) { repairOrdersPage(query: $n, first: 1) { items { requisitions { requestedAt issuedAt } } } }`, { n: roNumber }, clerk.accessToken)).repairOrdersPage.items[0].requisitions;
    const shown = (iso: string) => page.evaluate((x) => new Date(x).toLocaleString('zh-CN', { hour12: false }), iso);
    expect(await shown(req.issuedAt)).not.toBe(await shown(req.requestedAt));
    expect(out).toContain(`出库时间：${await shown(req.issuedAt)}`);

    await page.getByTestId('complete').click();
    await expectText(page.getByTestId('ro-status'), '已完工');
    await ctx.close();
  });

  it('manager: re-prices the line of the completed order (调价), never above the HQ cap', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, manager);
    await page.getByLabel('单号、车牌或 VIN').fill(roNumber);
    await page.locator(`[data-testid=ro-list] button[data-number="${roNumber}"]`).click();
    const line = page.locator(`[data-testid=ro-lines] tr[data-part-no="${part.partNo}"]`);
    await line.getByTestId('adjust-price').click();
    const price = line.getByLabel('单价');
    if (part.prices.hqCap) {
      await price.fill((Number(part.prices.hqCap) + 1).toFixed(2));
      await expectText(line.locator('.field-error'), '不能高于总部限价');
    }
    const lower = Math.max(0.01, Math.round(Number(part.prices.retail) * 90) / 100);
    await price.fill(lower.toFixed(2));
    await line.getByRole('button', { name: '确定' }).click();
    await expectText(line, money(lower)); // unit price; the amount is for the 1 still issued
    expect(await page.getByTestId('parts-cost').innerText()).toBe(money(lower));
    await ctx.close();
  });

  it('clerk: settles the order; after that nothing can be returned', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk);
    await page.getByLabel('单号、车牌或 VIN').fill(roNumber);
    await page.locator(`[data-testid=ro-list] button[data-number="${roNumber}"]`).click();
    await page.getByTestId('settle').click();
    await expectText(page.getByTestId('ro-status'), '已结算');
    expect(await page.locator('[data-testid=ro-lines] [data-testid=return]').count()).toBe(0);

    // the list filters by one status and by the day opened, on the server; the download takes the same filters
    await page.getByLabel('单号、车牌或 VIN').fill('');
    const listed = () => page.locator('[data-testid=ro-list] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-number')));
    const settled = ok(await platform.query(`{ repairOrdersPage(statuses: [SETTLED], first: 8) { totalCount items { number } } }`, {}, clerk.accessToken)).repairOrdersPage;
    expect(settled.items.map((o: any) => o.number)).toContain(roNumber);
    await page.getByTestId('ro-status-filter').selectOption('SETTLED');
    await expectText(page.locator('#ro-panel [data-testid=pager-count]'), `共 ${settled.totalCount} 条`);
    expect(await listed()).toEqual(settled.items.map((o: any) => o.number));
    const sheet = await clickDownloadSheet(page, page.getByTestId('export-repair-orders'));
    expect(sheet.rows[0].slice(0, 2)).toEqual(['委托书号', '状态']);
    expect(sheet.rows.length - 1).toBe(settled.totalCount);
    expect(sheet.rows.slice(1).every((r) => r[1] === '已结算')).toBe(true);
    const y = new Date(Date.now() - 86_400_000);
    await page.getByTestId('ro-to').fill(`${y.getFullYear()}-${String(y.getMonth() + 1).padStart(2, '0')}-${String(y.getDate()).padStart(2, '0')}`);
    await page.locator(`[data-testid=ro-list] button[data-number="${roNumber}"]`).waitFor({ state: 'detached' });
    await page.getByTestId('ro-to').fill('');
    await page.getByTestId('ro-status-filter').selectOption('active'); // not settled: this one is not among them
    await page.locator(`[data-testid=ro-list] button[data-number="${roNumber}"]`).waitFor({ state: 'detached' });
    await noOverflow(page, 'counter-ro-filters-1024.png');
    await ctx.close();
  });

  it('clerk: sells over the counter at the member price and records a lost sale when a customer leaves', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk);
    await page.getByTestId('mode-sale').click();
    await page.getByTestId('customer-type').selectOption('MEMBER');
    await addToDraft(page, salePart);
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${salePart.partNo}"] input.qty`).fill('2');
    const member = Math.min(Number(salePart.prices.member), salePart.prices.hqCap ? Number(salePart.prices.hqCap) : Infinity);
    await expectText(page.getByTestId('sale-total'), money(member * 2));
    await page.keyboard.press('F4');
    await expectText(page.getByTestId('issue-result'), new RegExp(`销售单 \\S+ 已出库，合计 ${money(member * 2).replace('.', '\\.')}`));

    // the next customer wants a part and leaves: a lost sale, not a sale
    await addToDraft(page, lostPart);
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${lostPart.partNo}"]`).getByTestId('lost-sale').click();
    await page.getByLabel('流失原因').selectOption('PRICE');
    await page.getByRole('button', { name: '记录流失' }).click();
    await expectText(page.getByTestId('issue-result'), `已记录流失：${lostPart.partNo} 1 ${lostPart.unit}`);
    expect(await page.locator(`[data-testid=draft-lines] tr[data-part-no="${lostPart.partNo}"]`).count()).toBe(0);
    await noOverflow(page, 'counter-sale-1024.png');
    await ctx.close();

    // the lost sale is on record for the station (public API, as its manager)
    const r = await platform.query(`query($s: ID) { lostSales(stationId: $s) { quantity reason part { partNo } } }`, { s: station.id }, manager.accessToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.lostSales).toEqual(expect.arrayContaining([expect.objectContaining({ quantity: 1, reason: 'PRICE', part: { partNo: lostPart.partNo } })]));
  });
});
