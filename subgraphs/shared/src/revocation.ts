/**
 * Ended sign-in sessions, as every process that verifies tokens knows them.
 *
 * An access token lives at most 15 minutes and carries its session id
 * (`sid`). When identity ends a session (logout, deactivateUser, a reused
 * refresh token, a password change) it NOTIFYs `partsgraph_session_ended`
 * with `<sid> <until>` in the same transaction, so every subgraph's listener
 * hears it the moment the change commits; `until` is when the last access
 * token of that session expires anyway, after which the entry is dropped.
 * On start-up, after a listener reconnect and every `pollMs`, the list is
 * also read from identity (GET /internal/ended-sessions with a service token),
 * which covers a missed notification and the gateway, which has no database
 * connection. Until the first read succeeds, nothing is known to be ended.
 */
import { createVerifier, serviceToken, type Verifier } from './auth';
import type { Config } from './config';
import type { Logger } from './logger';
import type { PgListener } from './pubsub';

export const SESSION_ENDED_CHANNEL = 'partsgraph_session_ended';

export interface EndedSession {
  sid: string;
  /** ms since epoch after which no access token of the session is valid anyway. */
  until: number;
}

export class RevocationList {
  private ended = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private stopped = false;
  synced = false;

  constructor(private readonly o: { identityUrl: string; serviceSecret: string; caller: string; log?: Logger; pollMs?: number }) {}

  has = (sid: string): boolean => {
    const until = this.ended.get(sid);
    if (until === undefined) return false;
    if (until < Date.now()) {
      this.ended.delete(sid);
      return false;
    }
    return true;
  };

  add(e: EndedSession): void {
    if (e.until > Date.now()) this.ended.set(e.sid, e.until);
  }

  async refresh(): Promise<void> {
    const token = await serviceToken(this.o.serviceSecret, this.o.caller);
    const res = await fetch(`${this.o.identityUrl}/internal/ended-sessions`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`identity answered ${res.status}`);
    const body = (await res.json()) as { sessions: EndedSession[] };
    for (const e of body.sessions) this.add(e);
    for (const [sid, until] of this.ended) if (until < Date.now()) this.ended.delete(sid);
    this.synced = true;
  }

  /** Listens (when a listener is given) and polls; returns the stop function. */
  async start(listener?: PgListener): Promise<() => void> {
    if (listener) {
      await listener.listen(SESSION_ENDED_CHANNEL, (payload) => {
        const [sid, until] = payload.split(' ');
        if (sid) this.add({ sid, until: Number(until) || Date.now() + 15 * 60_000 });
      });
    }
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.refresh();
      } catch (err) {
        this.o.log?.debug({ err: (err as Error).message }, 'ended sessions: identity not reachable yet; will retry');
      }
      if (!this.stopped) {
        this.timer = setTimeout(tick, this.synced ? (this.o.pollMs ?? 5000) : 500);
        this.timer.unref();
      }
    };
    void tick();
    return () => {
      this.stopped = true;
      clearTimeout(this.timer);
    };
  }
}

/** The verifier and ended-session list every process builds the same way (subgraphs, gateway). */
export function platformAuth(config: Config, serviceSecret: string, caller: string, log?: Logger): { verifier: Verifier; revocations: RevocationList } {
  const revocations = new RevocationList({ identityUrl: config.urls.identity, serviceSecret, caller, log });
  const verifier = createVerifier({
    platformKeys: `${config.urls.identity}/.well-known/jwks.json`,
    hsSecret: config.jwtSecret,
    external: config.auth.external,
    isRevoked: revocations.has,
  });
  return { verifier, revocations };
}
