/**
 * A subgraph's local copy of the catalog's part facts, one way for every
 * subgraph that keeps one (stock: unit precision and barcode; workshop: the
 * whole fact with prices and caps). Kept by consuming catalog.part_changed
 * (exactly once, in order), so a hot path reads one local row instead of
 * calling the catalog's partFacts command over HTTP.
 *
 * Two writers, two rules:
 * - the consumer refreshes the changed parts with overwrite and deletes the
 *   rows of parts the catalog no longer knows, in the consumer's transaction;
 * - the request path reads local rows, fetches the missing ones once and only
 *   inserts them (ON CONFLICT DO NOTHING), so facts it fetched before a
 *   change can never overwrite what the consumer wrote since.
 * A catalog change reaches the copy within the relay's delay; until then the
 * previous facts apply.
 */
import type { EntityManager } from 'typeorm';
import type { ConsumerDefinition } from './consumer';
import type { Context } from './context';
import { notFound } from './errors';
import { fetchPartFacts, type PartFacts } from './part-facts.client';
import type { SubgraphRuntime } from './subgraph';

type Db = Pick<EntityManager, 'query'>;

/** One stored column besides `part_id` and `synced_at`: its name, its Postgres array element type, its value. */
export interface PartFactColumn<T> {
  name: string;
  type: string;
  value: (fact: T) => unknown;
}

/** Where and how a subgraph stores its facts. Names are code constants, never input. */
export interface PartFactTable<T extends { partId: string }> {
  /** Schema-qualified table with a `part_id uuid` primary key and `synced_at`, e.g. `stock.part_fact`. */
  table: string;
  /** The service actor the consumer asks the catalog as, e.g. `stock:part-facts`. */
  consumerId: string;
  columns: PartFactColumn<T>[];
  /** SELECT list of one stored row; `fromRow` turns it into a fact. */
  select: string;
  fromRow: (row: Record<string, unknown>) => T;
  /** What of the catalog's answer is kept. */
  fromFacts: (facts: PartFacts) => T;
}

export type FetchPartFacts = (ctx: Pick<Context, 'runtime' | 'user'>, partIds: string[]) => Promise<Map<string, PartFacts>>;
export type PartFactRequest = Pick<Context, 'db' | 'runtime' | 'user'>;

export interface PartFactProjection<T> {
  /** Facts of `partIds` (unknown parts are left out): local rows, the rest from the catalog once, inserted without overwriting. */
  facts(ctx: PartFactRequest, partIds: string[]): Promise<Map<string, T>>;
  /** Facts for every id, or NOT_FOUND naming the first unknown part. */
  requireFacts(ctx: PartFactRequest, partIds: string[]): Promise<Map<string, T>>;
  /** catalog.part_changed → refresh (or drop) the changed parts' rows, in the consumer's transaction. */
  consumer(rt: SubgraphRuntime): ConsumerDefinition;
}

/** The projection over `spec`; `fetch` is the catalog's partFacts command (replaced only by tests). */
export function partFactProjection<T extends { partId: string }>(spec: PartFactTable<T>, fetch: FetchPartFacts = fetchPartFacts): PartFactProjection<T> {
  const names = spec.columns.map((c) => c.name);
  const unnest = spec.columns.map((c, i) => `$${i + 2}::${c.type}[]`).join(', ');
  const update = [...names.map((n) => `${n} = EXCLUDED.${n}`), 'synced_at = now()'].join(', ');
  const insertSql = (overwrite: boolean) =>
    `INSERT INTO ${spec.table} (part_id, ${names.join(', ')}, synced_at) SELECT *, now() FROM unnest($1::uuid[], ${unnest})
     ON CONFLICT (part_id) DO ${overwrite ? `UPDATE SET ${update}` : 'NOTHING'}`;
  const selectSql = `SELECT ${spec.select} FROM ${spec.table} WHERE part_id = ANY($1::uuid[])`;
  const deleteSql = `DELETE FROM ${spec.table} WHERE part_id = ANY($1::uuid[])`;

  async function store(db: Db, facts: T[], overwrite: boolean): Promise<void> {
    if (!facts.length) return;
    await db.query(insertSql(overwrite), [facts.map((f) => f.partId), ...spec.columns.map((c) => facts.map((f) => c.value(f)))]);
  }

  async function fromCatalog(ctx: Pick<Context, 'runtime' | 'user'>, partIds: string[]): Promise<T[]> {
    return [...(await fetch(ctx, partIds)).values()].map(spec.fromFacts);
  }

  async function facts(ctx: PartFactRequest, partIds: string[]): Promise<Map<string, T>> {
    const unique = [...new Set(partIds)];
    const rows: Record<string, unknown>[] = unique.length ? await ctx.db.query(selectSql, [unique]) : [];
    const map = new Map(rows.map((r) => spec.fromRow(r)).map((f) => [f.partId, f]));
    const missing = unique.filter((id) => !map.has(id));
    if (missing.length) {
      const fetched = await fromCatalog(ctx, missing);
      await store(ctx.db, fetched, false);
      for (const f of fetched) map.set(f.partId, f);
    }
    return map;
  }

  async function requireFacts(ctx: PartFactRequest, partIds: string[]): Promise<Map<string, T>> {
    const map = await facts(ctx, partIds);
    for (const id of new Set(partIds)) if (!map.has(id)) throw notFound('PART_NOT_FOUND', `Part ${id} was not found`, { partId: id });
    return map;
  }

  function consumer(rt: SubgraphRuntime): ConsumerDefinition {
    const service = { id: spec.consumerId, roles: ['SERVICE' as const], stationId: null };
    return {
      source: 'catalog',
      handlers: {
        'catalog.part_changed': async (tx, e) => {
          const ids = [...new Set(((e.payload?.partIds as string[]) ?? []).filter((id) => typeof id === 'string'))];
          if (!ids.length) return;
          const fetched = await fromCatalog({ runtime: rt, user: service }, ids);
          await store(tx, fetched, true);
          const kept = new Set(fetched.map((f) => f.partId));
          const gone = ids.filter((id) => !kept.has(id));
          if (gone.length) await tx.query(deleteSql, [gone]);
        },
      },
    };
  }

  return { facts, requireFacts, consumer };
}
