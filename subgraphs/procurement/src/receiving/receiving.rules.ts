/**
 * Deciding a receipt (验收): checks every input line against the order and
 * splits it into accepted (to a bin) and damaged (quarantine + claim +
 * replacement). Pure: data in, a plan or a coded error out.
 */
import { badInput, checkQuantity, ErrorCode, refusal, round3, idInput } from '../../../shared/src';
import { lineCents } from '../../../shared/src/money';
import { statusAfterReceipt, type OrderStatus } from '../purchase-order/purchase-order.rules';

export interface OrderLineState {
  id: string;
  partId: string;
  quantity: number;
  unitPrice: string;
  unitPrecision: number;
  category: string | null;
  received: number;
  /** Set for an order to HQ's depot: what the depot shipped of the line, the most that can be received. */
  shipped?: number;
}

export interface ReceiptLineRequest {
  purchaseOrderLineId: string;
  received: number;
  damaged?: number | null;
  damageReason?: string | null;
  binId?: string | null;
}

export interface PlannedLine {
  orderLine: OrderLineState;
  received: number;
  accepted: number;
  damaged: number;
  damageReason: string | null;
  binId: string | null;
  damageCents: bigint;
}

export interface ReceiptPlan {
  lines: PlannedLine[];
  status: OrderStatus;
  damaged: PlannedLine[];
  claimCents: bigint;
}


export function planReceipt(order: OrderLineState[], requests: ReceiptLineRequest[], allowOverReceipt: boolean): ReceiptPlan {
  if (!requests.length) throw badInput('EMPTY_LIST', 'A receipt needs at least one line', { field: 'lines' });
  const byId = new Map(order.map((l) => [l.id, l]));
  const seen = new Set<string>();
  const lines = requests.map((req, i): PlannedLine => {
    const f = (name: string) => `lines.${i + 1}.${name}`;
    const at = (name: string) => ({ field: f(name), line: i + 1 });
    const line = byId.get(req.purchaseOrderLineId);
    if (!line) throw badInput('NOT_A_LINE_OF_DOCUMENT', `Line ${i + 1} is not a line of this purchase order`, at('purchaseOrderLineId'));
    if (seen.has(line.id)) throw badInput('DUPLICATE_LINE', `Line ${i + 1} repeats an order line`, at('purchaseOrderLineId'));
    seen.add(line.id);
    const received = checkQuantity(req.received, f('received'), { precision: line.unitPrecision, allowZero: true });
    const damaged = checkQuantity(req.damaged ?? 0, f('damaged'), { precision: line.unitPrecision, allowZero: true });
    if (damaged > received) throw badInput('DAMAGED_ABOVE_RECEIVED', `Line ${i + 1}: damaged (${damaged}) exceeds received (${received})`, { ...at('damaged'), damaged, received });
    if (req.binId != null) idInput(req.binId, f('binId'), `Line ${i + 1}: binId must be an id`, { line: i + 1 });
    const reason = req.damageReason?.trim() || null;
    if (damaged > 0 && !reason) throw badInput('DAMAGE_REASON_REQUIRED', `Line ${i + 1}: say what is damaged`, at('damageReason'));
    if (line.shipped !== undefined && round3(line.received + received) > line.shipped) {
      throw refusal(ErrorCode.BAD_USER_INPUT, 'OVER_SHIPPED', `Line ${i + 1}: ${round3(line.received + received)} would be received of ${line.shipped} the depot shipped`,
        { field: `lines.${i + 1}.received`, shipped: line.shipped, received: round3(line.received + received) });
    }
    if (!allowOverReceipt && round3(line.received + received) > line.quantity) {
      throw badInput('OVER_RECEIPT', `Line ${i + 1}: ${round3(line.received + received)} would be received of ${line.quantity} ordered; receiving more than ordered must be asked for explicitly`, { ...at('received'), ordered: line.quantity, alreadyReceived: line.received, wouldBe: round3(line.received + received) });
    }
    return { orderLine: line, received, damaged, accepted: round3(received - damaged), damageReason: damaged > 0 ? reason : null, binId: req.binId ?? null, damageCents: damaged > 0 ? lineCents(damaged, line.unitPrice) : 0n };
  });
  if (!lines.some((l) => l.received > 0)) throw badInput('NOTHING_RECEIVED', 'Nothing was received: every line has received = 0', { field: 'lines' });
  const after = order.map((l) => ({ quantity: l.quantity, received: round3(l.received + (lines.find((x) => x.orderLine.id === l.id)?.received ?? 0)) }));
  const damaged = lines.filter((l) => l.damaged > 0);
  return { lines, status: statusAfterReceipt(after), damaged, claimCents: damaged.reduce((s, l) => s + l.damageCents, 0n) };
}
