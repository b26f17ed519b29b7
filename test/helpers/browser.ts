/// <reference lib="dom" />
/**
 * What the browser tests share: chromium (a missing one fails under CI=true
 * instead of skipping), signing in through the console's sign-in page,
 * waiting for text, and the layout check (no sideways overflow, no ids on
 * the page) with a screenshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Chromium, installed by scripts/setup-browser.sh when missing; undefined when there, else why not. */
function ensureChromium(): string | undefined {
  if (fs.existsSync(CHROMIUM)) return undefined;
  const r = spawnSync('sh', [path.join(ROOT, 'scripts', 'setup-browser.sh')], { stdio: 'inherit', timeout: 240_000 });
  if (r.status === 0 && fs.existsSync(CHROMIUM)) return undefined;
  return `chromium is not installed at ${CHROMIUM} and scripts/setup-browser.sh could not install it`;
}
const noBrowser = ensureChromium();
if (noBrowser && process.env.CI === 'true') throw new Error(`[browser tests] ${noBrowser} (CI=true: a missing browser fails the run)`);
if (noBrowser) console.warn(`[browser tests skipped] ${noBrowser}`);
/** describe, or describe.skip when there is no chromium (outside CI; under CI=true a missing one has failed above). */
export const describeBrowser = noBrowser ? describe.skip : describe;

/** Builds the console when stale and starts chromium. */
export async function launchBrowser(): Promise<Browser> {
  fs.mkdirSync(SHOTS, { recursive: true });
  execFileSync(process.execPath, [path.join(ROOT, 'console', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A new tab signed in through the sign-in page at `url` (zh-CN, printing stubbed so print previews can be read). */
export async function signedIn(browser: Browser, url: string, who: { username: string; password: string }, width = 1024): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN', acceptDownloads: true });
  await ctx.addInitScript(() => { window.print = () => undefined; });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByLabel('用户名', { exact: true }).fill(who.username);
  await page.getByLabel('密码', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('.top nav').waitFor();
  return { ctx, page };
}

/** Waits until the first match of `loc` shows `text`; the error says what it showed and which alerts were on the page. */
export async function expectText(loc: Locator, text: string | RegExp, timeout = 20_000): Promise<string> {
  await loc.first().waitFor({ timeout });
  const deadline = Date.now() + timeout;
  for (;;) {
    const got = await loc.first().innerText();
    if (typeof text === 'string' ? got.includes(text) : text.test(got)) return got;
    if (Date.now() > deadline) {
      const alerts = await loc.page().locator('[role=alert]').allInnerTexts();
      throw new Error(`expected ${String(text)} in: ${got.slice(0, 400)}${alerts.length ? `\nalerts on the page: ${alerts.join(' | ')}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** No sideways overflow (page or panel), no account or record ids shown; then a full-page screenshot. */
export async function noOverflow(page: Page, shot: string): Promise<void> {
  // The page itself: its content's width (body.scrollWidth counts what sticks out even where overflow is clipped) fits the window.
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, body: document.body.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.doc).toBeLessThanOrEqual(widths.client);
  expect(widths.body).toBeLessThanOrEqual(widths.client);
  const wide = await page.evaluate(() => [...document.querySelectorAll('main .panel')].filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((el) => el.id));
  expect(wide).toEqual([]);
  // Inside the panels: no table or panel body needs sideways scrolling (a scrolling box hides columns from view).
  const scrolling = await page.evaluate(() => [...document.querySelectorAll('main .panel > .body, main .table-wrap, main .scroll')]
    .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
    .map((el) => `${el.closest('.panel')?.id || '?'} ${el.className}: ${el.scrollWidth} > ${el.clientWidth}`));
  expect(scrolling).toEqual([]);
  expect(await page.locator('main').innerText()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-/i);
  await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
}

/**
 * The document being printed (#print-root) as the browser lays it out on A4:
 * at the printable width (210 mm − 2 × 12 mm margins = 703 px at 96 dpi)
 * nothing sticks out sideways, signature lines included, no column header
 * breaks over two lines, and a screenshot at
 * that width is saved; then chromium prints it to PDF with the stylesheet's
 * @page (A4) and the page count is returned. The viewport is put back.
 */
export async function printedOnA4(page: Page, shot: string): Promise<number> {
  const before = page.viewportSize()!;
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 703, height: 994 });
  const fit = await page.evaluate(() => {
    const doc = document.querySelector('#print-root .doc');
    const right = doc ? Math.max(...[...doc.querySelectorAll('*')].map((e) => e.getBoundingClientRect().right)) : Infinity;
    return { right, scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth };
  });
  expect(fit.scroll).toBeLessThanOrEqual(fit.client);
  expect(fit.right).toBeLessThanOrEqual(fit.client + 1);
  // each signature's line stands beside its label ("领料人：____"), not wrapped under it
  const wrapped = await page.locator('#print-root .signatures > *').evaluateAll((spans) => spans.filter((sp) => {
    const label = document.createRange();
    label.selectNodeContents(sp.firstChild!);
    const line = sp.querySelector('i')!.getBoundingClientRect();
    return line.left < label.getBoundingClientRect().right - 1 || line.top > label.getBoundingClientRect().bottom;
  }).map((sp) => sp.textContent));
  expect(wrapped).toEqual([]);
  // each column's header on one line: a table squeezed into the sheet's width must not break 单位 into 单 / 位
  const brokenHeaders = await page.locator('#print-root thead th').evaluateAll((ths) => ths.filter((th) => {
    const text = document.createRange();
    text.selectNodeContents(th);
    return new Set([...text.getClientRects()].map((r) => Math.round(r.top))).size > 1;
  }).map((th) => th.textContent));
  expect(brokenHeaders).toEqual([]);
  await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  await page.setViewportSize(before);
  return (pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
}
