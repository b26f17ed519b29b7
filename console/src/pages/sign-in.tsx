/**
 * Sign-in: username and password (`login`), or the first sign-in with the
 * one-time setup code a manager handed over (`completeSetup`). Refusals are
 * shown by their reason, in the user's language. Pasting a token or making
 * one for a role is only there when the gateway offers dev tokens
 * (CONSOLE_DEV_TOKENS, never in production).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { parseToken, sessionFromPayload, SESSION_FIELDS, ROLES, type Role, type Session, type SessionPayload } from '../auth';
import { anonymousCall } from '../api/tokens';
import { LanguageSwitch } from '../app';
import { ErrorBox } from '../components/ui';

interface DevStation { id: string; code: string; name: string }

const LOGIN = `mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { ${SESSION_FIELDS} } }`;
const COMPLETE_SETUP = `mutation CompleteSetup($u: String!, $c: String!, $p: String!) { completeSetup(username: $u, setupCode: $c, newPassword: $p) { ${SESSION_FIELDS} } }`;
const PASSWORD_MIN = 10;

/** An error ErrorBox can show: GraphQL errors keep their code, reason and params. */
export class ApiRefusal extends Error {
  graphQLErrors: { message: string; extensions?: Record<string, any> }[];
  constructor(errors: { message: string; extensions?: Record<string, any> }[]) {
    super(errors[0]?.message ?? 'refused');
    this.graphQLErrors = errors;
  }
}

/** Runs login / completeSetup; resolves with the session or throws what ErrorBox shows. */
export async function signInCall(kind: 'login' | 'completeSetup', variables: Record<string, string>): Promise<Session> {
  const r = await anonymousCall<Record<string, SessionPayload>>(kind === 'login' ? LOGIN : COMPLETE_SETUP, variables);
  const payload = r.data?.[kind];
  if (payload) return sessionFromPayload(payload);
  throw new ApiRefusal(r.errors ?? [{ message: 'refused', extensions: { code: 'INTERNAL' } }]);
}

/** The username + password form; also used to sign in again when a session ended. */
export function PasswordForm({ onSignIn, fixedUsername }: { onSignIn(s: Session): void; fixedUsername?: string }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(fixedUsername ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      onSignIn(await signInCall('login', { u: username.trim(), p: password }));
    } catch (err) {
      setError(err instanceof ApiRefusal ? err : Object.assign(new Error('network'), { networkError: err }));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="login-form">
      <label htmlFor="username">{t('signIn.username')}</label>
      <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} readOnly={!!fixedUsername} autoFocus={!fixedUsername} spellCheck={false} />
      <label htmlFor="password">{t('signIn.password')}</label>
      <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus={!!fixedUsername} />
      <button type="submit" className="primary" disabled={busy || !username.trim() || !password}>
        {busy ? t('signIn.working') : t('signIn.login')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

function SetupForm({ onSignIn, onBack }: { onSignIn(s: Session): void; onBack(): void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const mismatch = again.length > 0 && again !== password;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    if (password !== again) return;
    setBusy(true);
    try {
      onSignIn(await signInCall('completeSetup', { u: username.trim(), c: code.trim(), p: password }));
    } catch (err) {
      setError(err instanceof ApiRefusal ? err : Object.assign(new Error('network'), { networkError: err }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} data-testid="setup-form">
      <h2>{t('signIn.firstTitle')}</h2>
      <p className="hint">{t('signIn.firstHint')}</p>
      <label htmlFor="setup-username">{t('signIn.username')}</label>
      <input id="setup-username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus spellCheck={false} />
      <label htmlFor="setup-code">{t('signIn.setupCode')}</label>
      <input id="setup-code" name="setupCode" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} spellCheck={false} className="mono" />
      <label htmlFor="setup-password">{t('signIn.newPassword')}</label>
      <input id="setup-password" name="newPassword" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <label htmlFor="setup-again">{t('signIn.confirmPassword')}</label>
      <input id="setup-again" name="confirmPassword" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} />
      <p className="hint">{mismatch ? <span className="warn">{t('signIn.mismatch')}</span> : t('signIn.passwordRule', { min: PASSWORD_MIN })}</p>
      <button type="submit" className="primary" disabled={busy || !username.trim() || !code.trim() || !password || password !== again}>
        {busy ? t('signIn.working') : t('signIn.setupSubmit')}
      </button>
      <button type="button" className="link" onClick={onBack}>
        {t('signIn.backToLogin')}
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

export function SignInPage({ onSignIn }: { onSignIn(s: Session): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'login' | 'setup'>(() => (new URLSearchParams(location.search).has('setup') ? 'setup' : 'login'));
  const [dev, setDev] = useState<{ enabled: boolean; stations: DevStation[] }>({ enabled: false, stations: [] });

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

  return (
    <div className="sign-in">
      <div className="card">
        <div className="card-head">
          <h1>
            PartsGraph <span>{t('app.subtitle')}</span>
          </h1>
          <LanguageSwitch />
        </div>
        {mode === 'login' ? (
          <>
            <PasswordForm onSignIn={onSignIn} />
            <button type="button" className="link" data-testid="first-sign-in" onClick={() => setMode('setup')}>
              {t('signIn.firstTime')}
            </button>
          </>
        ) : (
          <SetupForm onSignIn={onSignIn} onBack={() => setMode('login')} />
        )}
        <p className="hint">{t('signIn.noAccount')}</p>
        {dev.enabled && <DevTokens stations={dev.stations} onSignIn={onSignIn} />}
      </div>
    </div>
  );
}

/** Development only (the gateway answers enabled: true only with CONSOLE_DEV_TOKENS, outside production, from this machine). */
function DevTokens({ stations, onSignIn }: { stations: DevStation[]; onSignIn(s: Session): void }) {
  const { t } = useTranslation();
  const [raw, setRaw] = useState('');
  const [error, setError] = useState<string>();
  const [role, setRole] = useState<Role>('PARTS_CLERK');
  const [stationId, setStationId] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!stationId && stations.length) setStationId(stations[0].id);
  }, [stations, stationId]);

  const useToken = (token: string) => {
    try {
      onSignIn(parseToken(token));
    } catch (e) {
      setError(t(`signIn.errors.${(e as Error).message}`, { defaultValue: t('signIn.errors.not-a-token') }));
    }
  };
  const paste = (e: FormEvent) => {
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
    <div className="dev" data-testid="dev-tokens">
      <h2>{t('signIn.devTitle')}</h2>
      <p className="hint">{t('signIn.devHint')}</p>
      <form onSubmit={paste}>
        <label htmlFor="token">{t('signIn.paste')}</label>
        <textarea id="token" name="token" rows={3} value={raw} onChange={(e) => setRaw(e.target.value)} placeholder="eyJhbGciOi…" spellCheck={false} />
        <button type="submit" disabled={!raw.trim()}>
          {t('signIn.submit')}
        </button>
      </form>
      <form onSubmit={generate}>
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
                {stations.map((s) => (
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
      {error && (
        <div className="error-box" role="alert">
          <strong>{error}</strong>
        </div>
      )}
    </div>
  );
}
