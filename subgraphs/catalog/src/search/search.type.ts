import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../../../shared/src';
import { Part } from '../part/part.type';
import { VehicleModel } from '../vehicle-model/vehicle-model.type';

@ObjectType()
export class PartSearchHit {
  @Field(() => Part) part: Part;
  @Field(() => Float, { nullable: true, description: 'Relevance (engine-specific; higher is better). Null when browsing without a query.' }) score: number | null;
}

@ObjectType({ description: 'A page of part search results (穿透式查询).' })
export class PartSearchResult {
  @Field(() => [PartSearchHit]) hits: PartSearchHit[];
  @Field(() => Int, { description: 'The number of matches: exact up to 5,000; above that 5,000 with estimatedTotalIsLowerBound.' }) estimatedTotal: number;
  @Field({ description: 'True when there are more than 5,000 matches and estimatedTotal (5,000) is a lower bound.' }) estimatedTotalIsLowerBound: boolean;
  @Field({ description: '"embedded" (PostgreSQL) or "meilisearch"' }) engine: string;
  @Field(() => Int) tookMs: number;
  @Field(() => PageInfo, { description: 'Paging: the same values as endCursor / hasNextPage. Pages continue one ranking (ties by id): no repeats, no gaps, up to 5,000 results.' }) pageInfo: PageInfo;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) endCursor: string | null;
  @Field() hasNextPage: boolean;
  @Field(() => VehicleModel, { nullable: true, description: 'The model the `vin` argument resolved to (the results fit it); null without a VIN.' }) vehicleModel: VehicleModel | null;
}
