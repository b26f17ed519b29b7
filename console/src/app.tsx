/**
 * The shell: sign-in gate, navigation (Alt+1…4), station picker for HQ,
 * language switch, alert badge, the account menu (change password, sign out).
 * When a session cannot be renewed any more, a sign-in dialog covers the page
 * instead of replacing it, so what the user typed stays.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSession, saveSession, hasRole, whoName, type Role, type Session } from './auth';
import { TokenStore, anonymousCall } from './api/tokens';
import { SessionProvider, useSession } from './session';
import { SignInPage, PasswordForm } from './pages/sign-in';
import { UsersPage } from './pages/users';
import { AuditPage } from './pages/audit';
import { ChangePasswordDialog } from './pages/account';
import { CounterPage } from './pages/counter';
import { PurchasingPage } from './pages/purchasing';
import { StockPage } from './pages/stock';
import { ExchangePage } from './pages/exchange';
import { DepotPage } from './pages/depot';
import { OrderTrackingPage } from './pages/order-tracking';
import { setLanguage } from './i18n';
import { ErrorBox, PrintHost } from './components/ui';

const PAGES = ['counter', 'purchasing', 'stock', 'exchange', 'orders', 'depot', 'users', 'audit'] as const;
/** Pages only managers see (HQ and station managers). */
const MANAGER_PAGES: readonly string[] = ['users', 'audit'];
type Page = (typeof PAGES)[number];
/**
 * Pages whose every function needs one of these roles (the server's
 * @Authorized on them): not in the navigation for anyone else. 调剂 — surplus
 * candidates, listings, the board, swap requests — is the purchaser's and the
 * manager's; a parts clerk may use none of it. 备品部 is HQ's. (HQ passes hasRole.)
 */
const PAGE_ROLES: Partial<Record<Page, Role[]>> = { exchange: ['PURCHASER', 'STATION_MANAGER'], depot: ['HQ_ADMIN'] };
export const mayOpen = (s: Session, p: Page) => !PAGE_ROLES[p] || hasRole(s, ...PAGE_ROLES[p]!);

function pageFromPath(): Page {
  const p = location.pathname.replace(/^\/+|\/+$/g, '');
  return (PAGES as readonly string[]).includes(p) ? (p as Page) : 'counter';
}

export function App() {
  const [tokens, setTokens] = useState<TokenStore | undefined>(() => {
    const s = loadSession();
    return s ? new TokenStore(s) : undefined;
  });
  const [session, setSession] = useState<Session | undefined>(tokens?.session);
  const [ended, setEnded] = useState(false);
  useEffect(() => {
    if (!tokens) return;
    const off = tokens.listen({ changed: setSession, ended: () => setEnded(true) });
    tokens.start();
    // A stored access token that has already expired is renewed at once.
    void tokens.fresh();
    return () => {
      off();
      tokens.stop();
    };
  }, [tokens]);
  const signIn = (s: Session) => {
    saveSession(s);
    setEnded(false);
    if (tokens && tokens.session.sub === s.sub) {
      tokens.replace(s);
      setSession(s);
    } else {
      setTokens(new TokenStore(s));
      setSession(s);
    }
  };
  const signOut = async () => {
    // A token that still works for logout (renewed when it is about to expire).
    const token = tokens && !tokens.ended ? await tokens.fresh().catch(() => undefined) : undefined;
    const current = tokens?.session;
    saveSession(undefined);
    setTokens(undefined);
    setSession(undefined);
    setEnded(false);
    // Ends the session at the server too (its refresh token stops working at once); a dev token has none.
    if (current?.refreshToken) await anonymousCall(`mutation Logout { logout }`, {}, token ?? current.token).catch(() => undefined);
  };
  if (!tokens || !session) return <SignInPage onSignIn={signIn} />;
  return (
    <SessionProvider key={session.sub} session={session} tokens={tokens} onSignOut={() => void signOut()}>
      <Shell />
      {ended && <SessionEnded session={session} onSignIn={signIn} onOther={() => void signOut()} />}
    </SessionProvider>
  );
}

/** The session could not be renewed: sign in again over the page (same person keeps the page as it is). */
function SessionEnded({ session, onSignIn, onOther }: { session: Session; onSignIn(s: Session): void; onOther(): void }) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop" role="dialog" aria-modal="true" aria-labelledby="ended-title" data-testid="session-ended">
      <div className="modal sign-in-modal">
        <h2 id="ended-title">{t('account.expiredTitle')}</h2>
        <p className="hint">{t('account.expiredHint')}</p>
        <PasswordForm onSignIn={onSignIn} fixedUsername={session.user?.username} />
        <button type="button" className="link" onClick={onOther}>
          {t('account.otherUser')}
        </button>
      </div>
    </div>
  );
}

