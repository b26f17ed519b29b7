/**
 * A live subscription of a signed-in person outlives their access token:
 * the server closes it with 4401 when the token expires, the client renews
 * the token with refreshSession and subscribes again with `afterSeq` = the
 * last seq it saw — and receives every alert of the gap, in order, then the
 * live ones. (The console does the same: console/src/api/client.ts.)
 */
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { AlertClient, recordShortage, untilSubscribers } from '../../bench/alerts-client';

const TTL_S = 10;

describe('identity: a subscription whose access token expires', () => {
  let p: Platform;
  const clients: AlertClient[] = [];
  const data = demoData();
  const A = data.stations[0];
  const parts = [...new Set(data.stock.filter((l) => l.stationId === A.id).map((l) => l.partId))];
  let nextPart = 0;

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo', env: { AUTH_ACCESS_TTL: String(TTL_S) } });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await p?.stop();
  });
  const client = (token: string) => {
    const c = new AlertClient(p.gatewayUrl, `Bearer ${token}`);
    clients.push(c);
    return c;
  };

  it('is closed with 4401; resumed with a refreshed token and afterSeq it loses no alert', async () => {
    const purchaser = await p.user({ roles: 'PURCHASER', stationId: A.id });
    const first = client(purchaser.accessToken);
    first.subscribe();
    await untilSubscribers(p, 1);
    const s1 = await recordShortage(p, A.id, parts[nextPart++]);
    await first.waitForEvents(1);
    expect(first.events[0].id).toBe(s1);
    const lastSeq: number = first.events[0].seq;

    // The token runs out while subscribed: the server closes the socket at that moment.
    await first.waitForClose((TTL_S + 5) * 1000);
    expect(first.closed).toEqual({ code: 4401, reason: expect.stringMatching(/expired/) });

    // Alerts raised while the client is away …
    const missed = [await recordShortage(p, A.id, parts[nextPart++]), await recordShortage(p, A.id, parts[nextPart++])];

    // … the expired token cannot open a new subscription …
    const stale = client(purchaser.accessToken);
    stale.subscribe();
    await stale.waitForClose(5000);
    expect(stale.closed!.code).toBe(4401);

    // … a refreshed one can, and afterSeq replays the gap, in order, then live alerts follow.
    const renewed = ok(await p.query(`mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { id } } }`, { t: purchaser.refreshToken })).refreshSession;
    expect(renewed.user.id).toBe(purchaser.user.id);
    expect(renewed.accessToken).not.toBe(purchaser.accessToken);
    const resumed = client(renewed.accessToken);
    resumed.subscribe({ after: lastSeq });
    await resumed.waitForEvents(2, 10_000);
    expect(resumed.events.map((e) => e.id)).toEqual(missed);
    expect(resumed.events.every((e) => e.seq > lastSeq)).toBe(true);
    const live = await recordShortage(p, A.id, parts[nextPart++]);
    await resumed.waitForEvents(3, 10_000);
    expect(resumed.events.map((e) => e.id)).toEqual([...missed, live]);
    expect(resumed.closed).toBeUndefined();
  });
});
