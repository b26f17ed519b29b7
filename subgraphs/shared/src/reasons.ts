/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  EXPORT_UNKNOWN: 'There is no Excel export of that name; params.list is what was asked, params.lists the exports there are.',
  INVALID_CURSOR: 'The `after` cursor is not one this list gave out, or it was made for another sort order; params.field names it.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  MORE_THAN_MISSING: "A write-off of a transfer's missing quantity asks for more than the line still misses (less what other pending write-offs ask); params.number, params.line (from 1), params.missing, params.requested.",
  REASON_REQUIRED: 'The operation needs a reason (a rejection, a write-off); params.field names it.',
  SELF_APPROVAL: 'Another manager than the requester must approve (a write-off); params.number is the document.',
  SORT_FIELD_UNKNOWN: 'The list cannot be sorted by that field; params.field is what was asked, params.allowed the fields it can be sorted by.',
  TEXT_TOO_LONG: 'A note or reason is longer than allowed; params.field names it, params.max is the limit.',
};
