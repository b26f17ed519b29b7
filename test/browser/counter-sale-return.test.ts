/// <reference lib="dom" />
/**
 * 销售记录 → a counter sale opened and partly taken back in chromium at 1366 px (and 1024),
 * as the parts clerk signed in through the sign-in page: the line shows sold,
 * returned and returnable, a fraction of a piece part is stopped in the page,
 * the return puts the stock back (read through the API), and an over-return
 * the page cannot see (returned meanwhile through the API) is refused with the
 * server's reason in Chinese. Screenshot under test/e2e/screenshots.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { SHOTS, describeBrowser, expectText, launchBrowser, noOverflow, signedIn } from '../helpers/browser';

jest.setTimeout(240_000);

describeBrowser('a counter sale taken back in 销售记录 (chromium, 1366 px)', () => {
  let platform: Platform;
  let browser: Browser;
  const data = demoData();
  const station = data.stations.find((s) => (s.kind ?? 'STATION') === 'STATION')!;
  const part = data.stock
    .filter((l) => l.stationId === station.id && l.onHand >= 10)
    .map((l) => data.parts.find((p) => p.id === l.partId)!)
    .find((p) => p.unitPrecision === 0 && !p.supersededById)!;
  let clerk: SignedInUser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    clerk = await platform.user({ roles: 'PARTS_CLERK', stationId: station.id, username: 'sun.li' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  const onHand = async () => ok(await platform.query(`query($id: ID!) { part(id: $id) { stock { onHand } } }`, { id: part.id }, clerk.accessToken)).part.stock.onHand as number;

  it('returns part of a line, the stock comes back, an over-return is refused in Chinese', async () => {
    const sale = ok(await platform.query(`mutation($i: CounterSaleInput!) { sellOverCounter(input: $i, idempotencyKey: "ret-1") { id number lines { id } } }`,
      { i: { customerType: 'WALK_IN', lines: [{ partId: part.id, quantity: 5 }] } }, clerk.accessToken)).sellOverCounter;
    const afterSale = await onHand();
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk, 1366);
    await page.getByTestId('mode-records').click();
    await page.locator(`#sales-records tr[data-number="${sale.number}"]`).getByTestId('open-sale').click();
    const detail = page.locator('#sale-detail');
    await expectText(detail.getByTestId('sale-number'), sale.number);
    const line = detail.locator(`tr[data-part-no="${part.partNo}"]`);
    await expectText(line.getByTestId('line-sold'), '5');
    await expectText(line.getByTestId('line-returnable'), '5');
    await line.getByTestId('sale-return').click();
    await line.getByLabel('退货数量').fill('1.5');
    await expectText(line.locator('.field-error'), '整数');
    await line.getByLabel('退货数量').fill('2');
    await line.getByRole('button', { name: '确定' }).click();
    await expectText(line.getByTestId('line-returned'), '2');
    await expectText(line.getByTestId('line-returnable'), '3');
    expect(await onHand()).toBe(afterSale + 2);
    // 2 more taken back elsewhere: the page still offers 3, the server refuses them
    ok(await platform.query(`mutation($l: ID!) { returnCounterSaleLine(lineId: $l, quantity: 2, idempotencyKey: "ret-api") { returned } }`, { l: sale.lines[0].id }, clerk.accessToken));
    await line.getByTestId('sale-return').click();
    await line.getByLabel('退货数量').fill('3');
    await line.getByRole('button', { name: '确定' }).click();
    await expectText(line.locator('[role=alert]'), '最多可退 1');
    expect(await onHand()).toBe(afterSale + 4);
    // the refusal reads the sale again: the page now shows the 4 returned and 1 left, the server's reason still on screen
    await expectText(line.getByTestId('line-returned'), '4');
    await expectText(line.getByTestId('line-returnable'), '1');
    await expectText(line.locator('[role=alert]'), '最多可退 1');
    // the day filters are written the console's way, not the browser's mm/dd/yyyy: 年/月/日 in Chinese, dd/mm/yyyy in English
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const from = page.locator('#sales-records input[data-day]').first();
    expect(await from.getAttribute('placeholder')).toBe('年/月/日');
    await from.fill(`${d.getFullYear()}/${pad(d.getMonth() + 1)}/${pad(d.getDate())}`);
    await expectText(page.locator('#sales-records').getByTestId('pager-count'), '共 1 条');
    await noOverflow(page, 'counter-sale-return-1366.png');
    // the opened sale with its return form still fits a 1024 px counter screen
    await page.setViewportSize({ width: 1024, height: 768 });
    await noOverflow(page, 'counter-sale-return-1024.png');
    await page.setViewportSize({ width: 1366, height: 800 }); // the context's own size again (signedIn)
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(await from.inputValue()).toBe(`${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`);
    expect(await page.locator('#lost-records input[data-day]').first().getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await page.screenshot({ path: path.join(SHOTS, 'counter-sale-return-en-1366.png') });
    await ctx.close();
  });
});
