import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageType, type Context, refById } from '../../../shared/src';
import { AuditEntry } from './audit.type';
import { auditService } from './audit.service';
import { StationRef, User } from '../user/user.type';
import { userLoader } from '../user/user.loader';
import { toUser } from '../user/user.service';
import type { AuditRow } from './audit.repository';

const toEntry = (r: AuditRow): AuditEntry => ({
  id: String(r.id), at: r.at, user: null, userId: r.subject, stationId: r.station_id, station: refById(StationRef, r.station_id),
  operation: r.operation, summary: r.summary, outcome: r.outcome, service: r.service, code: r.code, reason: r.reason,
});

@ArgsType()
class AuditLogPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'HQ: one station; station managers always read their own.' }) stationId?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this instant (exclusive).' }) to?: Date | null;
  @Field(() => String, { nullable: true, description: 'OK or REFUSED' }) outcome?: string | null;
  @Field(() => String, { nullable: true }) operation?: string | null;
  @Field(() => String, { nullable: true, description: 'catalog, stock, procurement, workshop, identity or gateway.' }) service?: string | null;
}

export const AuditEntryPage = pageType(AuditEntry);

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Query(() => [AuditEntry], { description: 'Newest first. HQ_ADMIN: all stations; STATION_MANAGER: their own. Page on with after: the last entry\'s id.' })
  async auditLog(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string,
    @Arg('userId', () => ID, { nullable: true }) userId?: string,
    @Arg('from', () => Date, { nullable: true }) from?: Date,
    @Arg('to', () => Date, { nullable: true }) to?: Date,
    @Arg('first', () => Int, { defaultValue: 50 }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('outcome', () => String, { nullable: true, description: 'OK or REFUSED' }) outcome?: string,
    @Arg('operation', () => String, { nullable: true }) operation?: string,
  ): Promise<AuditEntry[]> {
    const rows = await auditService.page(ctx, { stationId, userId, from, to, first, after, outcome, operation });
    return rows.map(toEntry);
  }

  @Query(() => AuditEntryPage, { description: 'The same entries as `auditLog`, page by page (sort: at (default, newest first), operation, service); the Excel export of the audit log reads it.' })
  auditLogPage(@Ctx() ctx: Context, @Args() args: AuditLogPageArgs) {
    return auditService.pageOf(ctx, args, toEntry);
  }

  @FieldResolver(() => User, { nullable: true })
  async user(@Root() e: AuditEntry, @Ctx() ctx: Context): Promise<User | null> {
    if (!e.userId) return null;
    const row = await userLoader(ctx).load(e.userId);
    return row ? toUser(row) : null;
  }
}
