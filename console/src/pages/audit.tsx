/**
 * The audit log (HQ: every station, or the one picked; station managers: their
 * own) from `auditLogPage`: newest first or sorted on the server, paged by
 * cursor, filtered by user and dates, and downloadable as Excel with the same
 * filters and sort.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from 'urql';
import { useSession } from '../session';
import { DayInput, Empty, ExportButton, Loading, Pager, Panel, QueryProblem, SortTh, fmtTime, usePaged, useSort } from '../components/ui';
import { readableSummary } from '../audit-summary';

const AUDIT_PAGE = `query AuditLogPage($stationId: ID, $userId: ID, $from: DateTime, $to: DateTime, $sort: PageSort, $first: Int, $after: String) {
  auditLogPage(stationId: $stationId, userId: $userId, from: $from, to: $to, sort: $sort, first: $first, after: $after) {
    items { id at stationId station { id code name } operation summary outcome user { id username displayName } }
    pageInfo { endCursor hasNextPage } totalCount }
}`;
const USERS = `query AuditUsers($s: ID) { users(stationId: $s) { id username displayName } }`;


interface Entry { id: string; at: string; stationId: string | null; station: { id: string; code: string; name: string } | null; operation: string; summary: string; outcome: string; user: { id: string; username: string; displayName: string } | null }

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const client = useClient();
  const isHq = s.session.roles.includes('HQ_ADMIN');
  const scope = isHq ? s.stationId ?? null : s.session.stationId ?? null;
  const [userId, setUserId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [users, setUsers] = useState<{ id: string; username: string; displayName: string }[]>([]);
  const sort = useSort({ field: 'at', direction: 'DESC' });
  const filters = { stationId: scope, userId: userId || null, from: from ? new Date(from).toISOString() : null, to: to ? new Date(`${to}T23:59:59.999`).toISOString() : null };
  const entries = usePaged<Entry>(AUDIT_PAGE, 'auditLogPage', { ...filters, sort: sort.sort }, { op: 'Query.auditLogPage', first: 50 });
  useEffect(() => {
    void client.query<{ users: typeof users }>(USERS, { s: scope }).toPromise().then((r) => setUsers(r.data?.users ?? []));
  }, [scope]);

  if (entries.missing.length) return <QueryProblem of={entries} />;
  const list = entries.items ?? [];
  const station = (e: Entry) => e.station?.code ?? (e.stationId ? e.stationId.slice(0, 8) : '–');
  return (
    <div className="page audit">
      <Panel title={t('audit.title')} actions={<><ExportButton list="audit-log" filters={{ ...filters, sort: sort.exportValue }} /><button type="button" onClick={entries.refetch}>{t('common.refresh')}</button></>}>
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
            <DayInput value={from} onChange={setFrom} />
          </label>
          <label>
            {t('audit.to')}
            <DayInput value={to} onChange={setTo} />
          </label>
        </div>
        <QueryProblem of={entries} />
        <Loading r={entries} />
        {entries.data && !list.length && <Empty>{t('audit.none')}</Empty>}
        {list.length > 0 && (
          <table data-testid="audit">
            <thead>
              <tr>
                <SortTh s={sort} field="at" first="DESC">{t('audit.at')}</SortTh>
                <th>{t('audit.user')}</th>
                <th>{t('audit.station')}</th>
                <SortTh s={sort} field="operation">{t('audit.operation')}</SortTh>
                <th>{t('audit.summary')}</th>
                <th>{t('audit.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((e) => (
                <tr key={e.id} className={e.outcome === 'REFUSED' ? 'refused' : ''}>
                  <td className="at">{fmtTime(e.at, i18n.language)}</td>
                  <td className="who">{e.user ? e.user.displayName || e.user.username : '–'}</td>
                  <td>{station(e)}</td>
                  <td className="mono">{e.operation}</td>
                  <td className="summary">{readableSummary(e.summary)}</td>
                  <td className="outcome">{t(`audit.${e.outcome}`, { defaultValue: e.outcome })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager p={entries} />
      </Panel>
    </div>
  );
}
