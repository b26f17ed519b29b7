/**
 * Surplus detection (积压/呆滞备件识别) from the ledger: per part at a station,
 * the on-hand and available stock of its non-quarantine bins, the net issued
 * (ISSUE − RETURN) over the station's demand window, the last issue and
 * receipt — then the pure rule decides, and the catalog's internal price
 * values the stock. Two statements and one partFacts call per station.
 */
import { definePage, scopeStation, type Context, type PageRequest, type PageResult } from '../../../shared/src';
import { requireStation } from '../stock-level/stock-level.loader';
import { Part } from '../part/part.stub';
import { partFacts } from './catalog.client';
import { judgeSurplus } from './surplus.rules';
import { lineAmount, toCents } from '../../../shared/src/money';
import { surplusPolicyService } from './surplus-policy.service';
import { SurplusCandidate, SurplusReason } from './surplus.type';

interface CandidatePageFilters {
  /** The station's judged candidates, passed in as parallel arrays (computed, not a table). */
  rows: SurplusCandidate[];
  reason?: SurplusReason | null;
  listableOnly?: boolean | null;
  partId?: string | null;
}

/**
 * surplusCandidatesPage through the one page builder: the judged candidates
 * go in as arrays (`unnest`), so sort, keyset cursor, ties by part id and
 * totalCount are the builder's, exactly as for every other `<list>Page`.
 */
const candidatePage = definePage<CandidatePageFilters>({
  name: 'surplusCandidates',
  from: (bind, f) => `(SELECT * FROM unnest(${bind(f.rows.map((c) => c.partId))}::uuid[], ${bind(f.rows.map((c) => c.partNo))}::text[],
      ${bind(f.rows.map((c) => c.reason))}::text[], ${bind(f.rows.map((c) => c.excessValue))}::numeric[], ${bind(f.rows.map((c) => c.value))}::numeric[],
      ${bind(f.rows.map((c) => c.monthsOfCover))}::numeric[], ${bind(f.rows.map((c) => c.ageMonths))}::numeric[], ${bind(f.rows.map((c) => c.listableQuantity))}::numeric[],
      ${bind(f.rows.map((c) => c.excessQuantity))}::numeric[])
      AS x(id, part_no, reason, excess_value, value, months_of_cover, age_months, listable, excess))`,
  sorts: {
    excessValue: { sql: 'q.excess_value', type: 'numeric', direction: 'DESC' },
    value: { sql: 'q.value', type: 'numeric', direction: 'DESC' },
    excessQuantity: { sql: 'q.excess', type: 'numeric', direction: 'DESC' },
    listableQuantity: { sql: 'q.listable', type: 'numeric', direction: 'DESC' },
    monthsOfCover: { sql: 'q.months_of_cover', type: 'numeric', direction: 'DESC', nullable: true },
    ageMonths: { sql: 'q.age_months', type: 'numeric', direction: 'DESC', nullable: true },
    partNo: { sql: 'q.part_no', type: 'text', direction: 'ASC' },
  },
  defaultSort: { field: 'excessValue' },
  filters: {
    reason: (v, bind) => `q.reason = ${bind(v)}`,
    listableOnly: (v) => (v ? 'q.listable > 0' : null),
    partId: (v, bind) => `q.id = ${bind(v)}::uuid`,
  },
});


