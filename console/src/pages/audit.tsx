/** The audit log (HQ: every station, or the one picked; station managers: their own), newest first, paged with `after`. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient, type CombinedError } from 'urql';
import { useSession } from '../session';
import { Empty, ErrorBox, ExportButton, Panel, QueryProblem, fmtTime, useMissing } from '../components/ui';

const AUDIT = `query AuditLog($s: ID, $u: ID, $from: DateTime, $to: DateTime, $after: String) {
  auditLog(stationId: $s, userId: $u, from: $from, to: $to, first: 50, after: $after) { id at stationId operation summary outcome user { id username displayName } }
}`;
const USERS = `query AuditUsers($s: ID) { users(stationId: $s) { id username displayName } }`;

/** A summary is "<operation> {json of its arguments}" or plain words: the arguments become "field: value" pairs, never raw JSON. */
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

interface Entry { id: string; at: string; stationId: string | null; operation: string; summary: string; outcome: string; user: { id: string; username: string; displayName: string } | null }

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const client = useClient();
  const missing = useMissing('Query.auditLog');
  const isHq = s.session.roles.includes('HQ_ADMIN');
  const scope = isHq ? s.stationId ?? null : s.session.stationId ?? null;
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<Entry[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CombinedError>();
  const [users, setUsers] = useState<{ id: string; username: string; displayName: string }[]>([]);

  const range = { from: from ? new Date(from).toISOString() : null, to: to ? new Date(`${to}T23:59:59.999`).toISOString() : null };
  const load = async (after?: string) => {
    setBusy(true);
    setError(undefined);
    const vars = { s: scope, u: userId || null, ...range, after: after ?? null };
    const r = await client.query<{ auditLog: Entry[] }>(AUDIT, vars, { requestPolicy: 'network-only' }).toPromise();
    setBusy(false);
    if (r.error) return void setError(r.error);
    const page = r.data?.auditLog ?? [];
    setEntries((prev) => (after ? [...prev, ...page] : page));
    setMore(page.length === 50);
  };
  useEffect(() => {
    if (missing.length) return;
    void load();
  }, [scope, userId, from, to, missing.length]);
  useEffect(() => {
    void client.query<{ users: typeof users }>(USERS, { s: scope }).toPromise().then((r) => setUsers(r.data?.users ?? []));
  }, [scope]);

  if (missing.length) return <QueryProblem of={{ missing }} />;
  const station = (id: string | null) => {
    const st = id ? s.stations.find((x) => x.id === id) : undefined;
    return st ? st.code : id ? id.slice(0, 8) : '–';
  };
  return (
    <div className="page audit">
      <Panel title={t('audit.title')} actions={<><ExportButton list="audit-log" filters={{ stationId: scope, userId: userId || null, ...range }} /><button type="button" onClick={() => void load()}>{t('common.refresh')}</button></>}>
        <div className="row filters">
          <label>
            {t('audit.user')}
            <select value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">{t('audit.allUsers')}</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.username})
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('audit.from')}
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label>
            {t('audit.to')}
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <ErrorBox error={error} onRetry={() => void load()} />
        {!busy && !error && !entries.length && <Empty>{t('audit.none')}</Empty>}
        {entries.length > 0 && (
          <table data-testid="audit">
            <thead>
              <tr>
                <th>{t('audit.at')}</th>
                <th>{t('audit.user')}</th>
                <th>{t('audit.station')}</th>
                <th>{t('audit.operation')}</th>
                <th>{t('audit.summary')}</th>
                <th>{t('audit.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className={e.outcome === 'REFUSED' ? 'refused' : ''}>
                  <td>{fmtTime(e.at, i18n.language)}</td>
                  <td>{e.user ? e.user.displayName || e.user.username : '–'}</td>
                  <td>{station(e.stationId)}</td>
                  <td className="mono">{e.operation}</td>
                  <td>{readableSummary(e.summary)}</td>
                  <td>{t(`audit.${e.outcome}`, { defaultValue: e.outcome })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {more && (
          <button type="button" disabled={busy} onClick={() => void load(entries[entries.length - 1]?.id)}>
            {busy ? t('common.loading') : t('audit.more')}
          </button>
        )}
      </Panel>
    </div>
  );
}
