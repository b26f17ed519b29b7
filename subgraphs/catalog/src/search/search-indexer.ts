/**
 * Keeps the search index in step with the catalog.
 *
 * - The embedded engine's documents are rewritten inside the same
 *   transaction as the catalog change (`indexInTransaction`), so they can
 *   never disagree with the parts table, crash or not.
 * - Every change also appends `catalog.part_changed { partIds }` to the
 *   outbox. The catalog consumes its own events: with Meilisearch the handler
 *   pushes the documents and only then lets the cursor advance, so a crash
 *   before the push means the event is delivered again (pushes are upserts).
 * - `reindexAll` rebuilds an index from scratch (npm run reindex).
 */
import type { DataSource, EntityManager } from 'typeorm';
import { appendEvent, type ConsumerDefinition } from '../../../shared/src';
import { affectedParts, loadSearchDocuments } from './search-document';
import type { SearchEngine } from './search-engine.port';
import type { EmbeddedSearchEngine } from './embedded.engine';

export const PART_CHANGED = 'catalog.part_changed';

/** Rewrites the embedded documents of `ids` (and of parts superseded by them) and records the change in the outbox. */
export async function indexInTransaction(tx: EntityManager, embedded: EmbeddedSearchEngine, ids: readonly string[]): Promise<string[]> {
  const all = await affectedParts(tx, ids);
  if (!all.length) return all;
  const docs = await loadSearchDocuments(tx, all);
  await embedded.index(docs, tx);
  const present = new Set(docs.map((d) => d.id));
  await embedded.remove(all.filter((id) => !present.has(id)), tx);
  await appendEvent(tx, 'catalog', PART_CHANGED, { partIds: all });
  return all;
}

/** Pushes changed parts to an external engine (Meilisearch); a no-op for the embedded one. */
export async function pushToEngine(db: EntityManager | DataSource, engine: SearchEngine, ids: readonly string[]): Promise<void> {
  if (engine.name === 'embedded' || !ids.length) return;
  const docs = await loadSearchDocuments(db, ids);
  await engine.index(docs);
  const present = new Set(docs.map((d) => d.id));
  await engine.remove(ids.filter((id) => !present.has(id)));
}

/** The catalog's consumer of its own events (see the module comment). */
export function searchIndexConsumer(engine: SearchEngine): ConsumerDefinition {
  return {
    source: 'catalog',
    handlers: {
      [PART_CHANGED]: async (tx, e) => pushToEngine(tx, engine, (e.payload?.partIds as string[]) ?? []),
    },
  };
}

/** Full rebuild: every part, in chunks, reporting progress. */
export async function reindexAll(ds: DataSource, engine: SearchEngine, onProgress?: (done: number, total: number) => void, chunk = 2000): Promise<number> {
  const ids: string[] = (await ds.query(`SELECT id FROM catalog.part ORDER BY part_no_norm`)).map((r: { id: string }) => r.id);
  // Embedded documents are upserted in place (deleted parts' rows cascade away), so search keeps answering during a rebuild.
  if (engine.name !== 'embedded') await engine.clear();
  let done = 0;
  onProgress?.(0, ids.length);
  for (let i = 0; i < ids.length; i += chunk) {
    const docs = await loadSearchDocuments(ds, ids.slice(i, i + chunk));
    await engine.index(docs);
    done += docs.length;
    onProgress?.(done, ids.length);
  }
  return done;
}
