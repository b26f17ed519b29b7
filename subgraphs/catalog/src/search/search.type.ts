import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Part } from '../part/part.type';

@ObjectType()
export class PartSearchHit {
  @Field(() => Part) part: Part;
  @Field(() => Float, { nullable: true, description: 'Relevance (engine-specific; higher is better). Null when browsing without a query.' }) score: number | null;
}

@ObjectType({ description: 'A page of part search results (穿透式查询).' })
export class PartSearchResult {
  @Field(() => [PartSearchHit]) hits: PartSearchHit[];
  @Field(() => Int) estimatedTotal: number;
  @Field({ description: '"embedded" (PostgreSQL) or "meilisearch"' }) engine: string;
  @Field(() => Int) tookMs: number;
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' }) endCursor: string | null;
  @Field() hasNextPage: boolean;
}
