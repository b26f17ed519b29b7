/**
 * Filling a refusal's (or an explanation's) template with its params, the
 * same for every language: `{{name}}` is a param, a part in `[…]` is left out
 * when a param in it has no text, so a refusal with fewer params still reads
 * well. Params are shown as a person knows them: a field path becomes "line 2's
 * quantity" / "第 2 行的数量" (lines counted from 1, as the server sends them),
 * roles and statuses their names in the language; ids and the API's own names
 * (fields the language does not name, flags, services) are never shown.
 *
 * A language brings its words (ReasonLanguage): field, role, status and VIN
 * problem names, how it says a list position and a short line, its list
 * separators and its punctuation tidy-up. The tables are ./reasons.ts
 * (Chinese) and ./reasons-en.ts (English).
 */

export interface ReasonLanguage {
  /** Field names a path may end in; a name not here is left out (never shown raw). */
  fields: Record<string, string>;
  roles: Record<string, string>;
  statuses: Record<string, string>;
  /** INVALID_VIN's params.problem: length, characters, check digit. */
  vinProblems: Record<string, string>;
  /** A list position (from 1): the first one in a path (`depth` 0) is a line or row of `list` ("lines", "rows", …), deeper ones are items. */
  position(n: string, depth: number, list: string | undefined): string;
  /** The positions and the field name of a path put together ("line 2's quantity"); `name` may be missing. */
  label(where: string[], name: string | undefined): string;
  /** One line of a shortage (INSUFFICIENT_STOCK, DEPOT_STOCK_SHORT's params.short). */
  shortLine(line: { line?: string; partNo?: string; requested?: string; available?: string }): string | undefined;
  /** Between the names of a list (roles, part numbers), between alternatives (statuses), between short lines. */
  separators: { list: string; or: string; lines: string };
  /** The filled text's spacing and punctuation made right. */
  tidy(text: string): string;
}

/** A code's name in the language's table; undefined for what the table does not name (never shown raw). */
const named = (names: Record<string, string>) => (x: unknown) => (typeof x === 'string' && Object.prototype.hasOwnProperty.call(names, x) ? names[x] : undefined);

/** Path segments that only say where the fields are. */
const CONTAINERS = new Set(['lines', 'rows', 'input']);

/** "lines.2.quantity" → the language's "line 2's quantity"; names it does not know are left out; undefined when nothing is left. */
export function fieldLabelIn(lang: ReasonLanguage, path: unknown): string | undefined {
  if (typeof path !== 'string' || !path) return undefined;
  const where: string[] = [];
  let name: string | undefined;
  let previous: string | undefined;
  for (const seg of path.split('.')) {
    if (/^\d+$/.test(seg)) where.push(lang.position(seg, where.length, previous));
    else if (!CONTAINERS.has(seg)) name = named(lang.fields)(seg);
    previous = seg;
  }
  return lang.label(where, name) || undefined;
}

function dateTime(v: unknown): string | undefined {
  const d = new Date(String(v));
  if (Number.isNaN(d.getTime())) return undefined;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const text = (v: unknown): string | undefined => {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v !== 'string' || !v) return undefined;
  return v.length > 60 ? v.slice(0, 60) + '…' : v;
};
const list = (v: unknown, one: (x: unknown) => string | undefined, sep: string) => {
  const xs = (Array.isArray(v) ? v : [v]).map(one).filter((x): x is string => !!x);
  return xs.length ? xs.join(sep) : undefined;
};

/** One param as a person reads it in the language; undefined leaves its `[…]` part out. */
export function paramTextIn(lang: ReasonLanguage, name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (name) {
    case 'field':
    case 'variable':
      return fieldLabelIn(lang, value);
    case 'allowed':
      return list(value, (x) => fieldLabelIn(lang, x), lang.separators.list);
    case 'roles':
    case 'role':
      return list(value, named(lang.roles), lang.separators.list);
    case 'status':
    case 'expected':
      return list(value, named(lang.statuses), lang.separators.or);
    case 'short':
      return list(value, (s) => {
        if (!s || typeof s !== 'object') return undefined;
        const o = s as Record<string, unknown>;
        return lang.shortLine({ line: text(o.line), partNo: typeof o.partNo === 'string' ? text(o.partNo) : undefined, requested: text(o.requested), available: text(o.available) });
      }, lang.separators.lines);
    case 'maxBytes':
      return typeof value === 'number' && value > 0 ? (value >= 1024 * 1024 ? `${Math.round((value / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(value / 1024)} KB`) : undefined;
    case 'problem':
      return named(lang.vinProblems)(value);
    case 'until':
      return dateTime(value);
    default:
      if (/(^id$|Id$|Ids$|^ids$)/.test(name)) return undefined; // ids mean nothing to a person
      return Array.isArray(value) ? list(value, text, lang.separators.list) : text(value);
  }
}

/** A template with params filled in, in the language: `[…]` parts whose params have no text are left out. */
export function fillTemplate(lang: ReasonLanguage, template: string, params: Record<string, unknown> = {}): string {
  const shown = (k: string) => paramTextIn(lang, k, params[k]);
  const kept = template.replace(/\[([^\]]*)\]/g, (_, part: string) => ([...part.matchAll(/\{\{(\w+)\}\}/g)].every((m) => shown(m[1]) !== undefined) ? part : ''));
  return lang.tidy(kept.replace(/\{\{(\w+)\}\}/g, (_, k: string) => shown(k) ?? ''));
}

/** A refusal's text from the language's table, or undefined when the table does not have the reason. */
export function reasonIn(lang: ReasonLanguage, table: Record<string, string>, reason: unknown, params?: unknown): string | undefined {
  if (typeof reason !== 'string' || !Object.prototype.hasOwnProperty.call(table, reason)) return undefined;
  return fillTemplate(lang, table[reason], params && typeof params === 'object' ? (params as Record<string, unknown>) : {});
}
