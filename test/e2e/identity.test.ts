/**
 * People sign in (API.md § People and sign-in), through the gateway, against
 * the identity subgraph and a real database: setup codes, login, lockout,
 * refresh rotation and reuse detection, sessions that end at once, what a
 * station manager may not do, tokens that must not pass, and no secret in
 * any log line.
 */
import { SignJWT, exportJWK, generateKeyPair, base64url } from 'jose';
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { codes, gql, ok, type GqlResponse } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';
import { SUBGRAPHS } from '../../subgraphs/shared/src';
import { createUserWithCode } from '../../scripts/seed-users';

const reasons = (r: GqlResponse) => (r.errors ?? []).map((e) => e.extensions?.reason);
const ME = '{ me { id username roles station { id } } }';
const SESSION = 'accessToken refreshToken expiresAt user { id username }';

describe('identity: people sign in', () => {
  let p: Platform;
  const [A, B] = demoData().stations;
  beforeAll(async () => {
    p = await startPlatform({ captureLogs: true });
  });
  afterAll(() => p?.stop());

  const refresh = (refreshToken: string) => gql<{ refreshSession: any }>(p.gatewayUrl, `mutation($t: String!) { refreshSession(refreshToken: $t) { ${SESSION} } }`, { t: refreshToken });

  describe('accounts and setup codes', () => {
    it('createUser gives a setup code; completeSetup sets the password and signs in; login works with it', async () => {
      const hq = await p.token('HQ_ADMIN');
      const created = ok(await p.query(`mutation($i: UserInput!) { createUser(input: $i) { setupCode user { id username roles active passwordSet station { id } } } }`,
        { i: { username: 'zhang.wei', displayName: '张伟', roles: ['PARTS_CLERK'], stationId: A.id } }, hq)).createUser;
      expect(created.setupCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect(created.user).toMatchObject({ username: 'zhang.wei', roles: ['PARTS_CLERK'], active: true, passwordSet: false, station: { id: A.id } });
      // No password works before the setup.
      expect(reasons(await p.signIn('zhang.wei', 'anything-at-all'))).toEqual(['INVALID_CREDENTIALS']);
      // The policy says why a password is refused, and the code survives a refused password.
      const weak = await gql(p.gatewayUrl, `mutation($c: String!) { completeSetup(username: "zhang.wei", setupCode: $c, newPassword: "short") { accessToken } }`, { c: created.setupCode });
      expect(codes(weak)).toEqual(['BAD_USER_INPUT']);
      expect(reasons(weak)).toEqual(['PASSWORD_TOO_SHORT']);
      expect(weak.errors?.[0].extensions?.params).toMatchObject({ min: 10 });
      const common = await gql(p.gatewayUrl, `mutation($c: String!) { completeSetup(username: "zhang.wei", setupCode: $c, newPassword: "password123") { accessToken } }`, { c: created.setupCode });
      expect(reasons(common)).toEqual(['PASSWORD_TOO_COMMON']);
      const done = ok(await gql(p.gatewayUrl, `mutation($c: String!) { completeSetup(username: "zhang.wei", setupCode: $c, newPassword: "Lüfter-Gehäuse-7") { ${SESSION} } }`, { c: created.setupCode.toLowerCase() })).completeSetup;
      expect(done.user.username).toBe('zhang.wei');
      // The code is single-use.
      const again = await gql(p.gatewayUrl, `mutation($c: String!) { completeSetup(username: "zhang.wei", setupCode: $c, newPassword: "Another-Good-One-9") { accessToken } }`, { c: created.setupCode });
      expect(reasons(again)).toEqual(['INVALID_SETUP_CODE']);
      const login = ok(await p.signIn('zhang.wei', 'Lüfter-Gehäuse-7')).login;
      const me = ok(await p.query(ME, {}, login.accessToken)).me;
      expect(me).toMatchObject({ id: created.user.id, username: 'zhang.wei', roles: ['PARTS_CLERK'], station: { id: A.id } });
    });

    it('the access token is short-lived, EdDSA-signed by a key in the JWKS, with iss partsgraph and a session id', async () => {
      const u = await p.user({ roles: 'PURCHASER', stationId: A.id });
      const [h, b] = u.accessToken.split('.').slice(0, 2).map((x) => JSON.parse(Buffer.from(x, 'base64url').toString()));
      expect(h.alg).toBe('EdDSA');
      expect(b).toMatchObject({ iss: 'partsgraph', sub: u.user.id, roles: ['PURCHASER'], stationId: A.id });
      expect(typeof b.sid).toBe('string');
      expect(b.exp - b.iat).toBeLessThanOrEqual(15 * 60);
      const jwks = await (await fetch(`${p.gateway.url}/.well-known/jwks.json`)).json() as { keys: { kid: string; kty: string; crv: string; d?: string }[] };
      expect(jwks.keys.map((k) => k.kid)).toContain(h.kid);
      expect(jwks.keys.every((k) => k.kty === 'OKP' && k.crv === 'Ed25519' && k.d === undefined)).toBe(true);
      // Every subgraph verifies it with the public keys.
      for (const s of SUBGRAPHS) expect(ok(await p.querySubgraph(s, '{ __typename }', {}, u.accessToken))).toEqual({ __typename: 'Query' });
    });

    it('a reset password stops working and the reset gives a new code', async () => {
      const u = await p.user({ roles: 'PARTS_CLERK', stationId: A.id });
      const hq = await p.token('HQ_ADMIN');
      const reset = ok(await p.query(`mutation($id: ID!) { resetPassword(id: $id) { setupCode user { passwordSet } } }`, { id: u.user.id }, hq)).resetPassword;
      expect(reset.user.passwordSet).toBe(false);
      expect(reasons(await p.signIn(u.username, u.password))).toEqual(['INVALID_CREDENTIALS']);
      ok(await gql(p.gatewayUrl, `mutation($u: String!, $c: String!) { completeSetup(username: $u, setupCode: $c, newPassword: "Fresh-Start-2026") { accessToken } }`, { u: u.username, c: reset.setupCode }));
      ok(await p.signIn(u.username, 'Fresh-Start-2026'));
    });
  });

  describe('sign-in refusals', () => {
    it('an unknown user and a wrong password get the same answer, in similar time', async () => {
      const u = await p.user({ roles: 'PARTS_CLERK', stationId: A.id });
      const wrong = await p.signIn(u.username, 'not-the-password');
      const unknown = await p.signIn('nobody.at.all', 'not-the-password');
      expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
      expect(reasons(wrong)).toEqual(['INVALID_CREDENTIALS']);
      expect(unknown.errors).toEqual(wrong.errors);
      const time = async (name: string) => {
        const t = process.hrtime.bigint();
        await p.signIn(name, 'not-the-password');
        return Number(process.hrtime.bigint() - t) / 1e6;
      };
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const known: number[] = [];
      const missing: number[] = [];
      for (let i = 0; i < 3; i++) {
        known.push(await time(u.username));
        missing.push(await time(`ghost.${i}`));
      }
      // Both pay for one argon2 verification: neither is a fraction of the other.
      expect(median(missing)).toBeGreaterThan(median(known) * 0.5);
      expect(median(known)).toBeGreaterThan(median(missing) * 0.5);
    });

    it('five failures lock the username (for existing and unknown names alike), with a reason and a time', async () => {
      const u = await p.user({ roles: 'PARTS_CLERK', stationId: B.id });
      for (const name of [u.username, 'ghost.lockout']) {
        for (let i = 0; i < 5; i++) expect(reasons(await p.signIn(name, `wrong-${i}`))).toEqual(['INVALID_CREDENTIALS']);
        const locked = await p.signIn(name, name === u.username ? u.password : 'whatever');
        expect(codes(locked)).toEqual(['UNAUTHENTICATED']);
        expect(reasons(locked)).toEqual(['ACCOUNT_LOCKED']);
        const until = new Date(String(locked.errors?.[0].extensions?.params && (locked.errors[0].extensions.params as any).until));
        expect(until.getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
      }
    });

    it('many failures from one address lock the address for every username', async () => {
      // Its own platform: the address lock would refuse the other tests' sign-ins from this machine.
      const q = await startPlatform({ template: 'empty' });
      try {
        const u = await q.user({ roles: 'HQ_ADMIN' });
        for (let i = 0; i < 50; i++) await q.signIn(`spray.${i}`, 'Winter2026!');
        const r = await q.signIn(u.username, u.password);
        expect(reasons(r)).toEqual(['TOO_MANY_ATTEMPTS']);
        expect((r.errors?.[0].extensions?.params as any).until).toEqual(expect.any(String));
      } finally {
        await q.stop();
      }
    }, 60_000);
  });

  describe('sessions', () => {
    it('a refresh token is rotated; using a spent one ends the whole session', async () => {
      const u = await p.user({ roles: 'PURCHASER', stationId: A.id });
      const first = ok(await refresh(u.refreshToken)).refreshSession;
      expect(first.refreshToken).not.toBe(u.refreshToken);
      const second = ok(await refresh(first.refreshToken)).refreshSession;
      ok(await p.query(ME, {}, second.accessToken));
      // The first token again: somebody has a copy. The session ends for everyone.
      const reused = await refresh(u.refreshToken);
      expect(reasons(reused)).toEqual(['REFRESH_TOKEN_REUSED']);
      expect(reasons(await refresh(second.refreshToken))).toEqual(['SESSION_ENDED']);
      const after = await waitFor(() => p.query(ME, {}, second.accessToken), (r) => !!r.errors, 3000, 50);
      expect(reasons(after)).toEqual(['SESSION_ENDED']);
      expect(reasons(await refresh('made-up-token'))).toEqual(['REFRESH_TOKEN_INVALID']);
    });

    it('a refresh whose answer was lost may be retried once at once: a new pair, the lost one dropped, the session goes on', async () => {
      const u = await p.user({ roles: 'PURCHASER', stationId: A.id });
      const lost = ok(await refresh(u.refreshToken)).refreshSession; // the client never saw this answer
      const retried = ok(await refresh(u.refreshToken)).refreshSession;
      expect(retried.refreshToken).not.toBe(lost.refreshToken);
      expect(reasons(await refresh(lost.refreshToken))).toEqual(['REFRESH_TOKEN_INVALID']);
      const next = ok(await refresh(retried.refreshToken)).refreshSession;
      ok(await p.query(ME, {}, next.accessToken));
      // once its successor has been used, the old token again is a copy: the session ends
      expect(reasons(await refresh(u.refreshToken))).toEqual(['REFRESH_TOKEN_REUSED']);
      expect(reasons(await refresh(next.refreshToken))).toEqual(['SESSION_ENDED']);
    });

    it('logout ends the session at once, at the gateway and at every subgraph', async () => {
      const u = await p.user({ roles: 'PARTS_CLERK', stationId: A.id });
      ok(await p.query(ME, {}, u.accessToken));
      expect(ok(await p.query('mutation { logout }', {}, u.accessToken)).logout).toBe(true);
      for (const s of SUBGRAPHS) {
        const r = await waitFor(() => p.querySubgraph(s, '{ __typename }', {}, u.accessToken), (x) => !!x.errors, 3000, 25);
        expect(reasons(r)).toEqual(['SESSION_ENDED']);
      }
      const viaGateway = await waitFor(() => p.query(ME, {}, u.accessToken), (x) => !!x.errors, 3000, 25);
      expect(reasons(viaGateway)).toEqual(['SESSION_ENDED']);
      expect(reasons(await refresh(u.refreshToken))).toEqual(['SESSION_ENDED']);
    });

    it('deactivateUser ends the sessions at once and the user cannot sign in', async () => {
      const u = await p.user({ roles: 'PARTS_CLERK', stationId: A.id });
      const hq = await p.token('HQ_ADMIN');
      expect(ok(await p.query(`mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: u.user.id }, hq)).deactivateUser.active).toBe(false);
      const r = await waitFor(() => p.querySubgraph('stock', '{ __typename }', {}, u.accessToken), (x) => !!x.errors, 3000, 25);
      expect(reasons(r)).toEqual(['SESSION_ENDED']);
      expect(reasons(await p.signIn(u.username, u.password))).toEqual(['INVALID_CREDENTIALS']);
    });

    it('changing the password ends the other sessions and keeps this one', async () => {
      const u = await p.user({ roles: 'PURCHASER', stationId: B.id });
      const other = ok(await p.signIn(u.username, u.password)).login;
      const wrong = await p.query(`mutation { changePassword(currentPassword: "nope-nope-nope", newPassword: "Brake-Disc-Front-1") }`, {}, u.accessToken);
      expect(reasons(wrong)).toEqual(['CURRENT_PASSWORD_WRONG']);
      ok(await p.query(`mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "Brake-Disc-Front-1") }`, { c: u.password }, u.accessToken));
      const ended = await waitFor(() => p.query(ME, {}, other.accessToken), (x) => !!x.errors, 3000, 25);
      expect(reasons(ended)).toEqual(['SESSION_ENDED']);
      ok(await p.query(ME, {}, u.accessToken));
      expect(reasons(await p.signIn(u.username, u.password))).toEqual(['INVALID_CREDENTIALS']);
      ok(await p.signIn(u.username, 'Brake-Disc-Front-1'));
    });
  });

  describe('who manages whom', () => {
    let manager: SignedInUser;
    beforeAll(async () => {
      manager = await p.user({ roles: 'STATION_MANAGER', stationId: A.id });
    });
    const create = (input: Record<string, unknown>, token: string) =>
      p.query(`mutation($i: UserInput!) { createUser(input: $i) { setupCode user { id } } }`, { i: { displayName: 'x', ...input } }, token);

    it('a station manager creates users of their own station', async () => {
      ok(await create({ username: 'clerk.by.manager', roles: ['PARTS_CLERK'], stationId: A.id }, manager.accessToken));
      const list = ok(await p.query(`{ users { username station { id } } }`, {}, manager.accessToken)).users;
      expect(list.map((u: any) => u.username)).toContain('clerk.by.manager');
      expect(list.every((u: any) => u.station?.id === A.id)).toBe(true);
    });

    it('a station manager cannot create an HQ admin', async () => {
      const r = await create({ username: 'evil.hq', roles: ['HQ_ADMIN'] }, manager.accessToken);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(reasons(r)).toEqual(['CANNOT_GRANT_HQ_ADMIN']);
    });

    it("a station manager cannot create or change another station's user", async () => {
      const r = await create({ username: 'other.station', roles: ['PARTS_CLERK'], stationId: B.id }, manager.accessToken);
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(reasons(r)).toEqual(['OTHER_STATION_USER']);
      const otherUser = await p.user({ roles: 'PARTS_CLERK', stationId: B.id });
      const d = await p.query(`mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: otherUser.user.id }, manager.accessToken);
      expect(reasons(d)).toEqual(['OTHER_STATION_USER']);
      const promote = await p.query(`mutation($id: ID!, $i: UserInput!) { updateUser(id: $id, input: $i) { id } }`,
        { id: manager.user.id, i: { username: manager.username, displayName: 'me', roles: ['STATION_MANAGER', 'HQ_ADMIN'] } }, manager.accessToken);
      expect(codes(promote)).toEqual(['FORBIDDEN']);
      expect(ok(await p.query(`{ users(stationId: "${B.id}") { id } }`, {}, await p.token('HQ_ADMIN'))).users.length).toBeGreaterThan(0);
      expect(reasons(await p.query(`{ users(stationId: "${B.id}") { id } }`, {}, manager.accessToken))).toEqual(['OTHER_STATION_USER']);
    });

    it('a clerk manages nobody', async () => {
      const clerk = await p.user({ roles: 'PARTS_CLERK', stationId: A.id });
      expect(reasons(await create({ username: 'x.y.z', roles: ['PARTS_CLERK'], stationId: A.id }, clerk.accessToken))).toEqual(['USER_MANAGEMENT_FORBIDDEN']);
    });
  });

  describe('tokens that must not pass', () => {
    const expectRefusedEverywhere = async (token: string) => {
      expect(codes(await p.query(ME, {}, token))).toEqual(['UNAUTHENTICATED']);
      for (const s of SUBGRAPHS) expect(codes(await p.querySubgraph(s, '{ __typename }', {}, token))).toEqual(['UNAUTHENTICATED']);
    };
    const claims = { roles: ['HQ_ADMIN'] };

    it('signed with another Ed25519 key (even with a kid from the JWKS)', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const jwks = await (await fetch(`${p.gateway.url}/.well-known/jwks.json`)).json() as { keys: { kid: string }[] };
      await expectRefusedEverywhere(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: jwks.keys[0].kid }).setSubject('mallory').setIssuer('partsgraph').setExpirationTime('5m').sign(privateKey));
      await expectRefusedEverywhere(await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA' }).setSubject('mallory').setIssuer('partsgraph').setExpirationTime('5m').sign(privateKey));
    });

    it('alg none', async () => {
      const enc = (o: unknown) => base64url.encode(JSON.stringify(o));
      const exp = Math.floor(Date.now() / 1000) + 300;
      await expectRefusedEverywhere(`${enc({ alg: 'none', typ: 'JWT' })}.${enc({ ...claims, sub: 'mallory', iss: 'partsgraph', exp })}.`);
    });

    it('HS256 signed with the public key (the key-confusion attack), with and without AUTH_JWT_SECRET', async () => {
      const jwks = await (await fetch(`${p.gateway.url}/.well-known/jwks.json`)).json() as { keys: Record<string, string>[] };
      const pub = jwks.keys[0];
      for (const secret of [JSON.stringify(pub), pub.x, Buffer.from(pub.x, 'base64url').toString('latin1')]) {
        await expectRefusedEverywhere(await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: pub.kid }).setSubject('mallory').setIssuer('partsgraph').setExpirationTime('5m').sign(new TextEncoder().encode(secret)));
      }
      // Without AUTH_JWT_SECRET no HS256 person token passes at all, not even one signed with the service secret.
      const q = await startPlatform({ template: 'empty', env: { AUTH_JWT_SECRET: '' } });
      try {
        const hs = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('mallory').setIssuer('partsgraph').setExpirationTime('5m').sign(new TextEncoder().encode(q.secret));
        expect(reasons(await q.query(ME, {}, hs))).toEqual(['TOKEN_INVALID']);
        const u = await startUserWithoutScripts(q);
        ok(await q.query(ME, {}, u));
      } finally {
        await q.stop();
      }
    }, 60_000);

    it('a token from an issuer the platform does not trust, and an ES256 one made up by the holder', async () => {
      const { privateKey, publicKey } = await generateKeyPair('ES256');
      await expectRefusedEverywhere(await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', jwk: await exportJWK(publicKey) }).setSubject('mallory').setIssuer('partsgraph').setExpirationTime('5m').sign(privateKey));
      await expectRefusedEverywhere(await new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('mallory').setIssuer('https://idp.example').setExpirationTime('5m').sign(privateKey));
    });
  });

  it('no password, password hash, setup code or token reaches any log line', async () => {
    const hq = await p.token('HQ_ADMIN');
    const password = 'Secret-Gearbox-Oil-42';
    const created = ok(await p.query(`mutation { createUser(input: { username: "log.watch", displayName: "L", roles: ["PARTS_CLERK"], stationId: "${A.id}" }) { setupCode } }`, {}, hq)).createUser;
    const s = ok(await gql(p.gatewayUrl, `mutation($c: String!, $p: String!) { completeSetup(username: "log.watch", setupCode: $c, newPassword: $p) { ${SESSION} } }`, { c: created.setupCode, p: password })).completeSetup;
    await p.signIn('log.watch', 'Wrong-Password-Typed-1');
    const again = ok(await p.signIn('log.watch', password)).login;
    const rotated = ok(await refresh(again.refreshToken)).refreshSession;
    await p.query(`mutation($c: String!) { changePassword(currentPassword: $c, newPassword: "Secret-Gearbox-Oil-43") }`, { c: password }, s.accessToken);
    await p.query('mutation { logout }', {}, rotated.accessToken);
    const [{ password_hash: hash }] = await p.subgraphs.identity.runtime.ds.query(`SELECT password_hash FROM identity.app_user WHERE username = 'log.watch'`);
    expect(p.logs.length).toBeGreaterThan(20);
    const secrets = [password, 'Secret-Gearbox-Oil-43', 'Wrong-Password-Typed-1', created.setupCode, created.setupCode.replace(/-/g, ''), hash, hash.split('$').pop(),
      s.accessToken, s.refreshToken, again.accessToken, again.refreshToken, rotated.accessToken, rotated.refreshToken, hq, p.secret];
    const leaks = p.logs.flatMap((line) => secrets.filter((x) => line.includes(x)).map((x) => `${x.slice(0, 12)}… in ${line.slice(0, 200)}`));
    expect(leaks).toEqual([]);
  });
});

/** A user made with no script token at all: the first HQ admin from the database, as `npm run user -- create` makes one. */
async function startUserWithoutScripts(q: Platform): Promise<string> {
  const { setupCode } = await createUserWithCode(q.subgraphs.identity.runtime.ds, { username: 'first.admin', displayName: 'First', roles: ['HQ_ADMIN'], stationId: null }, 'test');
  const r = ok(await gql(q.gatewayUrl, `mutation($c: String!) { completeSetup(username: "first.admin", setupCode: $c, newPassword: "Very-First-Admin-1") { accessToken } }`, { c: setupCode }));
  return r.completeSetup.accessToken;
}
