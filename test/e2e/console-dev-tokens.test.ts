/**
 * Dev tokens (gateway/src/console.ts) are off unless CONSOLE_DEV_TOKENS is on
 * outside production; even then a request forwarded by a proxy or naming
 * another Host gets none, the tokens live at most 15 minutes, and turning
 * them on warns in Chinese and English. Each gateway here is a real one
 * (startGateway) in front of the test platform's subgraphs.
 */
import http from 'node:http';
import { startPlatform, type Platform } from '../helpers/platform';
import { freePort } from '../helpers/ports';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { createLogger } from '../../subgraphs/shared/src';

interface Answer { status: number; body: any }

/** node:http, so that Host and forwarding headers go out exactly as given. */
function call(port: number, method: 'GET' | 'POST', headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path: '/console-api/dev-token', headers: { host: `127.0.0.1:${port}`, ...(payload ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let parsed: any = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}
const HQ = { roles: ['HQ_ADMIN'] };

describe('console dev tokens', () => {
  let p: Platform;
  const gateways: RunningGateway[] = [];
  const saved = { NODE_ENV: process.env.NODE_ENV, CONSOLE_DEV_TOKENS: process.env.CONSOLE_DEV_TOKENS };

  /** A gateway started with the given environment (the console reads it at start-up), its log lines kept. */
  async function gatewayWith(env: { NODE_ENV?: string; CONSOLE_DEV_TOKENS?: string }) {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const lines: string[] = [];
    try {
      const g = await startGateway({ config: p.config, secret: p.secret, port: await freePort(), log: createLogger('gateway', 'info', { write: (l: string) => void lines.push(l) }) });
      gateways.push(g);
      return { port: Number(new URL(g.url).port), lines };
    } finally {
      process.env.NODE_ENV = saved.NODE_ENV;
      if (saved.CONSOLE_DEV_TOKENS === undefined) delete process.env.CONSOLE_DEV_TOKENS;
      else process.env.CONSOLE_DEV_TOKENS = saved.CONSOLE_DEV_TOKENS;
    }
  }

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', only: ['stock', 'identity'] });
  });
  afterAll(async () => {
    await Promise.all(gateways.map((g) => g.stop()));
    await p?.stop();
  });

  it('are refused when CONSOLE_DEV_TOKENS is not set', async () => {
    const g = await gatewayWith({ NODE_ENV: 'development', CONSOLE_DEV_TOKENS: undefined });
    expect(await call(g.port, 'GET')).toEqual({ status: 200, body: { enabled: false } });
    const post = await call(g.port, 'POST', {}, HQ);
    expect(post.status).toBe(404);
    expect(post.body.token).toBeUndefined();
    expect(g.lines.join('\n')).not.toMatch(/CONSOLE_DEV_TOKENS/);
  });

  it('are refused with NODE_ENV=production even when CONSOLE_DEV_TOKENS=true', async () => {
    const g = await gatewayWith({ NODE_ENV: 'production', CONSOLE_DEV_TOKENS: 'true' });
    expect(await call(g.port, 'GET')).toEqual({ status: 200, body: { enabled: false } });
    const post = await call(g.port, 'POST', {}, HQ);
    expect(post.status).toBe(404);
    expect(post.body.token).toBeUndefined();
  });

  describe('turned on (CONSOLE_DEV_TOKENS=true, development)', () => {
    let g: { port: number; lines: string[] };
    beforeAll(async () => {
      g = await gatewayWith({ NODE_ENV: 'development', CONSOLE_DEV_TOKENS: 'true' });
    });

    it('warn at start-up in both languages', () => {
      const warning = g.lines.map((l) => JSON.parse(l)).find((l) => /CONSOLE_DEV_TOKENS/.test(l.msg));
      expect(warning).toBeDefined();
      expect(warning.level).toBeGreaterThanOrEqual(40);
      expect(warning.msg).toMatch(/开发令牌已开启/);
      expect(warning.msg).toMatch(/Dev tokens are ON/);
    });

    it('give a short-lived token to a request straight from this machine', async () => {
      const form = await call(g.port, 'GET');
      expect(form.body.enabled).toBe(true);
      const post = await call(g.port, 'POST', {}, HQ);
      expect(post.status).toBe(200);
      const claims = JSON.parse(Buffer.from(post.body.token.split('.')[1], 'base64url').toString());
      expect(claims.roles).toEqual(['HQ_ADMIN']);
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(15 * 60);
    });

    it.each([
      ['X-Forwarded-For', { 'x-forwarded-for': '203.0.113.7' }],
      ['Forwarded', { forwarded: 'for=203.0.113.7' }],
      ['X-Real-IP', { 'x-real-ip': '203.0.113.7' }],
      ['a Host other than localhost (DNS rebinding)', { host: 'attacker.example:4000' }],
    ])('are refused for a request with %s', async (_what, headers) => {
      expect(await call(g.port, 'GET', headers)).toEqual({ status: 200, body: { enabled: false } });
      const post = await call(g.port, 'POST', headers, HQ);
      expect(post.status).toBe(403);
      expect(post.body.token).toBeUndefined();
    });

    it('accept localhost as the Host', async () => {
      const post = await call(g.port, 'POST', { host: `localhost:${g.port}` }, HQ);
      expect(post.status).toBe(200);
      expect(typeof post.body.token).toBe('string');
    });
  });
});
