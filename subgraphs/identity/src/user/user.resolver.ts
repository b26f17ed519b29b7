import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PageArgs, pageType, type Context } from '../../../shared/src';
import { User, UserInput, UserSetup } from './user.type';
import { userService } from './user.service';

@ArgsType()
class UsersPageArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'HQ: one station; station managers always see their own.' }) stationId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'true: active accounts only; false: deactivated ones only.' }) active?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Holds this role (PARTS_CLERK, PURCHASER, STATION_MANAGER, HQ_ADMIN).' }) role?: string | null;
  @Field(() => String, { nullable: true, description: 'Username or display name contains this.' }) query?: string | null;
}

export const UserPage = pageType(User);

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { description: 'Who the token belongs to.' })
  me(@Ctx() ctx: Context): Promise<User> {
    return userService.me(ctx);
  }

  @Query(() => [User], { description: 'HQ_ADMIN: every user (or one station\'s); STATION_MANAGER: their own station\'s.' })
  users(@Ctx() ctx: Context, @Arg('stationId', () => ID, { nullable: true }) stationId?: string): Promise<User[]> {
    return userService.users(ctx, stationId);
  }

  @Query(() => UserPage, { description: 'The same people as `users`, page by page (sort: username (default), displayName, createdAt, lastLoginAt); the Excel export of the users reads it.' })
  usersPage(@Ctx() ctx: Context, @Args() args: UsersPageArgs) {
    return userService.page(ctx, args);
  }

  @Mutation(() => UserSetup, { description: 'A new user and the one-time code with which they set their first password (completeSetup).' })
  createUser(@Ctx() ctx: Context, @Arg('input', () => UserInput) input: UserInput): Promise<UserSetup> {
    return userService.create(ctx, input);
  }

  @Mutation(() => User, { description: 'Changes name, roles or station; new roles or station end the user\'s sessions (they sign in again).' })
  updateUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('input', () => UserInput) input: UserInput): Promise<User> {
    return userService.update(ctx, id, input);
  }

  @Mutation(() => User, { description: 'The user can no longer sign in; their sessions end at once.' })
  deactivateUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<User> {
    return userService.deactivate(ctx, id);
  }

  @Mutation(() => UserSetup, { description: 'The old password stops working, sessions end, and a new setup code is issued.' })
  resetPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<UserSetup> {
    return userService.resetPassword(ctx, id);
  }
}
