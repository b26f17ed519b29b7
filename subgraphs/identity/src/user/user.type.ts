import { Directive, Field, ID, InputType, ObjectType } from 'type-graphql';
import { ArrayMinSize, ArrayMaxSize, IsOptional, Length, Matches } from 'class-validator';
import { entityStub } from '../../../shared/src';

/** Stations belong to stock; identity only points at them. */
export const StationRef = entityStub('Station');

@ObjectType({ description: 'A person who signs in: username, roles and (for station users) their station.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID) id: string;
  @Field() username: string;
  @Field() displayName: string;
  @Field(() => [String]) roles: string[];
  @Field(() => StationRef, { nullable: true }) station: InstanceType<typeof StationRef> | null;
  @Field() active: boolean;
  @Field(() => Date, { nullable: true }) lastLoginAt: Date | null;
  @Field({ description: 'False until the user has set a first password with their setup code.' }) passwordSet: boolean;
  @Field(() => Date, { nullable: true, description: 'When the account was made.' }) createdAt?: Date | null;
}

@InputType()
export class UserInput {
  @Field() @Length(3, 40) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'username may contain letters, digits, ".", "-" and "_" only' }) username: string;
  @Field() @Length(1, 80) displayName: string;
  @Field(() => [String]) @ArrayMinSize(1) @ArrayMaxSize(4) roles: string[];
  @Field(() => ID, { nullable: true, description: 'Absent for HQ.' }) @IsOptional() stationId?: string | null;
}

@ObjectType({ description: 'A new user or a password reset: the one-time code to set a password with (completeSetup). Shown once.' })
export class UserSetup {
  @Field(() => User) user: User;
  @Field() setupCode: string;
  @Field(() => Date) setupExpiresAt: Date;
}
