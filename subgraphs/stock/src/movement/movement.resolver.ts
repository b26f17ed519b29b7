import { User, person } from '../person/user.stub';
import { Authorized, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Float } from 'type-graphql';
import { IsOptional, Length } from 'class-validator';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { StockMovement, MovementTypeEnum } from './movement.type';
import { Part } from '../part/part.stub';
import { BinLocation, StockLevel } from '../station/station.type';
import { requireBin } from '../stock-level/stock-level.loader';
import { stockOperations } from './stock-operations.service';

@ArgsType()
class StockMovementsArgs {
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'HQ: one station; station users always see their own.' }) stationId?: string | null;
  @Field(() => Int, { defaultValue: 50 }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

@ArgsType()
class StockMovementsPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => ID, { nullable: true, description: 'With partId: every row carries the running balance in this warehouse.' }) warehouseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'HQ: one station; station users always see their own.' }) stationId?: string | null;
  @Field(() => MovementTypeEnum, { nullable: true }) type?: MovementTypeEnum | null;
  @Field(() => [MovementTypeEnum], { nullable: true, description: 'Any of these types.' }) types?: MovementTypeEnum[] | null;
  @Field(() => Date, { nullable: true, description: 'From this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this instant (exclusive).' }) to?: Date | null;
}

export const StockMovementPage = pageType(StockMovement);

@ArgsType()
class AdjustStockArgs {
  @Field(() => ID) partId: string;
  @Field(() => ID) binId: string;
  @Field(() => Float, { description: 'The change: + to add, − to remove.' }) quantity: number;
  @Field() @Length(1, 500) reason: string;
}

@ArgsType()
class MoveStockArgs {
  @Field(() => ID) partId: string;
  @Field(() => ID) fromBinId: string;
  @Field(() => ID) toBinId: string;
  @Field(() => Float) quantity: number;
  @Field(() => String, { nullable: true, description: 'Scanned barcode (条码对货); refused when it is not the part\'s.' }) @IsOptional() barcode?: string | null;
}

@Resolver(() => StockMovement)
export class StockMovementResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who made the movement (actor) as a person; null for migrations and services.' })
  actorUser(@Root() x: any): User | null {
    return person(x.actor);
  }

  @Query(() => [StockMovement], { description: 'The ledger, newest first; `after` takes the cursor of the last row seen.' })
  stockMovements(@Ctx() ctx: Context, @Args() args: StockMovementsArgs): Promise<StockMovement[]> {
    return stockOperations.movements(ctx, args);
  }

  @Query(() => StockMovementPage, { description: 'The ledger page by page, newest first (sort: occurredAt, quantity), filtered by part, warehouse, type and date range; `balance` on every row when one part and one warehouse are given.' })
  stockMovementsPage(@Ctx() ctx: Context, @Args() args: StockMovementsPageArgs) {
    return stockOperations.movementsPage(ctx, args);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => StockLevel, { description: 'Opening balances and corrections (STATION_MANAGER): an ADJUSTMENT movement.' })
  adjustStock(@Ctx() ctx: Context, @Args() args: AdjustStockArgs): Promise<StockLevel> {
    return stockOperations.adjust(ctx, args);
  }

  @Authorized('PARTS_CLERK', 'STATION_MANAGER')
  @Mutation(() => [StockLevel], { description: 'Moves stock between bins of one warehouse (BIN_MOVE); the target becomes the remembered bin.' })
  moveStock(@Ctx() ctx: Context, @Args() args: MoveStockArgs): Promise<StockLevel[]> {
    return stockOperations.move(ctx, args);
  }

  @FieldResolver(() => Part)
  part(@Root() m: StockMovement): Part {
    return Object.assign(new Part(), { id: m.partId });
  }

  @FieldResolver(() => BinLocation)
  async bin(@Root() m: StockMovement, @Ctx() ctx: Context): Promise<BinLocation> {
    return requireBin(ctx, m.binId);
  }
}
