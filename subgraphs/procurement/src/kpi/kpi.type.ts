/** Parts KPIs (备件考核指标) as a front end charts them: series are arrays of { month, value }. */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DecimalScalar } from '../../../shared/src';
import { Part, Station } from '../stub/entity-stubs';

@ObjectType({ description: 'One point of a monthly series; value is null where the figure is undefined (e.g. a rate without demand).' })
export class MonthValue {
  @Field({ description: '"2026-03"' }) month: string;
  @Field(() => Float, { nullable: true }) value: number | null;
}

@ObjectType({ description: 'First-time fill rate (一次满足率) over the window: (demand − emergency − lost − shortfall) ÷ demand, on lines and on units.' })
export class FillRateSummary {
  @Field(() => Float, { nullable: true, description: 'Share of demand lines issued in full at the first asking (null without demand).' }) lines: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of demanded units issued at the first asking (null without demand).' }) units: number | null;
  @Field(() => Int) demandLines: number;
  @Field(() => Int) filledLines: number;
  @Field(() => Int) lostLines: number;
  @Field(() => Int) emergencyLines: number;
  @Field(() => Int, { description: 'Requisition / counter-sale lines not issued in full (a shortage was recorded).' }) shortfallLines: number;
  @Field(() => Float) demandUnits: number;
  @Field(() => Float) issuedUnits: number;
  @Field(() => Float) lostUnits: number;
  @Field(() => Float) emergencyUnits: number;
  @Field(() => Float) shortfallUnits: number;
}

@ObjectType({ description: 'Inventory value by months without an issue (库龄): 0-3, 3-6, 6-12, >12.' })
export class InventoryAgeBucket {
  @Field() label: string;
  @Field(() => Int) fromMonths: number;
  @Field(() => Int, { nullable: true }) toMonths: number | null;
  @Field(() => Int) parts: number;
  @Field(() => DecimalScalar, { description: 'Value at the internal price.' }) value: string;
  @Field(() => Float, { nullable: true, description: 'Share of the inventory value, 0..1.' }) share: number | null;
}

@ObjectType({ description: 'Stock with neither an issue nor any demand for 12 months (呆滞候选).' })
export class ObsolescenceCandidate {
  @Field(() => Part) part: Part;
  @Field(() => Station) station: Station;
  @Field(() => Float) onHand: number;
  @Field(() => DecimalScalar) value: string;
  @Field(() => Float, { nullable: true, description: 'null: stock older than the ledger and the history, never seen issued.' }) monthsWithoutIssue: number | null;
}

@ObjectType({ description: 'A part the station often could not serve in the window (缺件排行).' })
export class ShortagePartStat {
  @Field(() => Part) part: Part;
  @Field(() => Int, { description: 'shortages + lostSales + emergencyPurchases' }) misses: number;
  @Field(() => Int) shortages: number;
  @Field(() => Float) shortageQuantity: number;
  @Field(() => Int) lostSales: number;
  @Field(() => Float) lostQuantity: number;
  @Field(() => Int) emergencyPurchases: number;
  @Field(() => Float) emergencyQuantity: number;
}

@ObjectType({ description: 'Parts KPIs of a station (or of every station, for HQ) over a window of months ending with `toMonth`.' })
export class PartsKpis {
  @Field(() => Station, { nullable: true, description: 'null: all stations (HQ).' }) station: Station | null;
  @Field() fromMonth: string;
  @Field() toMonth: string;
  @Field(() => FillRateSummary) fillRate: FillRateSummary;
  @Field(() => [MonthValue], { description: 'First-time fill rate on lines per month.' }) fillRateLines: MonthValue[];
  @Field(() => [MonthValue], { description: 'First-time fill rate on units per month.' }) fillRateUnits: MonthValue[];
  @Field(() => [MonthValue], { description: 'Demand lines per month (requisition lines, counter-sale lines, lost sales).' }) demandLines: MonthValue[];
  @Field(() => [MonthValue], { description: 'Demanded units per month: issued + shortfall + lost + emergency.' }) demandUnits: MonthValue[];
  @Field(() => [MonthValue], { description: 'Lost-sale units per month.' }) lostUnits: MonthValue[];
  @Field(() => [MonthValue], { description: 'Emergency-purchase units per month.' }) emergencyUnits: MonthValue[];
  @Field(() => DecimalScalar, { description: 'Today\'s sellable inventory at the internal price (quarantine excluded).' }) inventoryValue: string;
  @Field(() => [MonthValue], { description: 'Month-end inventory value, rebuilt from today\'s value and the ledger at today\'s internal prices.' }) inventoryValueByMonth: MonthValue[];
  @Field(() => [MonthValue], { description: 'Value issued per month, net of returns, at the internal price.' }) issueValueByMonth: MonthValue[];
  @Field(() => Float, { nullable: true, description: 'Stock turns over the window, per year: issue value per year ÷ average month-end inventory value.' }) stockTurns: number | null;
  @Field(() => [MonthValue], { description: 'Stock turns per month, annualised.' }) stockTurnsByMonth: MonthValue[];
  @Field(() => [InventoryAgeBucket]) ageBuckets: InventoryAgeBucket[];
  @Field(() => [ObsolescenceCandidate], { description: 'Most valuable first.' }) obsolescenceCandidates: ObsolescenceCandidate[];
  @Field(() => [ShortagePartStat], { description: 'Most missed first.' }) topShortageParts: ShortagePartStat[];
}
