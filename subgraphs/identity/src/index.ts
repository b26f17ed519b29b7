/**
 * The identity subgraph: people (users, roles per station), their passwords
 * (argon2id), sign-in sessions and refresh tokens, the platform's signing
 * keys — identity is the only process that holds the private key — and the
 * audit log every other subgraph feeds through its outbox.
 *
 * HTTP besides /graphql: GET /.well-known/jwks.json (public keys, no token;
 * the gateway serves it to the world), GET /internal/ended-sessions (sessions
 * whose access tokens must be refused, for every verifier) and POST
 * /internal/refusals (the gateway's refused attempts, for the audit log).
 */
import express from 'express';
import type { AuditEntry, SubgraphDefinition } from '../../shared/src';
import { buildIdentitySchema } from './schema';
import { migrations } from './migrations';
import { signingKeys } from './key/key.runtime';
import { sessionRepository } from './session/session.repository';
import { auditRepository, identityAuditSink } from './audit/audit.repository';
import { auditConsumers } from './audit/audit.consumer';

export const identity: SubgraphDefinition = {
  name: 'identity',
  buildSchema: buildIdentitySchema,
  entities: [],
  migrations,
  auditSink: () => identityAuditSink,
  consumers: () => auditConsumers(),
  routes(app, rt, serviceUser) {
    app.get('/.well-known/jwks.json', (_req, res) => {
      res.set('cache-control', 'public, max-age=60').json(signingKeys(rt).jwks());
    });
    app.get('/internal/ended-sessions', async (req, res) => {
      try {
        await serviceUser(req.headers.authorization);
        res.json({ sessions: await sessionRepository.recentlyEnded(rt.ds, rt) });
      } catch {
        res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'A service token is required' } });
      }
    });
    app.post('/internal/refusals', express.json({ limit: '512kb' }), async (req, res) => {
      try {
        await serviceUser(req.headers.authorization);
      } catch {
        return void res.status(401).json({ error: { code: 'UNAUTHENTICATED', message: 'A service token is required' } });
      }
      const entries = (Array.isArray(req.body?.entries) ? req.body.entries : []).slice(0, 500) as AuditEntry[];
      const clean = entries.map((e) => ({ ...e, outcome: 'REFUSED' as const, at: new Date(e.at).toString() === 'Invalid Date' ? new Date().toISOString() : e.at }));
      await rt.ds.transaction((tx) => auditRepository.insertMany(tx, clean));
      if (Number(req.body?.dropped) > 0) rt.log.warn({ dropped: Number(req.body.dropped) }, 'the gateway dropped refused attempts beyond its buffer');
      res.json({ recorded: clean.length });
    });
  },
  async start(rt) {
    const keys = signingKeys(rt);
    await keys.load();
    rt.log.info({ kid: keys.current.kid, alg: keys.current.alg, source: rt.config.auth.signingKey ? 'AUTH_SIGNING_KEY' : keys.dir }, 'signing key loaded');
    // A rotated key (a new file in the key directory) signs from the next reload.
    const timer = setInterval(() => void keys.load().catch((err) => rt.log.error({ err }, 'reloading the signing keys failed')), 60_000);
    timer.unref();
    return () => clearInterval(timer);
  },
};
