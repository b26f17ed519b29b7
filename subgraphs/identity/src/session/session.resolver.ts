import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../../../shared/src';
import { Session } from './session.type';
import { sessionService } from './session.service';

@Resolver(() => Session)
export class SessionResolver {
  @Mutation(() => Session, { description: 'No token needed. A wrong password and an unknown user get the same UNAUTHENTICATED answer (reason INVALID_CREDENTIALS); repeated failures lock the username or the address for a while (ACCOUNT_LOCKED, TOO_MANY_ATTEMPTS, params.until).' })
  login(@Ctx() ctx: Context, @Arg('username') username: string, @Arg('password') password: string): Promise<Session> {
    return sessionService.login(ctx, username, password);
  }

  @Mutation(() => Session, { description: 'No token needed. Rotates the refresh token; a refresh token used twice ends the session (REFRESH_TOKEN_REUSED).' })
  refreshSession(@Ctx() ctx: Context, @Arg('refreshToken') refreshToken: string): Promise<Session> {
    return sessionService.refresh(ctx, refreshToken);
  }

  @Mutation(() => Boolean, { description: 'Ends this session at once: its access and refresh tokens stop working.' })
  logout(@Ctx() ctx: Context): Promise<boolean> {
    return sessionService.logout(ctx);
  }

  @Mutation(() => Boolean, { description: 'Needs the current password; every other session of the user ends.' })
  changePassword(@Ctx() ctx: Context, @Arg('currentPassword') currentPassword: string, @Arg('newPassword') newPassword: string): Promise<boolean> {
    return sessionService.changePassword(ctx, currentPassword, newPassword);
  }

  @Mutation(() => Session, { description: 'No token needed. Sets the first password with the one-time setup code and signs in.' })
  completeSetup(@Ctx() ctx: Context, @Arg('username') username: string, @Arg('setupCode') setupCode: string, @Arg('newPassword') newPassword: string): Promise<Session> {
    return sessionService.completeSetup(ctx, username, setupCode, newPassword);
  }
}
