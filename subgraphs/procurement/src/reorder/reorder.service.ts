/**
 * Recommended reordering (备件推荐订货) for one station: loads what the pure
 * domain needs — the station's own monthly demand history (never another
 * station's), supplier lead times, open purchase-order quantities, open
 * requisition shortages, stock from stock's `stockSnapshot`, pack size and MOQ
 * from catalog's `partFacts`, other stations' surplus from stock's
 * `surplusOffered` — then decides in domain/ and, for the mutations, writes
 * policies / a purchase order through the owners' services.
 *
 * The station's target fill rate is met at least inventory by the allocation
 * of domain/fill-rate-allocation.ts over ALL the station's parts with demand,
 * so a part's recommendation does not depend on which partIds were asked.
 */
import {
  definePage, type PageRequest, type PageResult, badInput, callCommand, DomainError, fetchPartFacts, ErrorCode, InternalError, isUnavailable, unknownId, refusal,
  scopeStation, type Context, idOrRefuse, rowOrRefuse, UNKNOWN_PART, UNKNOWN_STATION
} from '../../../shared/src';
import { item as explanationItem } from '../domain/reorder-explanation';
import { allocateFillRates, type AllocationItem } from '../domain/fill-rate-allocation';
import { lazyExplanation, policyProblem, recommendReorder, type Recommendation } from '../domain/reorder-recommendation';
import { planMemo, type PartPlan } from './plan-memo';
import { HISTORY_STATIONS, stationHistory } from './station-history';
import { LRUCache } from 'lru-cache';
import { learntRules } from './learnt-rules';
import { reorderPolicyService } from '../reorder-policy/reorder-policy.service';
import { purchaseOrderService } from '../purchase-order/purchase-order.service';
import { shortageService } from '../shortage/shortage.service';
import type { PurchaseOrder } from '../purchase-order/purchase-order.type';
import type { ReorderPolicy } from '../reorder-policy/reorder-policy.type';
import { ReorderRecommendation } from './reorder.type';
import { ref, Part, Station } from '../stub/entity-stubs';
import { toPolicy } from '../reorder-policy/reorder-policy.service';
import { supplierOfferRepository } from '../supplier-offer/supplier-offer.repository';
import { decideOrder } from '../domain/order-quantity';
import { supplierLoader, UNKNOWN_SUPPLIER } from '../supplier/supplier.service';

/** Months of history the engine reads (the window since a part's first demand, at most this). */
export const HISTORY_MONTHS = 48;
/** Lead time assumed for a part no supplier offers (the explanation shows it). */
export const DEFAULT_LEAD_TIME_DAYS = 14;
const CHUNK = 10_000;

export interface RecommendationArgs {
  stationId: string;
  targetFillRate?: number | null;
  reviewPeriodDays?: number | null;
  partIds?: string[] | null;
  /** Use this supplier's lead time (createPurchaseOrderFromRecommendations). */
  supplierId?: string | null;
}

interface RecommendationPageFilters {
  /** The station's recommendations, passed in as parallel arrays (computed, not a table). */
  rows: ReorderRecommendation[];
  demandClass?: string | null;
  toOrder?: boolean | null;
}

/**
 * reorderRecommendationsPage through the one page builder: the computed
 * recommendations go in as arrays (`unnest`), so sort, keyset cursor, ties by
 * part id and totalCount are the builder's, as for every other `<list>Page`.
 */
