/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS = {
  ALREADY_EXISTS: 'A record with that identity already exists.',
  BAD_REQUEST: 'The HTTP request is not a GraphQL request (e.g. a body that is not JSON).',
  CONCURRENT_CHANGE: 'A concurrent change got there first; try again.',
  CONFLICT: 'The change conflicts with the current state of the record.',
  CONTROL_CHARACTER: 'A text contains a NUL or other control character (only newline and tab are allowed, in notes); params.field or params.variable names it.',
  EMPTY_LIST: 'A list must have at least one entry; params.field names it.',
  FORBIDDEN: 'Your roles or station do not allow this.',
  IDEMPOTENCY_KEY_INVALID: 'An idempotency key must be 1–200 characters; params.max.',
  INSUFFICIENT_STOCK: 'Not enough stock is available; params.short lists part, requested and available.',
  INVALID_CURSOR: 'The `after` cursor is not one the list handed out.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  MONEY_OUT_OF_RANGE: 'A money amount must be ≥ 0 with at most 12 integer digits and 2 decimals; params.field or params.variable, params.value.',
  NOT_FOUND: 'The record was not found.',
  NO_STATION: 'The operation needs a station and your token names none.',
  ORDER_SETTLED: 'The repair order is settled: no issue, return or price change after settlement; params.number.',
  OTHER_STATION: 'The record or station belongs to another station; a station user acts only for their own.',
  PART_NOT_FOUND: 'No part with that id (or number); params.partId or params.partNo.',
  QUANTITY_NOT_WHOLE: 'The part is counted in whole units (unitPrecision 0); params.field, params.partNo.',
  QUANTITY_OUT_OF_RANGE: 'A quantity must be > 0 and at most 1,000,000; params.field, params.max.',
  QUANTITY_TOO_PRECISE: 'A quantity has more than 3 decimals; params.field, params.decimals.',
  QUERY_INVALID: 'The GraphQL document does not fit the schema (unknown field, argument, type or operation).',
  QUERY_SYNTAX: 'The GraphQL document is not valid GraphQL syntax.',
  QUERY_TOO_COMPLEX: 'The GraphQL document is too deep, has too many aliases or costs more than allowed; params.maxCost when it is the cost.',
  REFERENCED_RECORD_NOT_FOUND: 'A record the input refers to does not exist.',
  REQUIRED: 'A value that must not be empty is empty; params.field.',
  ROLE_REQUIRED: 'The operation needs one of the roles in params.roles.',
  RULE_VIOLATED: 'The change would break a rule of the data (e.g. a negative quantity on hand).',
  SERVICE_ONLY: "The endpoint is for the platform's own services only.",
  SERVICE_UNAVAILABLE: 'A part of the platform did not answer in time or is down; retry later (with the same idempotency key for a mutation).',
  STATION_REQUIRED: 'The operation needs a stationId (HQ names the station it acts for).',
  TOKEN_EXPIRED: 'The bearer token has expired; sign in again.',
  TOKEN_INVALID: 'The bearer token is missing, malformed, expired or not signed by the platform.',
  TOKEN_MISSING: 'No bearer token was sent.',
  TOO_LARGE: 'A number is larger than allowed; params.field, params.max.',
  TOO_LONG: 'A text is longer than allowed; params.field or params.variable, params.max.',
  TOO_MANY_LINES: 'A list has more entries than allowed (200 lines per document, 2,000 rows per import); params.field, params.max.',
  TOO_SMALL: 'A number is smaller than allowed; params.field, params.min.',
  UNKNOWN_ROLE: 'A token names a role the platform does not know; params.role.',
} as const satisfies Record<string, string>;

export type Reason = keyof typeof REASONS;
