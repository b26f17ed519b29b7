/// <reference lib="dom" />
/**
 * The purchasing page against a gateway that does not offer everything this
 * console knows (an older deployment during an upgrade): its supergraph lacks
 * `supplierOffersPage` and the `shortageAlerts` subscription. A purchaser
 * signed in through the sign-in page sees, in the console's one "not offered
 * yet" box (QueryProblem), in Chinese and after the switch in English, what
 * they cannot do (the technical name only as small print) and where, while the rest of the page works: the
 * recommendations, the orders, the open shortages. 1024 px, no sideways
 * overflow; screenshot not-offered-purchasing-1024.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, visit, type DocumentNode, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode } from 'graphql';
import { composeServices } from '@apollo/composition';
import type { Browser } from 'playwright-core';
import { SUBGRAPHS } from '../../subgraphs/shared/src';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { describeBrowser, expectText, launchBrowser, noOverflow, signedIn, ROOT } from '../helpers/browser';

jest.setTimeout(180_000);

/** The checked-in subgraphs composed without the given root fields ({ Query: ['x'] }). */
function supergraphWithout(drop: Record<string, string[]>): string {
  const without = (node: ObjectTypeDefinitionNode | ObjectTypeExtensionNode) =>
    drop[node.name.value] ? { ...node, fields: node.fields?.filter((f) => !drop[node.name.value].includes(f.name.value)) } : undefined;
  const services = SUBGRAPHS.map((name) => ({
    name,
    url: `http://127.0.0.1/${name}`, // the gateway takes the addresses from its config
    typeDefs: visit(parse(fs.readFileSync(path.join(ROOT, 'schema', `${name}.graphql`), 'utf8')), {
      ObjectTypeDefinition: without, ObjectTypeExtension: without,
    }) as DocumentNode,
  }));
  const composed = composeServices(services);
  if (composed.errors?.length) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return composed.supergraphSdl!;
}

describeBrowser('purchasing against a gateway that lacks some functions (chromium, 1024 px)', () => {
  let platform: Platform;
  let browser: Browser;
  let buyer: SignedInUser;
  const station = demoData().stations[0];
  const supergraphSdl = supergraphWithout({ Query: ['supplierOffersPage'], Subscription: ['shortageAlerts'] });

  beforeAll(async () => {
    expect(supergraphSdl).not.toMatch(/\bsupplierOffersPage\b|\bshortageAlerts\b/);
    [platform, browser] = await Promise.all([startPlatform({ supergraphSdl }), launchBrowser()]);
    buyer = await platform.user({ roles: 'PURCHASER', stationId: station.id, username: 'liu.caigou' });
  });
  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('purchaser: says which function the server does not offer yet, in the panel it belongs to, and the rest of the page works', async () => {
    const { ctx, page } = await signedIn(browser, `${platform.gateway.url}/purchasing`, buyer);
    await expectText(page.getByTestId('station-name'), station.code);

    // 供应商报价: the list is not offered — said in plain Chinese, naming the missing operation
    const offers = page.locator('#supplier-offers');
    const offersBox = offers.locator('[data-code=NOT_AVAILABLE]');
    expect(await expectText(offersBox, '服务器暂未提供此功能。')).toContain('暂时不能查看供应商报价。');
    // the technical name only as small print, apart from what the user reads
    expect(await offersBox.locator('.what').innerText()).not.toMatch(/[A-Za-z]/);
    expect(await offersBox.locator('.detail.tech').innerText()).toContain('Query.supplierOffersPage');
    expect(await offers.locator('table').count()).toBe(0);

    // 缺件提醒: no live push — the box names the subscription, the label says it is not connected; the open shortages still list
    const alerts = page.locator('#alerts');
    const alertsBox = alerts.locator('[data-code=NOT_AVAILABLE]');
    expect(await expectText(alertsBox, '服务器暂未提供此功能。')).toContain('暂时不能实时接收缺件提醒。');
    expect(await alertsBox.locator('.what').innerText()).not.toMatch(/[A-Za-z]/);
    expect(await alertsBox.locator('.detail.tech').innerText()).toContain('Subscription.shortageAlerts');
    await expectText(alerts.locator('.ws-label'), '实时推送未连接');
    await expectText(alerts.locator('p.empty, [data-testid=alerts]'), /\S/);

    // what the server does offer works: recommendations with rows, the orders list
    await expectText(page.locator('[data-testid=recs] tbody tr').first(), /\S/, 75_000);
    await expectText(page.locator('#purchase-orders p.empty, #purchase-orders [data-testid=purchase-orders]'), /暂无采购订单|\d{4}/);
    // one box per missing function, nowhere else, and never raw errors
    expect(await page.locator('[data-code=NOT_AVAILABLE]').count()).toBe(2);
    expect(await page.locator('body').innerText()).not.toMatch(/Cannot query field|GRAPHQL_VALIDATION_FAILED|"extensions"/);
    await noOverflow(page, 'not-offered-purchasing-1024.png');

    // the same box in English after the switch
    await page.getByRole('button', { name: 'EN' }).click();
    expect(await expectText(offersBox, 'The server does not offer this yet.')).toContain('You cannot view supplier offers yet.');
    expect(await offersBox.locator('.detail.tech').innerText()).toContain('Query.supplierOffersPage');
    expect(await alertsBox.locator('.what').innerText()).toBe('You cannot receive live shortage alerts yet.');
    await ctx.close();
  });
});
