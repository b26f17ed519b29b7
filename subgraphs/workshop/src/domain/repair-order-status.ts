/**
 * The life of a repair order (委托书 / 工单) as far as parts go, pure:
 * OPEN → IN_PROGRESS (first requisition) → COMPLETED → SETTLED; CANCELLED
 * from OPEN or IN_PROGRESS while nothing is issued net. Parts may be issued,
 * returned and re-priced until settlement; after it (and after a
 * cancellation) the parts of the order are frozen.
 */
export type RepairOrderStatusValue = 'OPEN' | 'IN_PROGRESS' | 'COMPLETED' | 'SETTLED' | 'CANCELLED';

/** Issues, returns and price changes are accepted only in these. */
export const acceptsPartChanges = (s: RepairOrderStatusValue): boolean => s === 'OPEN' || s === 'IN_PROGRESS' || s === 'COMPLETED';

/** The status after a requisition was recorded (the first one starts the work). */
export const afterRequisition = (s: RepairOrderStatusValue): RepairOrderStatusValue => (s === 'OPEN' ? 'IN_PROGRESS' : s);

export type Transition = 'COMPLETE' | 'SETTLE' | 'CANCEL';

export interface TransitionFacts {
  status: RepairOrderStatusValue;
  /** Σ (issued − returned) over its requisition lines. */
  netIssued: number;
  /** Requisitions or returns still between workshop and stock. */
  inFlight: number;
}

/** Why the transition is refused (a CONFLICT message), or null with the new status. */
export type TransitionRefusal = 'DOCUMENT_IN_PROGRESS' | 'ORDER_SETTLED' | 'ORDER_CANCELLED' | 'WRONG_STATUS' | 'ORDER_NOT_COMPLETED' | 'PARTS_STILL_ISSUED';

/** The reason a closed (settled or cancelled) order refuses a change with. */
const closedReason = (s: RepairOrderStatusValue): TransitionRefusal => (s === 'SETTLED' ? 'ORDER_SETTLED' : s === 'CANCELLED' ? 'ORDER_CANCELLED' : 'WRONG_STATUS');

export function decideTransition(t: Transition, f: TransitionFacts): { refused: string; reason: TransitionRefusal } | { status: RepairOrderStatusValue } {
  if (f.inFlight > 0) return { refused: 'A requisition or return of this repair order is still being processed; try again', reason: 'DOCUMENT_IN_PROGRESS' };
  switch (t) {
    case 'COMPLETE':
      if (f.status === 'OPEN' || f.status === 'IN_PROGRESS') return { status: 'COMPLETED' };
      return { refused: `A ${f.status} repair order cannot be completed`, reason: closedReason(f.status) };
    case 'SETTLE':
      if (f.status === 'COMPLETED') return { status: 'SETTLED' };
      return f.status === 'OPEN' || f.status === 'IN_PROGRESS'
        ? { refused: 'Complete the repair order before settling it', reason: 'ORDER_NOT_COMPLETED' }
        : { refused: `A ${f.status} repair order cannot be settled`, reason: closedReason(f.status) };
    case 'CANCEL':
      if (f.status !== 'OPEN' && f.status !== 'IN_PROGRESS') return { refused: `A ${f.status} repair order cannot be cancelled`, reason: closedReason(f.status) };
      if (f.netIssued > 1e-9) return { refused: 'Parts are still issued to this repair order; return them before cancelling', reason: 'PARTS_STILL_ISSUED' };
      return { status: 'CANCELLED' };
  }
}

/** A returnable quantity: never more than issued − returned (to the unit precision of 3 decimals). */
export const returnable = (issued: number, returned: number): number => Math.round((issued - returned) * 1000) / 1000;
