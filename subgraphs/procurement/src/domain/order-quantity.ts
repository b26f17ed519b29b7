/**
 * How much to order (订货量): the order-up-to level minus the inventory
 * position, surplus from other stations first (积压备件调剂), the rest bought
 * new in whole packs and at least the minimum order quantity.
 */
import { ceilToStep, roundToStep } from './fill-rate';
// Math's members as module constants: global lookups are slow inside jest's vm context.
const { ceil, max, min } = Math;


/** The smallest quantity ≥ `quantity` that is a whole number of packs and ≥ MOQ (0 stays 0). */
export function roundUpToLot(quantity: number, packSize: number, minOrderQty: number, step: number): number {
  if (quantity <= 1e-9) return 0;
  const pack = packSize > 0 ? packSize : step;
  const wanted = max(quantity, minOrderQty > 0 ? minOrderQty : 0);
  return roundToStep(ceil(wanted / pack - 1e-9) * pack, step);
}

/** The smallest order step: one pack, or the MOQ rounded up to packs when that is larger. */
export function orderLot(packSize: number, minOrderQty: number, step: number): number {
  return max(step, roundUpToLot(max(packSize, step), packSize, minOrderQty, step));
}

export interface PositionInput {
  /** Free stock: on hand minus what is reserved for requisitions. */
  available: number;
  /** Inbound transfers. */
  inTransit: number;
  /** Open purchase-order quantity not yet received. */
  onOrder: number;
  /** Demand already owed: open requisition shortages (缺件). */
  backorders: number;
}

export function inventoryPosition(p: PositionInput): number {
  return p.available + p.inTransit + p.onOrder - p.backorders;
}

export interface OrderDecision {
  inventoryPosition: number;
  /** orderUpTo − position when the position is below orderUpTo, else 0. */
  netRequirement: number;
  /** Proposed from other stations' surplus listings before buying: min(surplus, requirement). */
  fromNetworkSurplus: number;
  /** To buy new: the rest, rounded up to packs and MOQ. */
  suggestedQuantity: number;
}

export function decideOrder(orderUpTo: number, position: PositionInput, networkSurplus: number, packSize: number, minOrderQty: number, step: number): OrderDecision {
  const ip = roundToStep(inventoryPosition(position), step);
  const need = ip < orderUpTo - 1e-9 ? roundToStep(orderUpTo - ip, step) : 0;
  const fromSurplus = need > 0 ? min(max(0, networkSurplus), need) : 0;
  const rest = roundToStep(need - fromSurplus, step);
  return {
    inventoryPosition: ip,
    netRequirement: need,
    fromNetworkSurplus: roundToStep(fromSurplus, step),
    suggestedQuantity: rest > 0 ? roundUpToLot(ceilToStep(rest, step), packSize, minOrderQty, step) : 0,
  };
}
