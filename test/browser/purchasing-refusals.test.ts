/// <reference lib="dom" />
/**
 * Purchasing's refusals in chromium read like the console's others: from the
 * refusal's extensions.reason and params through the console's one table per
 * language (locales/reasons.ts, reasons-en.ts), statuses by their names, never
 * the server's status codes. A purchaser has a draft order on screen while a
 * colleague submits it; the purchaser's 提交 is refused (ORDER_STATUS_CONFLICT)
 * and the box's headline is that refusal's text, in Chinese and, after
 * switching the language, in English; the row then shows the order as submitted.
 */
import type { Browser } from 'playwright-core';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { describeBrowser, expectText, launchBrowser, noOverflow, signedIn } from '../helpers/browser';
import { reasonZh } from '../../console/src/locales/reasons';
import { reasonEn } from '../../console/src/locales/reasons-en';

jest.setTimeout(180_000);

describeBrowser('purchasing refusals in chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let buyer: SignedInUser;
  let token: string;
  const data = demoData();
  const station = data.stations[0];
  const supplier = data.suppliers.find((s) => !s.depotStationId)!;
  const part = data.parts.find((p) => p.unitPrecision === 0 && !p.supersededById)!;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    buyer = await platform.user({ roles: 'PURCHASER', stationId: station.id, username: 'zhou.caigou' });
    token = await platform.token('PURCHASER', station.id, buyer.user.id);
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });
  const api = (q: string, v: Record<string, unknown> = {}) => platform.query(q, v, token);

  it('a draft submitted meanwhile by a colleague: 提交 is refused with the refusal’s own headline, in Chinese and English, no status codes', async () => {
    const po = ok(await api(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number } }`,
      { i: { supplierId: supplier.id, lines: [{ partId: part.id, quantity: 3, unitPrice: '12.00' }] } })).createPurchaseOrder;
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/purchasing`, buyer);
    if (!(await page.locator('#purchase-orders').count())) await page.locator('.top nav a[data-page=purchasing]').click();
    const row = page.locator(`#purchase-orders tr[data-po="${po.number}"]`);
    await expectText(row.getByTestId('po-status'), '草稿');

    // a colleague submits it; this page still shows the draft and its 提交
    ok(await api(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id }));
    // what the server says to a second submit: the refusal the page will show
    const again = await api(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id });
    const ext = again.errors![0].extensions as { reason: string; params: Record<string, unknown> };
    expect(ext.reason).toBe('ORDER_STATUS_CONFLICT');

    await row.getByRole('button', { name: '提交' }).click();
    const box = page.locator(`#purchase-orders [role=alert][data-reason=ORDER_STATUS_CONFLICT]`);
    const zh = await expectText(box.locator('strong'), po.number);
    expect(zh).toBe(reasonZh(ext.reason, ext.params));
    expect(zh).toContain('“已提交”');
    expect(await box.innerText()).not.toMatch(/SUBMITTED|DRAFT|ORDER_STATUS/);
    await expectText(row.getByTestId('po-status'), '已提交'); // the list is read again: the row says where the order is now
    await noOverflow(page, 'purchasing-refusal-1024.png');

    await page.locator('.top .lang button[lang=en]').click();
    const en = await expectText(box.locator('strong'), 'Purchase order');
    expect(en).toBe(reasonEn(ext.reason, ext.params));
    expect(en).toContain('“Submitted”');
    expect(await box.innerText()).not.toMatch(/SUBMITTED|DRAFT|ORDER_STATUS/);
    await noOverflow(page, 'purchasing-refusal-en-1024.png');
    await ctx.close();
  });
});
