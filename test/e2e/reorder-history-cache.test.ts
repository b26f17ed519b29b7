/**
 * The reorder service keeps each station's demand history between requests,
 * keyed by the `procurement.history_change` log that triggers on
 * `monthly_consumption` write: whatever changes a complete month — an import,
 * a late event's upsert, a direct delete, a truncate — is in the very next
 * recommendation; writes to the current month (not history yet) are not logged.
 */
import { Client } from 'pg';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';

const REC = `query R($s: ID!, $p: [ID!]) { reorderRecommendations(stationId: $s, partIds: $p) { forecastPerMonth demandClass orderUpTo } }`;

describe('reorder: the kept station history follows every change of a complete month', () => {
  let p: Platform;
  let db: Client;
  let buyer: string;
  const data = demoData();
  const station = data.stations[0];
  const partId = data.consumption.find((c) => c.stationId === station.id)!.partId;
  const now = new Date();
  const monthOf = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
  const rec = async () => ok(await p.query(REC, { s: station.id, p: [partId] }, buyer)).reorderRecommendations[0];
  const changes = async () => Number((await db.query(`SELECT count(*) AS n FROM procurement.history_change WHERE station_id = $1 OR station_id IS NULL`, [station.id])).rows[0].n);

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    buyer = await p.token('PURCHASER', station.id);
    db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
  });
  afterAll(async () => { await db?.end(); await p?.stop(); });

  it('an import into last month, a late upsert and a delete each show at once; a current-month write is not logged', async () => {
    const saved = (await db.query(`SELECT month::text AS month, quantity, shortfall, lost, emergency FROM procurement.monthly_consumption
       WHERE station_id = $1 AND part_id = $2 AND month IN ($3::date, $4::date)`, [station.id, partId, monthOf(1), monthOf(2)])).rows;
    const first = await rec();
    expect(await rec()).toEqual(first); // the kept copy answers the same

    // An import of a busy last month.
    const before = await changes();
    ok(await p.query(`mutation($s: ID!, $rows: [ConsumptionInput!]!) { importConsumptionHistory(stationId: $s, rows: $rows) }`,
      { s: station.id, rows: [{ partId, month: monthOf(1).slice(0, 7), quantity: 400 }] }, buyer));
    expect(await changes()).toBeGreaterThan(before);
    const busy = await rec();
    expect(busy.forecastPerMonth).toBeGreaterThan(first.forecastPerMonth);

    // A late event's upsert into the month before (the consumer's statement shape).
    await db.query(
      `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity) VALUES ($1, $2, $3::date, 300)
       ON CONFLICT (station_id, part_id, month) DO UPDATE SET quantity = monthly_consumption.quantity + 300`, [station.id, partId, monthOf(2)]);
    const busier = await rec();
    expect(busier.forecastPerMonth).toBeGreaterThan(busy.forecastPerMonth);

    // The current month is not history: its writes leave the log alone (except in a month's last hour) and the answer too.
    const lastHour = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).getTime() - Date.now() < 3_600_000;
    const logged = await changes();
    await db.query(
      `INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity) VALUES ($1, $2, $3::date, 50)
       ON CONFLICT (station_id, part_id, month) DO UPDATE SET quantity = monthly_consumption.quantity + 50`, [station.id, partId, monthOf(0)]);
    if (!lastHour) expect(await changes()).toBe(logged);
    expect(await rec()).toEqual(busier);

    // Deleting the two busy months brings the first answer back.
    await db.query(`DELETE FROM procurement.monthly_consumption WHERE station_id = $1 AND part_id = $2 AND month IN ($3::date, $4::date)`, [station.id, partId, monthOf(1), monthOf(2)]);
    for (const r of saved) { // the demo's own rows for those months, as they were
      await db.query(`INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity, shortfall, lost, emergency) VALUES ($1, $2, $3::date, $4, $5, $6, $7)`,
        [station.id, partId, r.month, r.quantity, r.shortfall, r.lost, r.emergency]);
    }
    expect(await rec()).toEqual(first);

    // A truncate empties every station's history.
    await db.query(`TRUNCATE procurement.monthly_consumption`);
    const none = await rec();
    expect(none.forecastPerMonth).toBe(0);
    expect(none.orderUpTo).toBe(0);
  });
});
