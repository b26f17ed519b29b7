/** acknowledgeShortage and Shortage.acknowledgedByMe: a person marks an alert as seen; it stays so for them on every device. */
import { Authorized, Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertStationAccess, groupedByKey, isUuid, type Context, rowOrRefuse } from '../../../shared/src';
import { Shortage } from './shortage.type';
import { shortageLoader } from './shortage.service';
import { shortageRepository } from './shortage.repository';

/** Per request: which of the loaded shortages the caller has acknowledged (one statement for a page). */
const acknowledgedLoader = (ctx: Context) =>
  groupedByKey<string, { shortage_id: string }>(ctx, 'shortageAcknowledged', (ids) =>
    shortageRepository.acknowledgedBy(ctx.db, ctx.user.id, ids.filter(isUuid)),
  (r) => r.shortage_id);

@Resolver(() => Shortage)
export class ShortageAcknowledgementResolver {
  @Authorized('PARTS_CLERK', 'PURCHASER', 'STATION_MANAGER')
  @Mutation(() => Shortage, { description: 'Marks the shortage as seen by the caller (Shortage.acknowledgedByMe); repeating it changes nothing. Others still see it as new.' })
  async acknowledgeShortage(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Shortage> {
    const s = await rowOrRefuse(id, (id) => shortageLoader(ctx).load(id), { reason: 'NOT_FOUND', what: 'Shortage' });
    assertStationAccess(ctx, s.stationId);
    await shortageRepository.acknowledge(ctx.db, id, ctx.user.id, ctx.now());
    ctx.loaders.delete('shortageAcknowledged');
    return s;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller has acknowledged this shortage (per user, kept on the server).' })
  async acknowledgedByMe(@Root() s: Shortage, @Ctx() ctx: Context): Promise<boolean> {
    return (await acknowledgedLoader(ctx).load(s.id)).length > 0;
  }
}
