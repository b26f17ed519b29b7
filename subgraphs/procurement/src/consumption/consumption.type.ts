/** Monthly consumption history (消耗历史) types. */
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { IsUUID, Matches } from 'class-validator';

@ObjectType({ description: 'One month of a part\'s consumption at a station.' })
export class MonthlyConsumption {
  @Field({ description: '"2026-03"' }) month: string;
  @Field(() => Float, { description: 'Net issued: issues minus returns (or the imported figure).' }) quantity: number;
  @Field(() => Float, { description: 'quantity plus demand that could not be met: requisition and counter shortfalls, lost sales, emergency purchases.' }) demand: number;
}

@InputType()
export class ConsumptionInput {
  @Field(() => ID) @IsUUID('all', { message: 'partId must be an id' }) partId: string;
  @Field({ description: '"YYYY-MM"' }) @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must look like 2026-03' }) month: string;
  @Field(() => Float) quantity: number;
}
