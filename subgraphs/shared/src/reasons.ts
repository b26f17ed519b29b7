/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  ALREADY_RETURNED: 'The damaged goods of this claim went back to the supplier already (or are on their way) under another idempotency key; params.number, params.returnedAt.',
  CLAIM_NOT_RETURNABLE: 'Damaged goods go back to the supplier only while the claim is SUBMITTED or ACCEPTED; params.number, params.status.',
  DUPLICATE_ROW: 'An import row repeats an earlier row\'s key (e.g. the same supplier and part); params.row (1-based), params.partNo.',
  INVALID_IDEMPOTENCY_KEY: 'The idempotency key is empty or longer than 200 characters; params.field, params.min, params.max.',
  INVALID_PRICE: 'A price is negative or has more than 12 integer digits or 2 decimals; params.field, params.value, params.partNo.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  NOTHING_SELECTED: 'The operation needs at least one part (or line) and none was given; params.field.',
  NOTHING_TO_ORDER: 'None of the selected parts has a recommended quantity to buy; params.partNos.',
  NO_SUPPLIER_OFFER: 'No supplier offers these parts, so no order can go out for them: add an offer (setSupplierOffer) first; params.partNos, params.partIds.',
  ORDER_NOT_DRAFT: 'Only a DRAFT purchase order can be changed; params.number, params.status.',
  ORDER_STATION_FIXED: 'A purchase order stays at the station it was raised for; params.number, params.field.',
  ORDER_STATUS_CONFLICT: 'The purchase order\'s status does not allow this step (e.g. cancelling once goods were received); params.number, params.status, params.action (submit, ship, cancel, close).',
  PART_NOT_FOUND: 'The catalog has no such part; params.field (and params.row in an import).',
  QUANTITY_TOO_LARGE: 'A quantity is above 1,000,000; params.field, params.max, params.partNo.',
  RECEIPT_NOT_POSTED: 'The receipt behind this damage claim is not booked into stock yet, so the quarantined goods cannot move; retry shortly; params.number.',
  SUPPLIER_DOES_NOT_OFFER_PART: 'The supplier has no offer for the part: give a unit price or add the offer; params.partNo / params.partNos, params.line and params.field (1-based) for an order line.',
  SUPPLIER_NOT_FOUND: 'There is no such supplier; params.field (and params.row in an import).',
  TEXT_TOO_LONG: 'A note or reason is longer than 2,000 characters; params.field, params.max, params.length.',
  TOO_MANY_ROWS: 'More rows than one call takes (2,000 per import or selection); params.max, params.count.',
};
