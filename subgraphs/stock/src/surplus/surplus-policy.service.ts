/** Per-station thresholds of surplus detection: read (defaults until set) and set by the station's manager or HQ. */
import { badInput, scopeStation, type Context, type Tx } from '../../../shared/src';
import { DEFAULT_SURPLUS_POLICY, policyProblems, type SurplusPolicyValues } from './surplus.rules';
import { SurplusPolicy } from './surplus.type';
import { requireStation } from '../stock-level/stock-level.loader';

function toPolicy(stationId: string, r: any | undefined): SurplusPolicy {
  return Object.assign(new SurplusPolicy(), r
    ? { stationId, minMonthsOfCover: Number(r.min_months_of_cover), noIssueMonths: r.no_issue_months, demandWindowMonths: r.demand_window_months, isDefault: false, updatedAt: r.updated_at, updatedBy: r.updated_by }
    : { stationId, ...DEFAULT_SURPLUS_POLICY, isDefault: true, updatedAt: null, updatedBy: null });
}

export const surplusPolicyService = {
  /** The thresholds in force at a station (no access check: callers scope). */
  async values(db: Context['db'] | Tx, stationId: string): Promise<SurplusPolicy> {
    const [row] = await db.query(`SELECT * FROM stock.surplus_policy WHERE station_id = $1`, [stationId]);
    return toPolicy(stationId, row);
  },

  async get(ctx: Context, stationIdArg: string | null | undefined): Promise<SurplusPolicy> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    await requireStation(ctx, stationId);
    return this.values(ctx.db, stationId);
  },

  /** STATION_MANAGER of the station, or HQ. `demandWindowMonths` keeps its current value when omitted. */
  async set(ctx: Context, stationIdArg: string, input: { minMonthsOfCover: number; noIssueMonths: number; demandWindowMonths?: number | null }): Promise<SurplusPolicy> {
    const stationId = scopeStation(ctx, stationIdArg, true);
    await requireStation(ctx, stationId);
    const current = await this.values(ctx.db, stationId);
    const values: SurplusPolicyValues = {
      minMonthsOfCover: input.minMonthsOfCover,
      noIssueMonths: input.noIssueMonths,
      demandWindowMonths: input.demandWindowMonths ?? current.demandWindowMonths,
    };
    const problems = policyProblems(values);
    if (Object.keys(problems).length) throw badInput('THRESHOLD_OUT_OF_RANGE', 'The surplus thresholds are out of range', { field: Object.keys(problems)[0], fields: problems });
    const [row] = await ctx.db.query(
      `INSERT INTO stock.surplus_policy (station_id, min_months_of_cover, no_issue_months, demand_window_months, updated_by, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (station_id) DO UPDATE SET min_months_of_cover = EXCLUDED.min_months_of_cover, no_issue_months = EXCLUDED.no_issue_months,
         demand_window_months = EXCLUDED.demand_window_months, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [stationId, values.minMonthsOfCover, values.noIssueMonths, values.demandWindowMonths, ctx.user.id, ctx.now()]);
    return toPolicy(stationId, row);
  },
};
