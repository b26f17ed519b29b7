import { Authorized, Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type Context } from '../../../shared/src';
import { BinLocation, Station, StationInput, Warehouse } from './station.type';
import { stationService } from './station.service';
import { StationEntity } from './station.entity';
import { binsByWarehouse, warehousesByStation, requireWarehouse, requireStation } from '../stock-level/stock-level.loader';

@Resolver(() => Station)
export class StationResolver {
  @Query(() => [Station], { description: 'Every station of the network (station users see the list, not other stations\' stock).' })
  stations(@Ctx() ctx: Context): Promise<Station[]> {
    return ctx.db.getRepository(StationEntity).find({ order: { code: 'ASC' } });
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => Station, { description: 'HQ_ADMIN opens a station.' })
  createStation(@Ctx() ctx: Context, @Arg('input', () => StationInput) input: StationInput): Promise<Station> {
    return stationService.createStation(ctx, input);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => Warehouse, { description: 'A station manager adds a warehouse; it comes with the quarantine bin QC-01.' })
  createWarehouse(@Ctx() ctx: Context, @Arg('stationId', () => ID) stationId: string, @Arg('code') code: string, @Arg('name') name: string): Promise<Warehouse> {
    return stationService.createWarehouse(ctx, stationId, code, name);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => BinLocation)
  createBin(@Ctx() ctx: Context, @Arg('warehouseId', () => ID) warehouseId: string, @Arg('code') code: string, @Arg('quarantine', { defaultValue: false }) quarantine: boolean): Promise<BinLocation> {
    return stationService.createBin(ctx, warehouseId, code, quarantine);
  }

  @FieldResolver(() => [Warehouse])
  warehouses(@Root() station: Station, @Ctx() ctx: Context): Promise<Warehouse[]> {
    return warehousesByStation(ctx).load(station.id);
  }
}

@Resolver(() => Warehouse)
export class WarehouseResolver {
  @FieldResolver(() => Station)
  async station(@Root() w: Warehouse, @Ctx() ctx: Context): Promise<Station> {
    return requireStation(ctx, w.stationId);
  }

  @FieldResolver(() => [BinLocation])
  bins(@Root() w: Warehouse, @Ctx() ctx: Context): Promise<BinLocation[]> {
    return binsByWarehouse(ctx).load(w.id);
  }
}

/** BinLocation.warehouse; resolved directly (schema.ts `directResolvers`): it runs for every level of a counter page. */
export function binWarehouse(b: BinLocation & { warehouseRow?: Warehouse }, ctx: Context): Warehouse | Promise<Warehouse> {
  // A bin that came with a level (levelsByPart) brings its warehouse along.
  if (b.warehouseRow) return b.warehouseRow;
  return requireWarehouse(ctx, b.warehouseId);
}

@Resolver(() => BinLocation)
export class BinResolver {
  @FieldResolver(() => Warehouse)
  warehouse(@Root() b: BinLocation & { warehouseRow?: Warehouse }, @Ctx() ctx: Context): Warehouse | Promise<Warehouse> {
    return binWarehouse(b, ctx);
  }
}
