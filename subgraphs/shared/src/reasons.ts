/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  ACCOUNT_LOCKED: 'Too many failed sign-ins for this username; params.until says when it may try again.',
  AUDIT_LOG_FORBIDDEN: 'Only HQ administrators and station managers read the audit log.',
  CANNOT_GRANT_HQ_ADMIN: 'Only an HQ administrator can create or make an HQ administrator.',
  CURRENT_PASSWORD_WRONG: 'changePassword: the current password is not right.',
  HQ_USER_HAS_NO_STATION: 'An HQ administrator belongs to no station: leave stationId out.',
  INVALID_CREDENTIALS: 'The username or password is not right (the same answer whether or not the username exists).',
  INVALID_SETUP_CODE: 'The username or setup code is not right, or the code has expired or was used; ask a manager for a new one.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  OTHER_STATION_USER: 'A station manager manages and sees only the users (and audit entries) of their own station.',
  PASSWORD_CONTAINS_USERNAME: 'The new password contains the username.',
  PASSWORD_NOT_MANAGED_HERE: 'This account signs in elsewhere (a script token or an external provider) and has no PartsGraph password.',
  PASSWORD_TOO_COMMON: 'The new password is a known, common or easily guessed one.',
  PASSWORD_TOO_LONG: 'The new password is longer than params.max characters.',
  PASSWORD_TOO_SHORT: 'The new password has fewer than params.min characters.',
  REFRESH_TOKEN_INVALID: 'The refresh token is not known; sign in again.',
  REFRESH_TOKEN_REUSED: 'The refresh token had already been used, so the session was ended for safety; sign in again.',
  SESSION_ENDED: 'The session of this token has ended (signed out, deactivated, password changed or reset, refresh token reused, expired); sign in again.',
  STATION_REQUIRED: 'Station users need a stationId.',
  TOKEN_EXPIRED: 'The access token has expired; refresh the session or sign in again.',
  TOKEN_INVALID: 'The token is not one the platform accepts (signature, key, algorithm, issuer or claims).',
  TOKEN_KEYS_UNAVAILABLE: 'The public keys to check the token could not be fetched; try again shortly.',
  TOKEN_NO_ROLES: 'The external provider\'s token maps to no PartsGraph role.',
  TOKEN_REQUIRED: 'This operation needs Authorization: Bearer <token>.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins from this address; params.until says when it may try again.',
  UNKNOWN_ROLE: 'params.role is not one of PARTS_CLERK, PURCHASER, STATION_MANAGER, HQ_ADMIN.',
  USERNAME_TAKEN: 'Another user already has params.username.',
  USER_INACTIVE: 'The user is deactivated.',
  USER_MANAGEMENT_FORBIDDEN: 'Only HQ administrators and station managers manage users.',
};
