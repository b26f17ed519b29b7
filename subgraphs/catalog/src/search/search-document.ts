/** Builds search documents from the catalog tables (and the availability projection); shared by both engines, the indexer and reindex. */
import type { EntityManager, DataSource } from 'typeorm';
import type { SearchDocument } from './search-engine.port';
import { generateMnemonic } from '../domain/pinyin';

type Db = EntityManager | DataSource;

/** Documents for the given parts (missing ids are simply absent: deleted parts). */
export async function loadSearchDocuments(db: Db, ids: readonly string[]): Promise<SearchDocument[]> {
  if (!ids.length) return [];
  const rows: any[] = await db.query(
    `WITH RECURSIVE chain(id, succ, depth) AS (
        SELECT id, superseded_by_id, 1 FROM catalog.part WHERE id = ANY($1::uuid[]) AND superseded_by_id IS NOT NULL
        UNION ALL
        SELECT c.id, p.superseded_by_id, c.depth + 1 FROM chain c JOIN catalog.part p ON p.id = c.succ
         WHERE p.superseded_by_id IS NOT NULL AND c.depth < 50),
      newest AS (SELECT DISTINCT ON (id) id, succ FROM chain ORDER BY id, depth DESC),
      pred(root, id, depth) AS (
        SELECT id, id, 0 FROM catalog.part WHERE id = ANY($1::uuid[])
        UNION ALL
        SELECT pred.root, p.id, pred.depth + 1 FROM pred JOIN catalog.part p ON p.superseded_by_id = pred.id WHERE pred.depth < 50),
      fit AS (SELECT pred.root, array_agg(DISTINCT pm.model_id ORDER BY pm.model_id) AS models FROM pred JOIN catalog.part_model pm ON pm.part_id = pred.id GROUP BY pred.root)
     SELECT p.id, p.part_no AS "partNo", p.part_no_norm AS "partNoNorm", p.name, p.name_en AS "nameEn", p.spec, p.category, p.brand, p.barcode,
            p.mnemonic AS "hqMnemonic", n.succ AS "successorId", coalesce(f.models, '{}') AS "fitModelIds",
            coalesce((SELECT array_agg(pm.model_id ORDER BY pm.model_id) FROM catalog.part_model pm WHERE pm.part_id = p.id), '{}') AS "modelIds",
            coalesce((SELECT array_agg(x.n) FROM catalog.part_model pm JOIN catalog.vehicle_model m ON m.id = pm.model_id,
                             LATERAL (VALUES (m.name), (m.name_en)) AS x(n) WHERE pm.part_id = p.id AND x.n IS NOT NULL), '{}') AS "modelNames",
            coalesce((SELECT array_agg(a.station_id) FROM catalog.part_availability a WHERE a.part_id = p.id AND a.available > 0), '{}') AS "inStockAt"
       FROM catalog.part p LEFT JOIN newest n ON n.id = p.id LEFT JOIN fit f ON f.root = p.id
      WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  return rows.map(({ hqMnemonic, ...r }) => ({
    ...r, mnemonic: hqMnemonic ?? generateMnemonic(r.name), modelIds: r.modelIds ?? [], fitModelIds: r.fitModelIds ?? [], modelNames: r.modelNames ?? [], inStockAt: r.inStockAt ?? [],
  }));
}

/**
 * The parts whose documents change when `ids` change: the parts themselves,
 * every part superseded (directly or through a chain) by one of them (their
 * successor), and every part superseding one of them (the models they fit).
 */
export async function affectedParts(db: Db, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows: { id: string }[] = await db.query(
    `WITH RECURSIVE up(id) AS (SELECT unnest($1::uuid[]) UNION SELECT p.id FROM catalog.part p JOIN up ON p.superseded_by_id = up.id),
       down(id) AS (SELECT unnest($1::uuid[]) UNION SELECT p.superseded_by_id FROM catalog.part p JOIN down ON p.id = down.id WHERE p.superseded_by_id IS NOT NULL)
     SELECT id FROM up UNION SELECT id FROM down`,
    [ids],
  );
  return rows.map((r) => r.id);
}
