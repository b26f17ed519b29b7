/**
 * Stock's copy of the catalog facts it checks lines against: unit precision
 * (whole numbers only for pieces) and barcode (条码对货). Kept by consuming
 * catalog.part_changed (exactly once, in order), so the hot path — every
 * issue, receipt, move — reads one local row instead of calling the catalog's
 * partFacts command over HTTP (that hop was a quarter of an issue's latency).
 * A part the projection has not seen yet (created a moment ago, or before
 * this table existed) is fetched through partFacts once and stored. A catalog
 * change reaches stock within the relay's delay (NOTIFY-driven, ≤ 1 s sweep);
 * until then the previous facts apply.
 */
import { fetchPartFacts, type ConsumerDefinition, type Context, type SubgraphRuntime, type Tx } from '../../../shared/src';
import type { DataSource, EntityManager } from 'typeorm';

export interface StockPartFact {
  partId: string;
  partNo: string;
  unitPrecision: number;
  barcode: string | null;
}


/**
 * `overwrite` only for the consumer, which applies catalog changes in order: the request path only fills
 * a missing row, so facts it fetched before a change cannot overwrite what the consumer wrote since.
 */
async function upsert(db: Tx | DataSource | EntityManager, facts: StockPartFact[], overwrite: boolean): Promise<void> {
  if (!facts.length) return;
  await db.query(
    `INSERT INTO stock.part_fact (part_id, part_no, unit_precision, barcode, synced_at)
     SELECT * , now() FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[])
     ON CONFLICT (part_id) DO ${overwrite ? 'UPDATE SET part_no = EXCLUDED.part_no, unit_precision = EXCLUDED.unit_precision, barcode = EXCLUDED.barcode, synced_at = now()' : 'NOTHING'}`,
    [facts.map((f) => f.partId), facts.map((f) => f.partNo), facts.map((f) => f.unitPrecision), facts.map((f) => f.barcode ?? null)]);
}

async function fromCatalog(rt: SubgraphRuntime, user: Context['user'], partIds: string[]): Promise<StockPartFact[]> {
  const facts = await fetchPartFacts({ runtime: rt, user }, partIds);
  return [...facts.values()].map((f) => ({ partId: f.partId, partNo: f.partNo, unitPrecision: f.unitPrecision, barcode: f.barcode ?? null }));
}

/** Facts for `partIds` (unknown parts are left out): local rows, the rest from the catalog once. */
export async function stockPartFacts(ctx: Context, partIds: string[]): Promise<Map<string, StockPartFact>> {
  const unique = [...new Set(partIds)];
  const rows: StockPartFact[] = unique.length ? await ctx.db.query(
    `SELECT part_id AS "partId", part_no AS "partNo", unit_precision AS "unitPrecision", barcode FROM stock.part_fact WHERE part_id = ANY($1::uuid[])`, [unique]) : [];
  const map = new Map(rows.map((r) => [r.partId, r]));
  const missing = unique.filter((id) => !map.has(id));
  if (missing.length) {
    const fetched = await fromCatalog(ctx.runtime, ctx.user, missing);
    await upsert(ctx.db, fetched, false);
    for (const f of fetched) map.set(f.partId, f);
  }
  return map;
}

/** catalog.part_changed → refresh (or drop) the changed parts' rows, in the consumer's transaction. */
export function partFactConsumer(rt: SubgraphRuntime): ConsumerDefinition {
  const service = { id: 'stock:part-facts', roles: ['SERVICE' as const], stationId: null };
  return {
    source: 'catalog',
    handlers: {
      'catalog.part_changed': async (tx, e) => {
        const ids = [...new Set(((e.payload?.partIds as string[]) ?? []).filter((id) => typeof id === 'string'))];
        if (!ids.length) return;
        const facts = await fromCatalog(rt, service, ids);
        await upsert(tx, facts, true);
        const gone = ids.filter((id) => !facts.some((f) => f.partId === id));
        if (gone.length) await tx.query(`DELETE FROM stock.part_fact WHERE part_id = ANY($1::uuid[])`, [gone]);
      },
    },
  };
}
