import { Authorized, Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { VehicleModel } from '../vehicle-model/vehicle-model.type';
import type { VehicleModelEntity } from '../vehicle-model/vehicle-model.entity';
import { vehicleModelLoader } from '../vehicle-model/vehicle-model.loader';
import { VinPattern } from './vin-pattern.type';
import { vinPatternService } from './vin-pattern.service';

@Resolver(() => VinPattern)
export class VinPatternResolver {
  @Query(() => [VinPattern], { description: "HQ's VIN patterns, by prefix." })
  vinPatterns(@Ctx() ctx: Context): Promise<VinPattern[]> {
    return vinPatternService.list(ctx);
  }

  @Query(() => VehicleModel, { nullable: true, description: 'The vehicle model HQ\'s VIN patterns name for this VIN (longest matching prefix, model year from position 10); null when none matches. A malformed VIN (length, characters, check digit) is BAD_USER_INPUT, reason INVALID_VIN.' })
  async vehicleModelByVin(@Ctx() ctx: Context, @Arg('vin') vin: string): Promise<VehicleModelEntity | null> {
    const id = await vinPatternService.modelIdOf(ctx, vin);
    return id ? vehicleModelLoader(ctx).load(id) : null;
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => VinPattern, { description: 'HQ_ADMIN. prefix: 3–8 VIN characters (WMI + VDS prefix).' })
  createVinPattern(
    @Ctx() ctx: Context,
    @Arg('prefix') prefix: string,
    @Arg('vehicleModelId', () => ID) vehicleModelId: string,
    @Arg('yearFrom', () => Int, { nullable: true }) yearFrom: number | null,
    @Arg('yearTo', () => Int, { nullable: true }) yearTo: number | null,
  ): Promise<VinPattern> {
    return vinPatternService.create(ctx, prefix, vehicleModelId, yearFrom, yearTo);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => VinPattern, { description: 'HQ_ADMIN. Changes the model and years of a pattern (its prefix stays).' })
  updateVinPattern(
    @Ctx() ctx: Context,
    @Arg('id', () => ID) id: string,
    @Arg('vehicleModelId', () => ID) vehicleModelId: string,
    @Arg('yearFrom', () => Int, { nullable: true }) yearFrom: number | null,
    @Arg('yearTo', () => Int, { nullable: true }) yearTo: number | null,
  ): Promise<VinPattern> {
    return vinPatternService.update(ctx, id, vehicleModelId, yearFrom, yearTo);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => Boolean, { description: 'HQ_ADMIN.' })
  deleteVinPattern(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return vinPatternService.delete(ctx, id);
  }

  @FieldResolver(() => VehicleModel)
  async vehicleModel(@Root() p: VinPattern, @Ctx() ctx: Context): Promise<VehicleModelEntity> {
    return (await vehicleModelLoader(ctx).load(p.vehicleModelId))!;
  }
}
