/**
 * The engine's per-part work that depends only on its inputs, kept between
 * requests: the demand model (from the history and its first calendar month)
 * and the fill-rate ladder (from the model, lead time, review period, the day
 * of the review and the lot). A station's first page of recommendations needs
 * both for every part — the allocation spans them all — and they are most of
 * its cost; between two requests they rarely change.
 *
 * Memoised on the inputs themselves, never invalidated: a changed history,
 * offer, pack size or day is another key and is computed afresh, so an answer
 * from the memo is always the one a fresh computation gives. Bounded: the
 * least recently used parts go first. Per process; nothing is shared.
 */
import { LRUCache } from 'lru-cache';
import type { LadderPoint } from '../domain/fill-rate-allocation';
import { demandModel, policyLadder, policyProblem, type DemandModel, type PolicyInput } from '../domain/reorder-recommendation';
import { DEFAULT_OBSOLESCENCE, type ObsolescenceRule } from '../domain/forecast';
import { calibrationKey } from '../domain/fill-calibration';
import { correctionFor, type ClassCorrections, type LevelCorrection } from '../domain/forecast-correction';

/**
 * Parts kept, all stations together: four stations of ten thousand parts. A part costs about 2.5 KiB of heap
 * (10,000 generated 36-month histories: +25 MiB), so the memo stays under about 100 MiB.
 */
export const PLAN_MEMO_PARTS = 40_000;

export type ProblemInput = Omit<PolicyInput, 'targetFillRate'>;

/** What the station learnt from its past (domain/station-rules.ts): the model judges obsolescence by it, the problem is corrected by its class. */
export interface PlanRules {
  obsolescence: ObsolescenceRule;
  corrections?: ClassCorrections;
}

const NO_RULES: PlanRules = { obsolescence: DEFAULT_OBSOLESCENCE };

export interface PartPlan {
  /** Dense monthly demand, oldest first (the engine's `history`). */
  history: Float64Array;
  model: DemandModel;
  /** What the allocation needs: demand per review period, and the ladder of (fill rate, S). */
  reviewDemand: number;
  ladder: LadderPoint[];
  /** false: nothing to stock (no forecast demand, or obsolete); S is 0. */
  stocked: boolean;
  /** The class correction the problem was built with. */
  correction: LevelCorrection;
}

interface Entry {
  historyText: string;
  firstCalendarMonth: number;
  ruleKey: string;
  history: Float64Array;
  model: DemandModel;
  problemKey: string;
  plan: PartPlan;
}

/**
 * `historyText`: the months as "offset:demand" cells, comma-separated (the
 * order does not matter; a month may repeat and is summed), offsets from the
 * first month of a `months`-long window.
 */
export function parseHistory(historyText: string, months: number): Float64Array {
  const h = new Float64Array(months);
  if (!historyText) return h;
  for (const cell of historyText.split(',')) {
    const i = cell.indexOf(':');
    h[Number(cell.slice(0, i))] += Number(cell.slice(i + 1));
  }
  return h;
}

const problemKeyOf = (p: ProblemInput, c: LevelCorrection) =>
  `${p.leadTimeDays}|${p.reviewPeriodDays}|${p.calendarMonth}|${p.dayOfMonth}|${p.unitPrecision}|${p.packSize}|${p.minOrderQty}|${c.level}|${c.levelErrorWeight}`;
const ruleKeyOf = (r: ObsolescenceRule) => `${r.intervals}|${r.singleDemandMonths}`;

export class PlanMemo {
  private readonly entries: LRUCache<string, Entry>;
  hits = 0;
  misses = 0;

  constructor(capacity = PLAN_MEMO_PARTS) {
    this.entries = new LRUCache<string, Entry>({ max: capacity });
  }

  get size(): number { return this.entries.size; }

  /**
   * The part's plan for these inputs and the station's learnt rules: from the memo when they are the same as last time, else computed (and kept).
   * `parsed`: `parseHistory(historyText, months)` when the caller has it already (never changed afterwards).
   */
  plan(stationId: string, partId: string, historyText: string, months: number, firstCalendarMonth: number, input: ProblemInput, rules: PlanRules = NO_RULES, parsed?: Float64Array): PartPlan {
    const key = `${stationId}:${partId}`;
    let e = this.entries.get(key); // (a get makes the part the most recently used)
    const found = e;
    const ruleKey = ruleKeyOf(rules.obsolescence);
    if (!e || e.historyText !== historyText || e.firstCalendarMonth !== firstCalendarMonth || e.history.length !== months || e.ruleKey !== ruleKey) {
      const history = e && e.historyText === historyText && e.history.length === months ? e.history
        : parsed?.length === months ? parsed : parseHistory(historyText, months);
      const model = demandModel(history as unknown as number[], firstCalendarMonth, rules.obsolescence);
      e = { historyText, firstCalendarMonth, ruleKey, history, model, problemKey: '', plan: undefined as unknown as PartPlan };
    }
    const correction = correctionFor(rules.corrections, calibrationKey(e.model));
    const problemKey = problemKeyOf(input, correction);
    if (e.problemKey !== problemKey) {
      this.misses++;
      const pp = policyProblem(e.model, input, correction);
      e.problemKey = problemKey;
      e.plan = { history: e.history, model: e.model, reviewDemand: pp.base.reviewDemand, ladder: policyLadder(pp), stocked: !!pp.problem, correction };
    } else {
      this.hits++;
    }
    if (e !== found) this.entries.set(key, e);
    return e.plan;
  }
}

/** The procurement process's memo. */
export const planMemo = new PlanMemo();
