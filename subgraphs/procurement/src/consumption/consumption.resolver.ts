import { Authorized, Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { ConsumptionInput, MonthlyConsumption } from './consumption.type';
import { consumptionService } from './consumption.service';

@Resolver(() => MonthlyConsumption)
export class ConsumptionResolver {
  @Query(() => [MonthlyConsumption], { description: 'The `months` months ending with the current one, oldest first, zero months included (at most 120).' })
  consumptionHistory(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('partId', () => ID) partId: string,
    @Arg('months', () => Int, { nullable: true, defaultValue: 24 }) months: number | null,
  ): Promise<MonthlyConsumption[]> {
    return consumptionService.history(ctx, stationId, partId, months ?? 24);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => Int, { description: 'History from the station\'s old system; replaces the given months. Any bad row: BAD_USER_INPUT and nothing written.' })
  importConsumptionHistory(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('rows', () => [ConsumptionInput]) rows: ConsumptionInput[],
  ): Promise<number> {
    return consumptionService.import(ctx, stationId, rows);
  }
}
