import { Authorized, Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ImportResult, validatedByHand, type Context } from '../../../shared/src';
import { Part } from './part.type';
import { VehicleModel } from '../vehicle-model/vehicle-model.type';
import { partService } from './part.service';
import { compatibleModelsLoader, partLoader } from './part.loader';
import { PartInput } from './part.input';
import { publicImageUrls } from './image-urls';

@Resolver(() => Part)
export class PartResolver {
  @Query(() => Part, { nullable: true })
  part(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Part | null> {
    return partService.byId(ctx, id);
  }

  @Query(() => Part, { nullable: true, description: 'Case, spaces and dashes are ignored. An old (superseded) number returns that part; follow supersededBy to the current one.' })
  partByNumber(@Ctx() ctx: Context, @Arg('partNo') partNo: string): Promise<Part | null> {
    return partService.byNumber(ctx, partNo);
  }

  @Query(() => Part, { nullable: true })
  partByBarcode(@Ctx() ctx: Context, @Arg('barcode') barcode: string): Promise<Part | null> {
    return partService.byBarcode(ctx, barcode);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => Part, { description: 'HQ_ADMIN. CONFLICT when the part number (normalised) or barcode is taken.' })
  createPart(@Ctx() ctx: Context, @Arg('input', () => PartInput) input: PartInput): Promise<Part> {
    return partService.create(ctx, input);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => Part, { description: 'HQ_ADMIN. Replaces the part\'s fields.' })
  updatePart(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => PartInput) input: PartInput): Promise<Part> {
    return partService.update(ctx, id, input);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => Part, { description: 'HQ_ADMIN. Part `id` is replaced by `byPartId`; cycles are refused.' })
  supersedePart(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('byPartId', () => ID) byPartId: string): Promise<Part> {
    return partService.supersede(ctx, id, byPartId);
  }

  @Authorized('HQ_ADMIN')
  @Mutation(() => ImportResult, { description: 'HQ_ADMIN. Upsert by part number, at most 2000 rows per call; idempotent; bad rows are reported by position and do not stop the others.' })
  importParts(@Ctx() ctx: Context, @Arg('rows', () => [PartInput], { validateFn: validatedByHand }) rows: PartInput[]): Promise<ImportResult> {
    return partService.importRows(ctx, rows);
  }

  @FieldResolver(() => [String], { description: 'Addresses of the part\'s pictures; the platform\'s own (the demo\'s, /images/parts/…) are given under its PUBLIC_URL.' })
  imageUrls(@Root() part: Part, @Ctx() ctx: Context): string[] {
    return publicImageUrls(part.imageUrls, ctx.runtime.config.publicUrl);
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
