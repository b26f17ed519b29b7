/**
 * The purchase-order lifecycle as data: DRAFT → SUBMITTED → SHIPPED (已到货)
 * → PARTIALLY_RECEIVED / RECEIVED (已入库) → CLOSED, and CANCELLED before any
 * goods arrive. Pure: no I/O, no clock.
 */
export type OrderStatus = 'DRAFT' | 'SUBMITTED' | 'SHIPPED' | 'PARTIALLY_RECEIVED' | 'RECEIVED' | 'CLOSED' | 'CANCELLED';
export type OrderAction = 'submit' | 'ship' | 'cancel' | 'close';

const ALLOWED: Record<OrderAction, { from: OrderStatus[]; to: OrderStatus }> = {
  submit: { from: ['DRAFT'], to: 'SUBMITTED' },
  ship: { from: ['SUBMITTED'], to: 'SHIPPED' },
  // Once anything is received the goods are in stock: close short instead of cancelling.
  cancel: { from: ['DRAFT', 'SUBMITTED', 'SHIPPED'], to: 'CANCELLED' },
  // Closing a partially received order gives up on the rest (short-close).
  close: { from: ['RECEIVED', 'PARTIALLY_RECEIVED'], to: 'CLOSED' },
};

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextStatus(from: OrderStatus, action: OrderAction): OrderStatus | null {
  const rule = ALLOWED[action];
  return rule.from.includes(from) ? rule.to : null;
}

/** Goods may be received only against an order the supplier has shipped. */
export const RECEIVABLE: readonly OrderStatus[] = ['SHIPPED', 'PARTIALLY_RECEIVED'];

/** Status after a receipt, from each line's ordered and (new) received totals. */
export function statusAfterReceipt(lines: { quantity: number; received: number }[]): OrderStatus {
  return lines.every((l) => l.received >= l.quantity - 1e-9) ? 'RECEIVED' : 'PARTIALLY_RECEIVED';
}
