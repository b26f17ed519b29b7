/// <reference lib="dom" /> // page.evaluate callbacks run in the browser
/**
 * People sign in to the console in a real Chromium (as console.test.ts: the
 * whole platform in-process, the console served by the gateway), with access
 * tokens that live only 20 seconds so that their renewal happens during the
 * test:
 *  - a wrong password is refused in Chinese; an HQ administrator signs in,
 *    creates a station user on the users page (a one-time setup code is
 *    shown), sees it in the audit log and signs out (the session ends at the
 *    server too);
 *  - the new user's first sign-in with the setup code (a too-short password
 *    refused by its reason), a password change, sign-out, the old password
 *    refused and the new one accepted;
 *  - while the tokens expire and are renewed, the live shortage alerts keep
 *    coming: the subscription closed with 4401 resumes with afterSeq, and
 *    every alert raised during the test is counted — none lost;
 *  - a session ended elsewhere (logout): a sign-in dialog covers the page, the
 *    search typed stays and its request goes through after the password, and
 *    the alert raised meanwhile arrives.
 * Screenshots go to test/e2e/screenshots/ (gitignored), named sign-in-*.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { asText, clickDownloadSheet } from '../helpers/sheet';
import { recordShortage } from '../../bench/alerts-client';
import { startGateway } from '../../gateway/src/server';
import { freePort } from '../helpers/ports';
import { CHROMIUM, describeBrowser, ROOT, SHOTS } from '../helpers/browser';

const TTL_S = 20;


jest.setTimeout(180_000);

describeBrowser('signing in to the console in chromium', () => {
  let platform: Platform;
  let browser: Browser;
  let hq: SignedInUser;
  const data = demoData();
  const station = data.stations[0];
  const contexts: BrowserContext[] = [];
  const clerk = { username: `wang.${process.pid}`, displayName: '王师傅', code: '', password: 'Brake-Disc-Rotor-77', newPassword: 'Gearbox-Oil-Filter-19' };
  let clerkPage: Page;
  const refreshLog: string[] = [];
  afterAll(() => {
    // what the console's renewals got, when one was refused other than by the logout of the ended-session test
    if (refreshLog.some((l) => !/ (ok|SESSION_ENDED)$/.test(l))) console.log(refreshLog.join('\n'));
  });

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    execFileSync(process.execPath, [path.join(ROOT, 'console', 'scripts', 'build-if-stale.mjs')], { stdio: 'inherit' });
    [platform, browser] = await Promise.all([
      startPlatform({ env: { AUTH_ACCESS_TTL: String(TTL_S) } }),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      }),
    ]);
    hq = await platform.user({ roles: 'HQ_ADMIN' });
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    await browser?.close();
    await platform?.stop();
  });

  async function fresh(): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    contexts.push(ctx);
    // What the console's sockets did: how each closed, and whether a resubscription carried afterSeq.
    await ctx.addInitScript(() => {
      const Native = window.WebSocket;
      const seen = ((window as any).__ws = { opened: 0, closes: [] as number[], resumes: 0, errors: [] as string[] });
      (window as any).WebSocket = class extends Native {
        constructor(url: string | URL, protocols?: string | string[]) {
          super(url, protocols);
          seen.opened++;
          this.addEventListener('close', (e) => seen.closes.push(e.code));
          this.addEventListener('message', (e) => {
            if (typeof e.data === 'string' && /"type":"(error|complete)"/.test(e.data)) seen.errors.push(e.data.slice(0, 300));
          });
        }
        override send(d: Parameters<WebSocket['send']>[0]) {
          if (typeof d === 'string' && /"afterSeq":\d/.test(d)) seen.resumes++;
          super.send(d);
        }
      };
    });
    const page = await ctx.newPage();
    page.on('response', (res) => {
      const body = res.request().postData() ?? '';
      if (!body.includes('RefreshSession')) return;
      const sent = /"t":"([^"]{6})/.exec(body)?.[1];
      void res.text().then((t) => refreshLog.push(`${Date.now() % 100000} ${sent} -> ${/"reason":"([A-Z_]+)"/.exec(t)?.[1] ?? (t.includes('accessToken') ? 'ok' : t.slice(0, 80))}`), () => undefined);
    });
    await page.goto(`${platform.gateway.url}/`);
    await page.getByLabel('用户名', { exact: true }).waitFor();
    return page;
  }
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `sign-in-${name}.png`), fullPage: true });
  async function login(page: Page, username: string, password: string) {
    await page.getByLabel('用户名', { exact: true }).fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
  }
  /** Clicks the export button and reads the downloaded workbook's first sheet back as text. */
  async function sheetOf(page: Page, testId: string): Promise<string[][]> {
    const sheet = await clickDownloadSheet(page, page.getByTestId(testId));
    expect(sheet.filename).toMatch(/\.xlsx$/);
    return asText(sheet.rows);
  }
  const alertText = async (page: Page) => (await page.getByRole('alert').first().innerText()).trim();
  const stored = (page: Page) => page.evaluate(() => ({ token: localStorage.getItem('partsgraph.token'), refresh: localStorage.getItem('partsgraph.refresh') }));

  it('refuses a wrong password in Chinese; an HQ admin creates a user (setup code), sees the audit log and signs out', async () => {
    const page = await fresh();
    // no token pasting and no dev-token form: CONSOLE_DEV_TOKENS is off
    expect(await page.getByTestId('dev-tokens').count()).toBe(0);
    await login(page, hq.username, 'Not-The-Password-1');
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toContain('用户名或密码不正确');
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    await shot(page, '01-wrong-password');

    await login(page, hq.username, hq.password);
    await page.locator('.top nav').waitFor();
    expect(await page.getByTestId('who').innerText()).toContain(hq.username);

    await page.getByRole('link', { name: '用户', exact: true }).click();
    await page.waitForURL('**/users');
    const form = page.getByTestId('create-user');
    await form.locator('input[name=username]').fill(clerk.username);
    await form.locator('input[name=displayName]').fill(clerk.displayName);
    await form.locator('input[name=role-PURCHASER]').check();
    await form.locator('select[name=stationId]').selectOption(station.id);
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.getByTestId('setup-code').waitFor();
    clerk.code = (await page.getByTestId('setup-code-value').innerText()).trim();
    expect(clerk.code.length).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('setup-code').innerText()).toContain('只显示这一次');
    await page.locator(`[data-testid=users] tr[data-username="${clerk.username}"]`).waitFor();
    await shot(page, '02-user-created');
    // the users list as Excel, made by the gateway: the new user with role and status in words
    const users = await sheetOf(page, 'export-users');
    expect(users[0]).toEqual(expect.arrayContaining(['用户名', '姓名', '角色', '服务站', '状态']));
    expect(users.find((r) => r[0] === clerk.username)).toEqual(expect.arrayContaining([clerk.displayName, '仓管员、采购员', '待设置密码']));

    await page.getByRole('link', { name: '操作日志' }).click();
    await page.waitForURL('**/audit');
    const row = page.locator('[data-testid=audit] tr', { hasText: 'createUser' }).first();
    for (let i = 0; i < 20 && !(await row.count()); i++) {
      await page.waitForTimeout(300);
      await page.locator('.audit').getByRole('button', { name: '刷新' }).click();
    }
    await row.waitFor();
    expect(await row.innerText()).toContain(hq.username);
    // the arguments in plain words, not JSON
    expect(await row.innerText()).toContain(`username: ${clerk.username}`);
    expect(await page.locator('[data-testid=audit]').innerText()).not.toMatch(/\{"/);
    // the person's name, the time and the outcome each stay on their lines (the summary's long words wrap in their own cell)
    const lines = (cell: ReturnType<Page['locator']>) => cell.evaluate((td) => {
      const r = document.createRange();
      r.selectNodeContents(td);
      return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
    });
    expect(await lines(row.locator('td.who'))).toBe(1);
    expect(await lines(row.locator('td.outcome'))).toBe(1);
    expect(await lines(page.locator('[data-testid=audit] th').last())).toBe(1);
    await shot(page, '03-audit-log');
    // the audit log as Excel: the same entry, the person by name and the arguments in words, no account id
    const audit = await sheetOf(page, 'export-audit-log');
    expect(audit[0]).toEqual(['时间', '用户', '服务站', '服务', '操作', '结果', '拒绝原因', '摘要']);
    const created = audit.find((r) => r[4] === 'createUser' && r[7].includes(`username: ${clerk.username}`));
    expect(created?.slice(1, 2)).toEqual([hq.username]);
    expect(created?.[5]).toBe('成功');
    expect(JSON.stringify(audit)).not.toContain(hq.user.id);

    const { refresh } = await stored(page);
    expect(refresh).toBeTruthy();
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名', { exact: true }).waitFor();
    expect(await stored(page)).toEqual({ token: null, refresh: null });
    // logout ended the session at the server: its refresh token is dead.
    const reuse = await platform.query(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: refresh });
    expect(reuse.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('first sign-in with the setup code, change password, sign out, the old password refused and the new one accepted', async () => {
    const page = await fresh();
    await page.getByTestId('first-sign-in').click();
    const setup = page.getByTestId('setup-form');
    await setup.getByLabel('用户名').fill(clerk.username);
    await setup.getByLabel('设置码').fill(clerk.code);
    await setup.getByLabel('新密码', { exact: true }).fill('short');
    await setup.getByLabel('再次输入新密码').fill('short');
    await setup.getByRole('button', { name: '设置密码并登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toContain('新密码过短，至少 10 个字符');
    await shot(page, '04-setup-too-short');
    await setup.getByLabel('新密码', { exact: true }).fill(clerk.password);
    await setup.getByLabel('再次输入新密码').fill(clerk.password);
    await setup.getByRole('button', { name: '设置密码并登录' }).click();
    await page.locator('.top nav').waitFor();
    expect(await page.getByTestId('who').innerText()).toContain(clerk.displayName);
    await page.getByTestId('station-name').filter({ hasText: station.code }).waitFor();
    // a clerk manages nobody: no users or audit pages
    expect(await page.getByRole('link', { name: '用户', exact: true }).count()).toBe(0);
    await shot(page, '05-first-sign-in');

    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = page.getByTestId('change-password');
    await dialog.getByLabel('当前密码').fill('Wrong-Current-Pass-3');
    await dialog.getByLabel('新密码', { exact: true }).fill(clerk.newPassword);
    await dialog.getByLabel('再次输入新密码').fill(clerk.newPassword);
    await dialog.getByRole('button', { name: '保存新密码' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByRole('alert').innerText()).toContain('当前密码不正确');
    await dialog.getByLabel('当前密码').fill(clerk.password);
    await dialog.getByRole('button', { name: '保存新密码' }).click();
    await dialog.getByRole('status').waitFor();
    expect(await dialog.getByRole('status').innerText()).toContain('密码已修改');
    await shot(page, '06-password-changed');
    await dialog.getByRole('button', { name: '确定' }).click();

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名', { exact: true }).waitFor();
    await login(page, clerk.username, clerk.password);
    await page.getByRole('alert').waitFor();
    expect(await alertText(page)).toContain('用户名或密码不正确');
    await login(page, clerk.username, clerk.newPassword);
    await page.locator('.top nav').waitFor();
    clerkPage = page;
  });

  it(`renews the ${TTL_S}-second access token and keeps every live alert across the subscription's 4401 and resume`, async () => {
    const page = clerkPage;
    await page.locator('.top .ws-connected').waitFor({ timeout: 15_000 });
    const before = await stored(page);
    const parts = [...new Set(data.stock.filter((l) => l.stationId === station.id).map((l) => l.partId))].slice(0, 14);
    // one alert every 2 s for longer than a token lives: the socket is closed (4401) and resumed in between
    const started = Date.now();
    for (const partId of parts) {
      await recordShortage(platform, station.id, partId);
      await page.waitForTimeout(Math.max(0, started + 2000 * (parts.indexOf(partId) + 1) - Date.now()));
    }
    expect(Date.now() - started).toBeGreaterThan(TTL_S * 1000);
    await page.waitForFunction((n) => document.querySelector('[data-testid=alert-badge]')?.textContent === String(n), parts.length, { timeout: 20_000 }).catch(async (err) => {
      const seen = await page.evaluate(() => ({ badge: document.querySelector('[data-testid=alert-badge]')?.textContent, ws: (window as any).__ws }));
      throw new Error(`${err.message}\nexpected ${parts.length} alerts; page: ${JSON.stringify(seen)}`);
    });
    const after = await stored(page);
    expect(after.token).not.toBe(before.token);
    expect(after.refresh).not.toBe(before.refresh);
    expect(await page.getByTestId('session-ended').count()).toBe(0);
    const ws = await page.evaluate(() => (window as any).__ws as { opened: number; closes: number[]; resumes: number });
    expect(ws.closes).toContain(4401);
    expect(ws.resumes).toBeGreaterThanOrEqual(1);
    // the renewed token works for queries too
    await page.getByRole('link', { name: '采购' }).click();
    await page.locator('[data-testid=alerts] tr.live').first().waitFor();
    expect(await page.locator('[data-testid=alerts] tr.live').count()).toBeGreaterThanOrEqual(parts.length);
    // and the live connection is back up after every close
    await page.locator('.top .ws-connected').waitFor({ timeout: 15_000 });
    await shot(page, '07-alerts-after-renewal');
  });

  it('a session ended elsewhere asks for the password over the page; what was typed stays, and alerts carry on', async () => {
    const page = clerkPage;
    await page.getByRole('link', { name: '领料' }).click();
    await page.waitForURL('**/counter');
    const search = page.getByLabel('查找备件');
    await search.fill('制动');
    await page.locator('[data-testid=search-results] tr').first().waitFor();
    // signed out elsewhere: the session ends at the server, so the refresh token is dead too
    const { token } = await stored(page);
    expect((await platform.query('mutation { logout }', {}, token!)).data?.logout).toBe(true);
    await search.fill('制动盘');
    const dialog = page.getByTestId('session-ended');
    await dialog.waitFor({ timeout: 15_000 });
    expect(await dialog.innerText()).toContain('登录已过期');
    expect(await dialog.getByLabel('用户名', { exact: true }).inputValue()).toBe(clerk.username);
    const part = [...new Set(data.stock.filter((l) => l.stationId === station.id).map((l) => l.partId))][20];
    await recordShortage(platform, station.id, part);
    await shot(page, '08-session-ended');

    await dialog.getByLabel('密码', { exact: true }).fill(clerk.newPassword);
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await search.inputValue()).toBe('制动盘');
    await page.locator('[data-testid=search-results] tr').first().waitFor();
    // the alert raised while signed out arrives once the subscription is back (afterSeq)
    await page.waitForFunction(() => document.querySelector('[data-testid=alert-badge]')?.textContent === '1', null, { timeout: 30_000 });
    await shot(page, '09-signed-in-again');
    // the Excel export goes with the renewed token as well
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 Excel' }).first().click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  it("a station manager manages only their station's users: creates one (setup code), resets and deactivates it", async () => {
    const manager = await platform.user({ roles: 'STATION_MANAGER', stationId: station.id });
    const page = await fresh();
    page.on('dialog', (d) => void d.accept());
    await login(page, manager.username, manager.password);
    await page.getByRole('link', { name: '用户', exact: true }).click();
    await page.waitForURL('**/users');
    const list = page.getByTestId('users');
    await list.locator(`tr[data-username="${clerk.username}"]`).waitFor();
    expect(await list.locator(`tr[data-username="${hq.username}"]`).count()).toBe(0);
    const form = page.getByTestId('create-user');
    // never HQ, never another station
    expect(await form.locator('input[name=role-HQ_ADMIN]').count()).toBe(0);
    expect(await form.locator('select[name=stationId]').count()).toBe(0);
    const username = `li.${process.pid}`;
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=displayName]').fill('李工');
    await form.getByRole('button', { name: '创建用户' }).click();
    await page.getByTestId('setup-code').waitFor();
    const first = (await page.getByTestId('setup-code-value').innerText()).trim();
    const row = list.locator(`tr[data-username="${username}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(station.code);

    await row.getByRole('button', { name: '重置密码' }).click();
    await page.getByTestId('setup-code').filter({ hasText: '密码已重置' }).waitFor();
    const second = (await page.getByTestId('setup-code-value').innerText()).trim();
    expect(second).not.toBe(first);
    await shot(page, '10-manager-reset');
    // the new code works, the first one no longer does
    const done = (code: string) => platform.query(`mutation($u: String!, $c: String!) { completeSetup(username: $u, setupCode: $c, newPassword: "Clutch-Plate-Spring-88") { user { id } } }`, { u: username, c: code });
    expect((await done(first)).errors?.[0]?.extensions?.reason).toBe('INVALID_SETUP_CODE');

    await row.getByRole('button', { name: '停用' }).click();
    await row.filter({ hasText: '已停用' }).waitFor();
    expect((await done(second)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await shot(page, '11-manager-deactivated');
  });

  it('with CONSOLE_DEV_TOKENS on (development only), the sign-in page also offers token pasting and dev tokens', async () => {
    const saved = process.env.CONSOLE_DEV_TOKENS;
    process.env.CONSOLE_DEV_TOKENS = 'true';
    const dev = await startGateway({ config: platform.config, secret: platform.secret, port: await freePort() }).finally(() => {
      if (saved === undefined) delete process.env.CONSOLE_DEV_TOKENS;
      else process.env.CONSOLE_DEV_TOKENS = saved;
    });
    try {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
      contexts.push(ctx);
      const page = await ctx.newPage();
      await page.goto(`${dev.url}/`);
      const panel = page.getByTestId('dev-tokens');
      await panel.waitFor();
      await shot(page, '12-dev-tokens');
      await panel.locator('select').first().selectOption('PARTS_CLERK');
      await panel.getByRole('button', { name: '生成并登录' }).click();
      await page.locator('.top nav').waitFor();
      await page.getByTestId('station-name').waitFor();
      // a dev token is no account: no password to change
      expect(await page.getByRole('button', { name: '修改密码' }).count()).toBe(0);
    } finally {
      await dev.stop();
    }
  });
});
