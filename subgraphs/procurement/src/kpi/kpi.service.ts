/**
 * Parts KPIs per station and month window (HQ: across stations): procurement
 * owns the demand side (demand lines, consumption history, shortages); the
 * stock side (inventory value, ledger flows) comes from stock's read-only
 * `inventoryProfile`. Loads, then the pure functions of domain/kpi-*.ts decide.
 * Five statements and one command call per request.
 */
import { badInput, scopeStation, type Context, idInput } from '../../../shared/src';
import { ref, Part, Station } from '../stub/entity-stubs';
import { monthsEndingAt } from '../consumption/consumption.service';
import { fillRate, fillRateByMonth, type DemandLineFact } from '../domain/kpi-fill-rate';
import { ageBuckets, endOfMonth, inventoryValue, obsolescenceCandidates, OBSOLETE_MONTHS, stockTurns, type StockedPart } from '../domain/kpi-inventory';
import { topShortageParts } from '../domain/kpi-shortage';
import { fetchInventoryProfile } from './inventory-profile.client';
import { PartsKpis } from './kpi.type';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const MAX_KPI_MONTHS = 36;

export interface KpiArgs {
  stationId?: string | null;
  /** Last month of the window, "YYYY-MM"; default the current month. */
  month?: string | null;
  months?: number | null;
  top?: number | null;
}