const recommendationPage = definePage<RecommendationPageFilters>({
  name: 'reorderRecommendations',
  from: (bind, f) => `(SELECT * FROM unnest(${bind(f.rows.map((r) => r.partId))}::uuid[], ${bind(f.rows.map((r) => r.partNo))}::text[],
      ${bind(f.rows.map((r) => r.demandClass))}::text[], ${bind(f.rows.map((r) => r.suggestedQuantity))}::numeric[], ${bind(f.rows.map((r) => r.orderValue))}::numeric[],
      ${bind(f.rows.map((r) => r.forecastPerMonth))}::numeric[], ${bind(f.rows.map((r) => r.orderUpTo))}::numeric[])
      AS x(id, part_no, demand_class, suggested, order_value, forecast, order_up_to))`,
  sorts: {
    partNo: { sql: 'q.part_no', type: 'text', direction: 'ASC' },
    suggestedQuantity: { sql: 'q.suggested', type: 'numeric', direction: 'DESC' },
    orderValue: { sql: 'q.order_value', type: 'numeric', direction: 'DESC' },
    forecastPerMonth: { sql: 'q.forecast', type: 'numeric', direction: 'DESC' },
    orderUpTo: { sql: 'q.order_up_to', type: 'numeric', direction: 'DESC' },
    demandClass: { sql: 'q.demand_class', type: 'text', direction: 'ASC', then: [{ sql: 'q.part_no', type: 'text' }] },
  },
  defaultSort: { field: 'partNo' },
  filters: {
    demandClass: (v, bind) => `q.demand_class = ${bind(v)}`,
    toOrder: (v) => (v ? 'q.suggested > 0' : 'q.suggested <= 0'),
  },
});

interface StockRow { partId: string; onHand: number; available: number; inTransit: number }

/**
 * A part's finished recommendation and view, kept with its plan (plan-memo's object: the same plan object is the same
 * history, model, ladder, correction and problem inputs) for the other inputs they were made from, as one key each.
 * Another request with the same inputs gets the same objects — explanation text included, built once when first read —
 * instead of solving, explaining and copying ~10k of them again. Goes with the plan when the memo drops it.
 */
interface Finished { recInputs: unknown[]; rec: Recommendation; viewInputs: unknown[]; view: ReorderRecommendation }
const finished = new WeakMap<PartPlan, Finished>();
/** The same inputs: each the same value (Object.is, so 0 and −0 differ) or the same object. */
function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Offers of one part in the order they are planned with — by [asked supplier, preferred, lead time, price], the first that differs decides (no tuple built per row): < 0 when `a` comes first. */
function offerOrder<T extends { supplierId: string; preferred: boolean; leadTimeDays: number; price: number }>(a: T, b: T, supplierId: string | null): number {
  const a0 = supplierId && a.supplierId === supplierId ? 0 : 1;
  const b0 = supplierId && b.supplierId === supplierId ? 0 : 1;
  if (a0 !== b0) return a0 - b0;
  const a1 = a.preferred ? 0 : 1;
  const b1 = b.preferred ? 0 : 1;
  if (a1 !== b1) return a1 - b1;
  if (a.leadTimeDays !== b.leadTimeDays) return a.leadTimeDays - b.leadTimeDays;
  if (a.price !== b.price) return a.price - b.price;
  return 0;
}

/**
 * The station allocation is a pure function of its items and target; the items follow from the plans (review demand,
 * ladder) and the unit costs. The last one per station is kept and reused when all of these are the same again.
 */
interface KeptAllocation { target: number; plans: PartPlan[]; unitCosts: Float64Array; allocation: ReturnType<typeof allocateFillRates> }
const allocations = new LRUCache<string, KeptAllocation>({ max: HISTORY_STATIONS });

function allocationFor(stationId: string, plans: PartPlan[], unitCosts: Float64Array, items: AllocationItem[], target: number) {
  const k = allocations.get(stationId);
  if (k && k.target === target && k.plans.length === plans.length) {
    let same = true;
    for (let i = 0; i < plans.length && same; i++) same = k.plans[i] === plans[i] && k.unitCosts[i] === unitCosts[i];
    if (same) return k.allocation;
  }
  const allocation = allocateFillRates(items, target);
  allocations.set(stationId, { target, plans, unitCosts, allocation });
  return allocation;
}

