import { Authorized, Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { PartsKpis } from './kpi.type';
import { kpiService } from './kpi.service';

@Resolver(() => PartsKpis)
export class KpiResolver {
  @Authorized('STATION_MANAGER', 'PURCHASER')
  @Query(() => PartsKpis, { description: 'Parts KPIs (满足率, 周转, 库龄, 呆滞, 缺件排行) of a station over `months` months ending with `month` (default: the current one). HQ without stationId: all stations. STATION_MANAGER or PURCHASER.' })
  partsKpis(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId: string | null,
    @Arg('month', () => String, { nullable: true, description: '"2026-10": the last month of the window.' }) month: string | null,
    @Arg('months', () => Int, { nullable: true, defaultValue: 12, description: '1 to 36.' }) months: number | null,
    @Arg('top', () => Int, { nullable: true, defaultValue: 20, description: 'Length of the obsolescence and shortage lists (0 to 200).' }) top: number | null,
  ): Promise<PartsKpis> {
    return kpiService.partsKpis(ctx, { stationId, month, months, top });
  }
}
