/**
 * Named fault points: where a test may make a process "die" — after a
 * command's remote step, before its local finish. Production never sets a
 * hook; `runtime.faults` is empty there.
 */
export type FaultPoint =
  /** A requisition claimed (PENDING), stock not yet asked (workshop): a slow moment between asking and issuing. */
  | 'requisition.beforeRemote'
  | 'requisition.afterRemote'
  /** Inside a requisition's final transaction, its lines written, the order's status not yet moved (workshop): for lock-order tests. */
  | 'requisition.inFinalTransaction'
  | 'requisitionReturn.afterRemote'
  | 'counterSale.afterRemote'
  | 'counterSaleReturn.afterRemote'
  /** A goods receipt committed, stock not yet asked (procurement). */
  | 'stockPosting.beforeRemote'
  /** Stock booked a goods receipt, its posting not yet marked DONE (procurement). */
  | 'stockPosting.afterRemote'
  /** The depot's stock left its bins, the order not yet SHIPPED (procurement). */
  | 'depotShipment.afterRemote'
  /** A damage claim's goods left quarantine back to the supplier, the claim not yet marked returned (procurement). */
  | 'damageReturn.afterRemote';

/** Test hooks by fault point (`runtime.faults`); a hook that throws is the crash. */
export type Faults = Partial<Record<FaultPoint, (id: string) => void | Promise<void>>>;

export async function faultPoint(rt: { faults: Faults }, point: FaultPoint, id: string): Promise<void> {
  await rt.faults[point]?.(id);
}
