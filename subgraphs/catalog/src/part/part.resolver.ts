import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { Part } from './part.type';
import { VehicleModel } from '../vehicle-model/vehicle-model.type';
import { partService } from './part.service';
import { compatibleModelsLoader, partLoader } from './part.loader';

@Resolver(() => Part)
export class PartResolver {
  @Query(() => Part, { nullable: true })
  part(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Part | null> {
    return partService.byId(ctx, id);
  }

  @Query(() => Part, { nullable: true, description: 'Case, spaces and dashes are ignored.' })
  partByNumber(@Ctx() ctx: Context, @Arg('partNo') partNo: string): Promise<Part | null> {
    return partService.byNumber(ctx, partNo);
  }

  @Query(() => Part, { nullable: true })
  partByBarcode(@Ctx() ctx: Context, @Arg('barcode') barcode: string): Promise<Part | null> {
    return partService.byBarcode(ctx, barcode);
  }

  @FieldResolver(() => [VehicleModel])
  compatibleModels(@Root() part: Part, @Ctx() ctx: Context): Promise<VehicleModel[]> {
    return compatibleModelsLoader(ctx).load(part.id);
  }

  @FieldResolver(() => Part, { nullable: true, description: 'The newer part that replaces this one.' })
  supersededBy(@Root() part: Part, @Ctx() ctx: Context): Promise<Part | null> | null {
    return part.supersededById ? partLoader(ctx).load(part.supersededById) : null;
  }
}
