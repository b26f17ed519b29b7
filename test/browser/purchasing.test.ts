/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
/**
 * Purchasing in a real browser, as a purchaser (采购员), at 1024 px — Debian's
 * chromium driven by playwright-core against the whole platform in-process:
 *
 *  - orders to two suppliers from recommendations: search and select parts,
 *    "create orders" names the part nobody offers, the purchaser adds an
 *    offer for it on the spot, then one draft per preferred supplier; the
 *    order's detail (dates, amount, lines) and its printed purchase order
 *  - receiving with damage → 货损单 → sent to the supplier → accepted → goods
 *    back to the supplier (SUPPLIER_RETURN) → the replacement order arrives
 *    and shows in the claim → settled; printed 入库单 and 货损单
 *  - alerts acknowledged per person, still acknowledged after a reload
 *
 * Every step asserts what the page shows; every screenshot (test/e2e/screenshots/
 * purchasing-*.png) is taken at 1024 px after checking the page does not
 * scroll sideways. Without chromium the file skips, saying why — except under
 * CI=true, where a missing browser fails the run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { CHROMIUM, describeBrowser, ROOT, SHOTS } from '../helpers/browser';

const WIDTH = 1024;


jest.setTimeout(120_000);

describeBrowser('purchasing in chromium at 1024 px', () => {
  let platform: Platform;
  let browser: Browser;
  let buyerToken: string;
  const data = demoData();
  const station = data.stations[0];
  const [s1, s2] = data.suppliers;
  const parts = new Map(data.parts.map((p) => [p.id, p]));
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('purchasing-')) fs.rmSync(path.join(SHOTS, f));
    execFileSync(process.execPath, [path.join(ROOT, 'console', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
    [platform, browser] = await Promise.all([
      startPlatform(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      }),
    ]);
    buyerToken = await platform.token('PURCHASER', station.id, 'wang.caigou');
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await platform?.stop();
  });

  const api = (q: string, v: Record<string, unknown> = {}) => platform.query(q, v, buyerToken).then(ok);

  async function signedIn(pathName = '/purchasing'): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: WIDTH, height: 800 }, locale: 'zh-CN' });
    contexts.push(ctx);
    await ctx.addInitScript((t) => {
      localStorage.setItem('partsgraph.token', t);
      localStorage.setItem('partsgraph.lang', 'zh');
      window.print = () => undefined; // the preview's 打印 button must not block headless chromium
    }, buyerToken);
    const page = await ctx.newPage();
    await page.goto(`${platform.gateway.url}${pathName}`);
    await page.locator('.top nav').waitFor();
    return page;
  }
  /** No sideways scrolling at 1024 px, then a full-page screenshot to look at. */
  async function shot(page: Page, name: string) {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ name, overflow }).toEqual({ name, overflow: 0 });
    await page.screenshot({ path: path.join(SHOTS, `purchasing-${name}.png`), fullPage: true });
  }
  async function see(page: Page, locator: ReturnType<Page['locator']>, name: string, timeout = 20_000) {
    try {
      await locator.waitFor({ timeout });
    } catch (err) {
      await page.screenshot({ path: path.join(SHOTS, `purchasing-failed-${name}.png`), fullPage: true }).catch(() => undefined);
      throw err;
    }
  }
  async function expectPlainWords(page: Page) {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/"extensions"|\{"|GRAPHQL_VALIDATION_FAILED|Cannot query field|NO_SUPPLIER_OFFER|undefined/);
  }

  it('places orders to two suppliers from recommendations, adding the offer a part lacked', async () => {
    const candidates = data.parts.filter((p) => p.unitPrecision === 0).slice(0, 150).map((p) => p.id);
    const recs = (await api(`query($s: ID!, $p: [ID!]) { reorderRecommendations(stationId: $s, partIds: $p) { part { id } suggestedQuantity supplierId } }`, { s: station.id, p: candidates })).reorderRecommendations;
    const buy = recs.filter((r: any) => r.suggestedQuantity > 0 && r.supplierId).map((r: any) => r.part.id as string);
    const [a, b, c] = buy;
    const [pa, pb, pc] = [a, b, c].map((id) => parts.get(id)!);
    // a to supplier 1, b to supplier 2 (preferred offers); c loses its offers
    await api(`mutation($i: SupplierOfferInput!) { setSupplierOffer(input: $i) { preferred } }`, { i: { supplierId: s1.id, partId: a, unitPrice: '31.00', preferred: true } });
    await api(`mutation($i: SupplierOfferInput!) { setSupplierOffer(input: $i) { preferred } }`, { i: { supplierId: s2.id, partId: b, unitPrice: '42.50', preferred: true } });
    for (const o of (await api(`query($id: ID!) { part(id: $id) { offers { supplier { id } } } }`, { id: c })).part.offers) {
      await api(`mutation($s: ID!, $p: ID!) { removeSupplierOffer(supplierId: $s, partId: $p) }`, { s: o.supplier.id, p: c });
    }

    const page = await signedIn();
    const table = page.locator('[data-testid=recs]');
    await see(page, table.locator('tbody tr').first(), 'recs', 40_000);
    const count = await page.getByTestId('recs-count').innerText();
    expect(count).toMatch(/显示 \d+ \/ 共 \d+ 项/);
    // every suggested row is reachable: the count says how many, "more" shows the rest
    const total = Number(/共 (\d+) 项/.exec(count)![1]);
    expect(total).toBeGreaterThan(0);
    await shot(page, '01-recommendations');

    for (const part of [pa, pb, pc]) {
      await page.getByTestId('recs-search').fill(part.partNo);
      const row = table.locator(`tr[data-part-no="${part.partNo}"]`);
      await see(page, row, `rec-${part.partNo}`);
      await row.getByRole('checkbox').check();
    }
    expect(await table.locator(`tr[data-part-no="${pc.partNo}"]`).innerText()).toContain('无报价');
    await page.getByTestId('recs-search').fill('');
    await page.getByTestId('create-orders').click();
    const noOffer = page.getByTestId('no-offer');
    await see(page, noOffer, 'no-offer');
    expect(await noOffer.innerText()).toContain(pc.partNo);
    expect(await noOffer.innerText()).toContain('没有供应商报价');
    await shot(page, '02-no-offer');

    // the purchaser adds the missing offer right there, then creates the orders
    const form = page.getByTestId(`offer-form-${pc.partNo}`);
    await form.locator('select[name=supplier]').selectOption(s1.id);
    await form.locator('input[name=unitPrice]').fill('18.80');
    await form.locator('input[name=packSize]').fill('5');
    await form.getByRole('button', { name: '保存报价' }).click();
    await see(page, form.getByRole('status'), 'offer-saved');
    await page.getByTestId('create-orders').click();
    const created = page.getByTestId('orders-created');
    await see(page, created, 'orders-created');
    const createdText = await created.innerText();
    expect(createdText).toContain('已生成 2 张采购订单');
    expect(createdText).toContain(s1.code);
    expect(createdText).toContain(s2.code);
    await expectPlainWords(page);
    await shot(page, '03-orders-created');

    // the order to supplier 2 in the list, its detail and its print
    const orders = (await api(`{ purchaseOrders { id number supplier { id } status lines { part { id } quantity } amount } }`)).purchaseOrders;
    const toS2 = orders.find((o: any) => o.supplier.id === s2.id && o.status === 'DRAFT' && o.lines.some((l: any) => l.part.id === b));
    const toS1 = orders.find((o: any) => o.supplier.id === s1.id && o.status === 'DRAFT' && o.lines.some((l: any) => l.part.id === a));
    expect(toS1.lines.map((l: any) => l.part.id).sort()).toEqual([a, c].sort());
    const poRow = page.locator(`tr[data-po="${toS2.number}"]`);
    await see(page, poRow, 'po-row');
    expect(await poRow.innerText()).toContain('草稿');
    await page.getByTestId(`open-${toS2.number}`).click();
    const detail = page.locator(`[data-testid=order-detail][data-number="${toS2.number}"]`);
    await see(page, detail, 'po-detail');
    expect(await detail.getByTestId('po-amount').innerText()).toBe(`¥${Number(toS2.amount).toFixed(2)}`);
    expect(await detail.innerText()).toContain(pb.partNo);
    expect(await detail.innerText()).toMatch(/创建\s*\d{4}/);
    await shot(page, '04-order-detail');
    await detail.getByTestId('print-po').click();
    const doc = page.getByTestId('print-doc');
    await see(page, doc, 'print-po');
    const docText = await doc.innerText();
    expect(docText).toContain('采购订单');
    expect(docText).toContain(toS2.number);
    expect(docText).toContain(station.code);
    expect(docText).toContain(pb.unit);
    expect(docText).toContain('采购员');
    expect(await doc.getByTestId('doc-total').innerText()).toBe(`¥${Number(toS2.amount).toFixed(2)}`);
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'purchasing-05-print-po.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).click();
  });

  it('receives with damage, then claim → supplier → goods back → replacement arrives → settled', async () => {
    const sp = data.supplierParts.find((x) => x.supplierId === s1.id && parts.get(x.partId)!.unitPrecision === 0)!;
    const part = parts.get(sp.partId)!;
    const po = (await api(`mutation($i: PurchaseOrderInput!) { createPurchaseOrder(input: $i) { id number } }`, { i: { supplierId: s1.id, lines: [{ partId: part.id, quantity: 10 }] } })).createPurchaseOrder;
    await api(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id } }`, { id: po.id });

    const page = await signedIn();
    const row = page.locator(`tr[data-po="${po.number}"]`);
    await see(page, row, 'po-row-2');
    await row.getByRole('button', { name: '标记已发货' }).click();
    await see(page, page.getByTestId(`receive-${po.number}`), 'receive-button');
    await page.getByTestId(`receive-${po.number}`).click();
    const form = page.getByTestId('receive-form');
    await see(page, form, 'receive-form');
    await form.locator(`tr[data-part-no="${part.partNo}"] input[name=damaged]`).fill('3');
    await form.locator(`tr[data-part-no="${part.partNo}"] input[name=reason]`).fill('外箱压损');
    await shot(page, '06-receiving');
    await page.getByTestId('confirm-receipt').click();
    const result = page.getByTestId('receipt-result');
    await see(page, result, 'receipt');
    expect(await result.innerText()).toMatch(/入库单 RK\d{4}-\d{6} 已完成/);
    expect(await result.innerText()).toMatch(/货损单 HS\d{4}-\d{6}/);
    expect(await result.innerText()).toMatch(/补发订单 P/);

    // the order's detail now lists the receipt; its 入库单 prints
    await page.getByTestId(`open-${po.number}`).click();
    await page.getByTestId(`open-${po.number}`).click();
    const detail = page.locator(`[data-testid=order-detail][data-number="${po.number}"]`);
    await see(page, detail.getByTestId('po-receipts'), 'po-receipts');
    const receiptNo = /RK\d{4}-\d{6}/.exec(await detail.getByTestId('po-receipts').innerText())![0];
    expect(await detail.locator(`[data-part-no="${part.partNo}"]`).innerText()).toMatch(/10\s+3\s+0/); // received 10, damaged 3, outstanding 0
    await detail.getByTestId(`print-receipt-${receiptNo}`).click();
    const doc = page.getByTestId('print-doc');
    await see(page, doc, 'print-receipt');
    expect(await doc.innerText()).toContain('入库单');
    expect(await doc.innerText()).toContain(receiptNo);
    expect(await doc.innerText()).toContain('外箱压损');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'purchasing-07-print-receipt.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).click();

    // the claim, worked to the end
    const claim = (await api(`{ damageClaims(status: null) { id number purchaseOrder { id } replacementOrder { id number } } }`)).damageClaims.find((c: any) => c.purchaseOrder.id === po.id);
    await page.locator('#damage-claims').getByRole('button', { name: '刷新' }).click();
    const claimRow = page.locator(`tr[data-claim="${claim.number}"]`);
    await see(page, claimRow, 'claim-row');
    expect(await claimRow.getByTestId('claim-status').innerText()).toContain('待提交');
    await page.getByTestId(`open-claim-${claim.number}`).click();
    const cd = page.locator(`[data-testid=claim-detail][data-number="${claim.number}"]`);
    await see(page, cd, 'claim-detail');
    expect(await cd.getByTestId('claim-return').innerText()).toContain('隔离中');
    await cd.getByRole('button', { name: '提交供应商' }).click();
    await see(page, claimRow.getByTestId('claim-status').filter({ hasText: '已提交' }), 'claim-submitted');
    await cd.locator('input[name=claimNote]').fill('供应商同意补发');
    await cd.getByRole('button', { name: '供应商认可' }).click();
    await see(page, claimRow.getByTestId('claim-status').filter({ hasText: '已认可' }), 'claim-accepted');
    await cd.getByTestId('return-goods').click();
    await see(page, cd.getByTestId('claim-return').filter({ hasText: '已退货' }), 'claim-returned');
    const moves = (await platform.query(`query($p: ID!) { stockMovements(partId: $p, first: 20) { type quantity reference } }`, { p: part.id }, await platform.token('HQ_ADMIN')).then(ok)).stockMovements;
    expect(moves.filter((m: any) => m.type === 'SUPPLIER_RETURN')).toEqual([{ type: 'SUPPLIER_RETURN', quantity: -3, reference: claim.number }]);
    expect(await cd.getByTestId('claim-replacement').innerText()).toContain('补发未到');

    // the replacement order (P…) arrives and is received; the claim says so
    const rep = claim.replacementOrder;
    await api(`mutation($id: ID!) { markShipped(id: $id) { id } }`, { id: rep.id });
    const repLines = (await api(`query($id: ID!) { purchaseOrder(id: $id) { lines { id quantity } } }`, { id: rep.id })).purchaseOrder.lines;
    await api(`mutation($po: ID!, $w: ID!, $l: [ReceiptLineInput!]!) { receiveGoods(purchaseOrderId: $po, warehouseId: $w, lines: $l, idempotencyKey: "browser-rep-1") { id } }`,
      { po: rep.id, w: station.warehouses[0].id, l: repLines.map((l: any) => ({ purchaseOrderLineId: l.id, received: l.quantity })) });
    await page.locator('#damage-claims').getByRole('button', { name: '刷新' }).click();
    await see(page, cd.getByTestId('claim-replacement').filter({ hasText: '补发已到货' }), 'replacement-arrived');
    expect(await cd.getByTestId('claim-replacement').innerText()).toContain(rep.number);
    await shot(page, '08-claim-returned');

    await cd.locator('input[name=claimNote]').fill('补发到货，结案');
    await cd.getByRole('button', { name: '结清' }).click();
    await see(page, claimRow.getByTestId('claim-status').filter({ hasText: '已结清' }), 'claim-settled');
    await cd.getByTestId('print-claim').click();
    const claimDoc = page.getByTestId('print-doc');
    await see(page, claimDoc, 'print-claim');
    const claimText = await claimDoc.innerText();
    expect(claimText).toContain('货损单');
    expect(claimText).toContain(claim.number);
    expect(claimText).toContain(po.number);
    expect(claimText).toContain('补发到货，结案');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: path.join(SHOTS, 'purchasing-09-print-claim.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('dialog').getByRole('button', { name: '关闭', exact: true }).click();
    await expectPlainWords(page);
    await shot(page, '10-claim-settled');
  });

  it('acknowledges an alert for this purchaser; it stays acknowledged after a reload', async () => {
    const clerk = await platform.token('PARTS_CLERK', station.id);
    const level = data.stock.find((l) => l.stationId === station.id && l.onHand >= 1 && parts.get(l.partId)!.unitPrecision === 0 && !data.supplierParts.some((x) => x.partId === l.partId && x.supplierId === s1.id))!;
    const part = parts.get(level.partId)!;
    const ro = ok(await platform.query(`mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { id } }`, { i: { stationId: station.id, vin: 'LVVDB11B5KD000077', plate: '京A·ALERT' } }, clerk)).openRepairOrder;
    ok(await platform.query(`mutation($ro: ID!, $l: [RequisitionLineInput!]!) { requisitionParts(repairOrderId: $ro, lines: $l, allowPartial: true, idempotencyKey: "browser-ack-1") { id } }`,
      { ro: ro.id, l: [{ partId: part.id, quantity: 500, warehouseId: level.warehouseId }] }, clerk));

    const page = await signedIn();
    const row = page.locator(`[data-testid=alerts] tr[data-part-no="${part.partNo}"]`);
    await see(page, row, 'alert-row');
    const text = await row.innerText();
    expect(text).toContain('领料缺件');
    expect(await row.getByTestId('alert-qty').innerText()).toMatch(/^[1-9]\d*(\.\d+)? /); // the real quantity owed, not 0
    expect(await page.locator(`[data-testid=alerts] tr[data-part-no="${part.partNo}"]`).count()).toBe(1); // one row for the part
    const badgeBefore = Number(await page.getByTestId('unacked-badge').innerText());
    await page.getByTestId('alert-kind').selectOption('REQUISITION_SHORTFALL');
    await shot(page, '11-alerts');
    await row.getByRole('button', { name: '知道了' }).click();
    await row.waitFor({ state: 'detached' });
    const badgeAfter = await page.getByTestId('unacked-badge').count() ? Number(await page.getByTestId('unacked-badge').innerText()) : 0;
    expect(badgeAfter).toBe(badgeBefore - 1);
    await page.reload();
    await page.locator('[data-testid=alerts], #alerts .empty').first().waitFor();
    expect(await page.locator(`[data-testid=alerts] tr[data-part-no="${part.partNo}"]`).count()).toBe(0);
    await page.getByLabel('显示已确认').check();
    await see(page, page.locator(`[data-testid=alerts] tr[data-part-no="${part.partNo}"][data-acked=true]`), 'acked-row');
    await shot(page, '12-alerts-acknowledged');
  });
});
