/**
 * Every `extensions.reason` a client can meet, with what it means. The README's
 * reasons list and the console's translations are checked against this table:
 * a reason thrown anywhere must be listed here (one line each, kept sorted).
 */
export const REASONS: Record<string, string> = {
  DEPOT_CONFIRM_OVER_OPEN: 'HQ confirms and back-orders more of a depot order line than is still open (ordered less confirmed before); params.field, params.line, params.ordered, params.open, params.confirmed, params.backordered.',
  DEPOT_NOT_RESERVED: "A depot shipment asks for more than the order line holds in the depot's stock (confirmed, not yet shipped); params.line, params.partNo, params.quantity.",
  DEPOT_ORDERS_ITSELF: 'The depot cannot order from its own supplier; params.number.',
  DEPOT_ORDER_BUSY: 'Another confirmation or shipment of this depot order is being completed; try again in a moment; params.number.',
  DEPOT_ORDER_CONFIRMED: "HQ's depot has confirmed (reserved) stock for this order, so the station cannot cancel it any more; ask HQ; params.number.",
  DEPOT_ORDER_NOT_OPEN: 'The depot confirms and ships only orders that are submitted (or still owed after a shipment); params.number, params.status.',
  DEPOT_PRICE_FIXED: "An order to HQ's depot is at the depot's price; leave unitPrice out; params.field, params.partNo, params.price.",
  DEPOT_SHIPS_ITSELF: "An order to HQ's depot is marked shipped by the depot's shipment (shipDepotOrder), not by the station; params.number.",
  DEPOT_STOCK_SHORT: "HQ's depot has less available than a confirmation asks for; nothing was reserved; params.partNo, params.line, params.requested, params.available, params.short (every short line).",
  DUPLICATE_LINE: 'A line repeats an order line named before it; params.field (1-based).',
  HQ_ONLY: "Only HQ (HQ_ADMIN) may do this: the depot's order desk, the network's stock, the scorecards.",
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was used for another document; use a new key; params.field.',
  INVALID_CURSOR: 'after is not a cursor this list handed out; params.field.',
  INVALID_IDEMPOTENCY_KEY: 'The idempotency key is empty or longer than 200 characters; params.field, params.min, params.max.',
  INVALID_MONTH: 'A month is not written like 2026-03; params.field, params.value.',
  INVALID_VALUE: 'A value has the wrong form for its type (a Decimal that is no decimal, a DateTime that is no date, a string with a NUL character); params.variable or params.field names it.',
  NOTHING_SELECTED: 'The operation needs at least one part (or line) and none was given; params.field.',
  NOTHING_TO_SHIP: 'The depot order has nothing confirmed that is not shipped yet; params.number.',
  NOT_A_DEPOT: 'The station named is not a parts depot; params.stationId.',
  NOT_A_DEPOT_ORDER: "The purchase order is not an order to HQ's depot; params.number.",
  NOT_A_LINE_OF_ORDER: 'A line names an order line that is not on this order; params.field (1-based), params.number.',
  NO_DEPOT: 'The network has no parts depot (a station of kind DEPOT) yet.',
  OVER_SHIPPED: 'More would be received of a depot order line than the depot shipped; params.field, params.shipped, params.received.',
  TOO_MANY_ROWS: 'More rows than one call takes (2,000 per import or selection); params.max, params.count.',
};
