/**
 * An audit entry's summary is "<operation> {json of its arguments}" (as
 * subgraphs/shared/src/audit.ts writes it) or plain words. For people the
 * arguments become "field: value" pairs, never raw JSON — on the console's
 * audit page and in the gateway's audit-log sheet alike (gateway/src/export.ts
 * imports this file). Pure: no DOM, no imports.
 */
export function readableSummary(summary: string): string {
  const m = /^(\S+)\s+([[{][\s\S]*)$/.exec(summary);
  if (!m) return summary;
  let args: unknown;
  try {
    args = JSON.parse(m[2]);
  } catch {
    return summary;
  }
  const out: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (v === null || v === undefined || v === '') return;
    if (Array.isArray(v)) {
      if (v.every((x) => typeof x !== 'object' || x === null)) out.push(`${path}: ${v.join('、')}`);
      else v.forEach((x, i) => walk(x, `${path}.${i + 1}`));
    } else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, path && path !== 'input' ? `${path}.${k}` : k);
    } else out.push(`${path}: ${String(v)}`);
  };
  walk(args, '');
  return out.join('；');
}
