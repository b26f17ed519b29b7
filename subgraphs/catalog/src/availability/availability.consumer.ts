/**
 * The catalog's projection of stock availability per (part, station), fed by
 * the stock subgraph's `stock.level_changed` events (docs/internal-contracts.md).
 * It exists for one reason: `searchParts(inStockAtStation:)` must filter
 * inside the search query, and the catalog never reads the stock schema.
 * Calling stock per search would cost a round trip and could not filter a
 * 100k-part candidate set before ranking; a projection costs one indexed
 * EXISTS. It lags stock by the event relay (milliseconds).
 */
import type { EntityManager } from 'typeorm';
import type { ConsumerDefinition, OutboxEvent } from '../../../shared/src';
import type { SearchEngine } from '../search/search-engine.port';
import { pushToEngine } from '../search/search-indexer';

interface LevelChanged {
  partId: string;
  stationId: string;
  onHand: number;
  available: number;
  inTransit?: number;
}

export async function applyLevelChanged(tx: EntityManager, e: LevelChanged): Promise<void> {
  await tx.query(
    `INSERT INTO catalog.part_availability (part_id, station_id, on_hand, available, in_transit, updated_at)
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT (part_id, station_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, available = EXCLUDED.available, in_transit = EXCLUDED.in_transit, updated_at = now()`,
    [e.partId, e.stationId, e.onHand, e.available, e.inTransit ?? 0],
  );
}

export function availabilityConsumer(engine: SearchEngine): ConsumerDefinition {
  return {
    source: 'stock',
    handlers: {
      'stock.level_changed': async (tx: EntityManager, event: OutboxEvent<LevelChanged>) => {
        const e = event.payload;
        if (!e?.partId || !e.stationId) return;
        const [before] = await tx.query(`SELECT available > 0 AS "inStock" FROM catalog.part_availability WHERE part_id = $1 AND station_id = $2`, [e.partId, e.stationId]);
        await applyLevelChanged(tx, e);
        // Meilisearch filters on a document field: push only when in-stock flips.
        if (Boolean(before?.inStock) !== e.available > 0) await pushToEngine(tx, engine, [e.partId]);
      },
    },
  };
}
