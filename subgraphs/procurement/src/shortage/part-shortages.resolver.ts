import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { groupedByKey, isUuid, scopeStation, type Context } from '../../../shared/src';
import { Part } from '../stub/entity-stubs';
import { Shortage } from './shortage.type';
import { toShortage } from './shortage.service';
import { shortageRepository } from './shortage.repository';

/** Part.openShortages: what is already short of a part (缺件) where the caller works — one statement for a page of parts. */
@Resolver(() => Part)
export class PartShortagesResolver {
  @FieldResolver(() => [Shortage], { description: 'Open shortages of this part at the caller\'s station (HQ: the given station, or all).' })
  openShortages(@Root() part: Part, @Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null): Promise<Shortage[]> {
    const station = scopeStation(ctx, stationId);
    return groupedByKey<string, Shortage>(ctx, `openShortages:${station}`, async (partIds) => {
      return (await shortageRepository.openOfParts(ctx.db, partIds.filter(isUuid), station)).map(toShortage);
    }, (s) => s.partId).load(part.id);
  }
}
