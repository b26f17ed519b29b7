/**
 * Deciding HQ's confirmation of an order to its depot (pure: rows and input
 * in, a plan or a refusal out). Per line: `confirmed` is reserved now and
 * adds to what the line has confirmed; `backordered` becomes what the depot
 * still owes; together they never exceed what is open on the line (ordered
 * less confirmed so far). Whatever is left over is declined.
 */
import { checkQuantity, ErrorCode, refusal, round3 } from '../../../shared/src';

export interface DepotLineState {
  id: string;
  lineNo: number;
  partId: string;
  quantity: number;
  confirmed: number;
  backordered: number;
  shipped: number;
  unitPrecision: number;
  eta: Date | null;
}

export interface DepotConfirmRequest {
  purchaseOrderLineId: string;
  confirmed: number;
  backordered: number;
  eta?: Date | string | null;
}

export interface ConfirmPlanLine {
  lineId: string;
  lineNo: number;
  partId: string;
  /** Added to the line's confirmed quantity (reserved in the depot now). */
  confirmed: number;
  /** The line's back-order after this confirmation. */
  backordered: number;
  /** ISO date or null. */
  eta: string | null;
}

export function planConfirmation(lines: DepotLineState[], requests: DepotConfirmRequest[], orderNumber: string): ConfirmPlanLine[] {
  if (!Array.isArray(requests) || !requests.length) throw refusal(ErrorCode.BAD_USER_INPUT, 'EMPTY_LIST', 'Name at least one line to confirm', { field: 'lines' });
  if (requests.length > 200) throw refusal(ErrorCode.BAD_USER_INPUT, 'TOO_MANY_LINES', 'At most 200 lines in one confirmation', { field: 'lines', max: 200, count: requests.length });
  const byId = new Map(lines.map((l) => [l.id, l]));
  const seen = new Set<string>();
  return requests.map((r, i) => {
    const n = i + 1;
    const line = byId.get(r.purchaseOrderLineId);
    if (!line) throw refusal(ErrorCode.BAD_USER_INPUT, 'NOT_A_LINE_OF_ORDER', `Line ${n} is not a line of order ${orderNumber}`, { field: `lines.${n}.purchaseOrderLineId`, number: orderNumber });
    if (seen.has(line.id)) throw refusal(ErrorCode.BAD_USER_INPUT, 'DUPLICATE_LINE', `Line ${n} repeats an order line`, { field: `lines.${n}.purchaseOrderLineId` });
    seen.add(line.id);
    const confirmed = checkQuantity(Number(r.confirmed), `lines.${n}.confirmed`, { precision: line.unitPrecision, allowZero: true });
    const backordered = checkQuantity(Number(r.backordered), `lines.${n}.backordered`, { precision: line.unitPrecision, allowZero: true });
    const open = round3(line.quantity - line.confirmed);
    if (round3(confirmed + backordered) > open) {
      throw refusal(ErrorCode.BAD_USER_INPUT, 'DEPOT_CONFIRM_OVER_OPEN',
        `Line ${n}: ${confirmed} confirmed + ${backordered} back-ordered is more than the ${open} still open (ordered ${line.quantity}, confirmed before ${line.confirmed})`,
        { field: `lines.${n}`, line: line.lineNo, ordered: line.quantity, open, confirmed, backordered });
    }
    let eta: string | null = null;
    if (r.eta !== undefined && r.eta !== null) {
      const d = r.eta instanceof Date ? r.eta : new Date(r.eta);
      if (Number.isNaN(d.getTime())) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE', `Line ${n}: eta is no date`, { field: `lines.${n}.eta` });
      eta = d.toISOString();
    } else if (backordered > 0 && line.eta) eta = line.eta.toISOString();
    return { lineId: line.id, lineNo: line.lineNo, partId: line.partId, confirmed, backordered, eta: backordered > 0 ? eta : null };
  });
}

/** What is confirmed and not yet shipped, per line: the next shipment. */
export function toShip(lines: DepotLineState[]): { lineId: string; partId: string; quantity: number }[] {
  return lines.map((l) => ({ lineId: l.id, partId: l.partId, quantity: round3(l.confirmed - l.shipped) })).filter((l) => l.quantity > 0);
}