export const kpiService = {
  async partsKpis(ctx: Context, args: KpiArgs): Promise<PartsKpis> {
    const stationId = scopeStation(ctx, args.stationId ?? null);
    if (stationId !== null) idInput(stationId, 'stationId');
    const count = args.months ?? 12;
    if (!Number.isInteger(count) || count < 1 || count > MAX_KPI_MONTHS) throw badInput('OUT_OF_RANGE', `months must be 1 to ${MAX_KPI_MONTHS}`, { field: 'months', min: 1, max: MAX_KPI_MONTHS });
    const top = args.top ?? 20;
    if (!Number.isInteger(top) || top < 0 || top > 200) throw badInput('OUT_OF_RANGE', 'top must be 0 to 200', { field: 'top', min: 0, max: 200 });
    const now = ctx.now();
    let end = now;
    if (args.month != null) {
      const m = MONTH.exec(args.month);
      if (!m) throw badInput('INVALID_MONTH', 'month must look like 2026-03', { field: 'month' });
      end = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    }
    const months = monthsEndingAt(end, count);
    const from = `${months[0]}-01`;
    const to = `${months[months.length - 1]}-01`;
    // The age and obsolescence clock runs to today, or to the end of a past window.
    const asOf = end === now ? now : new Date(Math.min(now.getTime(), endOfMonth(months[months.length - 1]).getTime()));
    const recentFrom = monthsEndingAt(asOf, OBSOLETE_MONTHS)[0] + '-01';

    const [lines, shortages, misses, history, profile] = await Promise.all([
      ctx.db.query(
        `SELECT to_char(month, 'YYYY-MM') AS month, requested, issued, lost, emergency, count(*)::int AS n FROM procurement.demand_line
          WHERE ($1::uuid IS NULL OR station_id = $1) AND month BETWEEN $2::date AND $3::date GROUP BY 1, 2, 3, 4, 5`,
        [stationId, from, to]) as Promise<any[]>,
      ctx.db.query(
        `SELECT part_id, kind, quantity FROM procurement.shortage
          WHERE ($1::uuid IS NULL OR station_id = $1) AND opened_at >= $2::date AND opened_at < ($3::date + interval '1 month')`,
        [stationId, from, to]) as Promise<any[]>,
      ctx.db.query(
        `SELECT part_id, lost, emergency FROM procurement.demand_line
          WHERE ($1::uuid IS NULL OR station_id = $1) AND month BETWEEN $2::date AND $3::date AND (lost > 0 OR emergency > 0)`,
        [stationId, from, to]) as Promise<any[]>,
      // Per part: the last month anything was issued (the seeded / imported history predates the ledger) and recent demand.
      ctx.db.query(
        `SELECT station_id, part_id, to_char(max(month) FILTER (WHERE quantity > 0), 'YYYY-MM') AS last_issue_month,
                coalesce(sum(demand) FILTER (WHERE month >= $2::date), 0) AS recent_demand
           FROM procurement.monthly_consumption WHERE ($1::uuid IS NULL OR station_id = $1) GROUP BY station_id, part_id`,
        [stationId, recentFrom]) as Promise<any[]>,
      fetchInventoryProfile(ctx, stationId, months[0], months[months.length - 1]),
    ]);

    const facts: DemandLineFact[] = lines.map((r) => ({ month: r.month, requested: Number(r.requested), issued: Number(r.issued), lost: Number(r.lost), emergency: Number(r.emergency), lines: r.n }));
    const byMonth = fillRateByMonth(facts, months);
    const summary = fillRate(facts);
    const series = (f: (x: (typeof byMonth)[number]['figures']) => number | null) => byMonth.map((m) => ({ month: m.month, value: f(m.figures) }));

    const hist = new Map(history.map((h) => [`${h.station_id}|${h.part_id}`, h]));
    const stocked: StockedPart[] = profile.parts.map((p) => {
      const h = hist.get(`${p.stationId}|${p.partId}`);
      const ledger = p.lastIssueAt ? new Date(p.lastIssueAt) : null;
      const history = h?.last_issue_month ? endOfMonth(h.last_issue_month) : null;
      const lastIssueAt = ledger && history ? (ledger > history ? ledger : history) : (ledger ?? history);
      return {
        partId: p.partId, stationId: p.stationId, onHand: p.onHand, value: p.value,
        lastIssueAt: lastIssueAt && lastIssueAt > asOf ? asOf : lastIssueAt,
        firstMovementAt: p.firstMovementAt ? new Date(p.firstMovementAt) : null,
        recentDemand: h ? Number(h.recent_demand) : 0,
      };
    });
    const value = inventoryValue(stocked);
    const turns = stockTurns(profile.months, value, profile.netValueAfter);

    return Object.assign(new PartsKpis(), {
      station: ref(Station, stationId),
      fromMonth: months[0],
      toMonth: months[months.length - 1],
      fillRate: {
        lines: summary.lineFillRate, units: summary.unitFillRate,
        demandLines: summary.demandLines, filledLines: summary.filledLines, lostLines: summary.lostLines, emergencyLines: summary.emergencyLines, shortfallLines: summary.shortfallLines,
        demandUnits: summary.demandUnits, issuedUnits: summary.issuedUnits, lostUnits: summary.lostUnits, emergencyUnits: summary.emergencyUnits, shortfallUnits: summary.shortfallUnits,
      },
      fillRateLines: series((f) => f.lineFillRate),
      fillRateUnits: series((f) => f.unitFillRate),
      demandLines: series((f) => f.demandLines),
      demandUnits: series((f) => f.demandUnits),
      lostUnits: series((f) => f.lostUnits),
      emergencyUnits: series((f) => f.emergencyUnits),
      inventoryValue: value,
      inventoryValueByMonth: turns.inventoryValueByMonth,
      issueValueByMonth: turns.issueValueByMonth,
      stockTurns: turns.turns,
      stockTurnsByMonth: turns.turnsByMonth,
      ageBuckets: ageBuckets(stocked, asOf),
      obsolescenceCandidates: obsolescenceCandidates(stocked, asOf, top).map((c) => ({ ...c, part: ref(Part, c.partId), station: ref(Station, c.stationId) })),
      topShortageParts: topShortageParts(
        shortages.map((s) => ({ partId: s.part_id, kind: s.kind, quantity: Number(s.quantity) })),
        misses.map((m) => ({ partId: m.part_id, lost: Number(m.lost), emergency: Number(m.emergency) })),
        top,
      ).map((t) => ({ ...t, part: ref(Part, t.partId) })),
    });
  },
};
