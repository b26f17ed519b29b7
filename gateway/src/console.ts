/**
 * The station console (console/dist, built by vite) served by the gateway on
 * the same origin as /graphql: static files, and index.html for any other GET
 * that asks for HTML (the console routes by path: /counter, /purchasing …).
 * /graphql and /health are never shadowed.
 *
 * Dev tokens (off unless asked for; `npm start` leaves them off): GET/POST
 * /console-api/dev-token lets the sign-in page make a short-lived token for a
 * role and station, but only when NODE_ENV is not "production", AND
 * CONSOLE_DEV_TOKENS=true, AND AUTH_JWT_SECRET is set (they are HS256 tokens;
 * the gateway holds no key that signs for people), and only for a request
 * that comes straight from this machine: socket on loopback, no Forwarded /
 * X-Forwarded-For / X-Real-IP header (a reverse proxy on the same host), and a
 * Host of localhost or 127.0.0.1 (a page that reached us through DNS
 * rebinding names its own host). Otherwise it answers { enabled: false } and
 * signs nothing. Turning them on logs a warning in Chinese and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { ROLES, isRole, signToken, type Logger, type Role } from '../../subgraphs/shared/src';

export interface ConsoleOptions {
  /** AUTH_JWT_SECRET; without it no dev token can be signed. */
  secret: string | undefined;
  /** Where console/dist is; default: <repo>/console/dist. */
  distDir?: string;
  /** Offer dev tokens (see above); default: read from NODE_ENV and CONSOLE_DEV_TOKENS. */
  devTokens?: boolean;
  log?: Logger;
}

/** How long a dev token lives. */
export const DEV_TOKEN_TTL = '15m';

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The one place the console reads its two variables (documented in the README's environment table). */
export function devTokensFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== 'production' && /^(1|true|yes|on)$/i.test(env.CONSOLE_DEV_TOKENS ?? '');
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why a dev-token request is refused, or undefined when it may have one. */
export function devTokenRefusal(req: express.Request): string | undefined {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return 'not from this machine';
  if (req.headers.forwarded !== undefined || req.headers['x-forwarded-for'] !== undefined || req.headers['x-real-ip'] !== undefined) return 'forwarded by a proxy';
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  if (!LOCAL_HOSTS.has(host)) return 'Host is not localhost or 127.0.0.1';
  return undefined;
}

export function registerConsole(app: express.Express, o: ConsoleOptions): void {
  const dist = o.distDir ?? path.join(repoRoot(), 'console', 'dist');
  const wanted = o.devTokens ?? devTokensFromEnv();
  const devTokens = wanted && !!o.secret;
  if (wanted && !o.secret) {
    o.log?.warn('CONSOLE_DEV_TOKENS is on but AUTH_JWT_SECRET is not set: no dev tokens. 未设置 AUTH_JWT_SECRET，开发令牌不可用。');
  } else if (devTokens) {
    o.log?.warn(`开发令牌已开启（CONSOLE_DEV_TOKENS）：本机任何程序都能取得 ${DEV_TOKEN_TTL} 的 HQ_ADMIN 令牌，切勿用于生产。 Dev tokens are ON (CONSOLE_DEV_TOKENS): any program on this machine can get a ${DEV_TOKEN_TTL} HQ_ADMIN token; never in production.`);
  }

  app.get('/console-api/dev-token', async (req, res) => {
    res.set('cache-control', 'no-store');
    if (!devTokens || devTokenRefusal(req)) return void res.json({ enabled: false });
    // The station list for the form, read through this gateway with a short-lived HQ token.
    let stations: unknown[] = [];
    try {
      const token = await signToken(o.secret!, { sub: 'console-dev', roles: ['HQ_ADMIN'] }, '1m');
      const r = await fetch(`http://127.0.0.1:${req.socket.localPort}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ stations { id code name } }' }),
        signal: AbortSignal.timeout(3000),
      });
      stations = ((await r.json()) as any)?.data?.stations ?? [];
    } catch {
      /* the form still offers HQ_ADMIN */
    }
    res.json({ enabled: true, roles: ROLES, stations });
  });
  app.post('/console-api/dev-token', express.json({ limit: '4kb' }), async (req, res) => {
    res.set('cache-control', 'no-store');
    if (!devTokens) return void res.status(404).json({ error: 'dev tokens are off' });
    const refused = devTokenRefusal(req);
    if (refused) return void res.status(403).json({ error: `dev tokens refused: ${refused}` });
    const roles: string[] = Array.isArray(req.body?.roles) ? req.body.roles : [];
    const stationId = typeof req.body?.stationId === 'string' && req.body.stationId ? req.body.stationId : undefined;
    if (!roles.length || !roles.every(isRole)) return void res.status(400).json({ error: `roles must be among ${ROLES.join(', ')}` });
    if (!roles.includes('HQ_ADMIN') && !stationId) return void res.status(400).json({ error: 'station users need a stationId' });
    const sub = `console-${roles[0].toLowerCase()}`;
    res.json({ token: await signToken(o.secret!, { sub, roles: roles as Role[], stationId }, DEV_TOKEN_TTL) });
  });

  const index = path.join(dist, 'index.html');
  // Hashed assets never change; index.html must always be re-read so a rebuild shows up.
  app.use(express.static(dist, { index: false, maxAge: '1y', immutable: true, fallthrough: true }));
  app.use((req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/graphql') || req.path.startsWith('/health') || req.path.startsWith('/console-api') || req.path.startsWith('/assets/')) return next();
    if (!req.accepts('html')) return next();
    if (!fs.existsSync(index)) {
      return void res.status(503).type('text/plain; charset=utf-8').send('The console is not built: run `npm run build:console` (npm start builds it when missing).\n控制台尚未构建：请运行 npm run build:console。\n');
    }
    res.set('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
