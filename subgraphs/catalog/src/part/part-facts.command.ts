/**
 * `partFacts` (docs/internal-contracts.md): the catalog facts other subgraphs
 * need to decide quantities and prices — name, category, unit precision, barcode, price tiers,
 * HQ cap, pack size, MOQ, successor. Read-only; one statement per call.
 */
import { badInput, isUuid, type Context } from '../../../shared/src';
import { PartEntity } from './part.entity';
import { In } from 'typeorm';
import type { PartFacts } from '../../../shared/src';

/** Facts for the given ids, in the order asked; unknown ids are left out (the caller decides whether that is NOT_FOUND). */
export async function partFacts(ctx: Context, input: { partIds?: unknown }): Promise<PartFacts[]> {
  const ids = input?.partIds;
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string')) throw badInput('INVALID_VALUE', 'partIds must be a list of ids', { field: 'partIds' });
  if (ids.length > 10_000) throw badInput('TOO_MANY_LINES', 'At most 10000 partIds per call', { field: 'partIds', max: 10_000 });
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return [];
  const rows = await ctx.db.getRepository(PartEntity).findBy({ id: In(valid) });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return valid.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return [];
    return [{
      partId: e.id,
      partNo: e.partNo,
      name: e.name,
      category: e.category,
      unit: e.unit,
      unitPrecision: e.unitPrecision,
      barcode: e.barcode,
      hqCap: e.hqCap === null ? null : Number(e.hqCap).toFixed(2),
      prices: {
        retail: Number(e.priceRetail).toFixed(2),
        wholesale: Number(e.priceWholesale).toFixed(2),
        member: Number(e.priceMember).toFixed(2),
        insurance: Number(e.priceInsurance).toFixed(2),
        internal: Number(e.priceInternal).toFixed(2),
      },
      packSize: Number(e.packSize),
      minOrderQty: Number(e.minOrderQty),
      supersededById: e.supersededById,
    }];
  });
}
