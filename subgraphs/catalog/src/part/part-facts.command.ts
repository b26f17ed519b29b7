/**
 * `partFacts` (docs/internal-contracts.md): the catalog facts other subgraphs
 * need to decide quantities and prices — name, category, unit precision, barcode, price tiers,
 * HQ cap, pack size, MOQ, successor. Read-only; one statement per call.
 */
import { badInput, isUuid, type Context } from '../../../shared/src';
import type { PartFacts } from '../../../shared/src';

/** Facts for the given ids, in the order asked; unknown ids are left out (the caller decides whether that is NOT_FOUND). */
export async function partFacts(ctx: Context, input: { partIds?: unknown }): Promise<PartFacts[]> {
  const ids = input?.partIds;
  if (!Array.isArray(ids) || ids.some((i) => typeof i !== 'string')) throw badInput('INVALID_VALUE', 'partIds must be a list of ids', { field: 'partIds' });
  if (ids.length > 10_000) throw badInput('TOO_MANY_LINES', 'At most 10000 partIds per call', { field: 'partIds', max: 10_000 });
  const valid = [...new Set(ids.filter(isUuid))];
  if (!valid.length) return [];
  // One statement with the ids as one array parameter, rows as the contract wants them (numeric(12,2) prints
  // with its two decimals): for a whole station's ten thousand parts this is a fraction of what ORM entities cost.
  const rows: PartFacts[] = await ctx.db.query(
    `SELECT id AS "partId", part_no AS "partNo", name, category, unit, unit_precision AS "unitPrecision", barcode,
            hq_cap::text AS "hqCap",
            json_build_object('retail', price_retail::text, 'wholesale', price_wholesale::text, 'member', price_member::text,
                              'insurance', price_insurance::text, 'internal', price_internal::text) AS prices,
            pack_size::float8 AS "packSize", min_order_qty::float8 AS "minOrderQty", superseded_by_id AS "supersededById"
       FROM catalog.part WHERE id = ANY($1::uuid[])`, [valid]);
  const byId = new Map(rows.map((r) => [r.partId, r]));
  return valid.flatMap((id) => byId.get(id) ?? []);
}
