/** The surplus exchange's GraphQL surface (API.md § stock): thin — authorise and scope in the services, one call each. */
import { Authorized, Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DecimalScalar, isHq, isService, PageArgs, pageType, type Context, rowOrRefuse } from '../../../shared/src';
import { Station, Warehouse } from '../station/station.type';
import { requireWarehouse, requireStation } from '../stock-level/stock-level.loader';
import { swapsByListing } from './surplus.loader';
import { surplusCandidateService } from './surplus-candidate.service';
import { surplusListingService } from './surplus-listing.service';
import { surplusPolicyService } from './surplus-policy.service';
import { swapRequestService } from './swap-request.service';
import { SwapRequestAlertResolver } from './swap-request-alert.resolver';
import { Transfer } from '../transfer/transfer.type';
import { transferById } from '../transfer/transfer.service';
import { SurplusCandidate, SurplusListing, SurplusListingStatus, SurplusPolicy, SurplusReason, SwapDirection, SwapRequest, SwapRequestStatus } from './surplus.type';

const station = (ctx: Context, id: string): Promise<Station> => requireStation(ctx, id);
const warehouse = (ctx: Context, id: string): Promise<Warehouse> => requireWarehouse(ctx, id);

@ArgsType()
class SurplusCandidatesPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'HQ names the station; station users get their own.' }) stationId?: string | null;
  @Field(() => SurplusReason, { nullable: true }) reason?: SurplusReason | null;
  @Field(() => Boolean, { nullable: true, description: 'Only candidates with something listable now.' }) listableOnly?: boolean | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
}

export const SurplusCandidatePage = pageType(SurplusCandidate);

@Resolver(() => SurplusCandidate)
export class SurplusCandidateResolver {
  @Authorized('STATION_MANAGER', 'PURCHASER')
  @Query(() => SurplusCandidatePage, { description: 'surplusCandidates page by page, most excess value first (sort: excessValue, value, excessQuantity, listableQuantity, monthsOfCover, ageMonths, partNo; filters: reason, listableOnly, partId).' })
  surplusCandidatesPage(@Ctx() ctx: Context, @Args() args: SurplusCandidatesPageArgs) {
    return surplusCandidateService.page(ctx, args);
  }

  @Authorized('STATION_MANAGER', 'PURCHASER')
  @Query(() => [SurplusCandidate], { description: 'Slow-moving and excess stock of a station (积压备件), from the ledger, most value first. STATION_MANAGER or PURCHASER of the station; HQ names the station.' })
  surplusCandidates(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null): Promise<SurplusCandidate[]> {
    return surplusCandidateService.candidates(ctx, stationId);
  }

  @FieldResolver(() => Station)
  station(@Root() c: SurplusCandidate, @Ctx() ctx: Context): Promise<Station> {
    return station(ctx, c.stationId);
  }

  @FieldResolver(() => Warehouse, { nullable: true, description: 'The warehouse holding most of the available stock: where a listing would come from.' })
  async warehouse(@Root() c: SurplusCandidate, @Ctx() ctx: Context): Promise<Warehouse | null> {
    return c.warehouseId ? warehouse(ctx, c.warehouseId) : null;
  }
}

@Resolver(() => SurplusPolicy)
export class SurplusPolicyResolver {
  @Query(() => SurplusPolicy, { description: 'The surplus thresholds in force at a station.' })
  surplusPolicy(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null): Promise<SurplusPolicy> {
    return surplusPolicyService.get(ctx, stationId);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => SurplusPolicy, { description: 'STATION_MANAGER (own station) or HQ: the thresholds of surplus detection.' })
  setSurplusPolicy(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID) stationId: string,
    @Arg('minMonthsOfCover', () => Float) minMonthsOfCover: number,
    @Arg('noIssueMonths', () => Int) noIssueMonths: number,
    @Arg('demandWindowMonths', () => Int, { nullable: true, description: 'Months of ledger history behind the demand rate (default 12).' }) demandWindowMonths?: number | null,
  ): Promise<SurplusPolicy> {
    return surplusPolicyService.set(ctx, stationId, { minMonthsOfCover, noIssueMonths, demandWindowMonths });
  }

  @FieldResolver(() => Station)
  station(@Root() p: SurplusPolicy, @Ctx() ctx: Context): Promise<Station> {
    return station(ctx, p.stationId);
  }
}

