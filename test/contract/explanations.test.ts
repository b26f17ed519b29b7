/**
 * The console translates every explanation the server can send
 * (console/src/locales/explanations.ts): each reason the reorder domain
 * (REORDER_EXPLANATION_REASONS — the only names its typed `item()` accepts)
 * and the surplus rule (SURPLUS_EXPLANATION_REASONS) can emit has a Chinese and
 * an English text; no text needs a param the reason does not carry (checked
 * on what the domain really emits for the carparts trap series and the
 * surplus rule's cases); every reason listed is really emitted somewhere.
 */
import { CARPARTS_SERIES } from '../fixtures/carparts-traps';
import { recommendReorder } from '../../subgraphs/procurement/src/domain/reorder-recommendation';
import { item, REORDER_EXPLANATION_REASONS, type ExplanationItem } from '../../subgraphs/procurement/src/domain/reorder-explanation';
import { DEFAULT_SURPLUS_POLICY, judgeSurplus, SURPLUS_EXPLANATION_REASONS, type PartPosition } from '../../subgraphs/stock/src/surplus/surplus.rules';
import { EXPLANATIONS, explanationText, explanationTexts } from '../../console/src/locales/explanations';

const ALL = [...REORDER_EXPLANATION_REASONS, ...SURPLUS_EXPLANATION_REASONS] as string[];
const placeholders = (t: string) => [...t.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);

/** What the domain emits: every carparts trap series at several origins, targets, positions and lots. */
function emitted(): ExplanationItem[] {
  const out: ExplanationItem[] = [];
  const positions = [
    { onHand: 0, available: 0, inTransit: 0, onOrder: 0, backorders: 0 },
    { onHand: 500, available: 480, inTransit: 5, onOrder: 10, backorders: 2 },
  ];
  for (const s of CARPARTS_SERIES) {
    const h = s.history.map((x) => x ?? 0);
    for (const cut of [3, 8, 20, 36, h.length]) {
      for (const target of [0.5, 0.95]) {
        for (const [k, position] of positions.entries()) {
          const r = recommendReorder({
            history: [...h.slice(0, cut), ...(cut === h.length ? new Array(40).fill(0) : [])].slice(-48), firstCalendarMonth: 0,
            targetFillRate: target, partFillRate: k === 0 && target === 0.5 ? 0.01 : k === 1 ? 0.9 : undefined,
            leadTimeDays: 30, reviewPeriodDays: 30, calendarMonth: 0, dayOfMonth: 1,
            unitPrecision: 0, packSize: k ? 1 : 12, minOrderQty: k ? 0 : 24,
            position, networkSurplus: k ? 0 : 3, networkSurplusKnown: !(k === 0 && cut === 8), unit: 'PC',
          });
          out.push(...r.explanationItems);
          const sliced = recommendReorder({
            history: h.slice(0, cut), firstCalendarMonth: 0, targetFillRate: 0.95, leadTimeDays: 30, reviewPeriodDays: 30, calendarMonth: 0, dayOfMonth: 1,
            unitPrecision: 0, packSize: 1, minOrderQty: 0, position, networkSurplus: 0, networkSurplusKnown: true, unit: 'PC',
          });
          out.push(...sliced.explanationItems);
        }
      }
    }
  }
  // With rules a station learnt (station-rules.ts): the factor named, and a quiet part's said to be its class's quiet parts'.
  for (const s of CARPARTS_SERIES) {
    out.push(...recommendReorder({
      history: s.history.slice(0, 34).map((x) => x ?? 0), firstCalendarMonth: 0, targetFillRate: 0.95, leadTimeDays: 30, reviewPeriodDays: 30, calendarMonth: 0, dayOfMonth: 1,
      unitPrecision: 0, packSize: 1, minOrderQty: 0, position: positions[0], networkSurplus: 0, networkSurplusKnown: true, unit: 'PC',
      correction: { level: 0.65, levelErrorWeight: 0.6 }, learntFromMonths: 12, obsolescence: { intervals: 10, singleDemandMonths: 18 },
    }).explanationItems);
  }
  out.push(...recommendReorder({
    history: new Array(24).fill(0), firstCalendarMonth: 0, targetFillRate: 0.95, leadTimeDays: 14, reviewPeriodDays: 7, calendarMonth: 0, dayOfMonth: 1,
    unitPrecision: 0, packSize: 1, minOrderQty: 0, position: positions[0], networkSurplus: 0, networkSurplusKnown: true, unit: 'PC',
  }).explanationItems);
  // Seasonal and trending smooth parts.
  const seasonal = Array.from({ length: 48 }, (_, m) => Math.round(40 + 25 * Math.sin((2 * Math.PI * m) / 12) + (m % 5)));
  const trending = Array.from({ length: 36 }, (_, m) => 20 + 2 * m + (m % 3));
  for (const history of [seasonal, trending]) {
    out.push(...recommendReorder({
      history, firstCalendarMonth: 0, targetFillRate: 0.95, leadTimeDays: 30, reviewPeriodDays: 30, calendarMonth: 3, dayOfMonth: 1,
      unitPrecision: 0, packSize: 1, minOrderQty: 0, position: positions[0], networkSurplus: 0, networkSurplusKnown: true, unit: 'PC',
    }).explanationItems);
  }
  // Added by the service (reorder.service.ts).
  out.push(item('REORDER_DEFAULT_LEAD_TIME', { leadTimeDays: 14 }), item('REORDER_STOCK_FROM_PROJECTION'));
  // The surplus rule.
  const now = new Date('2026-11-23T00:00:00Z');
  const ago = (m: number) => new Date(now.getTime() - m * (365.25 / 12) * 24 * 3600 * 1000);
  const pos = (p: Partial<PartPosition>): PartPosition => ({ onHand: 10, available: 10, issuedInWindow: 0, lastIssueAt: null, lastReceiptAt: null, ...p });
  for (const p of [
    pos({ onHand: 12, available: 4 }), pos({ onHand: 5, available: 5, lastReceiptAt: ago(9) }),
    pos({ onHand: 12, available: 12, issuedInWindow: 2, lastIssueAt: ago(8) }),
    pos({ onHand: 30, available: 30, listed: 10, issuedInWindow: 24, lastIssueAt: ago(1) }),
  ]) out.push(...(judgeSurplus(p, DEFAULT_SURPLUS_POLICY, now)?.reasons ?? []));
  return out;
}