/** The arguments every reorder operation takes, checked, and the station they are for (the caller's own unless HQ). */
function validate(ctx: Context, args: RecommendationArgs): { target: number; review: number; stationId: string } {
  const target = args.targetFillRate ?? 0.95;
  const review = args.reviewPeriodDays ?? 7;
  if (!Number.isFinite(target) || target <= 0 || target >= 1) throw badInput('OUT_OF_RANGE', 'targetFillRate must be between 0 and 1 (exclusive)', { field: 'targetFillRate', min: 0, max: 1 });
  if (!Number.isInteger(review) || review < 0 || review > 365) throw badInput('OUT_OF_RANGE', 'reviewPeriodDays must be a whole number of days from 0 to 365', { field: 'reviewPeriodDays', min: 0, max: 365 });
  if (args.partIds) {
    if (args.partIds.length > 20_000) throw badInput('TOO_MANY_LINES', 'At most 20000 partIds', { field: 'partIds', max: 20_000 });
    for (const id of args.partIds) idOrRefuse(id, UNKNOWN_PART);
  }
  const stationId = scopeStation(ctx, args.stationId, true);
  idOrRefuse(stationId, UNKNOWN_STATION);
  return { target, review, stationId };
}

/** "YYYY-MM" month index (year·12 + month − 1) of a Date, UTC. */
const monthIndexOf = (d: Date) => d.getUTCFullYear() * 12 + d.getUTCMonth();

async function inChunks<T>(ids: string[], f: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(...(await f(ids.slice(i, i + CHUNK))));
  return out;
}

const isUnknownCommand = (err: unknown) => err instanceof DomainError && err.extensions.code === ErrorCode.NOT_FOUND && /Unknown command/.test(err.message);

/**
 * Stock per part from stock's `stockSnapshot`. While stock does not offer the
 * command (or cannot be reached) procurement's own projection of
 * stock.level_changed events (procurement.stock_position) stands in; the
 * answer says which was used.
 */
async function stockOf(ctx: Context, stationId: string, partIds: string[]): Promise<{ rows: Map<string, StockRow>; live: boolean }> {
  try {
    const rows = await inChunks(partIds, (chunk) =>
      callCommand<StockRow[]>(ctx.runtime.urls.stock, 'stockSnapshot', { stationId, partIds: chunk }, ctx.user, ctx.runtime.internal));
    return { rows: new Map(rows.map((r) => [r.partId, r])), live: true };
  } catch (err) {
    if (!(err instanceof InternalError) && !isUnavailable(err) && !isUnknownCommand(err) && !(err instanceof TypeError)) throw err;
    ctx.log.warn({ err: (err as Error).message }, 'stockSnapshot unavailable; using the stock_position projection');
    const rows: any[] = await ctx.db.query(
      `SELECT part_id, on_hand, available, in_transit FROM procurement.stock_position WHERE station_id = $1 AND part_id = ANY($2::uuid[])`, [stationId, partIds]);
    return { rows: new Map(rows.map((r) => [r.part_id, { partId: r.part_id, onHand: Number(r.on_hand), available: Number(r.available), inTransit: Number(r.in_transit) }])), live: false };
  }
}

/** Other stations' open surplus per part (stock's `surplusOffered`); unknown (0) when stock cannot answer. */
async function surplusOf(ctx: Context, stationId: string, partIds: string[]): Promise<{ rows: Map<string, number>; known: boolean }> {
  try {
    const rows = await inChunks(partIds, (chunk) =>
      callCommand<{ partId: string; quantity: number }[]>(ctx.runtime.urls.stock, 'surplusOffered', { stationId, partIds: chunk }, ctx.user, ctx.runtime.internal));
    return { rows: new Map(rows.map((r) => [r.partId, Number(r.quantity) || 0])), known: true };
  } catch (err) {
    if (!(err instanceof InternalError) && !isUnavailable(err) && !isUnknownCommand(err) && !(err instanceof TypeError)) throw err;
    ctx.log.warn({ err: (err as Error).message }, 'surplusOffered unavailable; networkSurplus is 0');
    return { rows: new Map(), known: false };
  }
}


