/** GraphQL types of the order loop with HQ's parts depot (备品部). */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { DecimalScalar } from '../../../shared/src';
import { Part, Station } from '../stub/entity-stubs';

@InputType({ description: 'HQ\'s answer for one line of an order to the depot.' })
export class DepotConfirmLineInput {
  @Field(() => ID) @IsUUID('all', { message: 'purchaseOrderLineId must be an id' }) purchaseOrderLineId: string;
  @Field(() => Float, { description: 'Reserved in the depot\'s stock now (0: none); never more than the depot has available.' }) confirmed: number;
  @Field(() => Float, { description: 'Still owed after this confirmation (replaces the line\'s back-order); confirmed + backordered ≤ what is open on the line.' }) backordered: number;
  @Field(() => Date, { nullable: true, description: 'When the back-order is expected (default: the depot\'s next arrival of the part, if any).' }) @IsOptional() eta?: Date | null;
}

@ObjectType({ description: 'What HQ\'s depot can ship of a part (备品部备件库存查询).' })
export class DepotAvailability {
  @Field(() => Part) part: Part;
  @Field(() => Float, { description: 'On hand in the depot\'s ordinary bins less what is held for confirmed orders.' }) available: number;
  @Field(() => Date, { nullable: true, description: 'The earliest expected arrival at the depot of an open order of its own (its supplier\'s lead time from submission).' }) nextArrival: Date | null;
  @Field(() => Int, { description: 'The depot\'s lead time to a station, in days.' }) leadTimeDays: number;
  @Field(() => DecimalScalar, { nullable: true, description: 'What a station pays the depot for one unit (the depot\'s price list, else the catalog\'s wholesale price).' }) unitPrice: string | null;
  partId: string;
}

@ObjectType({ description: 'A part at one station of the network (备件库存上传).' })
export class NetworkStock {
  @Field(() => Station) station: Station;
  @Field(() => Float) onHand: number;
  @Field(() => Float) available: number;
  @Field(() => Float, { description: 'On its way to the station: transfers shipped to it and shipments of HQ\'s depot not yet received.' }) inTransit: number;
  stationId: string;
}

@ObjectType({ description: 'One station\'s month, as HQ rates it (服务站考评).' })
export class StationScorecard {
  @Field(() => Station) station: Station;
  @Field() month: string;
  @Field(() => Float, { description: 'First-time fill rate on demand lines (0 without demand).' }) fillRate: number;
  @Field(() => Float, { description: 'Stock turns of the month, annualised (issue value / average inventory value).' }) stockTurns: number;
  @Field(() => DecimalScalar, { description: 'Sellable stock at the internal price, now (current month) or at the month\'s end.' }) inventoryValue: string;
  @Field(() => DecimalScalar, { description: 'Excess value of the station\'s surplus candidates (积压), now.' }) surplusValue: string;
  @Field(() => Float, { nullable: true, description: 'Average days from submitting an order to HQ\'s depot to its first receipt, over receipts in the month (null: none).' }) depotOrderLeadDays: number | null;
  @Field(() => Int, { description: 'Orders to the depot the station submitted in the month.' }) depotOrders: number;
  stationId: string;
}
