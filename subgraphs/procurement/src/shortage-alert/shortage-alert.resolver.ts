/** `Subscription.shortageAlerts`: authorise and scope, then hand the subscriber to the process's alert feed. */
import { Arg, Ctx, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, scopeStation, type Context, idInput } from '../../../shared/src';
import { ShortageAlert } from './shortage-alert.type';
import { ShortageAlertFeed } from './shortage-alert.feed';

interface ShortageAlertArgs {
  stationId?: string | null;
  afterSeq?: number | null;
  lastId?: string | null;
}

/**
 * A station user always gets their own station's alerts (naming another is
 * FORBIDDEN); HQ gets one station's or, without `stationId`, all of them.
 * `afterSeq` (or `lastId`) first replays what the client missed.
 */
export async function subscribeShortageAlerts(ctx: Context, args: ShortageAlertArgs): Promise<AsyncIterableIterator<ShortageAlert>> {
  const stationId = scopeStation(ctx, args.stationId ?? null);
  if (stationId !== null) idInput(stationId, 'stationId', 'stationId is not a valid id');
  const feed = ShortageAlertFeed.of(ctx.runtime);
  let afterSeq = args.afterSeq ?? null;
  if (afterSeq !== null && afterSeq < 0) throw badInput('TOO_SMALL', 'afterSeq must be 0 or more', { field: 'afterSeq', min: 0 });
  if (args.lastId) {
    idInput(args.lastId, 'lastId', 'lastId is not a valid alert id');
    const seq = await feed.seqOfAlert(args.lastId);
    if (seq === null) throw badInput('ALERT_NOT_FOUND', `No alert with id ${args.lastId}`, { field: 'lastId' });
    afterSeq = Math.max(afterSeq ?? 0, seq);
  }
  ctx.log.debug({ stationId, afterSeq }, 'shortage alerts subscribed');
  return feed.subscribe(stationId, afterSeq, () => ctx.log.warn({ stationId }, 'shortage alert subscriber fell too far behind; cut off'));
}

@Resolver(() => ShortageAlert)
export class ShortageAlertResolver {
  @Subscription(() => ShortageAlert, {
    description: 'Shortage alerts (缺件提醒) for a station (a station user: always their own), or for all stations (HQ, without stationId).',
    subscribe: ({ args, context }) => subscribeShortageAlerts(context as Context, args as ShortageAlertArgs),
  })
  shortageAlerts(
    @Root() alert: ShortageAlert,
    @Arg('stationId', () => ID, { nullable: true }) _stationId?: string,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'Resume: first deliver the alerts after this seq that were missed.' }) _afterSeq?: number,
    @Arg('lastId', () => ID, { nullable: true, description: 'Resume after the alert with this id (alternative to afterSeq).' }) _lastId?: string,
    @Ctx() _ctx?: Context,
  ): ShortageAlert {
    return alert;
  }
}
