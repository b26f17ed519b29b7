/** GraphQL type of a recommended reorder (推荐订货) — API.md fields plus what purchasers need to act on it. */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ExplanationItem } from '../../../shared/src';
import { Part, Station } from '../stub/entity-stubs';
import { ReorderPolicy } from '../reorder-policy/reorder-policy.type';

@ObjectType({ description: 'A recommended reorder for one part at one station, with the numbers behind it and a plain-words explanation (Chinese).' })
export class ReorderRecommendation {
  @Field(() => Part) part: Part;
  @Field(() => Station) station: Station;
  @Field({ description: 'SMOOTH ERRATIC INTERMITTENT LUMPY (ADI / CV² cut at 1.32 / 0.49), or NEW when under 6 months since the first demand.' }) demandClass: string;
  @Field({ description: 'SES, DAMPED_HOLT, CROSTON_SBA, TSB, NEW_AVERAGE or NO_DEMAND.' }) method: string;
  @Field(() => Float, { description: 'Deseasonalised monthly demand forecast; the coming weeks expect forecastPerMonth × seasonalIndex per month.' }) forecastPerMonth: number;
  @Field(() => Float, { description: 'Seasonal index over lead time + review period (1 when no seasonality is established).' }) seasonalIndex: number;
  @Field(() => Int) leadTimeDays: number;
  @Field(() => Float, { description: 'orderUpTo − expected demand over lead time + review period (negative when whole packs alone give the fill rate).' }) safetyStock: number;
  @Field(() => Float, { description: 'Expected lead-time demand + safety stock: below it an order cannot wait for the next review (the shortage-alert level).' }) reorderPoint: number;
  @Field(() => Float, { description: 'At each review, order when the inventory position is below this, up to it in whole packs.' }) orderUpTo: number;
  @Field(() => Float) onHand: number;
  @Field(() => Float, { description: 'Open purchase-order quantity not yet received (drafts included).' }) onOrder: number;
  @Field(() => Float, { description: 'To buy new: (orderUpTo − position − fromNetworkSurplus), rounded up to packs and the MOQ.' }) suggestedQuantity: number;
  @Field(() => Float, { description: 'Offered by other stations\' open surplus listings (0 when stock cannot say; the explanation then says so).' }) networkSurplus: number;
  @Field() explanation: string;
  @Field(() => [ExplanationItem], { description: 'The explanation as reasons + params, plain words first, then the statistics (console/src/locales/explanations.ts translates them).' }) explanationItems: ExplanationItem[];

  @Field(() => ID, { nullable: true, description: 'The supplier whose offer was planned with (the asked one, else the preferred offer\'s, else the fastest, then cheapest).' }) supplierId: string | null;
  @Field(() => Int) reviewPeriodDays: number;
  @Field(() => Float, { description: 'The station\'s target fill rate asked for.' }) targetFillRate: number;
  @Field(() => Float, { description: 'The fill rate this part is stocked for: the station target is allocated over its parts at least inventory cost.' }) partFillRate: number;
  @Field(() => Float, { description: 'The fill rate the model expects for this part at orderUpTo.' }) modelFillRate: number;
  @Field(() => Float, { description: 'The station\'s expected fill rate with every part at its recommended level.' }) stationFillRate: number;
  @Field({ description: 'NORMAL, GAMMA, NEGATIVE_BINOMIAL, POISSON or NONE.' }) distribution: string;
  @Field(() => Float, { nullable: true, description: 'Average demand interval in months (null without demand).' }) adi: number | null;
  @Field(() => Float) cv2: number;
  @Field() seasonal: boolean;
  @Field({ description: 'No demand for 12 months and three average intervals: no stock recommended.' }) obsolete: boolean;
  @Field(() => Float) leadTimeDemand: number;
  @Field(() => Float, { description: 'Expected demand over lead time + review period.' }) protectionDemand: number;
  @Field(() => Float) available: number;
  @Field(() => Float) inTransit: number;
  @Field(() => Float, { description: 'Open requisition shortages (缺件) still owed.' }) backorders: number;
  @Field(() => Float, { description: 'available + inTransit + onOrder − backorders.' }) inventoryPosition: number;
  @Field(() => Float, { description: 'orderUpTo − inventoryPosition when positive, else 0.' }) netRequirement: number;
  @Field(() => Float, { description: 'Proposed to take over from other stations\' surplus before buying: min(networkSurplus, netRequirement).' }) fromNetworkSurplus: number;
  @Field(() => Float) packSize: number;
  @Field(() => Float) minOrderQty: number;
  @Field(() => ReorderPolicy, { nullable: true, description: 'The policy in force now (before applyRecommendations).' }) currentPolicy: ReorderPolicy | null;
  @Field(() => Float, { description: 'suggestedQuantity × the unit price used (the supplier\'s, else the internal price), 2 decimals.' }) orderValue: number;
  partId: string;
  stationId: string;
  /** For the page's partNo sort. */
  partNo: string;
}
