/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
/**
 * The station console in a real browser: Debian's chromium driven by
 * playwright-core against the whole platform started in-process, with the
 * console (console/dist) served by the gateway.
 *
 *  - every page renders, in Chinese, with no raw JSON even where an operation
 *    is not deployed yet; screenshots go to test/e2e/screenshots/ (gitignored);
 *    in English a refusal reads from the console's English reason texts
 *  - the counter flow: search by a fragment → add to a repair order → issue
 *    more than is on hand → the shortage appears live on the purchasing page
 *    open in a second browser context (graphql-ws), without a reload
 *  - receiving with damage: the damaged quantity yields a damage claim and a
 *    P-replacement order, shown in plain words
 *
 * Chromium comes from `sh scripts/setup-browser.sh` (tried here once when
 * missing); under CI=true a missing browser fails the run. Everyone signs in
 * through the sign-in page, as a person with the test's roles.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { CHROMIUM, describeBrowser, noOverflow, ROOT, SHOTS, signedIn as signIn } from '../helpers/browser';
import { reasonEn } from '../../console/src/locales/reasons-en';

jest.setTimeout(180_000);

describeBrowser('station console in chromium', () => {
  let platform: Platform;
  let browser: Browser;
  const data = demoData();
  const station = data.stations[0];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const f of fs.readdirSync(SHOTS)) if (f.startsWith('failed-')) fs.rmSync(path.join(SHOTS, f));
    execFileSync(process.execPath, [path.join(ROOT, 'console', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
    [platform, browser] = await Promise.all([
      // A whole station's recommendations on two cores shared with other test files can take longer than the default deadline.
      startPlatform({ env: { SUBGRAPH_TIMEOUT_MS: '60000' } }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await platform?.stop();
  });

  /** A person with these roles, signed in through the sign-in page at 1440 px, on `pathName`. */
  async function signedIn(roles: Parameters<Platform['user']>[0]['roles'], pathName: string, stationId: string | undefined = station.id): Promise<Page> {
    const person = await platform.user({ roles, stationId });
    const { ctx, page } = await signIn(browser, `${platform.gateway.url}${pathName}`, person, 1440);
    contexts.push(ctx);
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  /** Waits for a locator; on a timeout saves what the page showed, to look at. */
  async function see(page: Page, locator: ReturnType<Page['locator']>, name: string, timeout = 15_000) {
    try {
      await locator.waitFor({ timeout });
    } catch (err) {
      await shot(page, `failed-${name}`).catch(() => undefined);
      throw err;
    }
  }
  /** No raw JSON or GraphQL internals reach the screen. */
  async function expectPlainWords(page: Page) {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/"extensions"|\{"|GRAPHQL_VALIDATION_FAILED|Cannot query field/);
  }

  it('signs in with a username and password and shows every page in Chinese, in plain words', async () => {
    const person = await platform.user({ roles: ['STATION_MANAGER', 'PURCHASER', 'PARTS_CLERK'], stationId: station.id });
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    contexts.push(ctx);
    const page = await ctx.newPage();
    const res = await page.goto(`${platform.gateway.url}/`);
    expect(res?.status()).toBe(200);
    await page.getByLabel('用户名', { exact: true }).waitFor();
    await shot(page, '01-sign-in');
    // in English a refusal reads from the console's English table, not the server's message
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByLabel('Username', { exact: true }).fill(person.username);
    await page.getByLabel('Password', { exact: true }).fill('Not-The-Password-1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').first().waitFor();
    const refused = (await page.getByRole('alert').first().innerText()).trim();
    expect(refused).toBe(reasonEn('INVALID_CREDENTIALS'));
    expect(refused).not.toMatch(/not right/);
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByLabel('用户名', { exact: true }).fill(person.username);
    await page.getByLabel('密码', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('.top nav').waitFor();
    await page.getByTestId('station-name').filter({ hasText: station.code }).waitFor();

    for (const [key, name] of [['1', 'counter'], ['2', 'purchasing'], ['3', 'stock'], ['4', 'exchange']] as const) {
      await page.keyboard.press(`Alt+${key}`);
      await page.waitForURL(`**/${name}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      if (name === 'purchasing') {
        // a recommendation's explanation and its consumption/forecast chart
        await see(page, page.locator('[data-testid=recs] tbody tr').first(), 'recs', 75_000);
        await page.locator('[data-testid=recs] tbody tr').first().click();
        await see(page, page.locator('.rec-detail .chart canvas'), 'rec-chart');
      }
      // every panel has finished loading (a page still loading after 40 s fails)
      await page.waitForFunction(() => !document.querySelector('.panel [role=status].hint'), null, { timeout: 40_000 });
      await expectPlainWords(page);
      await shot(page, `02-page-${name}`);
    }
    // English is one click away
    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('link', { name: 'Exchange' }).waitFor();
    await shot(page, '03-exchange-en');
    await page.getByRole('button', { name: '中文' }).click();
    // a deep link is served the console too (SPA fallback), not a 404
    const deep = await page.goto(`${platform.gateway.url}/stock`);
    expect(deep?.status()).toBe(200);
    expect((await fetch(`${platform.gateway.url}/health`)).headers.get('content-type')).toContain('json');
  });

  it('every page of a station manager fits at 1920, 1366 and 1024 px and on a 768-px tablet: no sideways overflow, no ids', async () => {
    const page = await signedIn(['STATION_MANAGER', 'PURCHASER', 'PARTS_CLERK'], '/counter');
    const pages = await page.locator('.top nav a[data-page]').evaluateAll((as) => as.map((a) => a.getAttribute('data-page')!));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    // every link's shortcut (its tooltip, Alt+n) opens it, the last ones too
    for (const [i, name] of [...pages.entries()].reverse()) {
      expect(await page.locator(`.top nav a[data-page=${name}]`).getAttribute('title')).toBe(`Alt+${i + 1}`);
      await page.keyboard.press(`Alt+${i + 1}`);
      await page.waitForURL(`**/${name}`, { timeout: 5_000 });
    }
    for (const width of [1920, 1366, 1024, 768]) {
      await page.setViewportSize({ width, height: 900 });
      // every page's link is in sight in the top bar (none clipped or scrolled away)
      const clipped = await page.evaluate(() => {
        const nav = document.querySelector('.top nav')!.getBoundingClientRect();
        return [...document.querySelectorAll('.top nav a')].filter((a) => {
          const r = a.getBoundingClientRect();
          return r.right > nav.right + 1 || r.left < nav.left - 1 || r.right > document.documentElement.clientWidth;
        }).map((a) => a.textContent);
      });
      expect({ width, clipped }).toEqual({ width, clipped: [] });
      for (const name of pages) {
        await page.locator(`.top nav a[data-page=${name}]`).click();
        await page.waitForURL(`**/${name}`);
        await page.waitForLoadState('networkidle');
        await page.waitForFunction(() => !document.querySelector('.panel [role=status].hint'), null, { timeout: 40_000 });
        await expectPlainWords(page);
        // a part's name and its reasons stay readable (the table scrolls in its panel rather than squeezing them)
        const reasonCells = await page.locator('table.candidates .reasons-cell').evaluateAll((cs) => cs.slice(0, 5).map((c) => Math.round(c.getBoundingClientRect().width)));
        for (const w of reasonCells) expect({ width, name, reasonsCell: w >= 200 }).toEqual({ width, name, reasonsCell: true });
        if (name === 'purchasing') {
          // the recommendations fit their panel: a rounding note ("需补 13，按包装 20…") wraps under its quantity instead of widening the column
          await page.locator('[data-testid=recs] [data-testid=rounded]').first().waitFor({ timeout: 75_000 });
          const recs = await page.locator('#recs .scroll').evaluate((s) => ({ scroll: s.scrollWidth, client: s.clientWidth }));
          expect({ width, recsWiderThanPanel: Math.max(0, recs.scroll - recs.client - 1) }).toEqual({ width, recsWiderThanPanel: 0 });
        }
        if (name === 'counter') {
          // search results fit their panel (the 添加 button in sight); a part's name (five characters, "机油滤清器", on one line: ≥ 84 px)
          // and its fitting models (通用车型, in their column or under the name) keep a readable width; the bins wrap instead
          await page.getByLabel('查找备件').fill('滤清器');
          const results = page.locator('[data-testid=search-results]');
          await results.locator('td.name').first().waitFor();
          const widths = (cells: string) => results.locator(cells).evaluateAll((cs) => cs.filter((c) => c.textContent && c.getClientRects().length).slice(0, 5).map((c) => Math.round(c.getBoundingClientRect().width)));
          const [models, names] = [[...await widths('td.models'), ...await widths('.models-under')], await widths('td.name')];
          expect(models.length).toBeGreaterThan(0);
          const sticksOut = await results.evaluate((t) => {
            const body = t.closest('.panel')!.querySelector('.body')!;
            return Math.max(0, Math.round(t.getBoundingClientRect().right - (body.getBoundingClientRect().right - parseFloat(getComputedStyle(body).paddingRight))));
          });
          expect({ width, sticksOut, crampedModels: models.filter((w) => w < 120), crampedNames: names.filter((w) => w < 84) }).toEqual({ width, sticksOut: 0, crampedModels: [], crampedNames: [] });
        }
        try {
          await noOverflow(page, `width-${width}-${name}.png`);
        } catch (err) {
          await shot(page, `failed-width-${width}-${name}`);
          throw new Error(`${name} at ${width} px: ${(err as Error).message}`);
        }
      }
    }
  });

  it('finds a part by a fragment of its number and lists stock by bin', async () => {
    const level = data.stock.find((l) => l.stationId === station.id && l.onHand >= 2)!;
    const part = data.parts.find((p) => p.id === level.partId)!;
    const page = await signedIn('PARTS_CLERK', '/counter');
    const fragment = part.partNo.replace(/-/g, '').slice(1, 8);
    await page.getByLabel('查找备件').fill(fragment);
    const row = page.locator(`[data-testid=search-results] tr[data-part-no="${part.partNo}"]`);
    await see(page, row, 'search');
    expect(await row.innerText()).toContain(part.name);
    await expectPlainWords(page);
    await shot(page, '04-counter-search');
  });

  it('counter: fragment → repair order → issue beyond stock → the shortage shows live on the purchasing page', async () => {
    const level = data.stock.find((l) => l.stationId === station.id && l.onHand >= 1 && l.onHand <= 5 && data.parts.find((p) => p.id === l.partId)?.unitPrecision === 0)!;
    const part = data.parts.find((p) => p.id === level.partId)!;
    const onHandAtStation = data.stock.filter((l) => l.stationId === station.id && l.partId === part.id).reduce((a, l) => a + l.onHand, 0);

    const purchasing = await signedIn('PURCHASER', '/purchasing');
    await purchasing.locator('.ws-label.ws-connected').waitFor({ timeout: 15_000 });

    const counter = await signedIn('PARTS_CLERK', '/counter');
    await counter.getByLabel('查找备件').fill(part.partNo.replace(/-/g, '').slice(1, 8));
    await counter.locator(`[data-testid=search-results] tr[data-part-no="${part.partNo}"] button`).click();
    await counter.getByTestId('new-ro').click();
    await counter.locator('input[name=plate]').fill('京A·T0001');
    await counter.getByRole('button', { name: '开立委托书' }).click();
    await counter.locator('[data-testid=draft-lines] input.qty').fill(String(onHandAtStation + 3));
    await counter.getByTestId('issue').click();
    const result = counter.getByTestId('issue-result');
    await result.waitFor({ timeout: 15_000 });
    expect(await result.innerText()).toContain(part.partNo);
    expect(await result.innerText()).toContain('缺件');
    await counter.locator('[data-testid=ro-lines] tr.has-shortfall').waitFor();
    await shot(counter, '05-counter-issued');
    await counter.emulateMedia({ media: 'print' });
    await shot(counter, '06-counter-print');

    // the requisition's shortfall (REQUISITION_SHORTFALL), pushed without a reload
    const live = purchasing.locator(`[data-testid=alerts] tr.live[data-part-no="${part.partNo}"]`).filter({ hasText: '领料缺件' });
    await see(purchasing, live, 'live-alert');
    await expectPlainWords(purchasing);
    await shot(purchasing, '07-purchasing-live-alert');
  });

  it('receiving with damage opens a damage claim and a P-replacement order', async () => {
    const supplier = data.suppliers[0];
    const parts = data.parts.filter((p) => p.unitPrecision === 0).slice(0, 2);
    const hq = await platform.token('PURCHASER', station.id);
    const po = ok(await platform.query(`mutation($input: PurchaseOrderInput!) { createPurchaseOrder(input: $input) { id number } }`, { input: { stationId: station.id, supplierId: supplier.id, lines: parts.map((p) => ({ partId: p.id, quantity: 10 })) } }, hq)).createPurchaseOrder;
    ok(await platform.query(`mutation($id: ID!) { submitPurchaseOrder(id: $id) { id status } }`, { id: po.id }, hq));

    const page = await signedIn('PURCHASER', '/purchasing');
    // 标记已发货 (the supplier shipped), then 验收入库
    const row = page.locator(`tr[data-po="${po.number}"]`);
    await see(page, row, 'po-row');
    await row.getByRole('button', { name: '标记已发货' }).click();
    await see(page, page.getByTestId(`receive-${po.number}`), 'receive-button');
    await page.getByTestId(`receive-${po.number}`).click();
    const form = page.getByTestId('receive-form');
    await form.waitFor();
    await form.locator(`tr[data-part-no="${parts[0].partNo}"] input[name=damaged]`).fill('3');
    await form.locator(`tr[data-part-no="${parts[0].partNo}"] input[name=reason]`).fill('外箱压损');
    await shot(page, '08-receiving-form');
    await page.getByTestId('confirm-receipt').click();
    const result = page.getByTestId('receipt-result');
    await see(page, result, 'receipt');
    const text = await result.innerText();
    expect(text).toMatch(/货损单/);
    expect(text).toMatch(/补发订单 P/);
    // the claim and its P-order are listed too
    await page.locator('#damage-claims').getByRole('button', { name: '刷新' }).click();
    await see(page, page.locator('[data-testid=damage-claims] td.mono', { hasText: /^P/ }).first(), 'claims-list');
    await expectPlainWords(page);
    await shot(page, '09-receiving-done');
  });
});
