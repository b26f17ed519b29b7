/** `Subscription.swapRequests`: authorise and scope, then hand the subscriber to the process's swap-request feed. */
import { Arg, Ctx, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, scopeStation, type Context, idInput } from '../../../shared/src';
import { SwapRequestAlert } from './swap-request-alert.type';
import { SwapRequestFeed } from './swap-request.feed';

interface SwapRequestArgs {
  stationId?: string | null;
  afterSeq?: number | null;
}

/** A station user gets their own station's incoming requests (naming another is FORBIDDEN); HQ one station's or all. */
export async function subscribeSwapRequests(ctx: Context, args: SwapRequestArgs): Promise<AsyncIterableIterator<SwapRequestAlert>> {
  const stationId = scopeStation(ctx, args.stationId ?? null);
  if (stationId !== null) idInput(stationId, 'stationId', 'stationId is not a valid id');
  const afterSeq = args.afterSeq ?? null;
  if (afterSeq !== null && afterSeq < 0) throw badInput('TOO_SMALL', 'afterSeq must be 0 or more', { field: 'afterSeq', min: 0 });
  ctx.log.info({ stationId, afterSeq }, 'swap requests subscribed');
  return SwapRequestFeed.of(ctx.runtime).subscribe(stationId, afterSeq, () => ctx.log.warn({ stationId }, 'swap request subscriber fell too far behind; cut off'));
}

@Resolver(() => SwapRequestAlert)
export class SwapRequestAlertResolver {
  @Subscription(() => SwapRequestAlert, {
    description: 'Incoming swap requests for a station\'s surplus listings (a station user: always their own station), or for all stations (HQ, without stationId).',
    subscribe: ({ args, context }) => subscribeSwapRequests(context as Context, args as SwapRequestArgs),
  })
  swapRequests(
    @Root() alert: SwapRequestAlert,
    @Arg('stationId', () => ID, { nullable: true }) _stationId?: string,
    @Arg('afterSeq', () => Int, { nullable: true, description: 'Resume: first deliver the requests after this seq that were missed.' }) _afterSeq?: number,
    @Ctx() _ctx?: Context,
  ): SwapRequestAlert {
    return alert;
  }
}
