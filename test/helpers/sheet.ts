/**
 * Excel downloads in tests: `GET /export/<list>.xlsx` through the gateway with
 * a token, and the first worksheet's rows as plain cell values (numbers stay
 * numbers, dates Dates), header row first.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';

export interface Sheet {
  name: string;
  rows: unknown[][];
}

/** The export route's address for `path` (`/export/…`) next to the gateway's `/graphql`. */
export const exportUrl = (gatewayUrl: string, path: string) => `${gatewayUrl.replace(/\/graphql$/, '')}${path}`;

/** Fetches an export with the caller's token (none: anonymous). */
export const downloadExport = (gatewayUrl: string, path: string, token?: string, init: RequestInit = {}) =>
  fetch(exportUrl(gatewayUrl, path), { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) } });

/** The first worksheet of a workbook: a fetch answer (refused unless 200) or the bytes of a downloaded file. */
export async function readSheet(source: Response | Uint8Array): Promise<Sheet> {
  let bytes: Buffer;
  if (source instanceof Response) {
    if (source.status !== 200) throw new Error(`export answered ${source.status}: ${(await source.text()).slice(0, 300)}`);
    bytes = Buffer.from(await source.arrayBuffer());
  } else bytes = Buffer.from(source);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as any);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return { name: ws.name, rows };
}

/** In the browser: clicks what starts a download and reads the downloaded workbook, with the file's suggested name and where it was saved. */
export async function clickDownloadSheet(page: Page, target: Locator): Promise<Sheet & { filename: string; file: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), target.click()]);
  const file = (await download.path())!;
  return { ...(await readSheet(fs.readFileSync(file))), filename: download.suggestedFilename(), file };
}

/** Cells as text (dates as ISO), for comparing with what a page shows. */
export const asText = (rows: unknown[][]): string[][] => rows.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v ?? ''))));
