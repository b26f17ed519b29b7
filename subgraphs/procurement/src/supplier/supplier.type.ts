import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, Length, Matches, Max, Min } from 'class-validator';

@ObjectType({ description: 'A supplier (供应商).' })
@Directive('@key(fields: "id")')
export class Supplier {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int) leadTimeDays: number;
}

@InputType()
export class SupplierInput {
  @Field() @Length(1, 20) @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code may contain letters, digits, - and _ only' }) code: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(365) leadTimeDays: number;
}
