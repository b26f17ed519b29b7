/**
 * returnDamagedGoods (退货给供应商): the damaged quantity of a claim leaves the
 * quarantine bins it was put into on receipt, back to the supplier — the stock
 * command `returnToSupplier` writes one SUPPLIER_RETURN movement per line.
 *
 * A pending command (subgraphs/shared/src/pending-command.ts) on the claim row:
 *   1. claim: under the claim's lock, the caller's key is recorded with the
 *      request for stock and the acting user, the return PENDING (one return
 *      per claim: another key once a return was made or started is CONFLICT,
 *      reason ALREADY_RETURNED);
 *   2. drive: stock's `returnToSupplier`, idempotent by a key per claim, so
 *      the goods move once whatever the number of attempts;
 *   3. finish: the claim says returned (DONE), only if it is still PENDING.
 * A crash between 2 and 3 is finished by the same key again or by the
 * pending-command sweep, as the user who asked. When stock refuses (the goods
 * are no longer in quarantine, say), nothing has moved and the claim is
 * released again.
 */
import {
  actorOf, assertStationAccess, checkIdempotencyKey, claimCommand, sendCommand, DomainError, ErrorCode, faultPoint, refusal, type Context, type PendingCommand,
  rowOrRefuse
} from '../../../shared/src';
import { DamageClaimStatus, type DamageClaim } from './damage-claim.type';
import { toClaim, UNKNOWN_DAMAGE_CLAIM } from './damage-claim.service';
import { damageClaimRepository, type DamageClaimRow, type PendingReturnRow } from './damage-claim.repository';

/** Claims whose goods may go back: sent to the supplier and not refused or closed. */
const RETURNABLE: string[] = [DamageClaimStatus.SUBMITTED, DamageClaimStatus.ACCEPTED];

const returnKey = (claimId: string) => `damage-claim-return:${claimId}`;

/** A claimed return not finished yet (the table's checks keep its request and actor with it). */
const isPending = (c: DamageClaimRow): c is PendingReturnRow => c.return_status === 'PENDING';

/** Steps 2–3 for a claimed return; safe to repeat and to run concurrently. */
async function driveReturn(ctx: Context, claim: PendingReturnRow): Promise<void> {
  try {
    await sendCommand(ctx.runtime, 'returnToSupplier', claim.return_request, ctx.user);
  } catch (err) {
    // Stock refused: nothing moved; release the claim so that the return can be made once the cause is fixed.
    if (err instanceof DomainError) await damageClaimRepository.releaseReturn(ctx.db, claim.id, claim.return_key);
    throw err;
  }
  await faultPoint(ctx.runtime, 'damageReturn.afterRemote', claim.id);
  await damageClaimRepository.finishReturn(ctx.db, claim.id, ctx.now());
}

export async function returnDamagedGoods(ctx: Context, claimId: string, idempotencyKey: string): Promise<DamageClaim> {
  const key = checkIdempotencyKey(idempotencyKey);
  // Not found, or another station's: refused before anything is read by key.
  const peek = await rowOrRefuse(claimId, (id) => damageClaimRepository.byId(ctx.db, id), UNKNOWN_DAMAGE_CLAIM);
  assertStationAccess(ctx, peek.station_id);

  // A key names the return of one claim: the claim is the whole request.
  const claim: DamageClaimRow = await claimCommand(ctx, {
    what: 'return', lockKey: returnKey(claimId), fingerprint: claimId,
    find: (tx) => damageClaimRepository.byReturnKey(tx, claimId, key),
    fingerprintOf: (c) => c.id,
    insert: async (tx) => {
      const c = await rowOrRefuse(claimId, (id) => damageClaimRepository.lock(tx, id), UNKNOWN_DAMAGE_CLAIM); // gone if its receipt was undone meanwhile
      if (c.return_key) {
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
      return damageClaimRepository.claimReturn(tx, claimId, {
        key, actor: actorOf(ctx), at: ctx.now(),
        request: {
          idempotencyKey: returnKey(c.id),
          stationId: c.station_id,
          reference: c.number,
          // every line has its quarantine bin: checked just above
          lines: lines.map((l) => ({ lineKey: l.id, partId: l.part_id, binId: l.quarantine_bin_id as string, quantity: Number(l.quantity) })),
        },
      });
    },
  });

  if (isPending(claim)) await driveReturn(ctx, claim);
  ctx.loaders.delete('damageClaim');
  return toClaim((await damageClaimRepository.byId(ctx.db, claimId))!);
}

/** The sweep's view of damaged-goods returns: PENDING ones are driven again as the user who asked. */
export const pendingDamageReturns: PendingCommand<PendingReturnRow> = {
  name: 'damaged-goods return',
  pending: (rt, minAgeMs, limit) => damageClaimRepository.pendingReturns(rt.ds, minAgeMs, limit),
  actor: (row) => row.return_actor,
  drive: driveReturn,
  idOf: (row) => row.id,
};
