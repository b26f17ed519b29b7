/**
 * `issueStock` through the gateway: the same idempotent command the workshop
 * calls for requisitions, for issues that have no repair order (其他出库) and
 * for clients that pick by scanner. PARTS_CLERK or STATION_MANAGER.
 */
import { Authorized, Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type Context } from '../../../shared/src';
import { issueStock } from '../commands/issue-stock.command';
import { StockIssue, StockIssueInput } from './issue.type';

@Resolver()
export class StockIssueResolver {
  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => StockIssue, { description: 'Issues parts from bins (given bin, else the remembered one, else any with stock, largest first; never quarantine). Same idempotencyKey again: the first result. PARTS_CLERK or STATION_MANAGER.' })
  issueStock(@Ctx() ctx: Context, @Arg('input', () => StockIssueInput) input: StockIssueInput): Promise<StockIssue> {
    const stationId = input.stationId ?? ctx.user.stationId ?? '';
    return issueStock(ctx, { ...input, stationId, lines: input.lines.map((l) => ({ ...l, lineKey: l.lineKey ?? undefined })) });
  }
}
