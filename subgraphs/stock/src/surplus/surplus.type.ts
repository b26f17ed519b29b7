/** GraphQL types of the surplus exchange (积压备件调剂): candidates, thresholds, listings and swap requests. */
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DecimalScalar, ExplanationItem } from '../../../shared/src';
import { Part } from '../part/part.stub';

export enum SurplusReason {
  NO_ISSUE = 'NO_ISSUE',
  EXCESS_COVER = 'EXCESS_COVER',
}
registerEnumType(SurplusReason, {
  name: 'SurplusReason',
  valuesConfig: {
    NO_ISSUE: { description: 'Not issued for the station\'s noIssueMonths (dormant stock, 呆滞).' },
    EXCESS_COVER: { description: 'Covers more than minMonthsOfCover months at the recent demand rate (积压).' },
  },
});

export enum SurplusListingStatus {
  OPEN = 'OPEN',
  EXHAUSTED = 'EXHAUSTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(SurplusListingStatus, {
  name: 'SurplusListingStatus',
  valuesConfig: {
    OPEN: { description: 'Has a remaining quantity other stations can request.' },
    EXHAUSTED: { description: 'Everything listed is requested or swapped (opens again if a request is rejected).' },
    WITHDRAWN: { description: 'Taken off the board; the unrequested remainder was released.' },
  },
});

export enum SwapRequestStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(SwapRequestStatus, { name: 'SwapRequestStatus' });

export enum SwapDirection {
  INCOMING = 'INCOMING',
  OUTGOING = 'OUTGOING',
}
registerEnumType(SwapDirection, {
  name: 'SwapDirection',
  valuesConfig: {
    INCOMING: { description: 'Requests other stations made for this station\'s listings.' },
    OUTGOING: { description: 'Requests this station made for other stations\' listings.' },
  },
});

@ObjectType({ description: 'A part whose stock at a station exceeds what the station will need (积压/呆滞备件).' })
export class SurplusCandidate {
  @Field(() => Part) part: Part;
  stationId: string;
  @Field(() => Float) onHand: number;
  @Field(() => Float) available: number;
  @Field(() => Float, { description: 'Already on the exchange board (remaining and requested in open listings).' }) listed: number;
  @Field(() => SurplusReason) reason: SurplusReason;
  @Field(() => String, { description: 'The reason in words, with the figures behind it.' }) explanation: string;
  @Field(() => [ExplanationItem], { description: 'The judgement as reasons + params for a client to translate (SURPLUS_…): why it is surplus, what is kept, what stands in the way of listing it.' }) reasons: ExplanationItem[];
  @Field(() => Float, { description: 'Net issued per month (ISSUE − RETURN) over the demand window.' }) monthlyDemand: number;
  @Field(() => Float, { nullable: true, description: 'onHand / monthlyDemand; null when there was no demand.' }) monthsOfCover: number | null;
  @Field(() => Date, { nullable: true }) lastIssueAt: Date | null;
  @Field(() => Date, { nullable: true }) lastReceiptAt: Date | null;
  @Field(() => Float, { nullable: true, description: 'Months since the last issue or receipt; null when the ledger has neither.' }) ageMonths: number | null;
  @Field(() => Float, { description: 'What the station keeps: minMonthsOfCover × monthlyDemand.' }) keepQuantity: number;
  @Field(() => Float, { description: 'On hand beyond what the station keeps.' }) excessQuantity: number;
  @Field(() => Float, { description: 'What can be listed now: the excess not reserved or listed already.' }) listableQuantity: number;
  @Field(() => DecimalScalar, { description: 'Internal price per unit (the catalog\'s internal tier).' }) unitCost: string;
  @Field(() => DecimalScalar, { description: 'onHand × unitCost.' }) value: string;
  @Field(() => DecimalScalar, { description: 'excessQuantity × unitCost.' }) excessValue: string;
  @Field(() => DecimalScalar, { nullable: true, description: 'The most a listing may ask per unit (HQ cap).' }) hqCap: string | null;
  /** The warehouse holding most of the available stock: where a listing would come from. */
  warehouseId: string | null;
  partId: string;
  /** For the page's partNo sort. */
  partNo: string;
}

@ObjectType({ description: 'A station\'s thresholds for surplus detection (defaults apply until a manager sets them).' })
export class SurplusPolicy {
  stationId: string;
  @Field(() => Float) minMonthsOfCover: number;
  @Field(() => Int) noIssueMonths: number;
  @Field(() => Int) demandWindowMonths: number;
  @Field(() => Boolean, { description: 'True when the station has set none and the defaults apply.' }) isDefault: boolean;
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
  @Field(() => String, { nullable: true }) updatedBy: string | null;
}

@ObjectType({ description: 'Surplus stock a station offers to the network (积压备件调剂 listing); the listed quantity is reserved.' })
export class SurplusListing {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Float, { description: 'Listed (and reserved) at the start.' }) quantity: number;
  @Field(() => Float, { description: 'Not yet requested by another station.' }) remaining: number;
  @Field(() => Float, { description: 'In pending swap requests.' }) requested: number;
  @Field(() => Float, { description: 'Taken by accepted swaps.' }) swapped: number;
  @Field(() => DecimalScalar) unitPrice: string;
  @Field(() => SurplusListingStatus) status: SurplusListingStatus;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Date) listedAt: Date;
  @Field(() => String) listedBy: string;
  @Field(() => Date, { nullable: true }) withdrawnAt: Date | null;
  stationId: string;
  warehouseId: string;
  partId: string;
}

@ObjectType({ description: 'A request by one station for (part of) another station\'s surplus listing (调剂申请).' })
export class SwapRequest {
  @Field(() => ID) id: string;
  @Field(() => Part) part: Part;
  @Field(() => Float) quantity: number;
  @Field(() => DecimalScalar, { description: 'The listing\'s price per unit at the time of the request.' }) unitPrice: string;
  @Field(() => DecimalScalar, { description: 'quantity × unitPrice: what the requesting station settles with the offering one.' }) amount: string;
  @Field(() => SwapRequestStatus) status: SwapRequestStatus;
  @Field(() => String, { nullable: true, description: 'Why it was rejected.' }) reason: string | null;
  @Field(() => ID, { nullable: true, description: 'The inter-station transfer an accepted swap became.' }) transferId: string | null;
  @Field(() => Date) requestedAt: Date;
  @Field(() => String) requestedBy: string;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  @Field(() => String, { nullable: true }) decidedBy: string | null;
  listingId: string;
  fromStationId: string;
  toStationId: string;
  toWarehouseId: string;
  partId: string;
}