@ArgsType()
class SurplusListingsPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => String, { nullable: true, description: 'Searched like searchParts; the page is then in relevance order unless `sort` says otherwise.' }) query?: string | null;
  @Field(() => Boolean, { nullable: true, defaultValue: true }) excludeOwnStation?: boolean | null;
  @Field(() => SurplusListingStatus, { nullable: true, defaultValue: SurplusListingStatus.OPEN }) status?: SurplusListingStatus | null;
  @Field(() => ID, { nullable: true, description: 'Only this offering station.' }) stationId?: string | null;
  @Field(() => ID, { nullable: true }) warehouseId?: string | null;
}

export const SurplusListingPage = pageType(SurplusListing);

@Resolver(() => SurplusListing)
export class SurplusListingResolver {
  @Query(() => SurplusListingPage, { description: 'The exchange board page by page: the viewer\'s region first, then newest (sort: board, relevance, listedAt, unitPrice, remaining).' })
  surplusListingsPage(@Ctx() ctx: Context, @Args() args: SurplusListingsPageArgs) {
    return surplusListingService.boardPage(ctx, args);
  }

  @Query(() => [SurplusListing], {
    description: 'The exchange board (调剂大厅), the one view across stations: open listings of other stations by part, or by a text query searched like searchParts (relevance kept); the viewer\'s region first. A status other than OPEN shows the viewer\'s own station\'s listings.',
  })
  surplusListings(
    @Ctx() ctx: Context,
    @Arg('partId', () => ID, { nullable: true }) partId?: string | null,
    @Arg('query', () => String, { nullable: true }) query?: string | null,
    @Arg('excludeOwnStation', () => Boolean, { nullable: true, defaultValue: true }) excludeOwnStation?: boolean | null,
    @Arg('status', () => SurplusListingStatus, { nullable: true, defaultValue: SurplusListingStatus.OPEN }) status?: SurplusListingStatus | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50 }) first?: number | null,
  ): Promise<SurplusListing[]> {
    return surplusListingService.board(ctx, { partId, query, excludeOwnStation, status, first });
  }

  @Query(() => SurplusListing, { nullable: true })
  surplusListing(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SurplusListing | null> {
    return surplusListingService.byId(ctx, id);
  }

  @Query(() => [SurplusListing], { description: 'A station\'s own listings in any status, newest first.' })
  stationSurplusListings(
    @Ctx() ctx: Context,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('status', () => SurplusListingStatus, { nullable: true }) status?: SurplusListingStatus | null,
  ): Promise<SurplusListing[]> {
    return surplusListingService.ofStation(ctx, stationId, status);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => SurplusListing, { description: 'STATION_MANAGER of the warehouse\'s station (or HQ): offer surplus at a price never above the HQ cap; the quantity is reserved at once.' })
  listSurplus(
    @Ctx() ctx: Context,
    @Arg('partId', () => ID) partId: string,
    @Arg('warehouseId', () => ID) warehouseId: string,
    @Arg('quantity', () => Float) quantity: number,
    @Arg('unitPrice', () => DecimalScalar) unitPrice: string,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<SurplusListing> {
    return surplusListingService.list(ctx, { partId, warehouseId, quantity, unitPrice, note });
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => SurplusListing, { description: 'Takes a listing off the board and releases what nobody has requested; pending requests stay to be decided.' })
  withdrawSurplus(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SurplusListing> {
    return surplusListingService.withdraw(ctx, id);
  }

  @FieldResolver(() => Station)
  station(@Root() l: SurplusListing, @Ctx() ctx: Context): Promise<Station> {
    return station(ctx, l.stationId);
  }

  @FieldResolver(() => Warehouse)
  warehouse(@Root() l: SurplusListing, @Ctx() ctx: Context): Promise<Warehouse> {
    return warehouse(ctx, l.warehouseId);
  }

  @FieldResolver(() => [SwapRequest], { description: 'Requests for this listing: all of them for the offering station and HQ, a requesting station\'s own otherwise.' })
  async requests(@Root() l: SurplusListing, @Ctx() ctx: Context): Promise<SwapRequest[]> {
    const all = await swapsByListing(ctx).load(l.id);
    if (isHq(ctx.user) || (isService(ctx.user) && !ctx.user.stationId) || ctx.user.stationId === l.stationId) return all;
    return all.filter((s) => s.toStationId === ctx.user.stationId);
  }
}

@ArgsType()
class SurplusSwapsPageArgs extends PageArgs {
  @Field(() => SwapDirection, { nullable: true, description: 'INCOMING (for the station\'s listings), OUTGOING (its own asks); both when absent.' }) direction?: SwapDirection | null;
  @Field(() => ID, { nullable: true, description: 'HQ names the station; station users get their own.' }) stationId?: string | null;
  @Field(() => SwapRequestStatus, { nullable: true }) status?: SwapRequestStatus | null;
  @Field(() => ID, { nullable: true }) partId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Requested from this instant (inclusive).' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Requested before this instant (exclusive).' }) to?: Date | null;
}

