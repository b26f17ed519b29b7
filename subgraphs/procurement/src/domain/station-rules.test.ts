/**
 * The rules the live service learns at "now" are the backtest's at an origin: on the carparts trap series
 * (test/fixtures/carparts-traps.ts, from ../shared/data/carparts-train.csv) learnStationRules at month 34 gives the
 * obsolescence thresholds and class corrections the backtest planned its first replayed month (34) with; and only
 * months before the origin are read.
 */
import { CARPARTS_SERIES } from '../../../../test/fixtures/carparts-traps';
import { runBacktest } from './reorder-backtest';
import { learnStationRules, ruleSample } from './station-rules';
import type { SimPart } from './reorder-simulation';
import { CALIBRATION_MAX_PARTS } from './reorder-backtest';

const ORIGIN = 34;
const parts: SimPart[] = CARPARTS_SERIES.map((s) => ({
  id: s.id, label: s.trap, group: 'station', history: s.history.map((x) => x ?? 0), firstCalendarMonth: 0,
  leadTimeDays: 30, unitCost: 1, packSize: 1, minOrderQty: 0, unitPrecision: 0,
}));
const plain = (r: { obsolescence: unknown; corrections?: { byKey: Map<string, unknown>; levelErrorWeight: number } }) =>
  ({ obsolescence: r.obsolescence, byKey: Object.fromEntries(r.corrections!.byKey), w: r.corrections!.levelErrorWeight });

describe('station rules (learnt from the months before an origin)', () => {
  it('are the backtest\'s at its first replayed month', () => {
    const bt = runBacktest(parts, { targets: [0.95], startMonth: ORIGIN, warmupMonths: 1, reviewPeriodDays: 30, seed: 1, baselineWindows: [] });
    const learnt = learnStationRules(parts, ORIGIN);
    expect(plain(learnt)).toEqual(plain(bt.firstOrigin.get('station')!));
    expect(learnt.correctionMonths).toBe(12);
    expect(learnt.corrections.byKey.size).toBeGreaterThan(1);
  });

  it('learn the quiet classes apart: parts silent for QUIET_AFTER_MONTHS months or more get their own factor (table)', () => {
    // At month 34 the trap series' quiet intermittent and lumpy parts sold 15 of 39.7 and 6 of 42.7 units forecast
    // over the 12 months before; the class correction keeps them apart from the parts still in use.
    const factors = Object.fromEntries([...learnStationRules(parts, ORIGIN).corrections.byKey].map(([k, c]) => [k, Math.round(c.level * 1000) / 1000]));
    expect(factors).toEqual({
      INTERMITTENT: 1.253, 'INTERMITTENT:QUIET': 0.645, LUMPY: 0.426, 'LUMPY:QUIET': 0.495, NEW: 0.499, 'NEW:QUIET': 3.48,
      DECLINING: 1, 'DECLINING:QUIET': 0.976, SMOOTH: 0.788, ERRATIC: 0.855,
    });
  });

  it('read nothing from the origin on', () => {
    const changed = parts.map((p, i) => ({ ...p, history: [...p.history.slice(0, ORIGIN), ...p.history.slice(ORIGIN).map((d) => d * 7 + i)] }));
    expect(plain(learnStationRules(changed, ORIGIN))).toEqual(plain(learnStationRules(parts, ORIGIN)));
    expect(plain(learnStationRules(parts.map((p) => ({ ...p, history: p.history.slice(0, ORIGIN) })), ORIGIN))).toEqual(plain(learnStationRules(parts, ORIGIN)));
  });

  it('sample at most CALIBRATION_MAX_PARTS parts, the same ones whatever the order', () => {
    const many = Array.from({ length: CALIBRATION_MAX_PARTS + 50 }, (_, i) => ({ id: `p${i}` }));
    const a = ruleSample(many).map((p) => p.id);
    expect(a).toHaveLength(CALIBRATION_MAX_PARTS);
    expect(ruleSample([...many].reverse()).map((p) => p.id)).toEqual(a);
  });
});