describe('console explanation texts (console/src/locales/explanations.ts)', () => {
  const items = emitted();

  it('has a Chinese and an English text for every reason the domain can emit, and none for another', () => {
    for (const lang of ['zh', 'en'] as const) {
      expect(ALL.filter((r) => !EXPLANATIONS[lang][r]).map((r) => `${lang}: ${r}`)).toEqual([]);
      expect(Object.keys(EXPLANATIONS[lang]).filter((r) => !ALL.includes(r)).map((r) => `${lang}: ${r}`)).toEqual([]);
    }
  });

  it('every listed reason is really emitted, and nothing outside the list', () => {
    const seen = new Set(items.map((i) => i.reason));
    expect(ALL.filter((r) => !seen.has(r))).toEqual([]);
    expect([...seen].filter((r) => !ALL.includes(r))).toEqual([]);
  });

  it('uses only params the reason carries and fills every one of them', () => {
    const carried = new Map<string, Set<string>>();
    for (const i of items) {
      const set = carried.get(i.reason) ?? new Set<string>();
      for (const k of Object.keys(i.params)) set.add(k);
      carried.set(i.reason, set);
    }
    const problems: string[] = [];
    for (const lang of ['zh', 'en'] as const) {
      for (const [reason, template] of Object.entries(EXPLANATIONS[lang])) {
        for (const name of placeholders(template)) if (!carried.get(reason)?.has(name)) problems.push(`${lang} ${reason}: {{${name}}} is not a param`);
        if (lang === 'zh' && !/[\u4e00-\u9fff]/.test(template)) problems.push(`zh ${reason}: no Chinese`);
      }
      for (const i of items) {
        const text = explanationText(i, lang)!;
        if (!text || /[{}[\]]|undefined|NaN/.test(text)) problems.push(`${lang} ${i.reason}: "${text}" from ${JSON.stringify(i.params)}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('reads as a purchaser reads it: codes named, plain words apart from the statistics', () => {
    expect(explanationText({ reason: 'REORDER_ORDER_NOW', params: { quantity: 12, position: 3, orderUpTo: 15, unit: 'PC' } }))
      .toBe('建议订购 12 PC：库存位置 3，低于补货上限 15。');
    expect(explanationText({ reason: 'REORDER_STAT_CLASS', params: { demandClass: 'LUMPY', adi: 2.5, cv2: 0.8, adiCutoff: 1.32, cv2Cutoff: 0.49 } }, 'en'))
      .toBe('Demand class: lumpy (ADI 2.5, CV² 0.8; cut-offs 1.32 / 0.49).');
    expect(explanationText({ reason: 'SURPLUS_NO_ISSUE', params: { monthsSinceLastIssue: 8, thresholdMonths: 6 } })).toBe('已 8 个月没有领用（满 6 个月即为呆滞）。');
    expect(explanationText({ reason: 'NO_SUCH_REASON', params: {} })).toBeUndefined();
    const { plain, statistics } = explanationTexts(items.slice(0, 12));
    expect(plain.length).toBeGreaterThan(0);
    expect(statistics.every((t) => /需求类型|预测方法|趋势|季节性|需求分布|现有库存/.test(t))).toBe(true);
  });
});
