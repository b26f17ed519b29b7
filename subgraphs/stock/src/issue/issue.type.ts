/** GraphQL shapes of the direct issue (其他出库 / counter pick): the `issueStock` command, exposed through the gateway. */
import { Field, Float, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsUUID, Length } from 'class-validator';

@InputType()
export class StockIssueLineInput {
  @Field(() => String, { nullable: true, description: 'The caller\'s key of the line (echoed back); defaults to its index.' }) @IsOptional() @Length(1, 100) lineKey?: string | null;
  @Field(() => ID) @IsUUID() partId: string;
  @Field(() => Float) quantity: number;
  @Field(() => ID, { nullable: true, description: 'Limit the pick to this warehouse.' }) @IsOptional() @IsUUID() warehouseId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Pick from this bin; else the remembered bin, else any bin with stock, largest first.' }) @IsOptional() @IsUUID() binId?: string | null;
  @Field(() => String, { nullable: true, description: 'Scanned barcode (条码对货); refused when it is not the part\'s.' }) @IsOptional() @Length(1, 64) barcode?: string | null;
}

@InputType()
export class StockIssueInput {
  @Field(() => String, { description: 'The same key again returns the first result and issues nothing more.' }) @Length(1, 300) idempotencyKey: string;
  @Field(() => ID, { nullable: true, description: 'HQ: the station to issue at; station users always issue at their own.' }) @IsOptional() @IsUUID() stationId?: string | null;
  @Field(() => String, { nullable: true, description: 'What the issue is for (a document number), kept on the movements.' }) @IsOptional() @Length(1, 200) reference?: string | null;
  @Field(() => Boolean, { defaultValue: true, description: 'false: INSUFFICIENT_STOCK and nothing issued when any line is short.' }) allowPartial: boolean;
  @Field(() => [StockIssueLineInput]) @ArrayMinSize(1) @ArrayMaxSize(500) lines: StockIssueLineInput[];
}

@ObjectType()
export class StockIssueAllocation {
  @Field(() => ID) binId: string;
  @Field(() => Float) quantity: number;
}

@ObjectType()
export class StockIssueLine {
  @Field() lineKey: string;
  @Field(() => ID) partId: string;
  @Field(() => Float) requested: number;
  @Field(() => Float) issued: number;
  @Field(() => Float) shortfall: number;
  @Field(() => [StockIssueAllocation]) allocations: StockIssueAllocation[];
}

@ObjectType({ description: 'What an issue took from which bins.' })
export class StockIssue {
  @Field(() => [StockIssueLine]) lines: StockIssueLine[];
}
