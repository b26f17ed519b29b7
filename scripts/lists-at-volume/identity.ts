/**
 * identity's `usersPage`: the accounts of a network of 500 stations (the 5 of
 * lv and 495 more), 40 each, plus a few HQ administrators; timed as one
 * station's manager and as HQ (every user).
 */
import type { Case, Subgraph } from './runner';
import { caseList, contextOf, PAGE, sortCases } from './runner';
import { overTwoYears } from './stock';
import { userService } from '../../subgraphs/identity/src/user/user.service';

export interface IdentityVolume { users: number }

export async function fillIdentity(sub: Subgraph, v: IdentityVolume): Promise<void> {
  const { query } = sub;
  await query(`CREATE TABLE lv.network AS SELECT n, id FROM lv.station UNION ALL SELECT g, gen_random_uuid() FROM generate_series(5, 499) g`);
  await query(`INSERT INTO identity.app_user (username, display_name, roles, station_id, active, last_login_at, created_at)
    SELECT 'user' || g, (ARRAY['Wang','Li','Zhang','Liu','Chen','Yang','Zhao','Huang'])[1 + g % 8] || ' ' || (ARRAY['Wei','Fang','Na','Min','Jing','Lei','Jun','Yan'])[1 + (g / 8) % 8] || ' ' || g,
      CASE WHEN g <= 10 THEN ARRAY['HQ_ADMIN'] ELSE ARRAY[(ARRAY['PARTS_CLERK', 'PARTS_CLERK', 'SERVICE_ADVISOR', 'PURCHASER', 'STATION_MANAGER'])[1 + g % 5]] END,
      CASE WHEN g > 10 THEN s.id END, g % 11 <> 0, CASE WHEN g % 7 <> 0 THEN now() - ((hashint4(g) & 2147483647) % 90) * interval '1 day' END, ${overTwoYears('g', '$1')}
    FROM generate_series(1, $1::int) g JOIN lv.network s ON s.n = g % 500`, [v.users]);
  await query(`ANALYZE`);
}

export async function identityCases(sub: Subgraph): Promise<Case[]> {
  const [station] = await sub.query(`SELECT id FROM lv.station WHERE code = 'S1'`);
  const { cases, add: addCase } = caseList(sub);
  const add = (caller: string, name: string, call: Case['call']) => addCase('users', caller, name, call);
  for (const [caller, ctx] of [
    ['station', contextOf(sub, { id: 'manager', roles: ['STATION_MANAGER'], stationId: station.id })],
    ['HQ', contextOf(sub, { id: 'hq', roles: ['HQ_ADMIN'], stationId: null })],
  ] as const) {
    type Args = Parameters<typeof userService.page>[1];
    const users = (a: Args) => userService.page(ctx(), { first: PAGE, ...a });
    // A station has 40 users: page 51 exists only for HQ.
    await sortCases(addCase, 'users', caller, users, 'username ASC', [{ field: 'displayName' }, { field: 'createdAt' }, { field: 'lastLoginAt' }], caller === 'HQ');
    add(caller, 'active only', () => users({ active: true }));
    add(caller, 'deactivated only', () => users({ active: false }));
    add(caller, 'role PURCHASER', () => users({ role: 'PURCHASER' }));
    add(caller, 'query: "zhang"', () => users({ query: 'zhang' }));
    add(caller, 'query: one user', () => users({ query: 'user12345' }));
  }
  return cases;
}
