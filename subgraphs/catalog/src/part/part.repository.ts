/**
 * The SQL of parts (catalog.part) and their compatible models
 * (catalog.part_model): the service decides, this reads and writes.
 */
import { In, type DataSource, type EntityManager } from 'typeorm';
import { PartEntity } from './part.entity';

type Db = DataSource | EntityManager;

/** The columns of catalog.part a PartInput sets (part.service.ts `columns`). */
export interface PartColumns {
  part_no: string; part_no_norm: string; name: string; name_en: string | null; spec: string | null; unit: string; unit_precision: number;
  category: string | null; brand: string | null; barcode: string | null; mnemonic: string | null; image_urls: string[];
  price_retail: string; price_wholesale: string; price_member: string; price_insurance: string; price_internal: string; hq_cap: string | null;
  pack_size: number; min_order_qty: number;
}

export const partRepository = {
  byNumber(db: Db, partNoNorm: string): Promise<PartEntity | null> {
    return db.getRepository(PartEntity).findOneBy({ partNoNorm });
  },
  byBarcode(db: Db, barcode: string): Promise<PartEntity | null> {
    return db.getRepository(PartEntity).findOneBy({ barcode });
  },
  /** The part, locked for update. */
  lockedById(tx: EntityManager, id: string): Promise<PartEntity | null> {
    return tx.getRepository(PartEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  },
  byIds(db: Db, ids: string[]): Promise<PartEntity[]> {
    return db.getRepository(PartEntity).findBy({ id: In(ids) });
  },
  async idByNumber(db: Db, partNoNorm: string): Promise<string | null> {
    const [row] = await db.query(`SELECT id FROM catalog.part WHERE part_no_norm = $1`, [partNoNorm]);
    return row?.id ?? null;
  },
  async successorOf(db: Db, id: string): Promise<string | null> {
    const [row] = await db.query(`SELECT superseded_by_id FROM catalog.part WHERE id = $1`, [id]);
    return row?.superseded_by_id ?? null;
  },
  /** Another part with this normalised number / this barcode (the unique indexes back the check up). */
  async otherWithNumber(db: Db, partNoNorm: string, selfId: string | null): Promise<{ id: string; partNo: string } | null> {
    const [row] = await db.query(`SELECT id, part_no AS "partNo" FROM catalog.part WHERE part_no_norm = $1 AND id IS DISTINCT FROM $2::uuid`, [partNoNorm, selfId]);
    return row ?? null;
  },
  async otherWithBarcode(db: Db, barcode: string, selfId: string | null): Promise<{ partNo: string } | null> {
    const [row] = await db.query(`SELECT part_no AS "partNo" FROM catalog.part WHERE barcode = $1 AND id IS DISTINCT FROM $2::uuid`, [barcode, selfId]);
    return row ?? null;
  },
  async insert(tx: EntityManager, id: string, c: PartColumns): Promise<void> {
    const names = Object.keys(c) as (keyof PartColumns)[];
    await tx.query(`INSERT INTO catalog.part (id, ${names.join(', ')}) VALUES ($1, ${names.map((_, j) => `$${j + 2}`).join(', ')})`, [id, ...names.map((n) => c[n])]);
  },
  async update(tx: EntityManager, id: string, c: PartColumns): Promise<void> {
    const names = Object.keys(c) as (keyof PartColumns)[];
    await tx.query(`UPDATE catalog.part SET ${names.map((n, j) => `${n} = $${j + 2}`).join(', ')}, updated_at = now() WHERE id = $1`, [id, ...names.map((n) => c[n])]);
  },

  async modelIds(db: Db, partId: string): Promise<string[]> {
    return (await db.query(`SELECT model_id FROM catalog.part_model WHERE part_id = $1`, [partId])).map((r: { model_id: string }) => r.model_id);
  },
  async replaceModels(tx: EntityManager, partId: string, modelIds: string[], hadModels: boolean): Promise<void> {
    if (hadModels) await tx.query(`DELETE FROM catalog.part_model WHERE part_id = $1`, [partId]);
    if (modelIds.length) await tx.query(`INSERT INTO catalog.part_model (part_id, model_id) SELECT $1, unnest($2::uuid[])`, [partId, modelIds]);
  },
  /** Which of these vehicle model ids exist. */
  async existingModelIds(db: Db, ids: string[]): Promise<Set<string>> {
    return new Set((await db.query(`SELECT id FROM catalog.vehicle_model WHERE id = ANY($1::uuid[])`, [ids])).map((r: { id: string }) => r.id));
  },

  /** Serialises supersession changes so that two concurrent ones cannot close a cycle together. */
  async lockSupersession(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('catalog:supersession'))`);
  },
  /** The chain of successors from `id` (at most 100 links): id → its successor. */
  async successorChain(db: Db, id: string): Promise<Map<string, string | null>> {
    const chain: { id: string; succ: string | null }[] = await db.query(
      `WITH RECURSIVE c(id, succ, d) AS (
         SELECT id, superseded_by_id, 0 FROM catalog.part WHERE id = $1
         UNION ALL SELECT p.id, p.superseded_by_id, c.d + 1 FROM catalog.part p JOIN c ON p.id = c.succ WHERE c.d < 100)
       SELECT id, succ FROM c`,
      [id],
    );
    return new Map(chain.map((r) => [r.id, r.succ]));
  },
  async setSuccessor(tx: EntityManager, partId: string, successorId: string): Promise<void> {
    await tx.query(`UPDATE catalog.part SET superseded_by_id = $2, updated_at = now() WHERE id = $1`, [partId, successorId]);
  },
};
