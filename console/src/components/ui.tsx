/** Small shared pieces: plain-words error box, "not available yet" notice, query hook, number formatting. */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useClient, useQuery, useMutation, type AnyVariables, type CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { createPortal } from 'react-dom';
import { describeError } from '../api/errors';
import { operationName } from '../locales/operations';
import { fmtDateTime, fmtDay, fmtMonth, monthsBackFrom, parseDay } from '../dates';
import { useSession } from '../session';

export function ErrorBox({ error, onRetry }: { error?: CombinedError | Error | null; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const plain = useMemo(() => {
    if (!error) return undefined;
    return describeError(error); // the refusal's reason in the user's language (api/errors.ts)
  }, [error, i18n.language]);
  if (!plain) return null;
  return (
    <div className={`error-box ${plain.code === 'NOT_AVAILABLE' ? 'pending' : ''}`} role="alert" data-code={plain.code} data-reason={reasonOf(error)}>
      <strong>{plain.title}</strong>
      {plain.detail && <span className="detail">{plain.detail}</span>}
      {onRetry && (
        <button type="button" className="link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** The first refusal's extensions.reason (for data-reason), when the server gave one. */
function reasonOf(error?: CombinedError | Error | null): string | undefined {
  const reason = (error as CombinedError | undefined)?.graphQLErrors?.[0]?.extensions?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/** Shown instead of a panel when the deployed supergraph lacks the operation it needs. */
function Unavailable({ ops }: { ops: string[] }) {
  const { t, i18n } = useTranslation();
  // what the user cannot do, in their language (locales/operations.ts); the technical name only as small print
  const what = ops.map((o) => operationName(o, i18n.language) ?? t('errors.unknownOperation')).join(t('errors.listSeparator'));
  return (
    <div className="error-box pending" role="status" data-code="NOT_AVAILABLE">
      <strong>{t('errors.NOT_AVAILABLE')}</strong>
      <span className="what">{t('errors.missingFunction', { what })}</span>
      <span className="detail tech">{t('errors.missingOperation', { what: ops.join(', ') })}</span>
    </div>
  );
}

/** What a query (useApi, usePaged) or a subscription shows when it cannot: the console's one
 *  "service unavailable / error" box. "Not offered yet" while its operation is missing from the
 *  deployed supergraph, else its error in plain words (ErrorBox), with a retry button when the
 *  query can be refetched (`noRetry` leaves it out). Messages come from i18n (errors.*, reasons). */
export function QueryProblem({ of, noRetry }: { of: { missing: string[]; error?: CombinedError | Error | null; refetch?: () => void }; noRetry?: boolean }) {
  if (of.missing.length > 0) return <Unavailable ops={of.missing} />;
  return <ErrorBox error={of.error} onRetry={noRetry ? undefined : of.refetch} />;
}

/** Root fields (e.g. "Query.shortages") missing from the deployed schema; empty when all are there or when unknown. */
export function useMissing(...ops: string[]): string[] {
  const { caps } = useSession();
  if (!caps || caps.size === 0) return [];
  return ops.filter((o) => !caps.has(o));
}

/** urql's useQuery, paused while its operation is not deployed, refetchable over the network. */
export function useApi<T = any>(query: string, variables: AnyVariables, opts: { op: string; pause?: boolean }) {
  const missing = useMissing(opts.op);
  const [r, reexecute] = useQuery<T>({ query, variables, pause: opts.pause || missing.length > 0 });
  return { data: r.data, fetching: r.fetching, error: r.error, missing, refetch: () => reexecute({ requestPolicy: 'network-only' }) };
}

/** A mutation with its last error kept for display. */
export function useAction<T = any>(doc: string) {
  const [state, run] = useMutation<T>(doc);
  const [error, setError] = useState<CombinedError | undefined>();
  const exec = async (vars: AnyVariables): Promise<T | undefined> => {
    setError(undefined);
    const r = await run(vars, { requestPolicy: 'network-only' });
    if (r.error) {
      setError(r.error);
      return undefined;
    }
    return r.data;
  };
  return { exec, busy: state.fetching, error, clearError: () => setError(undefined) };
}

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function qty(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return Number.isInteger(n) ? String(n) : n.toFixed(3).replace(/0+$/, '').replace(/\.$/, '');
}

export function money(d: string | null | undefined): string {
  if (d === null || d === undefined) return '–';
  const n = Number(d);
  return Number.isFinite(n) ? `¥${n.toFixed(2)}` : String(d);
}

export function partName(p: { name: string; nameEn?: string | null }, lang: string): string {
  return lang.startsWith('en') && p.nameEn ? p.nameEn : p.name;
}

export function Panel({ title, children, actions, id }: { title: ReactNode; children: ReactNode; actions?: ReactNode; id?: string }) {
  return (
    <section className="panel" id={id}>
      <header>
        <h2>{title}</h2>
        {actions && <div className="actions">{actions}</div>}
      </header>
      <div className="body">{children}</div>
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** "Loading…" while a query has no data yet. */
export function Loading({ r }: { r: { fetching: boolean; data?: unknown; error?: unknown } }) {
  const { t } = useTranslation();
  return r.fetching && !r.data && !r.error ? <p className="hint" role="status">{t('common.loading')}</p> : null;
}

/* ---------- printing: one document at a time, in #print-root, with the print stylesheet ---------- */

export interface PrintDocument {
  /** 领料单, 出库单, 退料单, 调拨单, 盘点表 … */
  title: string;
  number: string;
  station: string;
  /** Header fields: [label, value]. */
  fields: [string, string][];
  columns: { header: string; num?: boolean }[];
  rows: string[][];
  /** The totals row (same length as columns), optional. */
  totals?: string[];
  /** Signature lines: 领料人, 发料人 … */
  signatures: string[];
  note?: string;
}

/** A return as the 退料单 lists it (PartsReturn: of a repair order's requisition line or of a counter-sale line). */
export interface SlipReturn {
  number: string; quantity: number; reason?: string | null; returnedAt: string; returnedBy: string; returnedByUser?: Person;
  part?: { partNo: string; name: string; nameEn?: string | null; unit: string }; bin?: { code: string; warehouse: { code: string } } | null;
}

/**
 * 退料单: one layout for a repair order's returns and a counter sale's — the numbers, the document's own header fields (委托书 and
 * vehicle, or 销售单 and customer), per return the part, unit, bin, quantity, reason and when and by whom; the total; 退料人 / 收料人.
 */
export function returnSlip(t: (...a: any[]) => any, lang: string, o: { station: string; fields: [string, string][]; returns: SlipReturn[] }): PrintDocument {
  const bin = (b?: SlipReturn['bin']) => (b ? `${b.warehouse.code}/${b.code}` : '–');
  return {
    title: t('print.returnTitle'), number: o.returns.map((r) => r.number).join(', '), station: o.station, fields: o.fields,
    columns: [{ header: t('print.returnNo') }, { header: t('part.partNo') }, { header: t('part.name') }, { header: t('part.unit') }, { header: t('part.bin') }, { header: t('counter.returnQty'), num: true }, { header: t('counter.returnReason') }, { header: t('print.when') }],
    rows: o.returns.map((r) => [r.number, r.part?.partNo ?? '', r.part ? partName(r.part, lang) : '', r.part?.unit ?? '', bin(r.bin), qty(r.quantity), r.reason ?? '', `${fmtTime(r.returnedAt, lang)} ${who(r.returnedByUser, r.returnedBy)}`]),
    totals: [t('print.total'), '', '', '', '', qty(o.returns.reduce((a, r) => a + r.quantity, 0)), '', ''],
    signatures: [t('print.returner'), t('print.receiver')],
  };
}

let current: PrintDocument | undefined;
const listeners = new Set<() => void>();
/** Shows `doc` in the print area and opens the browser's print dialog. */
export function printDocument(doc: PrintDocument): void {
  current = doc;
  listeners.forEach((l) => l());
  document.body.classList.add('printing');
  setTimeout(() => {
    window.print();
  }, 50);
}
window.addEventListener('afterprint', () => {
  document.body.classList.remove('printing');
  current = undefined; // another print (purchasing's overlay) must not show this document too
  listeners.forEach((l) => l());
});

/**
 * Where the document to print is rendered (once, in the shell), outside the
 * app's root (a portal on body): printing hides #root and shows only this.
 */
export function PrintHost() {
  const { t, i18n } = useTranslation();
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  const d = current;
  if (!d) return createPortal(<div id="print-root" />, document.body);
  return createPortal(
    <div id="print-root" data-testid="print-root">
      <div className="doc">
        <h1>{d.title}</h1>
        <div className="doc-head">
          <span>{t('print.station')}：{d.station}</span>
          <span>{t('print.number')}：<b className="mono">{d.number}</b></span>
          <span>{t('print.printedAt')}：{fmtDateTime(new Date(), i18n.language)}</span>
        </div>
        {d.fields.length > 0 && (
          <div className="doc-fields">
            {d.fields.map(([k, v]) => <span key={k}>{k}：{v}</span>)}
          </div>
        )}
        <table className="doc-lines">
          <thead>
            <tr>
              {d.columns.map((c) => <th key={c.header} className={c.num ? 'num' : ''}>{c.header}</th>)}
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r, i) => (
              <tr key={i}>{r.map((v, j) => <td key={j} className={d.columns[j]?.num ? 'num' : ''}>{v}</td>)}</tr>
            ))}
          </tbody>
          {d.totals && (
            <tfoot>
              <tr>{d.totals.map((v, j) => <td key={j} className={d.columns[j]?.num ? 'num' : ''}>{v}</td>)}</tr>
            </tfoot>
          )}
        </table>
        {d.note && <p className="doc-note">{d.note}</p>}
        <div className="signatures">
          {d.signatures.map((s) => <span key={s}>{s}：<i /></span>)}
          <span>{t('print.date')}：<i /></span>
        </div>
      </div>
    </div>,
    document.body,
  );
}

/* ---------- paged lists ---------- */

export interface PageData<T> { items: T[]; pageInfo: { endCursor: string | null; hasNextPage: boolean }; totalCount: number }

/**
 * A `<list>Page` query shown page by page with "more": the first page through
 * urql (refetchable), further pages appended by cursor.
 */
export function usePaged<T>(query: string, field: string, variables: Record<string, unknown>, opts: { op: string; pause?: boolean; first?: number }) {
  const first = opts.first ?? 50;
  const r = useApi<Record<string, PageData<T>>>(query, { ...variables, first, after: null }, { op: opts.op, pause: opts.pause });
  const client = useClient();
  const [more, setMore] = useState<{ key: string; items: T[]; pageInfo?: PageData<T>['pageInfo'] }>({ key: '', items: [] });
  const key = JSON.stringify(variables) + JSON.stringify(r.data?.[field]?.pageInfo ?? null);
  const page = r.data?.[field];
  const extra = more.key === key ? more : { key, items: [] as T[], pageInfo: undefined };
  const pageInfo = extra.pageInfo ?? page?.pageInfo;
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CombinedError>();
  const loadMore = async () => {
    if (!pageInfo?.hasNextPage) return;
    setLoadingMore(true);
    const res = await client.query(query, { ...variables, first, after: pageInfo.endCursor }, { requestPolicy: 'network-only' }).toPromise();
    setLoadingMore(false);
    setMoreError(res.error);
    const next = res.data?.[field] as PageData<T> | undefined;
    if (next) setMore({ key, items: [...extra.items, ...next.items], pageInfo: next.pageInfo });
  };
  return {
    ...r,
    items: page ? [...page.items, ...extra.items] : undefined,
    totalCount: page?.totalCount,
    hasMore: !!pageInfo?.hasNextPage,
    loadMore,
    loadingMore,
    moreError,
  };
}

/** "Showing n of N" and the button for the next page. */
export function Pager({ p }: { p: { items?: unknown[]; totalCount?: number; hasMore: boolean; loadMore(): void; loadingMore: boolean; moreError?: CombinedError } }) {
  const { t } = useTranslation();
  if (!p.items) return null;
  return (
    <div className="pager">
      <span className="hint" data-testid="pager-count">{t('common.shown', { shown: p.items.length, total: p.totalCount ?? p.items.length })}</span>
      {p.hasMore && <button type="button" className="small" onClick={p.loadMore} disabled={p.loadingMore}>{p.loadingMore ? t('common.loading') : t('common.more')}</button>}
      <ErrorBox error={p.moreError} />
    </div>
  );
}

/** Downloads `/export/<list>.xlsx` with the filters, with the signed-in token (streamed by the gateway). */
export function ExportButton({ list, filters }: { list: string; filters: Record<string, unknown> }) {
  const { t } = useTranslation();
  const { api } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const go = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const qs = new URLSearchParams();
      for (const [k, v] of Object.entries(filters)) if (v !== null && v !== undefined && v !== '') qs.set(k, Array.isArray(v) ? v.join(',') : String(v));
      // The connection failing (before the answer or while the file streams) is a network error, not the browser's English sentence.
      const offline = (e: unknown) => { throw Object.assign(new Error('network'), { networkError: e }); };
      const res = await api.fetch(`/export/${list}.xlsx?${qs}`).catch(offline); // the current token, renewed when refused
      if (!res.ok) {
        // the gateway's refusal (JSON with reason and params); else (a proxy's page) the HTTP status alone
        const body = await res.json().catch(() => undefined);
        if (body?.errors?.length) throw Object.assign(new Error(body.errors[0].message), { graphQLErrors: body.errors });
        throw Object.assign(new Error(`HTTP ${res.status}`), { networkError: new Error(`HTTP ${res.status}`), response: res });
      }
      const blob = await res.blob().catch(offline);
      const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? `${list}.xlsx`;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="small" onClick={go} disabled={busy} data-testid={`export-${list}`}>{busy ? t('common.working') : t('common.export')}</button>
      <ErrorBox error={error} />
    </>
  );
}

/** Client-side quantity check (whole units where the part has unitPrecision 0): a Chinese message, or undefined when fine. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function quantityProblem(value: string, unitPrecision: number, t: (...a: any[]) => any, max?: number): string | undefined {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) return t('check.number');
  if (n <= 0) return t('check.positive');
  if (n > 1_000_000) return t('check.tooLarge');
  const decimals = (value.split('.')[1] ?? '').length;
  if (unitPrecision === 0 && !Number.isInteger(n)) return t('check.whole');
  if (decimals > Math.max(unitPrecision, 0)) return t('check.decimals', { n: unitPrecision });
  if (max !== undefined && n > max) return t('check.atMost', { max: qty(max) });
  return undefined;
}

export const fmtTime = (iso: string | null | undefined, lang: string) => (iso ? fmtDateTime(new Date(iso), lang) : '–');

/** The demo catalog's image addresses live on the platform (gateway /images/parts/…); other addresses are used as they are. */
export function imageSrc(url: string): string {
  return url.replace(/^https?:\/\/img\.partsgraph\.example\//, '/images/');
}

/** The part's first image, or nothing when it has none. */
export function PartImage({ part }: { part: { partNo: string; imageUrls?: string[] | null } & Record<string, any> }) {
  const urls: string[] = part.imageUrls ?? [];
  const [failed, setFailed] = useState(false);
  if (!urls.length || failed) return null;
  return <img className="part-img" src={imageSrc(urls[0])} alt={part.partNo} width={96} height={72} loading="lazy" onError={() => setFailed(true)} data-testid="part-image" />;
}

/* ---------- server-side sort of a `<list>Page` (the list's `sort: PageSort`) ---------- */

export interface PageSort { field: string; direction: 'ASC' | 'DESC' }

/**
 * The sort a user picked for a list; `null` is the list's own order (newest
 * first). `exportValue` is the same sort for `/export/<list>.xlsx?sort=`.
 */
export function useSort(natural: PageSort) {
  const [sort, setSort] = useState<PageSort | null>(null);
  const shown = sort ?? natural;
  const toggle = (field: string, firstDirection: 'ASC' | 'DESC' = 'ASC') => {
    if (shown.field === field) setSort({ field, direction: shown.direction === 'ASC' ? 'DESC' : 'ASC' });
    else setSort({ field, direction: firstDirection });
  };
  return { sort, shown, toggle, set: setSort, exportValue: sort ? `${sort.field}:${sort.direction.toLowerCase()}` : null };
}

/** A column header that sorts the list on the server; aria-sort says the current order. */
export function SortTh({ s, field, children, num, first }: { s: ReturnType<typeof useSort>; field: string; children: ReactNode; num?: boolean; first?: 'ASC' | 'DESC' }) {
  const { t } = useTranslation();
  const on = s.shown.field === field;
  const dir = on ? s.shown.direction : undefined;
  return (
    <th className={`sortable ${num ? 'num' : ''} ${on ? 'sorted' : ''}`} aria-sort={dir === 'ASC' ? 'ascending' : dir === 'DESC' ? 'descending' : 'none'} data-sort={field}>
      <button type="button" className="th-sort" onClick={() => s.toggle(field, first)} title={t('sort.by')}>
        {children}<span className="arrow" aria-hidden="true">{dir === 'ASC' ? '▲' : dir === 'DESC' ? '▼' : '↕'}</span>
      </button>
    </th>
  );
}

/** The same sort as a select (for lists that are not tables). */
export function SortSelect({ s, fields }: { s: ReturnType<typeof useSort>; fields: { field: string; label: string }[] }) {
  const { t } = useTranslation();
  const value = `${s.shown.field}:${s.shown.direction}`;
  return (
    <select aria-label={t('sort.by')} value={value} data-testid="sort" onChange={(e) => { const [field, direction] = e.target.value.split(':'); s.set({ field, direction: direction as 'ASC' | 'DESC' }); }}>
      {fields.flatMap((f) => (['DESC', 'ASC'] as const).map((d) => (
        <option key={`${f.field}:${d}`} value={`${f.field}:${d}`}>{t('sort.option', { field: f.label, dir: t(`sort.${d}`) })}</option>
      )))}
    </select>
  );
}

/** A person as the API references them (identity's User); null for script and migration actors. */
export type Person = { id: string; username: string; displayName: string } | null | undefined;
/** A person by name (account ids are never shown); a script's or the migration's actor as it is. */
export const who = (u: Person, id: string | null | undefined) => (u ? u.displayName || u.username : id && /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(id) ? '–' : id ?? '');

/** A month picker ("YYYY-MM" values) whose labels are written per language (2026年12月 / December 2026, dates.ts),
 *  not the browser's native month input, which shows its own locale's names. The last `count` months up to `latest`. */
export function MonthPicker({ value, latest, count = 24, label, onChange }: { value: string; latest: string; count?: number; label: string; onChange: (ym: string) => void }) {
  const { i18n } = useTranslation();
  const months = monthsBackFrom(latest, count);
  if (!months.includes(value)) months.push(value);
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
      {months.map((m) => <option key={m} value={m}>{fmtMonth(m, i18n.language)}</option>)}
    </select>
  );
}

/** A day field ("YYYY-MM-DD" values) written the console's way per language (2026/12/07 / 07/12/2026, dates.ts), not the
 *  browser's native date input, which shows the browser's own locale (mm/dd/yyyy in an en-US Chromium) whatever the page's language. */
export function DayInput({ value, onChange, label, testId }: { value: string; onChange: (day: string) => void; label?: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState(() => fmtDay(value, i18n.language));
  const [bad, setBad] = useState(false);
  // an outside change (cleared, or the language switched) shows the day anew
  useEffect(() => { if (parseDay(text, i18n.language) !== value) setText(fmtDay(value, i18n.language)); }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => { setText(fmtDay(value, i18n.language)); setBad(false); }, [i18n.language]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <span className="day-input">
      <input data-day="" data-testid={testId} aria-label={label} inputMode="numeric" size={11} value={text} aria-invalid={bad || undefined}
        placeholder={t('check.dayFormat')} onChange={(e) => {
          setText(e.target.value);
          const day = parseDay(e.target.value, i18n.language);
          setBad(day === undefined && e.target.value.trim().length >= 8);
          if (day !== undefined && day !== value) onChange(day);
        }}
        onBlur={() => setBad(parseDay(text, i18n.language) === undefined)} />
      {bad && <span className="field-error" role="alert">{t('check.day')}</span>}
    </span>
  );
}
