/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  INVALID_CURSOR: 'The `after` cursor is not one this list gave out, or it was made for another sort order; params.field names it.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  SORT_FIELD_UNKNOWN: 'The list cannot be sorted by that field; params.field is what was asked, params.allowed the fields it can be sorted by.',
};
