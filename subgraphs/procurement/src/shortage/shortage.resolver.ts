import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { Shortage } from './shortage.type';
import { shortageService } from './shortage.service';

@Resolver(() => Shortage)
export class ShortageResolver {
  @Query(() => [Shortage], { description: 'Shortages (缺件) of a station, newest first; open=false lists resolved ones, null both.' })
  shortages(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('open', () => Boolean, { nullable: true, defaultValue: true }) open?: boolean | null,
  ): Promise<Shortage[]> {
    return shortageService.list(ctx, stationId, open);
  }
}
