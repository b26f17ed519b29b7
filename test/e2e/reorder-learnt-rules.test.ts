/**
 * reorderRecommendations plans a station with the rules its own complete months teach — obsolescence thresholds,
 * class forecast factors, level-error weight — learnt as the backtest learns them at an origin
 * (domain/station-rules.ts), and the explanation names them. The station's history is replaced by a made one: 30
 * intermittent parts that were used every other month and lately only every fourth (their forecasts ran high: the
 * class's factor is below 1), and a part used once, 14 months ago. No part ever came back after a long silence, so
 * the station's threshold for a single-demand part is 12 silent months, not the default 18: that part is obsolete.
 */
import { Client } from 'pg';
import { startPlatform, demoData, type Platform } from '../helpers/platform';
import { ok } from '../helpers/graphql';
import { learnStationRules } from '../../subgraphs/procurement/src/domain/station-rules';
import { DEFAULT_OBSOLESCENCE } from '../../subgraphs/procurement/src/domain/forecast';
import { demandModel } from '../../subgraphs/procurement/src/domain/reorder-recommendation';
import { calibrationKey, QUIET_AFTER_MONTHS } from '../../subgraphs/procurement/src/domain/fill-calibration';

const REC = `query R($s: ID!, $p: [ID!]) { reorderRecommendations(stationId: $s, partIds: $p, targetFillRate: 0.95) {
  part { id } demandClass obsolete orderUpTo forecastPerMonth explanation explanationItems { reason params } } }`;

const MONTHS = 48;

describe('reorder: the rules a station learnt from its own past', () => {
  let p: Platform;
  let db: Client;
  let buyer: string;
  const data = demoData();
  const station = data.stations[0];
  const regular = data.parts.slice(0, 30).map((x) => x.id);
  const once = data.parts[30].id;
  const now = new Date();
  const monthOf = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
  // Dense histories of the window (oldest first, ending with last month), as the service reads them.
  const histories = new Map<string, number[]>();
  regular.forEach((id, i) => histories.set(id, Array.from({ length: MONTHS }, (_, m) => {
    const back = MONTHS - m;
    return back > 12 ? ((m + i) % 2 === 0 ? 4 : 0) : ((m + i) % 4 === 0 ? 4 : 0);
  })));
  histories.set(once, Array.from({ length: MONTHS }, (_, m) => (MONTHS - m === 14 ? 6 : 0)));
  const firstCalendarMonth = new Date(monthOf(MONTHS)).getUTCMonth();

  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
    buyer = await p.token('PURCHASER', station.id);
    db = new Client({ connectionString: p.databaseUrl });
    await db.connect();
    await db.query(`DELETE FROM procurement.monthly_consumption WHERE station_id = $1`, [station.id]);
    for (const [partId, h] of histories) {
      for (let m = 0; m < MONTHS; m++) {
        if (h[m] > 0) await db.query(`INSERT INTO procurement.monthly_consumption (station_id, part_id, month, quantity) VALUES ($1, $2, $3::date, $4)`, [station.id, partId, monthOf(MONTHS - m), h[m]]);
      }
    }
  });
  afterAll(async () => { await db?.end(); await p?.stop(); });

  it('learns the backtest\'s rules at now and plans with them; the explanation names the learnt values', async () => {
    const learnt = learnStationRules([...histories].map(([id, history]) => ({ id, history, firstCalendarMonth, unitPrecision: 0 })), MONTHS);
    expect(learnt.obsolescence.singleDemandMonths).toBe(12);
    // With the default thresholds the single-demand part would not be obsolete: the learnt rule decides.
    expect(demandModel(histories.get(once)!, firstCalendarMonth, DEFAULT_OBSOLESCENCE).forecast.obsolete).toBe(false);
    expect(demandModel(histories.get(once)!, firstCalendarMonth, learnt.obsolescence).forecast.obsolete).toBe(true);

    const recs = ok(await p.query(REC, { s: station.id, p: [once, regular[0], regular[1]] }, buyer)).reorderRecommendations;
    const byId = new Map(recs.map((r: any) => [r.part.id, r]));

    const o: any = byId.get(once);
    expect(o.obsolete).toBe(true);
    expect(o.orderUpTo).toBe(0);
    expect(o.explanationItems.find((i: any) => i.reason === 'REORDER_OBSOLETE_SINGLE_DEMAND').params).toMatchObject({ thresholdMonths: 12, learntFromMonths: 12 });
    expect(o.explanation).toContain('（≥12）');

    // regular[0] was last used 4 months ago (quiet: its factor is the quiet intermittent parts'), regular[1] last month
    // (class keys: calibrationKey, fill-calibration.ts).
    const quiet = new Set<string>();
    for (const id of [regular[0], regular[1]]) {
      const r: any = byId.get(id);
      const model = demandModel(histories.get(id)!, firstCalendarMonth, learnt.obsolescence);
      const key = calibrationKey(model);
      if (model.stats.monthsSinceLastDemand >= QUIET_AFTER_MONTHS) quiet.add(id);
      const factor = learnt.corrections.byKey.get(key)!.level;
      // The forecasts ran high: this station plans intermittent parts lower — but those silent for 3 months were used
      // every fourth month, so the month after such a silence came above the forecast: their own factor is above 1.
      if (quiet.has(id)) expect(factor).toBeGreaterThan(1);
      else expect(factor).toBeLessThan(0.95);
      const level = r.explanationItems.find((i: any) => i.reason === 'REORDER_LEVEL_FOR_FILL' || i.reason === 'REORDER_NOT_STOCKED_FOR_STATION');
      expect(level).toBeDefined();
      const stat = r.explanationItems.find((i: any) => i.reason === 'REORDER_STAT_METHOD').params;
      expect(stat).toMatchObject({ forecastFactor: Math.round(factor * 100) / 100, levelErrorWeight: Math.round(learnt.corrections.levelErrorWeight * 100) / 100, learntFromMonths: 12 });
      const apart = quiet.has(id) ? `（${QUIET_AFTER_MONTHS}个月以上无消耗件单独校正）` : '';
      expect(r.explanation).toContain(`本站前12个月自学：预测×${Number(factor.toFixed(2))}${apart}，水平误差权重${Number(learnt.corrections.levelErrorWeight.toFixed(2))}，呆滞阈值3倍间隔/单次12个月。`);
      const said = r.explanationItems.find((i: any) => i.reason === 'REORDER_QUIET_FACTOR');
      if (quiet.has(id)) expect(said.params).toMatchObject({ monthsSinceLastDemand: model.stats.monthsSinceLastDemand, quietAfterMonths: QUIET_AFTER_MONTHS, forecastFactor: Math.round(factor * 100) / 100, learntFromMonths: 12 });
      else expect(said).toBeUndefined();
    }
    expect([...quiet]).toEqual([regular[0]]);
  });
});
