import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum StocktakeStatus {
  OPEN = 'OPEN',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(StocktakeStatus, { name: 'StocktakeStatus' });

@ObjectType()
export class StocktakeLine {
  @Field(() => Float, { description: 'Book quantity frozen when the count started.' }) expected: number;
  @Field(() => Float, { nullable: true }) counted: number | null;
  @Field(() => Float, { nullable: true, description: 'Book quantity at the moment of counting; the variance is measured against it.' }) bookAtCount: number | null;
  @Field(() => Float, { nullable: true, description: 'counted − bookAtCount: what approval posts as ADJUSTMENT.' }) variance: number | null;
  @Field(() => Float, { nullable: true, description: 'What approval actually posted.' }) posted: number | null;
  partId: string;
  binId: string;
}

@ObjectType({ description: 'A count of one warehouse (盘点). Variances are posted only when a manager approves.' })
export class Stocktake {
  @Field(() => ID) id: string;
  @Field() number: string;
  @Field(() => StocktakeStatus) status: StocktakeStatus;
  @Field(() => [StocktakeLine]) lines: StocktakeLine[];
  @Field() startedAt: Date;
  @Field() startedBy: string;
  @Field(() => Date, { nullable: true }) approvedAt: Date | null;
  @Field(() => String, { nullable: true }) approvedBy: string | null;
  @Field(() => Date, { nullable: true }) rejectedAt: Date | null;
  @Field(() => String, { nullable: true }) rejectedBy: string | null;
  @Field(() => String, { nullable: true, description: 'Why a manager sent the count back (rejectStocktake).' }) rejectReason: string | null;
  @Field(() => Int, { description: 'Lines on the count sheet (bins × parts).' }) lineCount: number;
  @Field(() => Int, { description: 'Lines counted so far (progress = countedCount / lineCount).' }) countedCount: number;
  warehouseId: string;
}
