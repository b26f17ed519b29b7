/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  CATALOG_UNAVAILABLE: "The parts catalogue (parts, prices, vehicle models, search) did not answer in time or is down; retry after params.retryAfterSeconds (a change with the same idempotency key). params.part = 'catalog'.",
  DATABASE_UNAVAILABLE: "The database is down or restarting; nothing new was stored unless a retry with the same idempotency key says so. params.part = 'database', params.retryAfterSeconds.",
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  PLATFORM_UNAVAILABLE: "A part of the platform that cannot be named did not answer in time; retry after params.retryAfterSeconds. params.part = 'platform'.",
  PURCHASING_UNAVAILABLE: "Purchasing (suppliers, purchase orders, receiving, shortages, reorder) did not answer in time or is down; retry after params.retryAfterSeconds. params.part = 'purchasing'.",
  SIGN_IN_UNAVAILABLE: "Sign-in (people, sessions) did not answer in time or is down; retry after params.retryAfterSeconds. params.part = 'sign-in'.",
  STOCK_UNAVAILABLE: "Stock (levels, bins, movements, transfers, stocktakes, surplus) did not answer in time or is down; the other parts of a page are still shown; retry after params.retryAfterSeconds. params.part = 'stock'.",
  WORKSHOP_UNAVAILABLE: "The workshop (repair orders, requisitions, counter sales) did not answer in time or is down; retry after params.retryAfterSeconds. params.part = 'workshop'.",
};
