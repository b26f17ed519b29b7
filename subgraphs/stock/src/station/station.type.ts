import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';

export enum StationKind {
  STATION = 'STATION',
  /** HQ's parts depot (备品部): stations order from it like from a supplier. */
  DEPOT = 'DEPOT',
}
registerEnumType(StationKind, { name: 'StationKind', description: 'A service station, or HQ\'s parts depot (备品部).' });

@ObjectType({ description: 'A service station (服务站 / 4S店), or HQ\'s parts depot (kind DEPOT).' })
@Directive('@key(fields: "id")')
export class Station {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field(() => StationKind, { description: 'DEPOT: HQ\'s parts depot; its stock works like any station\'s.' }) kind: 'STATION' | 'DEPOT';
}

@ObjectType({ description: 'A warehouse (仓库) of a station.' })
@Directive('@key(fields: "id")')
export class Warehouse {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  stationId: string;
}

@ObjectType({ description: 'A bin location (货位).' })
@Directive('@key(fields: "id")')
export class BinLocation {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() quarantine: boolean;
  warehouseId: string;
}

@ObjectType({ description: 'What one bin holds of one part.' })
export class StockLevel {
  partId: string;
  binId: string;
  @Field(() => Float) onHand: number;
  @Field(() => Float) reserved: number;
  @Field(() => Float) available: number;
}

@ObjectType({ description: 'A part\'s stock at a station or warehouse.' })
export class PartStock {
  @Field(() => Float) onHand: number;
  @Field(() => Float) available: number;
  @Field(() => Float, { description: 'Shipped by a transfer towards this scope, not yet received.' }) inTransit: number;
  @Field(() => [StockLevel]) levels: StockLevel[];
  /** Whose stock in which scope: `inTransit` is loaded only when a query asks for it (PartStockFieldsResolver). */
  partId: string;
  scope: { stationId: string | null; warehouseId: string | null };
}

@InputType()
export class StationInput {
  @Field() @Length(1, 20) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may contain letters, digits, - and _ only' }) code: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) region?: string | null;
  @Field(() => StationKind, { defaultValue: StationKind.STATION, description: 'DEPOT also creates the Supplier that stands for the depot.' }) @IsOptional() kind?: StationKind;
}
