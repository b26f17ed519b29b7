/**
 * Service tokens are signed once per caller, service and actor and reused
 * (the internal calls of a requisition signed a fresh HS256 token each), and
 * verified once per token; what a token says never leaks into another
 * caller's or actor's calls, and an expired one is refused however it was
 * cached.
 */
import { SignJWT } from 'jose';
import { serviceToken, verifyServiceToken, SERVICE_ROLE, type User } from './auth';

const secret = 'a-service-secret-for-this-test-only-0123456789';
const clerk: User = { id: 'clerk-1', roles: ['PARTS_CLERK'], stationId: 'station-1' };
const other: User = { id: 'clerk-2', roles: ['PARTS_CLERK'], stationId: 'station-2' };

describe('service tokens', () => {
  afterEach(() => jest.useRealTimers());

  it('is signed once and reused for a minute (not signed again a few seconds later), then signed anew', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-03T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const first = await serviceToken(secret, 'stock', clerk);
    jest.setSystemTime(new Date('2026-12-03T10:00:05Z'));
    expect(await serviceToken(secret, 'stock', clerk)).toBe(first);
    jest.setSystemTime(new Date('2026-12-03T10:01:01Z'));
    const renewed = await serviceToken(secret, 'stock', clerk);
    expect(renewed).not.toBe(first);
    const iat = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()).iat;
    expect(iat(renewed) - iat(first)).toBe(61);
  });

  it('one token per caller, service and actor; each verifies to its own actor', async () => {
    const a = await serviceToken(secret, 'workshop', clerk);
    const b = await serviceToken(secret, 'workshop', other);
    const c = await serviceToken(secret, 'procurement', clerk);
    const d = await serviceToken(secret, 'workshop');
    const e = await serviceToken(`${secret}-other`, 'workshop', clerk);
    expect(new Set([a, b, c, d, e]).size).toBe(5);
    expect(await verifyServiceToken(secret, a)).toEqual({ service: 'workshop', actor: clerk });
    expect(await verifyServiceToken(secret, a)).toEqual({ service: 'workshop', actor: clerk });
    expect(await verifyServiceToken(secret, b)).toEqual({ service: 'workshop', actor: other });
    expect(await verifyServiceToken(secret, c)).toEqual({ service: 'procurement', actor: clerk });
    expect(await verifyServiceToken(secret, d)).toEqual({ service: 'workshop', actor: null });
  });

  it('a token signed with another secret is refused, also after it was verified with its own', async () => {
    const foreign = await serviceToken(`${secret}-other`, 'workshop', clerk);
    expect(await verifyServiceToken(`${secret}-other`, foreign)).toEqual({ service: 'workshop', actor: clerk });
    await expect(verifyServiceToken(secret, foreign)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('an expired service token is refused', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ roles: [SERVICE_ROLE] }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('workshop')
      .setIssuer('partsgraph').setAudience('partsgraph-internal').setIssuedAt(now - 400).setExpirationTime(now - 100).sign(new TextEncoder().encode(secret));
    await expect(verifyServiceToken(secret, expired)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });
});
