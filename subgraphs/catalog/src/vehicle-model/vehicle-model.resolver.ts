import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { VehicleModel, VehicleModelInput } from './vehicle-model.type';
import { vehicleModelService } from './vehicle-model.service';

@Resolver(() => VehicleModel)
export class VehicleModelResolver {
  @Query(() => [VehicleModel])
  vehicleModels(@Ctx() ctx: Context, @Arg('series', () => String, { nullable: true }) series?: string | null): Promise<VehicleModel[]> {
    return vehicleModelService.list(ctx, series);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => VehicleModel, { description: 'HQ_ADMIN.' })
  createVehicleModel(@Ctx() ctx: Context, @Arg('input', () => VehicleModelInput) input: VehicleModelInput): Promise<VehicleModel> {
    return vehicleModelService.create(ctx, input);
  }
}
