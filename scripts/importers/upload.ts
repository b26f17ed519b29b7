/**
 * The upload the parts and offers importers share: the checked rows go to the
 * gateway's import mutation in chunks, each refused row is mapped back to its
 * file line with the refusal's reason, a progress bar runs on stderr, and the
 * summary and the first 500 refusals are logged.
 */
import path from 'node:path';
import cliProgress from 'cli-progress';
import { gql } from './history';

export interface RowError { line: number; partNo?: string | null; message: string; reason?: string }
export interface RunResult { created: number; updated: number; unchanged: number; errors: RowError[] }
export interface UploadRow { line: number; partNo?: string; input: Record<string, unknown> }

export interface Upload {
  /** 'parts' or 'offers': the progress bar's label. */
  label: string;
  /** The import mutation and its row input type, e.g. importParts / PartInput. */
  mutation: 'importParts' | 'importSupplierOffers';
  inputType: 'PartInput' | 'SupplierOfferInput';
  url: string;
  token: string;
  file: string;
  rows: UploadRow[];
  /** The rows refused before upload (bad cells); the server's refusals are added. */
  errors: RowError[];
  batch: number;
  quiet: boolean;
  log: (m: string) => void;
}

export async function upload(u: Upload): Promise<RunResult> {
  const { rows, errors } = u;
  const batch = Math.max(1, Math.min(u.batch || 500, 2000));
  const result: RunResult = { created: 0, updated: 0, unchanged: 0, errors };
  const bar = new cliProgress.SingleBar({ format: `${u.label} [{bar}] {value}/{total} rows | {created} new, {updated} updated, {failed} refused`, hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  if (!u.quiet) bar.start(rows.length, 0, { created: 0, updated: 0, failed: errors.length });
  try {
    for (let i = 0; i < rows.length; i += batch) {
      const chunk = rows.slice(i, i + batch);
      const data = await gql(u.url, u.token, `mutation($r: [${u.inputType}!]!) { ${u.mutation}(rows: $r) { created updated unchanged errors { row partNo message reason } } }`, { r: chunk.map((c) => c.input) });
      const r = data[u.mutation];
      result.created += r.created;
      result.updated += r.updated;
      result.unchanged += r.unchanged;
      for (const e of r.errors) errors.push({ line: chunk[e.row - 1].line, partNo: e.partNo ?? chunk[e.row - 1].partNo, message: e.message, reason: e.reason });
      if (!u.quiet) bar.update(Math.min(i + batch, rows.length), { created: result.created, updated: result.updated, failed: errors.length });
    }
  } finally {
    if (!u.quiet) bar.stop();
  }
  errors.sort((a, b) => a.line - b.line);
  u.log(`${path.basename(u.file)}: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${errors.length} refused`);
  for (const e of errors.slice(0, 500)) u.log(`  line ${e.line}${e.partNo ? ` (${e.partNo})` : ''}: ${e.reason ? `${e.reason}: ` : ''}${e.message}`);
  if (errors.length > 500) u.log(`  … and ${errors.length - 500} more`);
  return result;
}
