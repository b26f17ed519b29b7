/**
 * returnDamagedGoods (退货给供应商): the damaged quantity of a claim leaves the
 * quarantine bins it was put into on receipt, back to the supplier — the stock
 * command `returnToSupplier` writes one SUPPLIER_RETURN movement per line.
 *
 * The caller's key is claimed on the claim row first (one return per claim):
 * the same key again answers the first result (and finishes a return a
 * failure left half-way: stock's own key is per claim, so it moves the goods
 * once whatever the number of attempts); another key once a return was made
 * or started is CONFLICT, reason ALREADY_RETURNED. When stock refuses (the
 * goods are no longer in quarantine, say), the claim is released again and
 * nothing has moved.
 */
import {
  assertStationAccess, sendCommand, DomainError, ErrorCode, isUuid, refusal, unknownId, type Context,
} from '../../../shared/src';
import { DamageClaimStatus, type DamageClaim } from './damage-claim.type';
import { toClaim } from './damage-claim.service';

/** Claims whose goods may go back: sent to the supplier and not refused or closed. */
const RETURNABLE: string[] = [DamageClaimStatus.SUBMITTED, DamageClaimStatus.ACCEPTED];

interface ReturnLine { id: string; part_id: string; quantity: string; quarantine_bin_id: string | null }

const linesOf = (db: Pick<Context['db'], 'query'>, claimId: string): Promise<ReturnLine[]> =>
  db.query(
    `SELECT dl.id, dl.part_id, dl.quantity, gl.quarantine_bin_id FROM procurement.damage_claim_line dl
       JOIN procurement.goods_receipt_line gl ON gl.id = dl.goods_receipt_line_id WHERE dl.damage_claim_id = $1 ORDER BY dl.id`, [claimId]);

export async function returnDamagedGoods(ctx: Context, claimId: string, idempotencyKey: string): Promise<DamageClaim> {
  const key = idempotencyKey?.trim() ?? '';
  if (!key || key.length > 200) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_IDEMPOTENCY_KEY', 'idempotencyKey must be 1 to 200 characters', { field: 'idempotencyKey', min: 1, max: 200 });
  if (!isUuid(claimId)) throw unknownId('DAMAGE_CLAIM_NOT_FOUND', 'Damage claim', claimId);

  const claim = await ctx.db.transaction(async (tx) => {
    const [c] = await tx.query(`SELECT * FROM procurement.damage_claim WHERE id = $1 FOR UPDATE`, [claimId]);
    if (!c) throw unknownId('DAMAGE_CLAIM_NOT_FOUND', 'Damage claim', claimId);
    assertStationAccess(ctx, c.station_id);
    if (c.return_key) {
      if (c.return_key === key) return c;
      throw refusal(ErrorCode.CONFLICT, 'ALREADY_RETURNED', `The goods of damage claim ${c.number} have gone back to the supplier already`,
        { number: c.number, returnedAt: c.returned_at ? new Date(c.returned_at).toISOString() : null });
    }
    if (!RETURNABLE.includes(c.status)) {
      throw refusal(ErrorCode.CONFLICT, 'CLAIM_NOT_RETURNABLE', `Damage claim ${c.number} is ${c.status}; goods go back once the claim has been submitted (and not rejected or settled)`,
        { number: c.number, status: c.status });
    }
    const lines = await linesOf(tx, claimId);
    if (lines.some((l) => !l.quarantine_bin_id)) {
      throw refusal(ErrorCode.CONFLICT, 'RECEIPT_NOT_POSTED', `The receipt of damage claim ${c.number} is not booked into stock yet; try again shortly`, { number: c.number });
    }
    const [[u]] = await tx.query(
      `UPDATE procurement.damage_claim SET return_key = $2, return_requested_at = $3, returned_by = $4, updated_at = $3 WHERE id = $1 RETURNING *`,
      [claimId, key, ctx.now(), ctx.user.id]);
    return u;
  });

  if (!claim.returned_at) {
    const lines = await linesOf(ctx.db, claimId);
    try {
      await sendCommand(ctx.runtime, 'returnToSupplier', {
        idempotencyKey: `damage-claim-return:${claim.id}`,
        stationId: claim.station_id,
        reference: claim.number,
        // every line has its quarantine bin: checked in the transaction above
        lines: lines.map((l) => ({ lineKey: l.id, partId: l.part_id, binId: l.quarantine_bin_id as string, quantity: Number(l.quantity) })),
      }, ctx.user);
    } catch (err) {
      if (err instanceof DomainError) {
        // Stock refused: nothing moved; release the claim so that the return can be made once the cause is fixed.
        await ctx.db.query(
          `UPDATE procurement.damage_claim SET return_key = NULL, return_requested_at = NULL, returned_by = NULL WHERE id = $1 AND return_key = $2 AND returned_at IS NULL`,
          [claimId, key]);
      }
      throw err;
    }
    await ctx.db.query(`UPDATE procurement.damage_claim SET returned_at = $2, updated_at = $2 WHERE id = $1 AND returned_at IS NULL`, [claimId, ctx.now()]);
  }
  ctx.loaders.delete('damageClaim');
  const [row] = await ctx.db.query(`SELECT * FROM procurement.damage_claim WHERE id = $1`, [claimId]);
  return toClaim(row);
}
