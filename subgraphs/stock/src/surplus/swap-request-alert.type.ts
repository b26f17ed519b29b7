/** The payload of `Subscription.swapRequests`: one per swap request made for the station's listings, with its place in the sequence. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { SwapRequest } from './surplus.type';

@ObjectType({ description: 'A swap request another station made for one of your listings (调剂申请提醒).' })
export class SwapRequestAlert {
  @Field(() => ID, { description: 'The swap request\'s id.' }) id: string;
  @Field(() => Int, { description: 'Commit-ordered sequence of stock events; pass the last one seen as `afterSeq` to resume.' }) seq: number;
  @Field(() => SwapRequest) swapRequest: SwapRequest;
  /** The offering station (for scoping). */
  stationId: string;
}
