/**
 * Users (HQ administrators: everyone; station managers: their own station):
 * create a user — the answer is a one-time setup code to hand over, never a
 * password — reset a password (a new setup code) and deactivate. The list
 * pages and sorts on the server (`usersPage`) and downloads as Excel.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../auth';
import { useSession } from '../session';
import { Empty, ErrorBox, ExportButton, Loading, Pager, Panel, QueryProblem, SortTh, fmtTime, useAction, usePaged, useSort } from '../components/ui';

const USER = `id username displayName roles active lastLoginAt station { id code name }`;
const USERS_PAGE = `query UsersPage($stationId: ID, $sort: PageSort, $first: Int, $after: String) { usersPage(stationId: $stationId, sort: $sort, first: $first, after: $after) { items { ${USER} } pageInfo { endCursor hasNextPage } totalCount } }`;
const CREATE_USER = `mutation CreateUser($i: UserInput!) { createUser(input: $i) { setupCode user { ${USER} } } }`;
const RESET_PASSWORD = `mutation ResetPassword($id: ID!) { resetPassword(id: $id) { setupCode user { ${USER} } } }`;
const DEACTIVATE_USER = `mutation DeactivateUser($id: ID!) { deactivateUser(id: $id) { ${USER} } }`;

interface User { id: string; username: string; displayName: string; roles: string[]; active: boolean; lastLoginAt: string | null; station: { id: string; code: string; name: string } | null }

export function UsersPage() {
  const { t, i18n } = useTranslation();
  const s = useSession();
  const isHq = s.session.roles.includes('HQ_ADMIN');
  const scope = isHq ? s.stationId ?? null : s.session.stationId ?? null;
  const sort = useSort({ field: 'username', direction: 'ASC' });
  const users = usePaged<User>(USERS_PAGE, 'usersPage', { stationId: scope, sort: sort.sort }, { op: 'Query.usersPage', first: 100 });
  const create = useAction<{ createUser: { setupCode: string; user: User } }>(CREATE_USER);
  const reset = useAction<{ resetPassword: { setupCode: string; user: User } }>(RESET_PASSWORD);
  const deactivate = useAction<{ deactivateUser: User }>(DEACTIVATE_USER);
  const [setup, setSetup] = useState<{ username: string; code: string; kind: 'created' | 'resetDone' }>();
  const [notice, setNotice] = useState<string>();

  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>(['PARTS_CLERK']);
  const [stationId, setStationId] = useState<string>(() => (isHq ? s.stationId ?? '' : s.session.stationId ?? ''));
  const grantable = ROLES.filter((r) => isHq || r !== 'HQ_ADMIN');
  const hqUser = roles.includes('HQ_ADMIN');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(undefined);
    const r = await create.exec({ i: { username: username.trim(), displayName: displayName.trim() || username.trim(), roles, stationId: hqUser ? null : isHq ? stationId || null : s.session.stationId } });
    if (r) {
      setSetup({ username: r.createUser.user.username, code: r.createUser.setupCode, kind: 'created' });
      setUsername('');
      setDisplayName('');
      users.refetch();
    }
  };
  const onReset = async (u: User) => {
    setNotice(undefined);
    if (!confirm(t('users.resetConfirm', { username: u.username }))) return;
    const r = await reset.exec({ id: u.id });
    if (r) setSetup({ username: u.username, code: r.resetPassword.setupCode, kind: 'resetDone' });
  };
  const onDeactivate = async (u: User) => {
    setSetup(undefined);
    if (!confirm(t('users.deactivateConfirm', { username: u.username }))) return;
    const r = await deactivate.exec({ id: u.id });
    if (r) {
      setNotice(t('users.deactivated', { username: u.username }));
      users.refetch();
    }
  };

  if (users.missing.length) return <QueryProblem of={users} />;
  const list = users.items ?? [];
  return (
    <div className="page users">
      <Panel title={t('users.create')} id="create-user">
        <form className="user-form" onSubmit={submit} data-testid="create-user">
          <label>
            {t('users.username')}
            <input name="username" value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" spellCheck={false} />
          </label>
          <label>
            {t('users.displayName')}
            <input name="displayName" value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
          </label>
          <fieldset>
            <legend>{t('users.roles')}</legend>
            {grantable.map((r) => (
              <label key={r} className="check">
                <input type="checkbox" name={`role-${r}`} checked={roles.includes(r)} onChange={(e) => setRoles((prev) => (e.target.checked ? [...prev, r] : prev.filter((x) => x !== r)))} />
                {t(`roles.${r}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {t('users.station')}
            {hqUser ? (
              <span className="hint">{t('users.hqNoStation')}</span>
            ) : isHq ? (
              <select name="stationId" value={stationId} onChange={(e) => setStationId(e.target.value)}>
                <option value="">—</option>
                {s.stations.map((st) => (
                  <option key={st.id} value={st.id}>
                    {st.code} {st.name}
                  </option>
                ))}
              </select>
            ) : (
              <span>{s.station ? `${s.station.code} ${s.station.name}` : ''}</span>
            )}
          </label>
          <button type="submit" className="primary" disabled={create.busy || !username.trim() || !roles.length}>
            {t('users.createSubmit')}
          </button>
          {!roles.length && <span className="hint">{t('users.pickRoles')}</span>}
        </form>
        <ErrorBox error={create.error} />
        {setup && (
          <div className="ok-box setup-code" role="status" data-testid="setup-code">
            <p>{t(`users.${setup.kind}`, { username: setup.username })}</p>
            <p>
              {t('users.setupCode')}: <strong className="mono" data-testid="setup-code-value">{setup.code}</strong>{' '}
              <button type="button" className="link" onClick={() => void navigator.clipboard?.writeText(setup.code)}>
                {t('users.copy')}
              </button>
            </p>
            <p className="hint">{t('users.setupHint', { username: setup.username })}</p>
          </div>
        )}
      </Panel>
      <Panel title={t('users.title')} actions={<><ExportButton list="users" filters={{ stationId: scope, sort: sort.exportValue }} /><button type="button" onClick={users.refetch}>{t('common.refresh')}</button></>}>
        <ErrorBox error={users.error ?? reset.error ?? deactivate.error} onRetry={users.refetch} />
        {notice && <p className="ok-box" role="status">{notice}</p>}
        <Loading r={users} />
        {users.data && !list.length && <Empty>{t('users.none')}</Empty>}
        {list.length > 0 && (
          <table data-testid="users">
            <thead>
              <tr>
                <SortTh s={sort} field="username">{t('users.username')}</SortTh>
                <SortTh s={sort} field="displayName">{t('users.displayName')}</SortTh>
                <th>{t('users.roles')}</th>
                <th>{t('users.station')}</th>
                <th>{t('users.status')}</th>
                <SortTh s={sort} field="lastLoginAt" first="DESC">{t('users.lastLogin')}</SortTh>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.map((u) => (
                <tr key={u.id} data-username={u.username} className={u.active ? '' : 'inactive'}>
                  <td className="mono">{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{u.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join('、')}</td>
                  <td>{u.station ? `${u.station.code} ${u.station.name}` : t('roles.HQ_ADMIN')}</td>
                  <td>{u.active ? t('users.active') : t('users.inactive')}</td>
                  <td>{u.lastLoginAt ? fmtTime(u.lastLoginAt, i18n.language) : t('users.never')}</td>
                  <td className="row-actions">
                    {u.active && u.id !== s.session.sub && (
                      <>
                        <button type="button" className="link" onClick={() => void onReset(u)}>
                          {t('users.reset')}
                        </button>
                        <button type="button" className="link danger" onClick={() => void onDeactivate(u)}>
                          {t('users.deactivate')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager p={users} />
      </Panel>
    </div>
  );
}
