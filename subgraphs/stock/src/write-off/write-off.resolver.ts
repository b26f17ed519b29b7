import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound, requireRole, type Context } from '../../../shared/src';
import { WriteOff, WriteOffStatus } from './write-off.type';
import { writeOffService } from './write-off.service';
import { BinLocation } from '../station/station.type';
import { Part } from '../part/part.stub';
import { binLoader } from '../stock-level/stock-level.loader';

@Resolver(() => WriteOff)
export class WriteOffResolver {
  @Query(() => [WriteOff])
  writeOffs(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null, @Arg('status', () => WriteOffStatus, { nullable: true }) status?: WriteOffStatus | null): Promise<WriteOff[]> {
    return writeOffService.list(ctx, stationId, status);
  }

  @Mutation(() => WriteOff, { description: 'Asks to write stock off; the quantity is held until a manager decides.' })
  requestWriteOff(@Ctx() ctx: Context, @Arg('partId', () => ID) partId: string, @Arg('binId', () => ID) binId: string, @Arg('quantity', () => Float) quantity: number, @Arg('reason') reason: string): Promise<WriteOff> {
    requireRole(ctx, 'PARTS_CLERK', 'STATION_MANAGER', 'PURCHASER');
    return writeOffService.request(ctx, { partId, binId, quantity, reason });
  }

  @Mutation(() => WriteOff, { description: 'STATION_MANAGER (not the requester): only now stock goes down.' })
  approveWriteOff(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note?: string | null): Promise<WriteOff> {
    requireRole(ctx, 'STATION_MANAGER');
    return writeOffService.approve(ctx, id, note);
  }

  @Mutation(() => WriteOff)
  rejectWriteOff(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<WriteOff> {
    requireRole(ctx, 'STATION_MANAGER');
    return writeOffService.reject(ctx, id, reason);
  }

  @FieldResolver(() => Part)
  part(@Root() w: WriteOff): Part {
    return Object.assign(new Part(), { id: w.partId });
  }

  @FieldResolver(() => BinLocation)
  async bin(@Root() w: WriteOff, @Ctx() ctx: Context): Promise<BinLocation> {
    const b = await binLoader(ctx).load(w.binId);
    if (!b) throw notFound('BIN_NOT_FOUND', `Bin ${String(w.binId).slice(0, 80)} was not found`, { binId: String(w.binId).slice(0, 80) });
    return b;
  }
}
