import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { assertStationAccess, type Context } from '../../../shared/src';
import { BinLocation, PartStock, StockLevel } from '../station/station.type';
import { Part } from '../part/part.stub';
import { stockLevelService } from './stock-level.service';
import { binLoader, requireBin, requireWarehouse } from './stock-level.loader';
import { defaultBinLoader } from '../movement/default-bin';

/**
 * Part.stock and StockLevel.bin run once per part and once per level of a page (20 parts × levels on the counter page):
 * schema.ts resolves them directly with these functions (`directResolvers`), not through type-graphql's wrapper; the
 * decorated methods declare the fields and call the same.
 */
export const partStock = (part: Part, args: { stationId?: string | null; warehouseId?: string | null }, ctx: Context): Promise<PartStock> =>
  stockLevelService.partStock(ctx, part.id, args.stationId, args.warehouseId);

export function levelBin(level: StockLevel & { binRow?: BinLocation }, ctx: Context): BinLocation | Promise<BinLocation> {
  // Levels from levelsByPart bring their bin along (no promise, no loader round).
  if (level.binRow) return level.binRow;
  return requireBin(ctx, level.binId);
}

@Resolver(() => Part)
export class PartStockResolver {
  @FieldResolver(() => PartStock, { description: 'On-hand, available and in-transit stock; a station user sees their own station.' })
  stock(
    @Root() part: Part,
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('warehouseId', () => ID, { nullable: true }) warehouseId?: string | null,
  ): Promise<PartStock> {
    return partStock(part, { stationId, warehouseId }, ctx);
  }

  @FieldResolver(() => BinLocation, { nullable: true, description: 'The remembered bin (货位自动记忆): where the part was last received or moved into in that warehouse.' })
  async defaultBin(@Root() part: Part, @Ctx() ctx: Context, @Arg('warehouseId', () => ID) warehouseId: string): Promise<BinLocation | null> {
    const w = await requireWarehouse(ctx, warehouseId);
    assertStationAccess(ctx, w.stationId);
    const binId = await defaultBinLoader(ctx, warehouseId).load(part.id);
    return binId ? binLoader(ctx).load(binId) : null;
  }
}

@Resolver(() => PartStock)
export class PartStockFieldsResolver {
  @FieldResolver()
  inTransit(@Root() stock: PartStock, @Ctx() ctx: Context): Promise<number> {
    return stockLevelService.inTransit(ctx, stock);
  }
}

@Resolver(() => StockLevel)
export class StockLevelResolver {
  @FieldResolver(() => Part)
  part(@Root() level: StockLevel): Part {
    return Object.assign(new Part(), { id: level.partId });
  }

  @FieldResolver(() => BinLocation)
  bin(@Root() level: StockLevel & { binRow?: BinLocation }, @Ctx() ctx: Context): BinLocation | Promise<BinLocation> {
    return levelBin(level, ctx);
  }
}
