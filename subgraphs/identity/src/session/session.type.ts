import { Field, ObjectType } from 'type-graphql';
import { User } from '../user/user.type';

@ObjectType({ description: 'A sign-in: a short-lived access token (the Bearer token) and the refresh token that gets the next one.' })
export class Session {
  @Field({ description: 'Signed by the platform (EdDSA), valid for minutes; carries sub, roles, stationId, sid, iss "partsgraph".' }) accessToken: string;
  @Field(() => Date, { description: 'When accessToken expires; call refreshSession before.' }) expiresAt: Date;
  @Field({ description: 'Opaque, one use: refreshSession answers with a new one. Using one twice ends the session.' }) refreshToken: string;
  @Field(() => User) user: User;
}
