import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { VehicleModel } from './vehicle-model.type';
import { VehicleModelEntity } from './vehicle-model.entity';

@Resolver(() => VehicleModel)
export class VehicleModelResolver {
  @Query(() => [VehicleModel])
  vehicleModels(@Ctx() ctx: Context, @Arg('series', () => String, { nullable: true }) series?: string | null): Promise<VehicleModel[]> {
    return ctx.db.getRepository(VehicleModelEntity).find({ where: series ? { series } : {}, order: { series: 'ASC', name: 'ASC' } });
  }
}