/**
 * The view's explanation, text and items, built when read: the recommendation's own plus the
 * service's facts (where the lead time and lot came from, where stock came from), before the
 * statistics. A separate scope, so the getters hold these few values, never the prepared model
 * with its distribution tables.
 */
function explainLater(
  view: ReorderRecommendation,
  rec: Recommendation,
  o: { source: { preferred: boolean; supplierCode: string; leadTimeDays: number; packSize: number; minOrderQty: number } | null; stockLive: boolean },
): void {
  const src = o.source;
  const text = () => rec.explanation
    + (!src ? `（无供应商报价，交货期按默认 ${DEFAULT_LEAD_TIME_DAYS} 天计）`
      : `（按${src.preferred ? '首选' : ''}供应商 ${src.supplierCode} 的报价：交货期 ${src.leadTimeDays} 天，包装 ${src.packSize}、起订量 ${src.minOrderQty}）`)
    + (!o.stockLive ? '（库存取自采购端的库存快照投影，库存服务暂不可直接查询）' : '');
  const items = () => {
    const added = [
      ...(!src ? [explanationItem('REORDER_DEFAULT_LEAD_TIME', { leadTimeDays: DEFAULT_LEAD_TIME_DAYS })] : []),
      ...(!o.stockLive ? [explanationItem('REORDER_STOCK_FROM_PROJECTION')] : []),
    ];
    const all = rec.explanationItems;
    if (!added.length) return all;
    const at = all.findIndex((i) => i.reason.startsWith('REORDER_STAT_'));
    return at < 0 ? [...all, ...added] : [...all.slice(0, at), ...added, ...all.slice(at)];
  };
  lazyExplanation(view, text, items);
}

