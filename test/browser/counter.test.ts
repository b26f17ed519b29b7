/// <reference lib="dom" />
/**
 * The counter in chromium at 1024 px as a parts clerk: a part found by a
 * fragment goes on the draft, a repair order is opened with F8 and the draft
 * issued with F4; the repair order and draft panels sit beside the results,
 * nothing overflows sideways, the 领料单 prints with its signature lines.
 * The search downloads every match as Excel (the car's parts, or all models).
 * Keyboard only: pinyin initials find a part, ↓ and Enter add the highlighted
 * row, a part number typed and Enter at once (before the search answered) is
 * added too, its picture loads from the platform, 1.5 of a part counted in
 * whole units is refused in Chinese before anything is sent; the page has no
 * sideways overflow at 1920, 1366, 1024 and 768 px, the draft beside the
 * results down to 1024 px.
 * Under CI=true a missing browser fails the run instead of skipping it.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { pinyin } from 'pinyin-pro';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { clickDownloadSheet } from '../helpers/sheet';
import { describeBrowser, expectText, launchBrowser, noOverflow, printedOnA4, signedIn, SHOTS } from '../helpers/browser';

jest.setTimeout(120_000);

describeBrowser('counter in chromium (1024 px)', () => {
  let platform: Platform;
  let browser: Browser;
  const data = demoData();
  const station = data.stations[0];
  let clerk: SignedInUser;

  beforeAll(async () => {
    [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
    // a real parts clerk of the station, signed in through the sign-in page like every browser test
    clerk = await platform.user({ roles: 'PARTS_CLERK', stationId: station.id, username: 'zhao.lei' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('issues a draft to a new repair order with F8/F4, panels beside the results, no horizontal overflow, 领料单 printed', async () => {
    const level = data.stock.find((l) => l.stationId === station.id && l.onHand >= 2 && data.parts.find((p) => p.id === l.partId)?.unitPrecision === 0)!;
    const part = data.parts.find((p) => p.id === level.partId)!;
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk);
    await page.getByLabel('查找备件').fill(part.partNo.replace(/-/g, '').slice(1, 8));
    await page.locator(`[data-testid=search-results] tr[data-part-no="${part.partNo}"] button`).click();
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${part.partNo}"]`).waitFor();
    await page.keyboard.press('F8');
    await page.locator('input[name=plate]').fill('京A·T1024');
    await page.getByRole('button', { name: '开立委托书' }).click();
    await page.getByTestId('ro-number').waitFor();
    await page.keyboard.press('F4');
    const result = page.getByTestId('issue-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toMatch(/领料单 LL\d{4}-\d{6} 已发料/);
    expect(["已开单/待修", "维修中"]).toContain(await page.getByTestId("ro-status").innerText());
    const search = (await page.locator('#search-panel').boundingBox())!;
    const draft = (await page.locator('#draft-panel').boundingBox())!;
    expect(draft.x).toBeGreaterThanOrEqual(search.x + search.width - 1);
    await noOverflow(page, 'counter-1024.png');
    await page.getByTestId('print-pick').first().click();
    await page.emulateMedia({ media: 'print' });
    const doc = page.getByTestId('print-root');
    await doc.locator('h1').waitFor();
    const text = await doc.innerText();
    expect(text).toContain('领料单');
    expect(text).toContain('领料人');
    expect(text).toContain('发料人');
    expect(text).toContain(part.partNo);
    // station, the requisition's number, when it was asked for (date and time), unit and bin per line, the totals row
    for (const s of [station.code, part.unit, '货位', '合计', '打印时间']) expect(text).toContain(s);
    expect(text).toMatch(/单号：LL\d{4}-\d{6}/);
    expect(text).toMatch(/领料时间：\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}/);
    await page.screenshot({ path: path.join(SHOTS, 'counter-print-pick-1024.png'), fullPage: true });
    expect(await printedOnA4(page, 'counter-print-pick-a4.png')).toBe(1); // one line: one A4 sheet
    await ctx.close();
  });

  it("searches within the repair order's car by default (VIN), all models when unticked, and pages on with 更多", async () => {
    const vp = data.vinPatterns[0];
    const model = data.vehicleModels.find((m) => m.id === vp.vehicleModelId)!;
    const r = await platform.query(`mutation($i: RepairOrderInput!) { openRepairOrder(input: $i) { id } }`, { i: { stationId: station.id, vin: vp.exampleVin, plate: '京A·V0001' } }, clerk.accessToken);
    const roId = r.data!.openRepairOrder.id;
    // What fits the car: the model's parts and the successors of those (search follows supersessions).
    const fits = new Set(data.parts.filter((x) => x.compatibleModelIds.includes(model.id)).flatMap((x) => [x.partNo, ...data.parts.filter((y) => y.id === x.supersededById).map((y) => y.partNo)]));
    const all = data.parts.filter((x) => x.name.includes('滤清器')).length;
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk);
    // the counter keeps the repair order being served for the tab: this one, as if the clerk had opened it here
    await page.evaluate((id) => sessionStorage.setItem('partsgraph.counter.repairOrder', id), roId);
    await page.reload();
    await page.locator('.top nav').waitFor();
    await page.getByLabel('查找备件').fill('滤清器');
    const byVin = page.getByTestId('search-by-vin');
    await page.waitForFunction((name) => document.querySelector('[data-testid=search-by-vin]')?.textContent?.includes(name), model.name);
    expect(await byVin.innerText()).toContain(vp.exampleVin);
    const rows = page.locator('[data-testid=search-results] tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=search-results] tbody tr').length === 20);
    await page.getByTestId('search-more').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=search-results] tbody tr').length > 20);
    const shown = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-part-no')!));
    expect(new Set(shown).size).toBe(shown.length);
    for (const no of shown) expect(fits.has(no)).toBe(true);
    // the add buttons read 添加 on one line at 1024 px, beside the draft
    const buttonLines = await page.locator('[data-testid=search-results] tbody tr td:last-child button').evaluateAll((bs) => bs.map((b) => {
      const r = document.createRange();
      r.selectNodeContents(b);
      return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
    }));
    expect(new Set(buttonLines)).toEqual(new Set([1]));
    await noOverflow(page, 'counter-search-vin-1024.png');
    /** The search's Excel download (made on the server), as part numbers. */
    const exported = async () => {
      const { rows } = await clickDownloadSheet(page, page.getByTestId('export-parts'));
      expect(rows[0][0]).toBe('配件编号');
      return rows.slice(1).map((r) => String(r[0]));
    };
    // the car's parts as Excel: every match (the list paged to its end), each one fitting the car
    const forCar = await exported();
    expect(await page.getByTestId('search-more').count()).toBe(0);
    expect([...forCar].sort()).toEqual([...shown].sort());
    // Unticked: every model again, the whole count.
    await byVin.locator('input').uncheck();
    await page.waitForFunction((n) => document.querySelector('.part-search .meta')?.textContent?.includes(`约 ${n} 条`), all);
    expect(await rows.count()).toBe(20);
    expect((await exported()).length).toBe(all);
    await ctx.close();
  });

  /** Names and part numbers of the result rows, in order. */
  const resultRows = (page: Page) => page.locator('[data-testid=search-results] tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({ partNo: tr.getAttribute('data-part-no')!, name: tr.children[1].childNodes[0].textContent!.trim(), active: tr.classList.contains('active') })));
  const initials = (name: string) => pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');

  it('keyboard only: pinyin initials, ↓ + Enter, a part number and Enter at once; the picture loads; 1.5 pieces refused; no overflow from 1920 to 768 px', async () => {
    // a name whose characters each have one reading, so its initials are certain
    const oneReading = (name: string) => [...name].every((ch) => /[\u4e00-\u9fff]/.test(ch) && pinyin(ch, { multiple: true, toneType: 'none', type: 'array' }).length === 1);
    const named = data.parts.find((p) => p.name.length >= 3 && oneReading(p.name))!;
    const q = initials(named.name);
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/counter`, clerk);
    const box = page.getByLabel('查找备件');
    await box.fill(q);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=search-results] tbody tr').length >= 2);
    const rows = await resultRows(page);
    // the best hit is a part whose name has these initials (pinyin search, API.md "Search as the counter types it")
    expect(initials(rows[0].name)).toContain(q);
    expect(rows[0].active).toBe(true);
    await box.press('ArrowDown');
    expect((await resultRows(page))[1].active).toBe(true);
    await box.press('Enter');
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${rows[1].partNo}"]`).waitFor({ timeout: 5_000 });
    expect(await page.getByTestId('shortcuts').innerText()).toContain('↑↓ 选择');

    // A part number typed and Enter at once, as a fast clerk or a scanner does: added when the search answers.
    const withImage = data.parts.find((p) => p.imageUrls.length > 0 && p.unitPrecision === 0 && !p.supersededById && p.id !== named.id && p.partNo !== rows[1].partNo)!;
    await box.fill(withImage.partNo);
    await box.press('Enter');
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${withImage.partNo}"]`).waitFor({ timeout: 5_000 });
    expect(await page.locator('[data-testid=draft-lines] tbody tr').count()).toBe(2);
    // its picture, served by the platform at /images/parts/… (the demo's addresses, under PUBLIC_URL)
    const img = page.locator('[data-testid=part-card] img[data-testid=part-image]');
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(new RegExp(`^${platform.gateway.url}/images/parts/`));
    await page.waitForFunction(() => { const i = document.querySelector<HTMLImageElement>('[data-testid=part-card] img'); return !!i && i.complete; });
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(0);

    // A scanner types the barcode's digits and Enter: the part is looked up by its barcode (partByBarcode) and added,
    // and the box is empty for the next scan. F2 from anywhere puts the cursor back into the box.
    const scanned = data.parts.find((p) => p.barcode && /^\d{8,14}$/.test(p.barcode) && !p.supersededById && p.unitPrecision === 0
      && ![named.id, withImage.id].includes(p.id) && p.partNo !== rows[1].partNo)!;
    await box.fill(scanned.barcode!);
    await box.press('Enter');
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${scanned.partNo}"]`).waitFor({ timeout: 5_000 });
    expect(await box.inputValue()).toBe('');
    await expectText(page.getByTestId('scan-msg'), `已扫码：${scanned.partNo}`); // by its barcode, not by a text search for the digits
    expect(await page.locator('[data-testid=draft-lines] tbody tr').count()).toBe(3);
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${scanned.partNo}"]`).getByLabel('数量').focus();
    await page.keyboard.press('F2');
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.locator(`[data-testid=draft-lines] tr[data-part-no="${scanned.partNo}"]`).getByRole('button', { name: '移除' }).click();

    // 1.5 of a part counted in whole units: refused in Chinese on the line, nothing can be sent
    const line = page.locator(`[data-testid=draft-lines] tr[data-part-no="${withImage.partNo}"]`);
    await line.getByLabel('数量').fill('1.5');
    expect(await line.locator('.field-error').innerText()).toBe('该配件按整数计量，请输入整数。');
    expect(await page.getByTestId('issue').isDisabled()).toBe(true);
    await line.getByLabel('数量').fill('2');
    expect(await line.locator('.field-error').count()).toBe(0);

    for (const width of [1920, 1366, 1024, 768]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForFunction((w) => document.documentElement.clientWidth === w, width);
      if (width >= 1024) {
        const search = (await page.locator('#search-panel').boundingBox())!;
        const draft = (await page.locator('#draft-panel').boundingBox())!;
        const orders = (await page.locator('#ro-panel').boundingBox())!;
        expect(draft.x).toBeGreaterThanOrEqual(search.x + search.width - 1);
        expect(orders.x).toBeGreaterThanOrEqual(search.x + search.width - 1);
        expect(draft.y).toBeLessThan(900); // visible without scrolling, next to the results
        // the draft's part names read on one line, not one character under the other
        const nameLines = await page.locator('[data-testid=draft-lines] tbody tr td.part .name').evaluateAll((tds) => tds.map((td) => {
          const r = document.createRange();
          r.selectNodeContents(td);
          return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size;
        }));
        expect(nameLines).toEqual([1, 1]);
      }
      await noOverflow(page, `counter-keys-${width}.png`);
    }
    await ctx.close();
  });
});
