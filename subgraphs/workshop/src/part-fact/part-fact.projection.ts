/**
 * Workshop's copy of the catalog facts it prices and checks lines with (unit
 * precision, price tiers, HQ cap, part number) — every requisition, counter
 * sale, estimate and lost sale needs them. Kept by consuming
 * catalog.part_changed (exactly once, in order), as stock keeps its own
 * (stock/src/part-fact/), so a requisition reads one local row instead of
 * calling the catalog's partFacts command over HTTP: that call was the
 * catalog's whole share of a requisition (3.8 ms of catalog CPU, plus the
 * round trip and the service-token work on both ends).
 *
 * A part the projection has not seen yet (created a moment ago, or before
 * this table existed) is fetched through partFacts once and stored — only
 * inserted, never overwriting, so a late request-path write cannot put back
 * facts older than what the consumer wrote. A catalog change (a new price, a
 * new cap) reaches workshop within the relay's delay (NOTIFY-driven, ≤ 1 s
 * sweep); until then the previous facts apply. Prices of a requisition are
 * fixed when it is claimed, so a retry or the sweep never re-prices.
 */
import { fetchPartFacts, notFound, type ConsumerDefinition, type Context, type PartFacts, type SubgraphRuntime } from '../../../shared/src';
import type { EntityManager } from 'typeorm';

type Db = Pick<EntityManager, 'query'>;

async function store(db: Db, facts: PartFacts[], overwrite: boolean): Promise<void> {
  if (!facts.length) return;
  await db.query(
    `INSERT INTO workshop.part_fact (part_id, facts, synced_at) SELECT id, f, now() FROM unnest($1::uuid[], $2::jsonb[]) AS x(id, f)
     ON CONFLICT (part_id) DO ${overwrite ? 'UPDATE SET facts = EXCLUDED.facts, synced_at = now()' : 'NOTHING'}`,
    [facts.map((f) => f.partId), facts.map((f) => JSON.stringify(f))]);
}

/** Facts of `partIds` (unknown parts are left out): local rows, the rest from the catalog once. */
export async function workshopPartFacts(ctx: Context, partIds: string[]): Promise<Map<string, PartFacts>> {
  const unique = [...new Set(partIds)];
  const rows: { facts: PartFacts }[] = unique.length ? await ctx.db.query(`SELECT facts FROM workshop.part_fact WHERE part_id = ANY($1::uuid[])`, [unique]) : [];
  const map = new Map(rows.map((r) => [r.facts.partId, r.facts]));
  const missing = unique.filter((id) => !map.has(id));
  if (missing.length) {
    const fetched = [...(await fetchPartFacts(ctx, missing)).values()];
    await store(ctx.db, fetched, false);
    for (const f of fetched) map.set(f.partId, f);
  }
  return map;
}

/** Facts for every id, or NOT_FOUND naming the first unknown part (as the shared `requirePartFacts`). */
export async function requireWorkshopPartFacts(ctx: Context, partIds: string[]): Promise<Map<string, PartFacts>> {
  const map = await workshopPartFacts(ctx, partIds);
  for (const id of new Set(partIds)) if (!map.has(id)) throw notFound('PART_NOT_FOUND', `Part ${id} was not found`, { partId: id });
  return map;
}

/** catalog.part_changed → refresh (or drop) the changed parts' rows, in the consumer's transaction. */
export function partFactConsumer(rt: SubgraphRuntime): ConsumerDefinition {
  const service = { id: 'workshop:part-facts', roles: ['SERVICE' as const], stationId: null };
  return {
    source: 'catalog',
    handlers: {
      'catalog.part_changed': async (tx, e) => {
        const ids = [...new Set(((e.payload?.partIds as string[]) ?? []).filter((id) => typeof id === 'string'))];
        if (!ids.length) return;
        const facts = await fetchPartFacts({ runtime: rt, user: service }, ids);
        await store(tx, [...facts.values()], true);
        const gone = ids.filter((id) => !facts.has(id));
        if (gone.length) await tx.query(`DELETE FROM workshop.part_fact WHERE part_id = ANY($1::uuid[])`, [gone]);
      },
    },
  };
}