export const surplusCandidateService = {
  /** All candidates of the station, most money tied up first. */
  async candidates(ctx: Context, stationIdArg: string | null | undefined): Promise<SurplusCandidate[]> {
    const out = await this.judged(ctx, stationIdArg);
    return out.sort((a, b) => Number(toCents(b.excessValue) - toCents(a.excessValue)) || a.partId.localeCompare(b.partId));
  },

  /** A page of candidates (sort: excessValue (default), value, excessQuantity, listableQuantity, monthsOfCover, ageMonths, partNo). */
  async page(ctx: Context, a: { stationId?: string | null; reason?: SurplusReason | null; listableOnly?: boolean | null; partId?: string | null } & Pick<PageRequest<CandidatePageFilters>, 'first' | 'after' | 'sort'>): Promise<PageResult<SurplusCandidate>> {
    const rows = await this.judged(ctx, a.stationId);
    const byId = new Map(rows.map((c) => [c.partId, c]));
    return candidatePage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { rows, reason: a.reason, listableOnly: a.listableOnly, partId: a.partId } }, (r: { id: string }) => byId.get(r.id)!);
  },

  /** Every part of the station the rule calls surplus, unsorted. */
  async judged(ctx: Context, stationIdArg: string | null | undefined): Promise<SurplusCandidate[]> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    await requireStation(ctx, stationId);
    const policy = await surplusPolicyService.values(ctx.db, stationId);
    const now = ctx.now();
    // Whole calendar months (UTC): the window's months plus the current one so far, as monthly history is kept.
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - policy.demandWindowMonths, 1));
    const rows: any[] = await ctx.db.query(
      `WITH lv AS (
         SELECT l.part_id, sum(l.on_hand) AS on_hand, sum(l.on_hand - l.reserved) AS available,
                (array_agg(b.warehouse_id ORDER BY l.on_hand - l.reserved DESC, b.warehouse_id))[1] AS warehouse_id
           FROM stock.stock_level l
           JOIN stock.bin b ON b.id = l.bin_id AND NOT b.quarantine
           JOIN stock.warehouse w ON w.id = b.warehouse_id AND w.station_id = $1
          WHERE l.on_hand > 0
          GROUP BY l.part_id),
       mv AS (
         SELECT m.part_id,
                coalesce(sum(CASE WHEN m.type = 'ISSUE' THEN abs(m.quantity) WHEN m.type = 'RETURN' THEN -abs(m.quantity) ELSE 0 END)
                  FILTER (WHERE m.occurred_at >= $2), 0) AS issued,
                max(m.occurred_at) FILTER (WHERE m.type = 'ISSUE') AS last_issue,
                max(m.occurred_at) FILTER (WHERE m.type IN ('RECEIPT', 'TRANSFER_IN')) AS last_receipt
           FROM stock.stock_movement m
           JOIN stock.bin b ON b.id = m.bin_id
           JOIN stock.warehouse w ON w.id = b.warehouse_id AND w.station_id = $1
          WHERE m.part_id IN (SELECT part_id FROM lv)
            AND m.type IN ('ISSUE', 'RETURN', 'RECEIPT', 'TRANSFER_IN')
          GROUP BY m.part_id),
       li AS (
         SELECT sl.part_id, sum(sl.remaining) + coalesce(sum(p.pending), 0) AS listed
           FROM stock.surplus_listing sl
           LEFT JOIN LATERAL (SELECT sum(r.quantity) AS pending FROM stock.swap_request r WHERE r.listing_id = sl.id AND r.status = 'PENDING') p ON true
          WHERE sl.station_id = $1 AND sl.status <> 'WITHDRAWN'
          GROUP BY sl.part_id)
       SELECT lv.part_id, lv.on_hand, lv.available, lv.warehouse_id, mv.issued, mv.last_issue, mv.last_receipt, li.listed
         FROM lv LEFT JOIN mv ON mv.part_id = lv.part_id LEFT JOIN li ON li.part_id = lv.part_id`,
      [stationId, since]);
    if (!rows.length) return [];
    const facts = await partFacts(ctx, rows.map((r) => r.part_id));
    const out: SurplusCandidate[] = [];
    for (const r of rows) {
      const fact = facts.get(r.part_id);
      if (!fact) continue; // a part the catalog no longer knows cannot be listed or valued
      const position = {
        onHand: Number(r.on_hand),
        available: Number(r.available),
        issuedInWindow: Number(r.issued ?? 0),
        lastIssueAt: r.last_issue ? new Date(r.last_issue) : null,
        lastReceiptAt: r.last_receipt ? new Date(r.last_receipt) : null,
        listed: Number(r.listed ?? 0),
      };
      const j = judgeSurplus(position, policy, now, fact.unitPrecision);
      if (!j) continue;
      const unitCost = fact.prices.internal;
      out.push(Object.assign(new SurplusCandidate(), {
        part: Object.assign(new Part(), { id: r.part_id }),
        partId: r.part_id,
        partNo: fact.partNo,
        stationId,
        warehouseId: r.warehouse_id,
        onHand: position.onHand,
        available: position.available,
        listed: position.listed,
        reason: j.reason as SurplusReason,
        explanation: j.explanation,
        reasons: j.reasons,
        monthlyDemand: j.monthlyDemand,
        monthsOfCover: j.monthsOfCover,
        lastIssueAt: position.lastIssueAt,
        lastReceiptAt: position.lastReceiptAt,
        ageMonths: j.ageMonths,
        keepQuantity: j.keepQuantity,
        excessQuantity: j.excessQuantity,
        listableQuantity: j.listableQuantity,
        unitCost,
        value: lineAmount(position.onHand, unitCost),
        excessValue: lineAmount(j.excessQuantity, unitCost),
        hqCap: fact.hqCap,
      }));
    }
    return out;
  },
};
