/**
 * What the gateway does for sign-in, kept out of server.ts:
 *
 *  - GET /.well-known/jwks.json: identity's public keys (fetched from
 *    identity, cached for a minute) — the gateway holds no key to sign with;
 *  - the request context: a token verified with those keys (or
 *    AUTH_JWT_SECRET / an external provider), sessions that ended refused; no
 *    token only for login, completeSetup and refreshSession;
 *  - refusals at the gateway (UNAUTHENTICATED) sent to identity's audit log;
 *  - the caller's address for identity's per-address throttling, passed on
 *    with an HMAC under the service secret so that identity believes only the
 *    gateway (`clientHeader`).
 */
import type express from 'express';
import { LRUCache } from 'lru-cache';
import {
  ANONYMOUS, authenticate, auditEntry, isAnonymousOperation, bearer, clientHeader, operationOf, platformAuth, rootFieldNames, serviceToken,
  type AuditEntry, type Config, type Logger, type User, type Verifier,
} from '../../subgraphs/shared/src';

export { CLIENT_HEADER } from '../../subgraphs/shared/src';

export interface GatewayIdentity {
  verifier: Verifier;
  /** The GraphQL context's user: verified, or ANONYMOUS for the operations that need no token. */
  contextUser(req: express.Request): Promise<{ user: User; authorization: string; client: string }>;
  registerJwks(app: express.Express): void;
  stop(): void;
}

export function gatewayIdentity(config: Config, secret: string, log: Logger): GatewayIdentity {
  const { verifier, revocations } = platformAuth(config, secret, 'gateway', log);
  let stopRevocations: (() => void) | undefined;
  void revocations.start().then((s) => (stopRevocations = s));

  // Refusals go to identity in small batches; a flood of bad tokens costs one request a second, and past 200 it is counted, not kept.
  let pending: AuditEntry[] = [];
  let dropped = 0;
  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    try {
      await fetch(`${config.urls.identity}/internal/refusals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken(secret, 'gateway')}` },
        body: JSON.stringify({ entries: batch, dropped }),
        signal: AbortSignal.timeout(3000),
      });
      dropped = 0;
    } catch (err) {
      log.warn({ err: (err as Error).message, refusals: batch.length }, 'could not send refusals to identity');
    }
  };
  const timer = setInterval(() => void flush(), 1000);
  timer.unref();

  // The signed client header of each address (an HMAC under the service secret, the same for every request from it).
  const clientHeaders = new LRUCache<string, string>({ max: 10_000 });
  let jwks: { body: string; at: number } | undefined;
  return {
    verifier,
    async contextUser(req) {
      const address = req.socket.remoteAddress ?? 'unknown';
      let client = clientHeaders.get(address);
      if (client === undefined) clientHeaders.set(address, (client = clientHeader(secret, address)));
      // The query is parsed here only when it matters: no token (is it one of the operations that need none?) or a
      // refused one (the audit entry names its fields). Apollo Server parses it again either way, from its own cache.
      const op = () => operationOf(req.body?.query, req.body?.operationName);
      if (!req.headers.authorization && isAnonymousOperation(op())) {
        return { user: ANONYMOUS, authorization: '', client };
      }
      try {
        const user = await authenticate(verifier, req.headers.authorization);
        return { user, authorization: `Bearer ${bearer(req.headers.authorization)}`, client };
      } catch (err) {
        const ext = (err as { extensions?: { code?: string; reason?: string } }).extensions;
        if (ext?.code === 'UNAUTHENTICATED') {
          if (pending.length < 200) {
            const refused = op();
            const operation = refused ? rootFieldNames(refused).join(',') : String(req.body?.operationName ?? 'unknown');
            pending.push(auditEntry('gateway', null, { operation, summary: `from ${req.socket.remoteAddress ?? 'unknown'}` }, 'REFUSED', { code: ext.code, reason: ext.reason }));
          } else dropped++;
        }
        throw err;
      }
    },
    registerJwks(app) {
      app.get('/.well-known/jwks.json', async (_req, res) => {
        try {
          if (!jwks || Date.now() - jwks.at > 60_000) {
            const r = await fetch(`${config.urls.identity}/.well-known/jwks.json`, { signal: AbortSignal.timeout(3000) });
            if (!r.ok) throw new Error(`identity answered ${r.status}`);
            jwks = { body: await r.text(), at: Date.now() };
          }
          res.set('cache-control', 'public, max-age=60').type('application/json').send(jwks.body);
        } catch {
          if (jwks) return void res.set('cache-control', 'no-cache').type('application/json').send(jwks.body);
          res.status(503).json({ error: 'The signing keys are not available yet' });
        }
      });
    },
    stop() {
      clearInterval(timer);
      stopRevocations?.();
      void flush();
    },
  };
}
