import { Field, ID, ObjectType } from 'type-graphql';
import { StationRef, User } from '../user/user.type';

@ObjectType({ description: 'One change (outcome OK) or one refused attempt (outcome REFUSED): who, for which station, what.' })
export class AuditEntry {
  @Field(() => ID, { description: 'Also the cursor: pass the last one as `after` for the next page.' }) id: string;
  @Field(() => Date) at: Date;
  @Field(() => User, { nullable: true, description: 'The person, when they signed in with a PartsGraph account.' }) user: User | null;
  @Field(() => String, { nullable: true, description: "The token's subject (user id, a script's or an external provider's name); null when nobody could be told." }) userId: string | null;
  @Field(() => ID, { nullable: true }) stationId: string | null;
  @Field(() => StationRef, { nullable: true, description: 'The station, when stationId is a station id.' }) station?: InstanceType<typeof StationRef> | null;
  @Field({ description: 'The mutation or command, e.g. createBin, issueStock.' }) operation: string;
  @Field({ description: 'Its arguments (passwords, tokens and setup codes left out), or what was refused.' }) summary: string;
  @Field({ description: 'OK or REFUSED.' }) outcome: string;
  @Field({ description: 'The part of the platform that recorded it (catalog, stock, procurement, workshop, identity, gateway).' }) service: string;
  @Field(() => String, { nullable: true, description: 'For REFUSED: UNAUTHENTICATED or FORBIDDEN (or the sign-in refusal).' }) code: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}
