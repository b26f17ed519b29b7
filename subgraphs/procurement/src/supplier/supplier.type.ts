import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, Length, Matches, Max, Min } from 'class-validator';
import { Station } from '../stub/entity-stubs';

@ObjectType({ description: 'A supplier (供应商).' })
@Directive('@key(fields: "id")')
export class Supplier {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) leadTimeDays: number;
  @Field(() => Station, { nullable: true, description: 'Set on the supplier that is HQ\'s parts depot (备品部): that depot station.' }) depot: Station | null;
}

@InputType()
export class SupplierInput {
  @Field() @Length(1, 20) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may contain letters, digits, - and _ only' }) code: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(365) leadTimeDays: number;
}
