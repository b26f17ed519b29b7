/** acknowledgeShortage and Shortage.acknowledgedByMe: a person marks an alert as seen; it stays so for them on every device. */
import { Authorized, Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { assertStationAccess, groupedByKey, isUuid, unknownId, type Context } from '../../../shared/src';
import { Shortage } from './shortage.type';
import { shortageLoader } from './shortage.service';

/** Per request: which of the loaded shortages the caller has acknowledged (one statement for a page). */
const acknowledgedLoader = (ctx: Context) =>
  groupedByKey<string, { shortage_id: string }>(ctx, 'shortageAcknowledged', (ids) =>
    ctx.db.query(`SELECT shortage_id FROM procurement.shortage_acknowledgement WHERE user_id = $1 AND shortage_id = ANY($2::uuid[])`, [ctx.user.id, ids.filter(isUuid)]),
  (r) => r.shortage_id);

@Resolver(() => Shortage)
export class ShortageAcknowledgementResolver {
  @Authorized('PARTS_CLERK', 'PURCHASER', 'STATION_MANAGER')
  @Mutation(() => Shortage, { description: 'Marks the shortage as seen by the caller (Shortage.acknowledgedByMe); repeating it changes nothing. Others still see it as new.' })
  async acknowledgeShortage(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Shortage> {
    const s = isUuid(id) ? await shortageLoader(ctx).load(id) : null;
    if (!s) throw unknownId('NOT_FOUND', 'Shortage', id);
    assertStationAccess(ctx, s.stationId);
    await ctx.db.query(
      `INSERT INTO procurement.shortage_acknowledgement (shortage_id, user_id, acknowledged_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [id, ctx.user.id, ctx.now()]);
    ctx.loaders.delete('shortageAcknowledged');
    return s;
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller has acknowledged this shortage (per user, kept on the server).' })
  async acknowledgedByMe(@Root() s: Shortage, @Ctx() ctx: Context): Promise<boolean> {
    return (await acknowledgedLoader(ctx).load(s.id)).length > 0;
  }
}
