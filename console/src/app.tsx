/** The shell: sign-in gate, navigation (Alt+1…4), station picker for HQ, language switch, alert badge. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadSession, saveSession, hasRole, type Session } from './auth';
import { SessionProvider, useSession } from './session';
import { SignInPage } from './pages/sign-in';
import { CounterPage } from './pages/counter';
import { PurchasingPage } from './pages/purchasing';
import { StockPage } from './pages/stock';
import { ExchangePage } from './pages/exchange';
import { DepotPage } from './pages/depot';
import { OrderTrackingPage } from './pages/order-tracking';
import { setLanguage } from './i18n';
import { ErrorBox, PrintHost } from './components/ui';

const PAGES = ['counter', 'purchasing', 'stock', 'exchange', 'orders', 'depot'] as const;
type Page = (typeof PAGES)[number];

function pageFromPath(): Page {
  const p = location.pathname.replace(/^\/+|\/+$/g, '');
  return (PAGES as readonly string[]).includes(p) ? (p as Page) : 'counter';
}

export function App() {
  const [session, setSession] = useState<Session | undefined>(() => loadSession());
  const signIn = (s: Session) => {
    saveSession(s);
    setSession(s);
  };
  const signOut = () => {
    saveSession(undefined);
    setSession(undefined);
  };
  if (!session) return <SignInPage onSignIn={signIn} />;
  return (
    <SessionProvider key={session.token} session={session} onSignOut={signOut}>
      <Shell />
    </SessionProvider>
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
      if (e.altKey && !e.ctrlKey && !e.metaKey && /^[1-4]$/.test(e.key)) {
        e.preventDefault();
        go(PAGES[Number(e.key) - 1]);
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
  return (
    <div className="shell">
      <header className="top no-print">
        <div className="brand">
          PartsGraph <span>{t('app.subtitle')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          {PAGES.map((p, i) => (
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
            <span className="station" data-testid="station-name">{s.station ? `${s.station.code} ${s.station.name}` : s.stationId?.slice(0, 8)}</span>
          )}
          <span className="user" title={s.session.roles.join(', ')}>
            {s.session.sub} · {s.session.roles.map((r) => t(`roles.${r}`)).join('/')}
          </span>
          <span className={`ws ws-${s.wsState}`} title={t(`ws.${s.wsState}`)} aria-label={t(`ws.${s.wsState}`)} />
          <LanguageSwitch />
          <button type="button" className="link" onClick={s.signOut}>
            {t('app.signOut')}
          </button>
        </div>
      </header>
      <main>
        <ErrorBox error={s.stationsError} />
        {!s.stationId && page !== 'exchange' && isHq && <p className="hint no-print">{t('app.pickStation')}</p>}
        {page === 'counter' && <CounterPage />}
        {page === 'purchasing' && <PurchasingPage />}
        {page === 'stock' && <StockPage />}
        {page === 'exchange' && <ExchangePage />}
        {page === 'orders' && <OrderTrackingPage />}
        {page === 'depot' && (isHq ? <DepotPage /> : <p className="hint">{t('depot.desk')}: HQ</p>)}
      </main>
      <PrintHost />
    </div>
  );
}

export const canManage = (s: Session) => hasRole(s, 'STATION_MANAGER');
