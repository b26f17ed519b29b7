/// <reference lib="dom" />
/**
 * 销售记录 → a counter sale opened and partly taken back in chromium at 1366 px (and 1024),
 * as the parts clerk signed in through the sign-in page: the line shows sold,
 * returned and returnable, a fraction of a piece part is stopped in the page,
 * the return (with its reason) puts the stock back (read through the API) and
 * offers its 退料单, which prints in the repair order's layout on one A4 sheet
 * (station, number, sale, unit, bin, reason, total, 退料人 / 收料人); an
 * over-return the page cannot see (returned meanwhile through the API) is
 * refused with the server's reason in Chinese. Screenshots under test/e2e/screenshots.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { SHOTS, describeBrowser, expectText, launchBrowser, noOverflow, printedOnA4, signedIn } from '../helpers/browser';

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
    await line.getByLabel('退货原因（可选）').fill('买错型号');
    await line.getByRole('button', { name: '确定' }).click();
    await expectText(line.getByTestId('line-returned'), '2');
    await expectText(line.getByTestId('line-returnable'), '3');
    expect(await onHand()).toBe(afterSale + 2);
    // the return as the API has it: its 退料单 number and reason, shown on the line and offered for printing
    const booked = ok(await platform.query(`query($id: ID!) { counterSale(id: $id) { station { code name } lines { bin { code warehouse { code } } returns { number quantity reason } } } }`,
      { id: sale.id }, clerk.accessToken)).counterSale;
    const [slipReturn] = booked.lines[0].returns;
    expect(slipReturn).toEqual({ number: expect.stringMatching(/^TL\d{4}-\d{6}$/), quantity: 2, reason: '买错型号' });
    await expectText(detail.getByTestId('sale-return-row'), `退 2 ${part.unit}：买错型号`);
    expect(await detail.getByTestId('sale-return-row').innerText()).toContain(slipReturn.number);
    await expectText(detail.getByTestId('return-slip'), `已退回 2 ${part.unit}，退料单 ${slipReturn.number}`);
    await detail.getByTestId('print-return-slip').click();
    await page.emulateMedia({ media: 'print' });
    const doc = page.getByTestId('print-root');
    await doc.locator('h1').waitFor();
    expect(await doc.locator('h1').innerText()).toBe('退料单');
    const printed = await doc.innerText();
    for (const s of [`单号：${slipReturn.number}`, `销售单：${sale.number}`, `服务站：${booked.station.code} ${booked.station.name}`, part.partNo, part.name, part.unit,
      `${booked.lines[0].bin.warehouse.code}/${booked.lines[0].bin.code}`, '买错型号', '合计', '退料人', '收料人', '打印时间', '退料单号', '货位', '单位']) expect(printed).toContain(s);
    expect(printed).toMatch(/\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2} /); // when it came back, date and time, and who
    expect(await doc.locator('tbody tr').count()).toBe(1);
    expect(await doc.locator('tfoot').innerText()).toContain('2');
    await page.screenshot({ path: path.join(SHOTS, 'counter-sale-return-slip-1366.png'), fullPage: true });
    expect(await printedOnA4(page, 'counter-sale-return-slip-a4.png')).toBe(1);
    await page.emulateMedia({ media: 'screen' });
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
    // the sale's returns (the page's and the one made through the API) all on one 退料单, at the counter's 1024 px too
    await detail.getByTestId('print-sale-returns').click();
    await page.emulateMedia({ media: 'print' });
    await expectText(doc.locator('.doc-head'), slipReturn.number);
    expect(await doc.locator('tbody tr').count()).toBe(2);
    expect(await detail.getByTestId('sale-return-row').count()).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, 'counter-sale-returns-1024.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 800 }); // the context's own size again (signedIn)
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    expect(await from.inputValue()).toBe(`${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}`);
    expect(await page.locator('#lost-records input[data-day]').first().getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await page.screenshot({ path: path.join(SHOTS, 'counter-sale-return-en-1366.png') });
    // the same 退料单 in English: the repair order's English texts
    await detail.getByTestId('print-sale-returns').click();
    await page.emulateMedia({ media: 'print' });
    await expectText(doc.locator('h1'), 'Return note');
    const en = await doc.innerText();
    for (const s of ['Return no.', 'Unit', 'Bin', 'Reason for the return', 'Total', 'Returned by', 'Received by', 'Printed', `Sale：${sale.number}`, 'Walk-in']) expect(en).toContain(s);
    expect(await printedOnA4(page, 'counter-sale-returns-en-a4.png')).toBe(1);
    await page.emulateMedia({ media: 'screen' });
    await ctx.close();
  });
});
