/**
 * Sign-in: paste a token (from `npm run token`), or — only when the gateway
 * runs in development with CONSOLE_DEV_TOKENS=true — generate one for a role
 * and station. There are no passwords, default or otherwise.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseToken, ROLES, type Role, type Session } from '../auth';
import { LanguageSwitch } from '../app';

interface DevStation { id: string; code: string; name: string }

export function SignInPage({ onSignIn }: { onSignIn(s: Session): void }) {
  const { t } = useTranslation();
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string>();
  const [dev, setDev] = useState<{ enabled: boolean; stations: DevStation[] }>({ enabled: false, stations: [] });
  const [role, setRole] = useState<Role>('PARTS_CLERK');
  const [stationId, setStationId] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    fetch('/console-api/dev-token')
      .then((r) => (r.ok ? r.json() : { enabled: false }))
      .then((j) => live && setDev({ enabled: !!j.enabled, stations: j.stations ?? [] }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (!stationId && dev.stations.length) setStationId(dev.stations[0].id);
  }, [dev.stations, stationId]);

  const useToken = (token: string) => {
    try {
      onSignIn(parseToken(token));
    } catch (e) {
      setError(t(`signIn.errors.${(e as Error).message}`, { defaultValue: t('signIn.errors.not-a-token') }));
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    useToken(raw);
  };
  const generate = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      const r = await fetch('/console-api/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ roles: [role], stationId: role === 'HQ_ADMIN' ? undefined : stationId }),
      });
      const j = await r.json().catch(() => ({}));
      if (!r.ok || !j.token) throw new Error(j.error || 'dev');
      useToken(j.token);
    } catch {
      setError(t('signIn.errors.dev'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sign-in">
      <div className="card">
        <div className="card-head">
          <h1>
            PartsGraph <span>{t('app.subtitle')}</span>
          </h1>
          <LanguageSwitch />
        </div>
        <form onSubmit={submit}>
          <label htmlFor="token">{t('signIn.paste')}</label>
          <textarea id="token" name="token" rows={4} value={raw} onChange={(e) => setRaw(e.target.value)} placeholder="eyJhbGciOiJIUzI1NiIs…" autoFocus spellCheck={false} />
          <button type="submit" className="primary" disabled={!raw.trim()}>
            {t('signIn.submit')}
          </button>
        </form>
        {error && (
          <div className="error-box" role="alert">
            <strong>{error}</strong>
          </div>
        )}
        <div className="howto">
          <p>{t('signIn.howto')}</p>
          <pre>npm run token -- --role PARTS_CLERK --station &lt;stationId&gt;{'\n'}npm run token -- --role PURCHASER,STATION_MANAGER --station &lt;stationId&gt;{'\n'}npm run token -- --role HQ_ADMIN</pre>
        </div>
        {dev.enabled && (
          <form className="dev" onSubmit={generate}>
            <h2>{t('signIn.devTitle')}</h2>
            <p className="hint">{t('signIn.devHint')}</p>
            <div className="row">
              <label>
                {t('signIn.role')}
                <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </label>
              {role !== 'HQ_ADMIN' && (
                <label>
                  {t('signIn.station')}
                  <select value={stationId} onChange={(e) => setStationId(e.target.value)}>
                    {dev.stations.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.code} {s.name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button type="submit" disabled={busy || (role !== 'HQ_ADMIN' && !stationId)}>
                {t('signIn.generate')}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
