import { Directive, Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { IsOptional, Length, Matches } from 'class-validator';

@ObjectType({ description: 'A service station (服务站 / 4S店).' })
@Directive('@key(fields: "id")')
export class Station {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) region: string | null;
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
}

@InputType()
export class StationInput {
  @Field() @Length(1, 20) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may contain letters, digits, - and _ only' }) code: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 60) region?: string | null;
}
