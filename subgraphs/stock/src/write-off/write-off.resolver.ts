import { User, person } from '../person/user.stub';
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound, PageArgs, pageType, type Context } from '../../../shared/src';
import { WriteOff, WriteOffStatus } from './write-off.type';
import { writeOffService } from './write-off.service';
import { BinLocation, Warehouse } from '../station/station.type';
import { Transfer } from '../transfer/transfer.type';
import { transferService } from '../transfer/transfer.service';
import { Part } from '../part/part.stub';
import { warehouseLoader, requireBin } from '../stock-level/stock-level.loader';

@ArgsType()
class WriteOffsPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => WriteOffStatus, { nullable: true }) status?: WriteOffStatus | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Requested from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Requested before this instant (exclusive).' }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true: the pending write-offs the caller may decide (not the ones they requested themselves).' }) pendingForMe?: boolean | null;
}

export const WriteOffPage = pageType(WriteOff);

@Resolver(() => WriteOff)
export class WriteOffResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who asked (requestedBy) as a person.' })
  requestedByUser(@Root() x: any): User | null {
    return person(x.requestedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who approved or rejected (decidedBy) as a person.' })
  decidedByUser(@Root() x: any): User | null {
    return person(x.decidedBy);
  }

  @Query(() => WriteOffPage, { description: 'Write-offs page by page, newest first (sort: requestedAt, number, quantity).' })
  writeOffsPage(@Ctx() ctx: Context, @Args() args: WriteOffsPageArgs) {
    return writeOffService.page(ctx, args);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER', 'PURCHASER')
  @Mutation(() => WriteOff, { description: 'Asks to write off (part of) what a received transfer line still misses; a manager other than the requester approves, then the line\'s `missing` goes down (no bin moves).' })
  requestTransferWriteOff(@Ctx() ctx: Context, @Arg('transferLineId', () => ID) transferLineId: string, @Arg('quantity', () => Float) quantity: number, @Arg('reason') reason: string): Promise<WriteOff> {
    return writeOffService.requestForTransfer(ctx, { transferLineId, quantity, reason });
  }

  @Query(() => [WriteOff])
  writeOffs(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null, @Arg('status', () => WriteOffStatus, { nullable: true }) status?: WriteOffStatus | null): Promise<WriteOff[]> {
    return writeOffService.list(ctx, stationId, status);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER', 'PURCHASER')
  @Mutation(() => WriteOff, { description: 'Asks to write stock off; the quantity is held until a manager decides.' })
  requestWriteOff(@Ctx() ctx: Context, @Arg('partId', () => ID) partId: string, @Arg('binId', () => ID) binId: string, @Arg('quantity', () => Float) quantity: number, @Arg('reason') reason: string): Promise<WriteOff> {
    return writeOffService.request(ctx, { partId, binId, quantity, reason });
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => WriteOff, { description: 'STATION_MANAGER (not the requester): only now stock goes down.' })
  approveWriteOff(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('note', () => String, { nullable: true }) note?: string | null): Promise<WriteOff> {
    return writeOffService.approve(ctx, id, note);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => WriteOff)
  rejectWriteOff(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<WriteOff> {
    return writeOffService.reject(ctx, id, reason);
  }

  @FieldResolver(() => Part)
  part(@Root() w: WriteOff): Part {
    return Object.assign(new Part(), { id: w.partId });
  }

  @FieldResolver(() => BinLocation, { nullable: true, description: 'The bin written off from; null for the missing quantity of a transfer (see `transfer`).' })
  async bin(@Root() w: WriteOff, @Ctx() ctx: Context): Promise<BinLocation | null> {
    if (!w.binId) return null;
    return requireBin(ctx, w.binId);
  }

  @FieldResolver(() => Warehouse)
  async warehouse(@Root() w: WriteOff, @Ctx() ctx: Context): Promise<Warehouse> {
    const h = await warehouseLoader(ctx).load(w.warehouseId);
    if (!h) throw notFound('WAREHOUSE_NOT_FOUND', 'Warehouse not found', { id: w.warehouseId });
    return h;
  }

  @FieldResolver(() => Transfer, { nullable: true, description: 'The transfer whose missing quantity this writes off.' })
  async transfer(@Root() w: WriteOff, @Ctx() ctx: Context): Promise<Transfer | null> {
    if (!w.transferId && !w.transferLineId) return null;
    const id = w.transferId ?? (await writeOffService.transferOfLine(ctx, w.transferLineId!));
    return id ? transferService.byId(ctx, id) : null;
  }

  @FieldResolver(() => ID, { nullable: true })
  transferLineId(@Root() w: WriteOff): string | null {
    return w.transferLineId;
  }
}
