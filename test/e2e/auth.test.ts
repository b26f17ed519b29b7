/** Every operation needs a valid token, at the gateway and at each subgraph called directly. */
import { SignJWT } from 'jose';
import { startPlatform, type Platform } from '../helpers/platform';
import { codes, gql } from '../helpers/graphql';
import { SUBGRAPHS } from '../../subgraphs/shared/src';

const QUERY = '{ __typename }';

describe('authentication', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ template: 'empty' });
  });
  afterAll(() => p?.stop());

  const forged = () =>
    new SignJWT({ roles: ['HQ_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('partsgraph').setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-platform-secret-not-the-platform-secret'));
  const expired = () =>
    new SignJWT({ roles: ['HQ_ADMIN'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('partsgraph')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200).setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(p.secret));
  const badRole = () =>
    new SignJWT({ roles: ['ROOT'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice').setIssuer('partsgraph').setExpirationTime('1h')
      .sign(new TextEncoder().encode(p.secret));

  const cases: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a forged signature', forged],
    ['an expired token', expired],
    ['an unknown role', badRole],
    ['garbage', async () => 'not.a.jwt'],
  ];

  it.each(cases)('the gateway refuses %s with UNAUTHENTICATED', async (_name, make) => {
    const r = await gql(p.gatewayUrl, QUERY, {}, await make());
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.data).toBeFalsy();
  });

  it.each(SUBGRAPHS.flatMap((s) => cases.map(([n, m]) => [s, n, m] as const)))('the %s subgraph called directly refuses %s', async (name, _n, make) => {
    const r = await gql(`${p.subgraphs[name].url}/graphql`, QUERY, {}, await make());
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
  });

  it('an expired token says so', async () => {
    const r = await gql(p.gatewayUrl, QUERY, {}, await expired());
    expect(r.errors?.[0].message).toMatch(/expired/);
  });

  it('a valid token passes at the gateway and at each subgraph', async () => {
    const token = await p.token('PARTS_CLERK', '00000000-0000-4000-8000-000000000001');
    expect((await gql(p.gatewayUrl, QUERY, {}, token)).data).toEqual({ __typename: 'Query' });
    for (const s of SUBGRAPHS) expect((await gql(`${p.subgraphs[s].url}/graphql`, QUERY, {}, token)).data).toEqual({ __typename: 'Query' });
  });

  it('internal endpoints refuse user tokens', async () => {
    const token = await p.token('HQ_ADMIN');
    const res = await fetch(`${p.subgraphs.stock.url}/internal/events?after=0`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(401);
    const cmd = await fetch(`${p.subgraphs.stock.url}/internal/commands/anything`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect((await cmd.json() as any).error.code).toBe('FORBIDDEN');
  });
});
