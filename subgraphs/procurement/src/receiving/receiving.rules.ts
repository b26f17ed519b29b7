/**
 * Deciding a receipt (验收): checks every input line against the order and
 * splits it into accepted (to a bin) and damaged (quarantine + claim +
 * replacement). Pure: data in, a plan or a coded error out.
 */
import { badInput, checkQuantity, isUuid, round3 } from '../../../shared/src';
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
  if (!requests.length) throw badInput('A receipt needs at least one line', { lines: 'empty' });
  const byId = new Map(order.map((l) => [l.id, l]));
  const seen = new Set<string>();
  const lines = requests.map((req, i): PlannedLine => {
    const f = (name: string) => `lines.${i}.${name}`;
    const line = byId.get(req.purchaseOrderLineId);
    if (!line) throw badInput(`Line ${i + 1} is not a line of this purchase order`, { [f('purchaseOrderLineId')]: 'unknown line' });
    if (seen.has(line.id)) throw badInput(`Line ${i + 1} repeats an order line`, { [f('purchaseOrderLineId')]: 'duplicate' });
    seen.add(line.id);
    const received = checkQuantity(req.received, f('received'), { precision: line.unitPrecision, allowZero: true });
    const damaged = checkQuantity(req.damaged ?? 0, f('damaged'), { precision: line.unitPrecision, allowZero: true });
    if (damaged > received) throw badInput(`Line ${i + 1}: damaged (${damaged}) exceeds received (${received})`, { [f('damaged')]: 'more than received' });
    if (req.binId != null && !isUuid(req.binId)) throw badInput(`Line ${i + 1}: binId must be an id`, { [f('binId')]: 'not an id' });
    const reason = req.damageReason?.trim() || null;
    if (damaged > 0 && !reason) throw badInput(`Line ${i + 1}: say what is damaged (damageReason)`, { [f('damageReason')]: 'required when damaged > 0' });
    if (!allowOverReceipt && round3(line.received + received) > line.quantity) {
      throw badInput(`Line ${i + 1}: ${round3(line.received + received)} would be received of ${line.quantity} ordered (pass allowOverReceipt to accept more)`, { [f('received')]: 'more than ordered' });
    }
    return { orderLine: line, received, damaged, accepted: round3(received - damaged), damageReason: damaged > 0 ? reason : null, binId: req.binId ?? null, damageCents: damaged > 0 ? lineCents(damaged, line.unitPrice) : 0n };
  });
  if (!lines.some((l) => l.received > 0)) throw badInput('Nothing was received: every line has received = 0', { lines: 'nothing received' });
  const after = order.map((l) => ({ quantity: l.quantity, received: round3(l.received + (lines.find((x) => x.orderLine.id === l.id)?.received ?? 0)) }));
  const damaged = lines.filter((l) => l.damaged > 0);
  return { lines, status: statusAfterReceipt(after), damaged, claimCents: damaged.reduce((s, l) => s + l.damageCents, 0n) };
}
