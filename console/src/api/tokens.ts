/**
 * The access token, kept fresh: renewed with `refreshSession` a minute before
 * it expires (or at 80 % of a shorter life), and on demand after the server
 * answered 401/UNAUTHENTICATED or closed a subscription with 4401. One
 * renewal at a time, across tabs too (Web Locks where the browser has them,
 * and the tokens another tab stored are taken instead of spending the same
 * refresh token twice, which would end the session). When the session cannot
 * be renewed (signed out elsewhere, deactivated, password reset) `ended` is
 * raised: the console asks for the password again without unmounting the page.
 */
import { saveSession, loadSession, sessionFromPayload, SESSION_FIELDS, type Session, type SessionPayload } from '../auth';

type Listener = { changed?(s: Session): void; ended?(): void };

/** Sign-in refusals (a wrong password …) are answers, not an expired token: never retried with a refresh. */
export const SIGN_IN_REASONS = new Set(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'TOO_MANY_ATTEMPTS', 'INVALID_SETUP_CODE', 'USER_INACTIVE']);

/** A GraphQL call without a token (login, completeSetup, refreshSession). */
export async function anonymousCall<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, any> }[] }> {
  const r = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return r.json();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One tab at a time through `fn`, by a claim in localStorage (taken over when older than 5 s). */
async function withStorageLock<T>(fn: () => Promise<T>): Promise<T> {
  const KEY = 'partsgraph.refreshing';
  const me = Math.random().toString(36).slice(2);
  const mine = () => localStorage.getItem(KEY)?.startsWith(`${me}:`) ?? false;
  for (let i = 0; i < 50; i++) {
    const held = localStorage.getItem(KEY);
    if (!held || Date.now() - Number(held.split(':')[1]) > 5_000) {
      localStorage.setItem(KEY, `${me}:${Date.now()}`);
      await sleep(25);
      if (mine()) {
        try {
          return await fn();
        } finally {
          if (mine()) localStorage.removeItem(KEY);
        }
      }
    }
    await sleep(100);
  }
  return fn();
}

const REFRESH = `mutation RefreshSession($t: String!) { refreshSession(refreshToken: $t) { ${SESSION_FIELDS} } }`;

export class TokenStore {
  private listeners = new Set<Listener>();
  private inflight: Promise<string | undefined> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private isEnded = false;
  private waiters: ((token: string | undefined) => void)[] = [];

  constructor(public session: Session) {}

  get ended(): boolean {
    return this.isEnded;
  }

  listen(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Starts the renewal timer. */
  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  /** The next access token once the person has signed in again; undefined if they sign out instead. */
  nextSession(): Promise<string | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** A new sign-in of the same person (after the session ended): carry on with it. */
  replace(s: Session): void {
    this.isEnded = false;
    this.set(s);
  }

  /** An access token valid for at least `minMs` more, renewed first when needed. */
  async fresh(minMs = 20_000): Promise<string> {
    const { exp, iat } = this.session;
    // Never more than a quarter of the token's life: a token that lives 20 s is not renewed on every request.
    const window = exp && iat ? Math.min(minMs, (exp - iat) * 250) : minMs;
    if (exp && exp * 1000 - Date.now() < window && this.session.refreshToken && !this.isEnded) return (await this.refresh()) ?? this.session.token;
    return this.session.token;
  }

  /** Renews now (one renewal at a time); the new access token, or undefined when the session cannot be renewed. */
  refresh(): Promise<string | undefined> {
    if (this.isEnded) return Promise.resolve(undefined);
    if (!this.inflight) {
      const run = () => this.doRefresh();
      // Web Locks need a secure context (https or localhost); a station PC on http://<LAN address> gets the storage lock.
      const locks = (navigator as Navigator & { locks?: { request(name: string, cb: () => Promise<unknown>): Promise<unknown> } }).locks;
      this.inflight = (locks ? (locks.request('partsgraph.refresh', run) as Promise<string | undefined>) : withStorageLock(run)).finally(() => {
        this.inflight = undefined;
      });
    }
    return this.inflight;
  }

  private async doRefresh(): Promise<string | undefined> {
    const mine = this.session;
    // Another tab may have renewed already: its tokens are in localStorage, and ours is spent.
    const stored = loadSession();
    if (stored?.refreshToken && stored.sub === mine.sub && stored.refreshToken !== mine.refreshToken && (stored.exp ?? 0) * 1000 - Date.now() > 30_000) {
      this.set(stored);
      return stored.token;
    }
    const refreshToken = stored?.sub === mine.sub && stored.refreshToken ? stored.refreshToken : mine.refreshToken;
    if (!refreshToken) {
      // A bare token (development) cannot be renewed: once it has expired, ask for a sign-in.
      if (mine.exp && mine.exp * 1000 <= Date.now() + 1000) this.end();
      return undefined;
    }
    let r: Awaited<ReturnType<typeof anonymousCall<{ refreshSession: SessionPayload }>>>;
    try {
      r = await anonymousCall<{ refreshSession: SessionPayload }>(REFRESH, { t: refreshToken });
    } catch {
      // The network or the platform is down: keep what we have and try again soon.
      this.schedule(5_000);
      return undefined;
    }
    if (r.data?.refreshSession) {
      const next = sessionFromPayload(r.data.refreshSession);
      this.set(next);
      return next.token;
    }
    if (r.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) this.end();
    else this.schedule(5_000);
    return undefined;
  }

  private set(s: Session): void {
    this.session = s;
    saveSession(s);
    this.schedule();
    for (const l of this.listeners) l.changed?.(s);
    for (const w of this.waiters.splice(0)) w(s.token);
  }

  private end(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    clearTimeout(this.timer);
    for (const l of this.listeners) l.ended?.();
  }

  private schedule(inMs?: number): void {
    clearTimeout(this.timer);
    if (this.stopped || this.isEnded || !this.session.refreshToken || !this.session.exp) return;
    let ms = inMs;
    if (ms === undefined) {
      const left = this.session.exp * 1000 - Date.now();
      ms = Math.max(1_000, left > 120_000 ? left - 60_000 : Math.round(left * 0.8));
    }
    this.timer = setTimeout(() => void this.refresh(), ms);
  }
}
