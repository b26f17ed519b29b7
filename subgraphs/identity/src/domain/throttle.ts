/**
 * Sign-in throttling (pure): failures counted per username and per address
 * in a window; past the limit the key is locked until a time. Unknown
 * usernames are counted exactly like known ones, so a lock says nothing
 * about whether an account exists.
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const USER_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { maxFailures: 50, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** The state after one more failure at `now`. */
export function afterFailure(state: ThrottleState | null, rule: ThrottleRule, now: Date): ThrottleState {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() > rule.windowMs || (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state!.failures + 1;
  const windowStartedAt = fresh ? now : state!.windowStartedAt;
  return { failures, windowStartedAt, lockedUntil: failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMs) : null };
}

export const lockedAt = (state: ThrottleState | null, now: Date): Date | null => (state?.lockedUntil && state.lockedUntil > now ? state.lockedUntil : null);
