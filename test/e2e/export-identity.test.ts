/**
 * usersPage and auditLogPage (the shared page builder): a stable order, a
 * cursor that neither repeats nor skips, the same scoping as `users` and
 * `auditLog` (a station manager: his station only, HQ administrators left
 * out); and their Excel downloads through the gateway, read back.
 */
import { startPlatform, demoData, type Platform, type SignedInUser } from '../helpers/platform';
import { downloadExport, readSheet } from '../helpers/sheet';
import { codes, ok } from '../helpers/graphql';

describe('users and audit log: pages and Excel', () => {
  let p: Platform;
  let hq: string;
  let manager: SignedInUser;
  const [A, B] = demoData().stations;
  const base = Date.UTC(2026, 0, 5, 2, 0, 0);

  beforeAll(async () => {
    p = await startPlatform();
    hq = await p.token('HQ_ADMIN');
    manager = await p.user({ roles: 'STATION_MANAGER', stationId: A.id, username: 'page.manager' });
    const ds = p.subgraphs.identity.runtime.ds;
    // 230 clerks at A (more than one export page of 200), 3 at B, one more HQ administrator.
    await ds.query(`INSERT INTO identity.app_user (username, display_name, roles, station_id, active)
      SELECT 'bulk.' || lpad(g::text, 3, '0'), '员工' || g, ARRAY['PARTS_CLERK'], $1::uuid, g % 10 <> 0 FROM generate_series(1, 230) g`, [A.id]);
    await ds.query(`INSERT INTO identity.app_user (username, display_name, roles, station_id) SELECT 'other.' || g, '外站' || g, ARRAY['PURCHASER'], $1::uuid FROM generate_series(1, 3) g`, [B.id]);
    await ds.query(`INSERT INTO identity.app_user (username, display_name, roles) VALUES ('bulk.hq', '总部', ARRAY['HQ_ADMIN'])`);
    // An HQ administrator recorded with a station (older data; createUser refuses it now): still hidden from the station's manager.
    await ds.query(`INSERT INTO identity.app_user (username, display_name, roles, station_id) VALUES ('bulk.hqa', '总部驻站', ARRAY['HQ_ADMIN'], $1::uuid)`, [A.id]);
    // 250 entries at A by the manager (one a minute, some refused), 20 at B, and 5 by the data import.
    await ds.query(`INSERT INTO identity.audit_entry (at, subject, station_id, operation, summary, outcome, service)
      SELECT $1::timestamptz + (g || ' minutes')::interval, $2, $3, 'pageTest', 'pageTest {"input":{"n":' || g || '}}', CASE WHEN g % 25 = 0 THEN 'REFUSED' ELSE 'OK' END, 'stock'
        FROM generate_series(1, 250) g`, [new Date(base).toISOString(), manager.user.id, A.id]);
    await ds.query(`INSERT INTO identity.audit_entry (at, subject, station_id, operation, summary, outcome, service)
      SELECT $1::timestamptz + (g || ' minutes')::interval, 'clerk-b', $2, 'pageTest', 'at B', 'OK', 'stock' FROM generate_series(1, 20) g`, [new Date(base).toISOString(), B.id]);
    await ds.query(`INSERT INTO identity.audit_entry (at, subject, station_id, operation, summary, outcome, service)
      SELECT $1::timestamptz - (g || ' minutes')::interval, 'migration', $2, 'pageTest', 'imported', 'OK', 'stock' FROM generate_series(1, 5) g`, [new Date(base).toISOString(), A.id]);
  });
  afterAll(() => p?.stop());

  const download = (path: string, token: string) => downloadExport(p.gatewayUrl, path, token);
  const read = readSheet;
  /** Every item of a `<list>Page`, following the cursor `size` at a time. */
  const all = async (field: string, args: string, select: string, vars: Record<string, unknown>, token: string, size: number) => {
    const items: any[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 100; i++) {
      const page: any = ok(await p.query(`query($a: String, $s: ID, $n: Int) { ${field}(first: $n, after: $a, stationId: $s${args}) { items { ${select} } pageInfo { endCursor hasNextPage } totalCount } }`, { ...vars, a: after, n: size }, token))[field];
      total = page.totalCount;
      items.push(...page.items);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    return { items, total };
  };

  it('usersPage: by username, pages without repeats or gaps; a station manager sees only his station, never HQ administrators', async () => {
    const mine = await all('usersPage', '', 'id username roles station { id }', {}, manager.accessToken, 37);
    const expected = ok(await p.query(`{ users { id username } }`, {}, manager.accessToken)).users;
    expect(mine.total).toBe(expected.length);
    expect(mine.items.map((u) => u.id)).toEqual(expected.map((u: any) => u.id));
    expect(new Set(mine.items.map((u) => u.id)).size).toBe(mine.items.length);
    expect(mine.items.length).toBeGreaterThanOrEqual(231);
    expect(mine.items.every((u) => u.station?.id === A.id && !u.roles.includes('HQ_ADMIN'))).toBe(true);
    const names = mine.items.map((u) => u.username.toLowerCase());
    expect(names).toEqual([...names].sort());
    expect(codes(await p.query(`query($s: ID) { usersPage(stationId: $s) { totalCount } }`, { s: B.id }, manager.accessToken))).toEqual(['FORBIDDEN']);

    const everyone = await all('usersPage', '', 'id roles', {}, hq, 200);
    expect(everyone.items.some((u) => u.roles.includes('HQ_ADMIN'))).toBe(true);
    expect(ok(await p.query(`query($s: ID) { usersPage(stationId: $s) { totalCount } }`, { s: B.id }, hq)).usersPage.totalCount).toBeGreaterThanOrEqual(3);
    const inactive = ok(await p.query(`{ usersPage(active: false, query: "bulk.", first: 200) { items { active } totalCount } }`, {}, hq)).usersPage;
    expect(inactive.totalCount).toBe(23);
    expect(ok(await p.query(`{ usersPage(query: "bulk.hq") { items { username } } }`, {}, hq)).usersPage.items.map((u: any) => u.username)).toEqual(['bulk.hq', 'bulk.hqa']);
    expect(inactive.items.every((u: any) => !u.active)).toBe(true);
    const newest = ok(await p.query(`{ usersPage(first: 3, sort: { field: "createdAt" }) { items { username } } }`, {}, hq)).usersPage.items;
    expect(newest).toHaveLength(3);
  });

  it('auditLogPage: newest first along the cursor; a station manager reads only his station', async () => {
    const mine = await all('auditLogPage', ', operation: "pageTest"', 'id at stationId', {}, manager.accessToken, 60);
    expect(mine.total).toBe(255);
    expect(mine.items).toHaveLength(255);
    expect(mine.items.every((e) => e.stationId === A.id)).toBe(true);
    const times = mine.items.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(mine.items.map((e) => e.id)).size).toBe(255);
    // The same entries as the array list (which pages by id: the imported entries, written last, come first there; here by time, last).
    const legacy: string[] = [];
    for (let after: string | null = null, i = 0; i < 10; i++) {
      const got: { id: string }[] = ok(await p.query(`query($a: String) { auditLog(operation: "pageTest", first: 200, after: $a) { id } }`, { a: after }, manager.accessToken)).auditLog;
      legacy.push(...got.map((e) => e.id));
      if (got.length < 200) break;
      after = got[got.length - 1].id;
    }
    expect(mine.items.map((e) => e.id).sort()).toEqual(legacy.sort());
    expect(mine.items.slice(-5).map((e) => e.stationId)).toEqual(Array(5).fill(A.id));
    expect(codes(await p.query(`query($s: ID) { auditLogPage(stationId: $s) { totalCount } }`, { s: B.id }, manager.accessToken))).toEqual(['FORBIDDEN']);
    expect(ok(await p.query(`{ auditLogPage(operation: "pageTest") { totalCount } }`, {}, hq)).auditLogPage.totalCount).toBe(275);
    expect(ok(await p.query(`{ auditLogPage(operation: "pageTest", outcome: "REFUSED") { totalCount } }`, {}, manager.accessToken)).auditLogPage.totalCount).toBe(10);
    const clerk = await p.token('PARTS_CLERK', A.id);
    expect(codes(await p.query(`{ auditLogPage { totalCount } }`, {}, clerk))).toEqual(['FORBIDDEN']);
  });

  it('/export/users.xlsx: the manager\'s station\'s users with roles and status in words', async () => {
    const { name, rows } = await read(await download('/export/users.xlsx', manager.accessToken));
    expect(name).toBe('用户');
    expect(rows[0]).toEqual(['用户名', '姓名', '角色', '服务站', '状态', '最近登录', '创建时间']);
    const total = ok(await p.query(`{ usersPage { totalCount } }`, {}, manager.accessToken)).usersPage.totalCount;
    expect(rows).toHaveLength(1 + total);
    const bulk7 = rows.find((r) => r[0] === 'bulk.007')!;
    expect(bulk7.slice(0, 3)).toEqual(['bulk.007', '员工7', '仓管员']);
    expect(String(bulk7[3])).toContain(A.code);
    expect(bulk7[4]).toBe('待设置密码');
    expect(rows.find((r) => r[0] === 'bulk.010')![4]).toBe('已停用');
    expect(rows.find((r) => r[0] === 'page.manager')![2]).toBe('站长');
    expect(rows.find((r) => r[0] === 'page.manager')![4]).toBe('正常');
    expect(bulk7[6]).toBeInstanceOf(Date);
    expect(rows.some((r) => r[0] === 'bulk.hq' || r[0] === 'bulk.hqa' || String(r[0]).startsWith('other.'))).toBe(false);
    expect((await download(`/export/users.xlsx?stationId=${B.id}`, manager.accessToken)).status).toBe(403);
  });

  it('/export/audit-log.xlsx: every matching entry, people by name, never an account id', async () => {
    const { name, rows } = await read(await download('/export/audit-log.xlsx?operation=pageTest', manager.accessToken));
    expect(name).toBe('操作日志');
    expect(rows[0]).toEqual(['时间', '用户', '服务站', '服务', '操作', '结果', '拒绝原因', '摘要']);
    expect(rows).toHaveLength(1 + 255);
    const [newest] = rows.slice(1);
    expect(newest[0]).toBeInstanceOf(Date);
    expect(newest[1]).toBe('page.manager');
    expect(String(newest[2])).toContain(A.code);
    expect(newest.slice(3, 5)).toEqual(['库存', 'pageTest']);
    expect(newest[7]).toBe('n: 250');
    expect(newest[5]).toBe('被拒绝');
    expect(rows[2][5]).toBe('成功');
    expect(rows[rows.length - 1][1]).toBe('系统（数据导入）');
    expect(rows.flat().some((c) => c === manager.user.id)).toBe(false);
    const to = new Date(base + 60.5 * 60_000).toISOString();
    expect((await read(await download(`/export/audit-log.xlsx?operation=pageTest&to=${to}`, manager.accessToken))).rows).toHaveLength(1 + 60 + 5);
    expect((await download(`/export/audit-log.xlsx?stationId=${B.id}`, manager.accessToken)).status).toBe(403);
  });
});
