/** Suppliers' offers: Part.offers, the offer list, setSupplierOffer, importSupplierOffers, removeSupplierOffer. */
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ImportResult, PageArgs, pageType, type Context } from '../../../shared/src';
import { Part } from '../stub/entity-stubs';
import { Supplier } from '../supplier/supplier.type';
import { supplierLoader } from '../supplier/supplier.service';
import { SupplierOffer, SupplierOfferInput } from './supplier-offer.type';
import { supplierOfferService } from './supplier-offer.service';

@ArgsType()
class SupplierOffersPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) supplierId?: string | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only preferred offers; false: only the others.' }) preferred?: boolean | null;
}

export const SupplierOfferPage = pageType(SupplierOffer);

@Resolver(() => SupplierOffer)
export class SupplierOfferResolver {
  @Query(() => SupplierOfferPage, { description: 'Suppliers\' offers page by page (sort: supplier (default), unitPrice, leadTimeDays, updatedAt); the Excel export of the offers reads it.' })
  supplierOffersPage(@Ctx() ctx: Context, @Args() args: SupplierOffersPageArgs) {
    return supplierOfferService.page(ctx, args);
  }

  @Query(() => [SupplierOffer], { description: 'Offers of a supplier and/or a part (all offers when neither is given), preferred first, then the cheapest; at most `first` (default 5000).' })
  supplierOffers(
    @Ctx() ctx: Context,
    @Arg('supplierId', () => ID, { nullable: true }) supplierId?: string | null,
    @Arg('partId', () => ID, { nullable: true }) partId?: string | null,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
  ): Promise<SupplierOffer[]> {
    return supplierOfferService.list(ctx, { supplierId, partId, limit: first ?? undefined });
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => SupplierOffer, { description: 'PURCHASER, STATION_MANAGER or HQ_ADMIN. Creates or replaces the offer; preferred: true makes it the part\'s one preferred offer.' })
  setSupplierOffer(@Ctx() ctx: Context, @Arg('input', () => SupplierOfferInput) input: SupplierOfferInput): Promise<SupplierOffer> {
    return supplierOfferService.set(ctx, input);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => ImportResult, { description: 'Up to 2000 offers per call; valid rows go in, refused rows are reported by position (1-based). Re-running a file is safe.' })
  importSupplierOffers(@Ctx() ctx: Context, @Arg('rows', () => [SupplierOfferInput]) rows: SupplierOfferInput[]): Promise<ImportResult> {
    return supplierOfferService.import(ctx, rows);
  }

  @Authorized('PURCHASER', 'STATION_MANAGER')
  @Mutation(() => Boolean, { description: 'false when there was no such offer. Removing the preferred offer makes the fastest (then cheapest) other offer preferred.' })
  removeSupplierOffer(@Ctx() ctx: Context, @Arg('supplierId', () => ID) supplierId: string, @Arg('partId', () => ID) partId: string): Promise<boolean> {
    return supplierOfferService.remove(ctx, supplierId, partId);
  }

  @FieldResolver(() => Supplier)
  supplier(@Root() o: SupplierOffer, @Ctx() ctx: Context): Promise<Supplier | null> {
    return supplierLoader(ctx).load(o.supplierId);
  }
}

/** Part.offers (procurement extends the catalog's Part). */
@Resolver(() => Part)
export class PartOffersResolver {
  @FieldResolver(() => [SupplierOffer], { description: 'Every supplier\'s offer for this part, preferred first, then the cheapest.' })
  offers(@Root() part: Part, @Ctx() ctx: Context): Promise<SupplierOffer[]> {
    return supplierOfferService.forPart(ctx, part.id);
  }
}
