/** The payload of `Subscription.shortageAlerts`: one alert per shortage opened, with its place in the alert sequence. */
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Shortage } from '../shortage/shortage.type';

@ObjectType({ description: 'A shortage alert (缺件提醒), pushed the moment a shortage is opened.' })
export class ShortageAlert {
  @Field(() => ID, { description: 'The alert id (the id of the shortage it announces). Pass it as `lastId` to resume after it.' })
  id: string;

  @Field(() => Int, { description: 'Commit-ordered sequence of procurement events; increases from alert to alert. Pass the last one seen as `afterSeq` to resume.' })
  seq: number;

  @Field(() => Shortage) shortage: Shortage;

  @Field(() => Float, { description: 'Available quantity of the part at the station when the alert was built.' })
  available: number;

  @Field(() => Float, { nullable: true, description: 'The reorder point of the part at the station, if a policy is set.' })
  reorderPoint: number | null;

  /** The station the shortage belongs to (for scoping; also reachable as shortage.station). */
  stationId: string;
}
