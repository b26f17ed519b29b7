/** A station's reorder policy for a part: the point below which it is short, and the level to order up to. */
import { Field, Float, ObjectType } from 'type-graphql';
import { Part, Station } from '../stub/entity-stubs';

@ObjectType({ description: 'When a part is short at a station (available < reorderPoint) and how far to order up (orderUpTo).' })
export class ReorderPolicy {
  @Field(() => Station) station: Station;
  @Field(() => Part) part: Part;
  @Field(() => Float) reorderPoint: number;
  @Field(() => Float) orderUpTo: number;
  @Field() updatedAt: Date;
  @Field() updatedBy: string;
  stationId: string;
  partId: string;
}
