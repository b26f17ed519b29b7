import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IsInt, IsOptional, Length, Max, Min } from 'class-validator';

@ObjectType({ description: 'A vehicle model (车型) parts can fit.' })
@Directive('@key(fields: "id")')
export class VehicleModel {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() series: string;
  @Field({ description: 'Chinese name, e.g. 瑞虎7' }) name: string;
  @Field(() => String, { nullable: true }) nameEn: string | null;
  @Field(() => Int, { nullable: true }) yearFrom: number | null;
  @Field(() => Int, { nullable: true }) yearTo: number | null;
}

@InputType()
export class VehicleModelInput {
  @Field() @Length(1, 40) code: string;
  @Field() @Length(1, 60) series: string;
  @Field() @Length(1, 100) name: string;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 100) nameEn?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1950) @Max(2100) yearFrom?: number | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1950) @Max(2100) yearTo?: number | null;
}
