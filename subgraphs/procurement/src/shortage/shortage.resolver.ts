import { Arg, Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { Shortage, ShortageKind } from './shortage.type';
import { shortageService } from './shortage.service';

@ArgsType()
class ShortagesPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'true (default): open ones; false: resolved ones; null: both.' }) open?: boolean | null;
  @Field(() => ShortageKind, { nullable: true }) kind?: ShortageKind | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Opened from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Opened before this instant (exclusive).' }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true / false: only those the caller has / has not acknowledged (Shortage.acknowledgedByMe).' }) acknowledged?: boolean | null;
}

export const ShortagePage = pageType(Shortage);

@Resolver(() => Shortage)
export class ShortageResolver {
  @Query(() => ShortagePage, { description: 'Shortages (缺件) page by page, newest first (sort: openedAt, quantity, kind); a station user sees their own station\'s.' })
  shortagesPage(@Ctx() ctx: Context, @Args() args: ShortagesPageArgs) {
    return shortageService.page(ctx, args);
  }

  @Query(() => [Shortage], { description: 'Shortages (缺件) of a station, newest first; open=false lists resolved ones, null both.' })
  shortages(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('open', () => Boolean, { nullable: true, defaultValue: true }) open?: boolean | null,
  ): Promise<Shortage[]> {
    return shortageService.list(ctx, stationId, open);
  }
}