function LanguageSwitch() {
  const { i18n } = useTranslation();
  return (
    <div className="lang" role="group" aria-label="Language / 语言">
      <button type="button" className={i18n.language.startsWith('zh') ? 'on' : ''} onClick={() => setLanguage('zh')} lang="zh">
        中文
      </button>
      <button type="button" className={i18n.language.startsWith('en') ? 'on' : ''} onClick={() => setLanguage('en')} lang="en">
        EN
      </button>
    </div>
  );
}
export { LanguageSwitch };

function Shell() {
  const { t } = useTranslation();
  const s = useSession();
  const [page, setPage] = useState<Page>(pageFromPath);
  const go = (p: Page) => {
    if (location.pathname !== `/${p}`) history.pushState(null, '', `/${p}`);
    setPage(p);
  };
  useEffect(() => {
    const onPop = () => setPage(pageFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // Alt+n opens the n-th link of the top bar (its tooltip says which), for every page this person has
      const n = e.altKey && !e.ctrlKey && !e.metaKey && /^[1-9]$/.test(e.key) ? Number(e.key) : 0;
      if (n && n <= pages.length) {
        e.preventDefault();
        go(pages[n - 1]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });
  useEffect(() => {
    if (page === 'purchasing') s.markSeen();
  }, [page, s.alerts.length]);
  useEffect(() => {
    document.title = `${t(`nav.${page}`)} · PartsGraph`;
  }, [page, t]);

  const isHq = s.session.roles.includes('HQ_ADMIN');
  const isManager = canManage(s.session);
  const pages = useMemo(() => PAGES.filter((p) => (isManager || !MANAGER_PAGES.includes(p)) && mayOpen(s.session, p)), [isManager, s.session]);
  const [changing, setChanging] = useState(false);
  return (
    <div className="shell">
      <header className="top no-print">
        <div className="brand">
          PartsGraph <span>{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          {pages.map((p, i) => (
            <a
              key={p}
              href={`/${p}`}
              className={p === page ? 'on' : ''}
              aria-current={p === page ? 'page' : undefined}
              title={`Alt+${i + 1}`}
              data-page={p}
              onClick={(e) => {
                e.preventDefault();
                go(p);
              }}
            >
              {t(`nav.${p}`)}
              {p === 'purchasing' && s.unseen > 0 && (
                <span className="badge" data-testid="alert-badge" aria-label={t('alerts.badge', { count: s.unseen })}>
                  {s.unseen}
                </span>
              )}
            </a>
          ))}
        </nav>
        <div className="who">
          {isHq ? (
            <select aria-label={t('app.station')} value={s.stationId ?? ''} onChange={(e) => s.setStationId(e.target.value || undefined)}>
              <option value="">{t('app.allStations')}</option>
              {s.stations.map((st) => (
                <option key={st.id} value={st.id}>
                  {st.code} {st.name}
                </option>
              ))}
            </select>
          ) : (
            <span className="station" data-testid="station-name" title={s.station ? `${s.station.code} ${s.station.name}` : undefined}>{s.station ? `${s.station.code} ${s.station.name}` : ''}</span>
          )}
          <span className="user" title={s.session.roles.join(', ')} data-testid="who">
            {whoName(s.session)} · {s.session.roles.map((r) => t(`roles.${r}`)).join('/')}
          </span>
          <span className={`ws ws-${s.wsState}`} title={t(`ws.${s.wsState}`)} aria-label={t(`ws.${s.wsState}`)} />
          <LanguageSwitch />
          {s.session.refreshToken && (
            <button type="button" className="link" onClick={() => setChanging(true)}>
              {t('account.changePassword')}
            </button>
          )}
          <button type="button" className="link" onClick={s.signOut}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main>
        <ErrorBox error={s.stationsError} />
        {!s.stationId && page !== 'exchange' && page !== 'depot' && !MANAGER_PAGES.includes(page) && isHq && <p className="hint no-print">{t('app.pickStation')}</p>}
        {page === 'counter' && <CounterPage />}
        {page === 'purchasing' && <PurchasingPage />}
        {page === 'stock' && <StockPage />}
        {page === 'exchange' && (mayOpen(s.session, 'exchange') ? <ExchangePage /> : <p className="hint" data-testid="not-for-role">{t('app.exchangeNotForRole')}</p>)}
        {page === 'orders' && <OrderTrackingPage />}
        {page === 'depot' && (isHq ? <DepotPage /> : <p className="hint">{t('depot.hqOnly')}</p>)}
        {page === 'users' && isManager && <UsersPage />}
        {page === 'audit' && isManager && <AuditPage />}
      </main>
      {changing && <ChangePasswordDialog onClose={() => setChanging(false)} />}
      <PrintHost />
    </div>
  );
}

export const canManage = (s: Session) => hasRole(s, 'STATION_MANAGER');