export const reorderService = {
  /** Recommendations for the station's parts (all with demand, or the ones asked), best-practice method of domain/. */
  async recommendations(ctx: Context, args: RecommendationArgs): Promise<ReorderRecommendation[]> {
    const { target, review, stationId } = validate(ctx, args);
    return (await this.compute(ctx, stationId, target, review, args.partIds ?? null, args.supplierId ?? null)).map((r) => r.view);
  },

  /** A page of the station's recommendations (sort: partNo (default), suggestedQuantity, orderValue, forecastPerMonth, orderUpTo, demandClass; filters: demandClass, toOrder). */
  async page(ctx: Context, args: RecommendationArgs & { demandClass?: string | null; toOrder?: boolean | null } & Pick<PageRequest<RecommendationPageFilters>, 'first' | 'after' | 'sort'>): Promise<PageResult<ReorderRecommendation>> {
    const { target, review, stationId } = validate(ctx, args);
    // The allocation covers all the station's parts; every sort key and filter (part number, class, forecast, S, suggested
    // quantity, order value) follows from it and the position cheaply, so only the page's rows are finished.
    const prep = await this.prepare(ctx, stationId, target, review, args.partIds ?? null, args.supplierId ?? null);
    const rows = prep.keys();
    return recommendationPage.run(ctx.db, { first: args.first, after: args.after, sort: args.sort, filters: { rows: rows as ReorderRecommendation[], demandClass: args.demandClass, toOrder: args.toOrder } },
      (r: { id: string }) => prep.finish(prep.indexOf.get(r.id)!).view);
  },

  async compute(ctx: Context, stationId: string, target: number, review: number, asked: string[] | null, supplierId: string | null): Promise<{ partId: string; partNo: string; rec: Recommendation; view: ReorderRecommendation }[]> {
    const prep = await this.prepare(ctx, stationId, target, review, asked, supplierId);
    const out = prep.all();
    ctx.log.info({ stationId, parts: prep.parts, returned: out.length, loadMs: prep.loadMs, decideMs: Math.round(performance.now() - prep.loadedAt), stock: prep.stockLive ? 'stockSnapshot' : 'stock_position' }, 'reorder recommendations computed');
    return out;
  },

  /** Loads and allocates for the whole station; `finish(k)` makes one part's recommendation, `keys()` the page's sort keys for all. */
  async prepare(ctx: Context, stationId: string, target: number, review: number, asked: string[] | null, supplierId: string | null) {
    const started = performance.now();
    const now = ctx.now();
    const end = monthIndexOf(now); // the current month is incomplete: history ends with the month before
    const start = end - HISTORY_MONTHS;
    const firstMonth = `${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}-01`;

    // 1. The station's history only (never another station's): one text per part, kept while it does not change.
    const histories = await stationHistory(ctx.db, stationId, firstMonth, start, HISTORY_MONTHS);
    const askedSet = asked ? new Set(asked) : null;
    const partIds = [...new Set([...histories.keys(), ...(asked ?? [])])];

    const firstCalendarMonth = ((start % 12) + 12) % 12;
    const calendarMonth = now.getUTCMonth();
    const dayOfMonth = now.getUTCDate();

    // 2. Everything else at once: the catalog's facts, stock, surplus and procurement's own tables
    //    (suppliers, open orders, open shortages, current policies). What needs only the facts and the offers —
    //    the station's rules, each part's plan, the allocation (step 4) — is decided as soon as those two are here,
    //    while stock's snapshot (the slowest load) is still on its way.
    const factsLoad = fetchPartFacts(ctx, partIds);
    const sourcesLoad = supplierOfferRepository.byParts(ctx.db, partIds);
    const planning = Promise.all([factsLoad, sourcesLoad]).then(([facts, sources]) => plan(facts, sources));
    const [factRows, stock, surplus, , onOrderRows, backorderRows, policyRows, planned] = await Promise.all([
      factsLoad,
      stockOf(ctx, stationId, partIds),
      surplusOf(ctx, stationId, asked ?? partIds),
      sourcesLoad,
      ctx.db.query(
        `SELECT l.part_id, sum(greatest(l.quantity - l.received, 0)) AS q
           FROM procurement.purchase_order_line l JOIN procurement.purchase_order o ON o.id = l.purchase_order_id
          WHERE o.station_id = $1 AND o.status IN ('DRAFT', 'SUBMITTED', 'SHIPPED', 'PARTIALLY_RECEIVED') GROUP BY l.part_id`, [stationId]),
      ctx.db.query(
        `SELECT part_id, sum(quantity) AS q FROM procurement.shortage
          WHERE station_id = $1 AND resolved_at IS NULL AND kind = 'REQUISITION_SHORTFALL' GROUP BY part_id`, [stationId]),
      ctx.db.query(`SELECT * FROM procurement.reorder_policy WHERE station_id = $1`, [stationId]),
      planning,
    ]);
    const facts = factRows;
    for (const id of asked ?? []) if (!facts.has(id)) throw unknownId('PART_NOT_FOUND', 'Part', id, 'partId');
    if (!histories.size && !stock.rows.size) {
      // Nothing of this station anywhere: an unknown station rather than an empty one.
      const [known] = await ctx.db.query(
        `SELECT 1 FROM procurement.purchase_order WHERE station_id = $1 UNION ALL SELECT 1 FROM procurement.reorder_policy WHERE station_id = $1
         UNION ALL SELECT 1 FROM procurement.stock_position WHERE station_id = $1 UNION ALL SELECT 1 FROM procurement.monthly_consumption WHERE station_id = $1 LIMIT 1`, [stationId]);
      if (!known) throw unknownId('STATION_NOT_FOUND', 'Station', stationId, 'stationId');
    }
    const onOrder = new Map((onOrderRows as any[]).map((r) => [r.part_id, Number(r.q)]));
    const backorders = new Map((backorderRows as any[]).map((r) => [r.part_id, Number(r.q)]));
    const policies = new Map((policyRows as any[]).map((r) => [r.part_id, toPolicy(r)]));
    const { rules, prepared, items, allocation } = planned;
    const loaded = performance.now();

    function plan(facts: Awaited<typeof factsLoad>, sources: Awaited<typeof sourcesLoad>) {
      // The offer planned with: the given supplier's when it offers the part, else the preferred offer, else the fastest, then the
      // cheapest. Its lead time, and its minimum and pack where it sets them, are what the engine plans and rounds with.
      const source = new Map<string, { supplierId: string; supplierCode: string; leadTimeDays: number; price: number; preferred: boolean; packSize: number | null; minOrderQty: number | null }>();
      for (const r of sources) {
        if (r.depotStationId === stationId) continue; // HQ's depot never buys from itself
        const cand = { supplierId: r.supplierId, supplierCode: r.supplierCode, leadTimeDays: r.leadTimeDays ?? r.supplierLeadTimeDays, price: Number(r.unitPrice), preferred: r.preferred, packSize: r.packSize, minOrderQty: r.minOrderQty };
        const cur = source.get(r.partId);
        const better = !cur || offerOrder(cand, cur, supplierId) < 0;
        if (better) source.set(r.partId, cand);
      }

      // 4. Decide (pure): models, the station allocation, then (finish) each part's recommendation.
      // What the station's own complete months teach (obsolescence thresholds, class forecast factors, level-error weight),
      // as the backtest learns them at an origin; kept with the history copy, so learnt again only when a month changes.
      const parsed = new Map<string, Float64Array>(); // filled when the rules are learnt now (cold): the plans reuse the parsed months
      const rules = learntRules(stationId, histories, HISTORY_MONTHS, firstCalendarMonth, (id) => facts.get(id)?.unitPrecision ?? 0, parsed);
      const planRules = { obsolescence: rules.obsolescence, corrections: rules.corrections };
      // The model and the ladder of each part come from the plan memo: the same inputs as last time, the same plan.
      const prepared = partIds.map((partId) => {
        const f = facts.get(partId);
        const src = source.get(partId);
        const leadTimeDays = src?.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS;
        const unitPrecision = f?.unitPrecision ?? 0;
        const lot = { packSize: src?.packSize ?? (f?.packSize || 1), minOrderQty: src?.minOrderQty ?? (f?.minOrderQty || 0), unitPrecision };
        const problemInput = { leadTimeDays, reviewPeriodDays: review, calendarMonth, dayOfMonth, ...lot };
        const plan = planMemo.plan(stationId, partId, histories.get(partId) ?? '', HISTORY_MONTHS, firstCalendarMonth, problemInput, planRules, parsed.get(partId));
        const unitCost = src?.price ?? Number(f?.prices?.internal ?? 0);
        return { partId, f, src, leadTimeDays, lot, problemInput, plan, unitCost };
      }).filter((p) => p.f);
      const items: AllocationItem[] = prepared.map((p) => ({ reviewDemand: p.plan.reviewDemand, unitCost: p.unitCost, ladder: p.plan.ladder }));
      const allocation = allocationFor(stationId, prepared.map((p) => p.plan), Float64Array.from(prepared, (p) => p.unitCost), items, target);
      return { rules, prepared, items, allocation };
    }

    const positionOf = (p: typeof prepared[number]) => {
      const s = stock.rows.get(p.partId) ?? { onHand: 0, available: 0, inTransit: 0 };
      return { s, position: { onHand: s.onHand, available: s.available, inTransit: s.inTransit, onOrder: onOrder.get(p.partId) ?? 0, backorders: backorders.get(p.partId) ?? 0 } };
    };
    const finish = (k: number): { partId: string; partNo: string; rec: Recommendation; view: ReorderRecommendation } => {
      const p = prepared[k];
      const { s, position } = positionOf(p);
      const partFillRate = items[k].ladder[allocation.choice[k]].fillRate;
      const orderUpTo = items[k].ladder[allocation.choice[k]].orderUpTo;
      const networkSurplus = surplus.rows.get(p.partId) ?? 0;
      const unit = p.f?.unit ?? '';
      const recInputs = [target, partFillRate, orderUpTo, position.onHand, position.available, position.inTransit, position.onOrder, position.backorders,
        networkSurplus, surplus.known, unit, rules.correctionMonths, p.leadTimeDays, review, calendarMonth, dayOfMonth, firstCalendarMonth, p.lot.packSize, p.lot.minOrderQty, p.lot.unitPrecision];
      const policy = policies.get(p.partId) ?? null;
      const viewInputs = [stationId, p.src?.supplierId, p.src?.preferred, p.src?.supplierCode,
        policy?.reorderPoint, policy?.orderUpTo, policy?.updatedAt instanceof Date ? policy.updatedAt.getTime() : policy?.updatedAt, policy?.updatedBy,
        allocation.fillRate, p.f?.partNo ?? '', p.unitCost, stock.live];
      const kept = finished.get(p.plan);
      const sameRec = !!kept && sameInputs(kept.recInputs, recInputs);
      if (sameRec && sameInputs(kept.viewInputs, viewInputs)) return { partId: p.partId, partNo: p.f?.partNo ?? '', rec: kept.rec, view: kept.view };
      const rec = sameRec ? kept!.rec : recommendReorder({
        history: p.plan.history as unknown as number[],
        firstCalendarMonth,
        targetFillRate: target,
        partFillRate,
        leadTimeDays: p.leadTimeDays,
        reviewPeriodDays: review,
        calendarMonth,
        dayOfMonth,
        ...p.lot,
        position,
        networkSurplus,
        networkSurplusKnown: surplus.known,
        unit,
        obsolescence: rules.obsolescence,
        correction: p.plan.correction,
        learntFromMonths: rules.correctionMonths,
      }, { model: p.plan.model, problem: policyProblem(p.plan.model, p.problemInput, p.plan.correction), orderUpTo });
      const view = Object.assign(new ReorderRecommendation(), {
        ...rec,
        adi: Number.isFinite(rec.adi) ? rec.adi : null,
        partId: p.partId,
        stationId,
        supplierId: p.src?.supplierId ?? null,
        part: ref(Part, p.partId),
        station: ref(Station, stationId),
        packSize: p.lot.packSize,
        minOrderQty: p.lot.minOrderQty,
        onHand: s.onHand,
        available: s.available,
        inTransit: s.inTransit,
        onOrder: onOrder.get(p.partId) ?? 0,
        backorders: backorders.get(p.partId) ?? 0,
        currentPolicy: policy,
        stationFillRate: allocation.fillRate,
        partNo: p.f?.partNo ?? '',
        orderValue: Math.round(rec.suggestedQuantity * p.unitCost * 100) / 100,
      });
      explainLater(view, rec, {
        source: p.src ? { preferred: !!p.src.preferred, supplierCode: p.src.supplierCode, leadTimeDays: p.leadTimeDays, packSize: p.lot.packSize, minOrderQty: p.lot.minOrderQty } : null,
        stockLive: stock.live,
      });
      finished.set(p.plan, { recInputs, rec, viewInputs, view });
      return { partId: p.partId, partNo: p.f?.partNo ?? '', rec, view };
    };
    const wanted = (p: typeof prepared[number]) => !askedSet || askedSet.has(p.partId);
    const indexOf = new Map<string, number>();
    prepared.forEach((p, k) => { if (wanted(p)) indexOf.set(p.partId, k); });
    return {
      parts: prepared.length, loadMs: Math.round(loaded - started), loadedAt: loaded, stockLive: stock.live, indexOf, finish,
      /** Every wanted part's recommendation, in the station's order. */
      all: () => [...indexOf.values()].map(finish),
      /**
       * The page's sort and filter keys without the full recommendation: S is the allocation's choice (what
       * recommendReorder is given), the suggested quantity the same decideOrder on the same position and surplus.
       */
      keys: () => [...indexOf.values()].map((k) => {
        const p = prepared[k];
        const orderUpTo = p.plan.stocked ? items[k].ladder[allocation.choice[k]].orderUpTo : 0;
        const order = decideOrder(orderUpTo, positionOf(p).position, surplus.rows.get(p.partId) ?? 0, p.lot.packSize, p.lot.minOrderQty, 10 ** -p.lot.unitPrecision);
        return { partId: p.partId, partNo: p.f?.partNo ?? '', demandClass: p.plan.model.demandClass, suggestedQuantity: order.suggestedQuantity,
          orderValue: Math.round(order.suggestedQuantity * p.unitCost * 100) / 100, forecastPerMonth: p.plan.model.forecast.level, orderUpTo };
      }),
    };
  },

  /** applyRecommendations: each asked part's policy := its recommendation's reorderPoint / orderUpTo, in one transaction. */
  async apply(ctx: Context, args: { stationId: string; partIds: string[]; targetFillRate?: number | null; reviewPeriodDays?: number | null }): Promise<ReorderPolicy[]> {
    if (!args.partIds?.length) throw badInput('EMPTY_LIST', 'partIds must name at least one part', { field: 'partIds' });
    const { target, review, stationId } = validate(ctx, args);
    const recs = await this.compute(ctx, stationId, target, review, [...new Set(args.partIds)], null);
    return ctx.db.transaction(async (tx) => {
      const out: ReorderPolicy[] = [];
      for (const r of recs) {
        out.push(await reorderPolicyService.upsert(tx, ctx, stationId, r.partId, r.rec.reorderPoint, r.rec.orderUpTo));
        // Shortage alerts follow the new reorder point at once (the same rule setReorderPolicy applies).
        await shortageService.judgeLevel(tx, stationId, r.partId, r.view.available, ctx.now());
      }
      return out;
    });
  },

  /** createPurchaseOrderFromRecommendations: a DRAFT order to the supplier for the suggested new-buy quantities (surplus proposals excluded). */
  async createPurchaseOrder(ctx: Context, args: { stationId: string; supplierId: string; partIds: string[]; targetFillRate?: number | null; reviewPeriodDays?: number | null }): Promise<PurchaseOrder> {
    if (!args.partIds?.length) throw badInput('EMPTY_LIST', 'partIds must name at least one part', { field: 'partIds' });
    const { target, review, stationId } = validate(ctx, args);
    await rowOrRefuse(args.supplierId, (id) => supplierLoader(ctx).load(id), UNKNOWN_SUPPLIER);
    const recs = await this.compute(ctx, stationId, target, review, [...new Set(args.partIds)], args.supplierId);
    const notOffered = recs.filter((r) => r.view.supplierId !== args.supplierId);
    if (notOffered.length) {
      const partNos = notOffered.map((r) => r.partNo);
      throw refusal(ErrorCode.BAD_USER_INPUT, 'SUPPLIER_DOES_NOT_OFFER_PART', `The supplier does not offer ${notOffered.length} of the parts`, { partIds: notOffered.map((r) => r.partId), partNos });
    }
    const lines = recs.filter((r) => r.rec.suggestedQuantity > 0).map((r) => ({ partId: r.partId, quantity: r.rec.suggestedQuantity }));
    if (!lines.length) throw badInput('NOTHING_TO_ORDER', 'Nothing to order: no recommended quantity for these parts', { field: 'partIds' });
    return purchaseOrderService.create(ctx, {
      stationId,
      supplierId: args.supplierId,
      lines,
      note: `推荐订货生成（目标满足率 ${(target * 100).toFixed(1)}%，检查周期 ${review} 天）`,
    });
  },
};
