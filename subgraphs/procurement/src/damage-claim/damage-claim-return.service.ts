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
import { damageClaimRepository } from './damage-claim.repository';

/** Claims whose goods may go back: sent to the supplier and not refused or closed. */
const RETURNABLE: string[] = [DamageClaimStatus.SUBMITTED, DamageClaimStatus.ACCEPTED];


export async function returnDamagedGoods(ctx: Context, claimId: string, idempotencyKey: string): Promise<DamageClaim> {
  const key = idempotencyKey?.trim() ?? '';
  if (!key || key.length > 200) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_IDEMPOTENCY_KEY', 'idempotencyKey must be 1 to 200 characters', { field: 'idempotencyKey', min: 1, max: 200 });
  if (!isUuid(claimId)) throw unknownId('DAMAGE_CLAIM_NOT_FOUND', 'Damage claim', claimId);

  const claim = await ctx.db.transaction(async (tx) => {
    const c = await damageClaimRepository.lock(tx, claimId);
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
    const lines = await damageClaimRepository.returnLines(tx, claimId);
    if (lines.some((l) => !l.quarantine_bin_id)) {
      throw refusal(ErrorCode.CONFLICT, 'RECEIPT_NOT_POSTED', `The receipt of damage claim ${c.number} is not booked into stock yet; try again shortly`, { number: c.number });
    }
    return damageClaimRepository.claimReturn(tx, claimId, key, ctx.user.id, ctx.now());
  });

  if (!claim.returned_at) {
    const lines = await damageClaimRepository.returnLines(ctx.db, claimId);
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
        await damageClaimRepository.releaseReturn(ctx.db, claimId, key);
      }
      throw err;
    }
    await damageClaimRepository.markReturned(ctx.db, claimId, ctx.now());
  }
  ctx.loaders.delete('damageClaim');
  return toClaim((await damageClaimRepository.byId(ctx.db, claimId))!);
}
