/**
 * The audit log and service calls: every change writes one entry in its own
 * transaction (each subgraph's outbox → identity), refused attempts are
 * written apart with outcome REFUSED, auditLog pages with filters and
 * scoping; the acting user of an internal command is the signed service
 * token's, never the body's.
 */
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { codes, gql, ok, type GqlResponse } from '../helpers/graphql';
import { waitFor } from '../helpers/wait';
import { serviceToken, callCommand } from '../../subgraphs/shared/src';

const ENTRY = 'id at userId stationId operation summary outcome service code reason user { username }';

describe('identity: the audit log', () => {
  let p: Platform;
  let hq: SignedInUser;
  let manager: SignedInUser;
  let clerk: SignedInUser;
  const data = demoData();
  const [A, B] = data.stations;
  beforeAll(async () => {
    p = await startPlatform();
    hq = await p.user({ roles: 'HQ_ADMIN' });
    manager = await p.user({ roles: 'STATION_MANAGER', stationId: A.id });
    clerk = await p.user({ roles: 'PARTS_CLERK', stationId: A.id });
  });
  afterAll(() => p?.stop());

  const log = (vars: Record<string, unknown>, token = hq.accessToken) =>
    p.query<{ auditLog: any[] }>(`query($s: ID, $u: ID, $f: DateTime, $t: DateTime, $n: Int, $a: String, $o: String, $op: String) {
      auditLog(stationId: $s, userId: $u, from: $f, to: $t, first: $n, after: $a, outcome: $o, operation: $op) { ${ENTRY} } }`, vars, token);
  /** The entries of `operation` by `userId`, once the outbox has delivered `count` of them. */
  const entries = async (operation: string, userId: string | null, count = 1) => {
    const r = await waitFor(() => log({ op: operation, u: userId, n: 200 }), (x) => (x.data?.auditLog.length ?? 0) >= count, 10_000);
    return ok(r).auditLog;
  };

  it('each mutation of each subgraph writes exactly one entry: who, station, operation, what', async () => {
    const t = hq.accessToken;
    const m = manager.accessToken;
    const did: [string, string, GqlResponse][] = [];
    const run = async (op: string, as: SignedInUser, q: string, v: Record<string, unknown> = {}) => {
      const r = await p.query(q, v, as.accessToken);
      ok(r);
      did.push([op, as.user.id, r]);
      return r.data as any;
    };
    // catalog
    await run('createVehicleModel', hq, `mutation { createVehicleModel(input: { code: "AUD-1", series: "Audit", name: "审计车型" }) { id } }`);
    // stock
    const wh = await run('createWarehouse', manager, `mutation($s: ID!) { createWarehouse(stationId: $s, code: "AUD", name: "审计仓") { id } }`, { s: A.id });
    await run('createBin', manager, `mutation($w: ID!) { createBin(warehouseId: $w, code: "AUD-01") { id } }`, { w: wh.createWarehouse.id });
    // procurement (createSupplier used to run outside a transaction, so it wrote no entry)
    await run('createSupplier', manager, `mutation { createSupplier(input: { code: "SUP-AUDIT", name: "审计供应商", leadTimeDays: 3 }) { id } }`);
    // workshop
    await run('openRepairOrder', clerk, `mutation { openRepairOrder(input: { plate: "京A00001" }) { id } }`);
    await run('recordLostSale', clerk, `mutation($p: ID!) { recordLostSale(input: { partId: $p, quantity: 1, reason: OUT_OF_STOCK }) { id } }`, { p: data.parts[0].id });
    // identity
    const created = await run('createUser', manager, `mutation($s: ID!) { createUser(input: { username: "audit.new", displayName: "新人", roles: ["PARTS_CLERK"], stationId: $s }) { setupCode user { id } } }`, { s: A.id });
    await run('updateUser', manager, `mutation($id: ID!, $s: ID!) { updateUser(id: $id, input: { username: "audit.new", displayName: "新人二", roles: ["PARTS_CLERK"], stationId: $s }) { id } }`, { id: created.createUser.user.id, s: A.id });
    const { setupCode } = (await run('resetPassword', hq, `mutation($id: ID!) { resetPassword(id: $id) { setupCode } }`, { id: created.createUser.user.id })).resetPassword;
    await run('deactivateUser', hq, `mutation($id: ID!) { deactivateUser(id: $id) { active } }`, { id: created.createUser.user.id });
    void t;
    void m;

    for (const [op, userId] of did) {
      const list = await entries(op, userId);
      expect({ op, n: list.length }).toEqual({ op, n: 1 });
      expect(list[0]).toMatchObject({ operation: op, userId, outcome: 'OK' });
    }
    const [bin] = await entries('createBin', manager.user.id);
    expect(bin).toMatchObject({ stationId: A.id, service: 'stock', user: { username: manager.username } });
    expect(bin.summary).toContain('AUD-01');
    const [supplier] = await entries('createSupplier', manager.user.id);
    expect(supplier).toMatchObject({ service: 'procurement', user: { username: manager.username } });
    expect(supplier.summary).toContain('SUP-AUDIT');
    // The reset's setup code is in the answer, never in the log.
    const [reset] = await entries('resetPassword', hq.user.id);
    // (The code itself, not its shape: the summary holds the user's id, whose digit groups can look like a code.)
    expect(setupCode).toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}/);
    expect(reset.summary).not.toContain(setupCode);
    expect(reset.summary.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '')).not.toMatch(/[A-Z2-9]{4}-[A-Z2-9]{4}/);
  });

  it('sign-in, setup, refresh, password change and logout are audited; secrets are not', async () => {
    const u = await p.user({ roles: 'PURCHASER', stationId: B.id, password: 'Spark-Plug-Gap-08' });
    const s = ok(await p.signIn(u.username, 'Spark-Plug-Gap-08')).login;
    await p.signIn(u.username, 'Typed-Wrong-Once-1');
    const r = ok(await gql(p.gatewayUrl, `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`, { t: s.refreshToken })).refreshSession;
    ok(await p.query(`mutation { changePassword(currentPassword: "Spark-Plug-Gap-08", newPassword: "Spark-Plug-Gap-09") }`, {}, r.accessToken));
    ok(await p.query('mutation { logout }', {}, r.accessToken));
    const all = ok(await log({ u: u.user.id, n: 50 })).auditLog;
    const ops = all.map((e: any) => `${e.operation}:${e.outcome}`).reverse();
    expect(ops).toEqual(['completeSetup:OK', 'login:OK', 'login:REFUSED', 'refreshSession:OK', 'changePassword:OK', 'logout:OK']);
    expect(all.every((e: any) => e.stationId === B.id)).toBe(true);
    const text = JSON.stringify(all);
    for (const secret of ['Spark-Plug-Gap-08', 'Spark-Plug-Gap-09', 'Typed-Wrong-Once-1', s.refreshToken, s.accessToken]) expect(text).not.toContain(secret);
  });

  it('refused attempts are written apart with outcome REFUSED: FORBIDDEN at a subgraph, UNAUTHENTICATED at the gateway', async () => {
    const refused = await p.query(`mutation { createStation(input: { code: "NOPE", name: "不许" }) { id } }`, {}, clerk.accessToken);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const [entry] = await entries('createStation', clerk.user.id);
    expect(entry).toMatchObject({ outcome: 'REFUSED', code: 'FORBIDDEN', stationId: A.id, service: 'stock' });
    // Nothing else was written for it.
    expect(ok(await log({ op: 'createStation', n: 50 })).auditLog.filter((e: any) => e.outcome === 'OK')).toEqual([]);

    expect(codes(await p.query('mutation { createSupplier(input: { code: "X", name: "X", leadTimeDays: 1 }) { id } }', {}, 'not.a.token'))).toEqual(['UNAUTHENTICATED']);
    const gw = await waitFor(() => log({ o: 'REFUSED', op: 'createSupplier', n: 10 }), (x) => (x.data?.auditLog.length ?? 0) > 0, 10_000);
    expect(ok(gw).auditLog[0]).toMatchObject({ service: 'gateway', code: 'UNAUTHENTICATED', userId: null });
  });

  it('auditLog filters by station, user and time, pages with after, and is scoped for station managers', async () => {
    const all = ok(await log({ n: 200 })).auditLog;
    expect(all.length).toBeGreaterThan(5);
    const ids = all.map((e: any) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const page1 = ok(await log({ n: 3 })).auditLog;
    const page2 = ok(await log({ n: 3, a: page1[2].id })).auditLog;
    expect(page2.map((e: any) => e.id)).toEqual(all.slice(3, 6).map((e: any) => e.id));
    const atA = ok(await log({ s: A.id, n: 200 })).auditLog;
    expect(atA.length).toBeGreaterThan(0);
    expect(atA.every((e: any) => e.stationId === A.id)).toBe(true);
    const future = ok(await log({ f: new Date(Date.now() + 3600_000).toISOString() })).auditLog;
    expect(future).toEqual([]);
    const past = ok(await log({ t: new Date(Date.now() - 3600_000).toISOString() })).auditLog;
    expect(past).toEqual([]);
    // A station manager reads their own station's log only; a clerk reads none.
    const mine = ok(await log({ n: 200 }, manager.accessToken)).auditLog;
    expect(mine.every((e: any) => e.stationId === A.id)).toBe(true);
    expect(codes(await log({ s: B.id }, manager.accessToken))).toEqual(['FORBIDDEN']);
    expect(codes(await log({}, clerk.accessToken))).toEqual(['FORBIDDEN']);
  });

  describe('service calls', () => {
    const level = () => data.stock.find((l) => l.stationId === A.id && l.onHand >= 3)!;

    it("a subgraph cannot call another's commands with a person's token", async () => {
      for (const token of [hq.accessToken, await p.token('HQ_ADMIN')]) {
        const res = await fetch(`${p.subgraphs.stock.url}/internal/commands/stockSnapshot`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ input: { stationId: A.id, partIds: [] } }),
        });
        expect(res.status).toBe(422);
        expect(((await res.json()) as any).error.code).toBe('FORBIDDEN');
      }
    });

    it('the acting user comes from the signed service token; a forged body actor changes nothing', async () => {
      const post = async (actor: { id: string; roles: any[]; stationId: string | null }, bodyActor: unknown, stationId: string) => {
        const token = await serviceToken(p.secret, 'workshop', actor);
        const res = await fetch(`${p.subgraphs.stock.url}/internal/commands/stockSnapshot`, {
          method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ input: { stationId, partIds: [level().partId] }, actor: bodyActor }),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      const clerkOfA = { id: clerk.user.id, roles: ['PARTS_CLERK'], stationId: A.id };
      expect((await post(clerkOfA, undefined, A.id)).status).toBe(200);
      // A station A clerk asking for station B: refused, whatever the body claims.
      const forged = await post(clerkOfA, { id: hq.user.id, roles: ['HQ_ADMIN'], stationId: null }, B.id);
      expect(forged.body.error?.code).toBe('FORBIDDEN');
      expect((await post({ id: hq.user.id, roles: ['HQ_ADMIN'], stationId: null }, undefined, B.id)).status).toBe(200);
    });

    it('a command that changes data is audited with the acting user of the token and the calling service', async () => {
      const l = level();
      const actor = { id: clerk.user.id, roles: ['PARTS_CLERK' as const], stationId: A.id };
      await callCommand(p.subgraphs.stock.url, 'issueStock', { idempotencyKey: 'audit-issue-1', stationId: A.id, reference: 'RO-AUDIT', allowPartial: false, lines: [{ lineKey: '1', partId: l.partId, quantity: 1, binId: l.binId }] },
        { ...actor, roles: [...actor.roles] }, { secret: p.secret, caller: 'workshop' });
      const [e] = await entries('issueStock', clerk.user.id);
      expect(e).toMatchObject({ outcome: 'OK', stationId: A.id, service: 'stock' });
      expect(e.summary).toContain('RO-AUDIT');
      // A read-only command writes nothing.
      await callCommand(p.subgraphs.stock.url, 'stockSnapshot', { stationId: A.id, partIds: [l.partId] }, { ...actor, roles: [...actor.roles] }, { secret: p.secret, caller: 'workshop' });
      await new Promise((r) => setTimeout(r, 1500));
      expect(ok(await log({ op: 'stockSnapshot' })).auditLog).toEqual([]);
    });
  });
});
