/**
 * `returnToSupplier` (退货给供应商): damaged goods leave the station's quarantine
 * bin back to the supplier, one SUPPLIER_RETURN movement per line. Only
 * quarantine bins: sellable stock goes back through write-offs or transfers.
 * Idempotent by key (procurement's returnDamagedGoods uses one key per claim).
 */
import { badInput, type Context } from '../../../shared/src';
import { applyMoves } from '../movement/movement.service';
import { idempotent } from '../movement/idempotency';
import { checkLines, ownBin } from './stock-command.helpers';
import type { ReturnedToSupplierLine, ReturnToSupplierInput, ReturnToSupplierResult } from '../../../shared/src';

export async function returnToSupplier(ctx: Context, input: ReturnToSupplierInput): Promise<ReturnToSupplierResult> {
  const lines = (input?.lines ?? []).map((l, i) => ({ ...l, lineKey: l.lineKey ?? String(i) }));
  await checkLines(ctx, lines);
  return idempotent(ctx, 'returnToSupplier', input.idempotencyKey, async (tx) => {
    const out: ReturnedToSupplierLine[] = [];
    for (const [i, l] of lines.entries()) {
      const bin = await ownBin(tx, ctx, l.binId, input.stationId);
      if (!bin.quarantine) throw badInput('INVALID_VALUE', `Line ${i + 1}: goods go back to the supplier from a quarantine bin only`, { [`lines.${i}.binId`]: 'not quarantine' });
      out.push({ lineKey: l.lineKey, partId: l.partId, binId: bin.id, quantity: l.quantity as number });
    }
    await applyMoves(tx, ctx, out.map((l) => ({ type: 'SUPPLIER_RETURN' as const, partId: l.partId, binId: l.binId, delta: -l.quantity, reference: input.reference ?? null })));
    return { lines: out };
  });
}
