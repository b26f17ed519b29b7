/** Small shared pieces: plain-words error box, "not available yet" notice, query hook, number formatting. */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useMutation, type AnyVariables, type CombinedError } from 'urql';
import { useTranslation } from 'react-i18next';
import { describeError } from '../api/errors';
import { useSession } from '../session';

export function ErrorBox({ error, onRetry }: { error?: CombinedError | Error | null; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const plain = useMemo(() => (error ? describeError(error) : undefined), [error, i18n.language]);
  if (!plain) return null;
  return (
    <div className={`error-box ${plain.code === 'NOT_AVAILABLE' ? 'pending' : ''}`} role="alert" data-code={plain.code}>
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

/** Shown instead of a panel when the deployed supergraph lacks the operation it needs. */
export function Unavailable({ ops }: { ops: string[] }) {
  const { t } = useTranslation();
  return (
    <div className="error-box pending" role="status" data-code="NOT_AVAILABLE">
      <strong>{t('errors.NOT_AVAILABLE')}</strong>
      <span className="detail">{t('errors.missingOperation', { what: ops.join(', ') })}</span>
    </div>
  );
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

/** Focuses the element on mount (the search box at the counter: a scanner types into whatever has focus). */
export function useAutoFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** "Loading…" while a query has no data yet. */
export function Loading({ r }: { r: { fetching: boolean; data?: unknown; error?: unknown } }) {
  const { t } = useTranslation();
  return r.fetching && !r.data && !r.error ? <p className="hint" role="status">{t('common.loading')}</p> : null;
}
