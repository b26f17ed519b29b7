import { User, person } from '../person/user.stub';
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { Transfer, TransferDirection, TransferLine, TransferLineBin, TransferLineInput, TransferReceiptLineInput, TransferStatus } from './transfer.type';
import { putAwayBins, transferService } from './transfer.service';
import { BinLocation, Warehouse } from '../station/station.type';
import { Part } from '../part/part.stub';
import { requireBin, requireWarehouse } from '../stock-level/stock-level.loader';

@ArgsType()
class TransfersPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) stationId?: string | null;
  @Field(() => TransferStatus, { nullable: true }) status?: TransferStatus | null;
  @Field(() => TransferDirection, { nullable: true }) direction?: TransferDirection | null;
  @Field(() => ID, { nullable: true, description: 'Only transfers with a line of this part.' }) partId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Created from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Created before this instant (exclusive).' }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only received transfers with a quantity still missing.' }) missing?: boolean | null;
}

export const TransferPage = pageType(Transfer);

@Resolver(() => Transfer)
export class TransferResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who created it (createdBy) as a person.' })
  createdByUser(@Root() x: any): User | null {
    return person(x.createdBy);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who shipped it (shippedBy) as a person.' })
  shippedByUser(@Root() x: any): User | null {
    return person(x.shippedBy);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who received it (receivedBy) as a person.' })
  receivedByUser(@Root() x: any): User | null {
    return person(x.receivedBy);
  }

  @Query(() => TransferPage, { description: 'Transfers from or to a station page by page, newest first (sort: createdAt, number, status).' })
  transfersPage(@Ctx() ctx: Context, @Args() args: TransfersPageArgs) {
    return transferService.page(ctx, { ...args, direction: args.direction ?? null });
  }

  @Query(() => [Transfer], { description: 'Transfers from or to a station (station users: their own).' })
  transfers(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null, @Arg('status', () => TransferStatus, { nullable: true }) status?: TransferStatus | null): Promise<Transfer[]> {
    return transferService.list(ctx, stationId, status);
  }

  @Query(() => Transfer, { nullable: true })
  transfer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Transfer | null> {
    return transferService.byId(ctx, id);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Transfer, { description: 'Creates a transfer between warehouses; the stock is held at the source until shipped.' })
  createTransfer(@Ctx() ctx: Context, @Arg('fromWarehouseId', () => ID) fromWarehouseId: string, @Arg('toWarehouseId', () => ID) toWarehouseId: string, @Arg('lines', () => [TransferLineInput]) lines: TransferLineInput[]): Promise<Transfer> {
    return transferService.create(ctx, fromWarehouseId, toWarehouseId, lines);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => Transfer)
  shipTransfer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Transfer> {
    return transferService.ship(ctx, id);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER', 'PURCHASER')
  @Mutation(() => Transfer, { description: 'Receives a shipped transfer once, into bins.' })
  receiveTransfer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('lines', () => [TransferReceiptLineInput]) lines: TransferReceiptLineInput[]): Promise<Transfer> {
    return transferService.receive(ctx, id, lines);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => Transfer)
  cancelTransfer(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Transfer> {
    return transferService.cancel(ctx, id);
  }

  @FieldResolver(() => Warehouse)
  async fromWarehouse(@Root() t: Transfer, @Ctx() ctx: Context): Promise<Warehouse> {
    return requireWarehouse(ctx, t.fromWarehouseId);
  }

  @FieldResolver(() => Warehouse)
  async toWarehouse(@Root() t: Transfer, @Ctx() ctx: Context): Promise<Warehouse> {
    return requireWarehouse(ctx, t.toWarehouseId);
  }
}

@Resolver(() => TransferLine)
export class TransferLineResolver {
  @FieldResolver(() => Part)
  part(@Root() l: TransferLine): Part {
    return Object.assign(new Part(), { id: l.partId });
  }

  @FieldResolver(() => [TransferLineBin], {
    description: 'The receiving bins the line was put away into (入库货位), with the quantity, for the transfer note (调拨单); empty until received. Exact per line: the bin recorded on the line when it was received, also when the same part is on several lines of one transfer.',
  })
  async toBins(@Root() l: TransferLine, @Ctx() ctx: Context): Promise<TransferLineBin[]> {
    return putAwayBins(ctx, l);
  }
}

@Resolver(() => TransferLineBin)
export class TransferLineBinResolver {
  @FieldResolver(() => BinLocation)
  async bin(@Root() b: TransferLineBin, @Ctx() ctx: Context): Promise<BinLocation> {
    return requireBin(ctx, b.binId);
  }
}
