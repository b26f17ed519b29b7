import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { AuditEntry } from './audit.type';
import { auditService } from './audit.service';
import { User } from '../user/user.type';
import { userLoader } from '../user/user.loader';
import { toUser } from '../user/user.service';

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
    return rows.map((r) => ({ id: String(r.id), at: r.at, user: null, userId: r.subject, stationId: r.station_id, operation: r.operation, summary: r.summary, outcome: r.outcome, service: r.service, code: r.code, reason: r.reason }));
  }

  @FieldResolver(() => User, { nullable: true })
  async user(@Root() e: AuditEntry, @Ctx() ctx: Context): Promise<User | null> {
    if (!e.userId) return null;
    const row = await userLoader(ctx).load(e.userId);
    return row ? toUser(row) : null;
  }
}
