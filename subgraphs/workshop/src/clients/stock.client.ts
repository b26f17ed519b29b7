/**
 * The stock commands workshop sends (docs/internal-contracts.md): `issueStock`
 * and `returnStock`, used by requisitions and counter sales alike; both are
 * idempotent by key, so a retried or swept command issues nothing twice.
 */
import type { EntityManager } from 'typeorm';
import { DomainError, faultPoint, sendCommand, type Context, type FaultPoint, type IssueStockInput, type ReturnStockInput } from '../../../shared/src';

type Db = Pick<EntityManager, 'query'>;

export type { IssueStockResult } from '../../../shared/src';

export const issueStock = (ctx: Context, input: IssueStockInput) => sendCommand(ctx.runtime, 'issueStock', input, ctx.user);

export const returnStock = (ctx: Context, input: ReturnStockInput) => sendCommand(ctx.runtime, 'returnStock', input, ctx.user);

/** A return booked in workshop (a requisition line's or a counter-sale line's): its pending row and the line it adds to. */
export interface BookedReturn { id: string; line_id: string }
export interface ReturnBook {
  /** Removes the pending row; the quantity it held, or undefined when it was already gone. */
  dropPendingReturn(tx: Db, id: string): Promise<string | undefined>;
  addReturned(tx: Db, lineId: string, quantity: number | string): Promise<void>;
  finishReturn(db: Db, id: string, binId: string | null): Promise<void>;
}

/**
 * Stock's half of a booked return; safe to repeat (stock keys it by the
 * booking, `input.idempotencyKey`). A refusal from stock undoes the booking:
 * the pending row goes, and the line's returned quantity with it.
 */
export async function returnBooked(ctx: Context, ret: BookedReturn, input: ReturnStockInput, book: ReturnBook, fault: FaultPoint): Promise<void> {
  let result: { binId: string };
  try {
    result = await returnStock(ctx, input);
  } catch (err) {
    if (err instanceof DomainError) {
      await ctx.db.transaction(async (tx) => {
        const gone = await book.dropPendingReturn(tx, ret.id);
        if (gone !== undefined) await book.addReturned(tx, ret.line_id, -Number(gone));
      });
    }
    throw err;
  }
  await faultPoint(ctx.runtime, fault, ret.id);
  await book.finishReturn(ctx.db, ret.id, result.binId ?? null);
}