export const SwapRequestPage = pageType(SwapRequest);

@Resolver(() => SwapRequest)
export class SwapRequestResolver {
  @Query(() => SwapRequestPage, { description: 'A station\'s swap requests page by page, newest first (sort: requestedAt, decidedAt, quantity, amount; filters: direction, status, partId, from/to).' })
  surplusSwapsPage(@Ctx() ctx: Context, @Args() args: SurplusSwapsPageArgs) {
    return swapRequestService.page(ctx, args);
  }

  @Query(() => SwapRequest, { nullable: true, description: 'A swap request the caller\'s station is party to.' })
  swapRequest(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SwapRequest | null> {
    return swapRequestService.byId(ctx, id);
  }

  @Query(() => [SwapRequest], { description: 'A station\'s swap requests: INCOMING (for its listings, to accept or reject) or OUTGOING (its own), newest first — the first 200; surplusSwapsPage pages through all of them.' })
  surplusSwaps(
    @Ctx() ctx: Context,
    @Arg('direction', () => SwapDirection) direction: SwapDirection,
    @Arg('stationId', () => ID, { nullable: true }) stationId?: string | null,
    @Arg('status', () => SwapRequestStatus, { nullable: true }) status?: SwapRequestStatus | null,
  ): Promise<SwapRequest[]> {
    return swapRequestService.ofStation(ctx, stationId, direction, status);
  }

  @Authorized('STATION_MANAGER', 'PURCHASER')
  @Mutation(() => SwapRequest, { description: 'STATION_MANAGER or PURCHASER of the receiving warehouse\'s station asks for part of another station\'s listing. More than remains: CONFLICT, unless acceptPartial takes what is left.' })
  requestSwap(
    @Ctx() ctx: Context,
    @Arg('listingId', () => ID) listingId: string,
    @Arg('quantity', () => Float) quantity: number,
    @Arg('toWarehouseId', () => ID) toWarehouseId: string,
    @Arg('acceptPartial', () => Boolean, { nullable: true, defaultValue: false }) acceptPartial?: boolean | null,
  ): Promise<SwapRequest> {
    return swapRequestService.request(ctx, { listingId, quantity, toWarehouseId, acceptPartial });
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => SwapRequest, { description: 'The offering station\'s manager accepts: creates the inter-station transfer (ship → in transit → receive), priced for settlement.' })
  acceptSwap(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<SwapRequest> {
    return swapRequestService.accept(ctx, id);
  }

  @Authorized('STATION_MANAGER')
  @Mutation(() => SwapRequest, { description: 'The offering station\'s manager rejects; the quantity goes back on the listing.' })
  rejectSwap(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('reason') reason: string): Promise<SwapRequest> {
    return swapRequestService.reject(ctx, id, reason);
  }

  @FieldResolver(() => SurplusListing)
  async listing(@Root() s: SwapRequest, @Ctx() ctx: Context): Promise<SurplusListing> {
    return rowOrRefuse(s.listingId, (id) => surplusListingService.byId(ctx, id, { unchecked: true }), { reason: 'LISTING_NOT_FOUND', what: 'Surplus listing', param: 'listingId' });
  }

  @FieldResolver(() => Station, { description: 'The offering station.' })
  fromStation(@Root() s: SwapRequest, @Ctx() ctx: Context): Promise<Station> {
    return station(ctx, s.fromStationId);
  }

  @FieldResolver(() => Station, { description: 'The requesting (receiving) station.' })
  toStation(@Root() s: SwapRequest, @Ctx() ctx: Context): Promise<Station> {
    return station(ctx, s.toStationId);
  }

  @FieldResolver(() => Warehouse)
  toWarehouse(@Root() s: SwapRequest, @Ctx() ctx: Context): Promise<Warehouse> {
    return warehouse(ctx, s.toWarehouseId);
  }

  @FieldResolver(() => Transfer, { nullable: true, description: 'The inter-station transfer an accepted swap became (its number and status: to ship, in transit, received); null before it is accepted.' })
  transfer(@Root() s: SwapRequest, @Ctx() ctx: Context): Promise<Transfer | null> | null {
    return s.transferId ? transferById(ctx, s.transferId) : null;
  }
}

/** Registered in ../schema.ts. */
export const surplusResolvers = [SurplusCandidateResolver, SurplusPolicyResolver, SurplusListingResolver, SwapRequestResolver, SwapRequestAlertResolver];
