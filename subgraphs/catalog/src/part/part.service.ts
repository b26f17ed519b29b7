/** Reads of the part catalog. Writes, import and search live beside it (catalog issue). */
import type { Context } from '../../../shared/src';
import { PartEntity, normalisePartNo } from './part.entity';
import { toPart, type Part } from './part.type';
import { partLoader } from './part.loader';

export const partService = {
  /** A part by id, or null. */
  byId(ctx: Context, id: string): Promise<Part | null> {
    return partLoader(ctx).load(id);
  },
  /** A part by its number, ignoring case, spaces and dashes. */
  async byNumber(ctx: Context, partNo: string): Promise<Part | null> {
    const e = await ctx.db.getRepository(PartEntity).findOneBy({ partNoNorm: normalisePartNo(partNo) });
    return e ? toPart(e) : null;
  },
  /** A part by its exact barcode (条码), or null. */
  async byBarcode(ctx: Context, barcode: string): Promise<Part | null> {
    const e = await ctx.db.getRepository(PartEntity).findOneBy({ barcode: barcode.trim() });
    return e ? toPart(e) : null;
  },
};
