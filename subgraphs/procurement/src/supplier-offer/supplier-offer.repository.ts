/** SQL of suppliers' offers (procurement.supplier_part): typed rows in, typed rows out. */
import type { EntityManager } from 'typeorm';
import { definePage, returned, type Context, isUuid } from '../../../shared/src';

export interface OfferRow {
  supplierId: string;
  partId: string;
  unitPrice: string;
  /** The offer's own lead time (null: the supplier's). */
  leadTimeDays: number | null;
  supplierLeadTimeDays: number;
  supplierCode: string;
  /** The station when the supplier is HQ's depot (it never buys from itself). */
  depotStationId: string | null;
  minOrderQty: number | null;
  packSize: number | null;
  preferred: boolean;
  updatedAt: Date;
}

export interface OfferWrite {
  supplierId: string;
  partId: string;
  unitPrice: string;
  leadTimeDays: number | null;
  minOrderQty: number | null;
  packSize: number | null;
}

const SELECT = `SELECT sp.supplier_id AS "supplierId", sp.part_id AS "partId", sp.unit_price::text AS "unitPrice", sp.lead_time_days AS "leadTimeDays",
    s.lead_time_days AS "supplierLeadTimeDays", s.code AS "supplierCode", s.depot_station_id AS "depotStationId", sp.min_order_qty::float8 AS "minOrderQty", sp.pack_size::float8 AS "packSize",
    sp.preferred, sp.updated_at AS "updatedAt"
  FROM procurement.supplier_part sp JOIN procurement.supplier s ON s.id = sp.supplier_id`;
/** Preferred first, then the cheapest, then by supplier code: the order offers are shown and chosen in. */
const ORDER = `ORDER BY sp.part_id, sp.preferred DESC, sp.unit_price, s.code`;

type Db = Context['db'] | EntityManager;

export interface OfferFilters {
  supplierId?: string | null;
  partId?: string | null;
  /** true: only preferred offers; false: only the others. */
  preferred?: boolean | null;
}

/** supplierOffersPage: by supplier code, then part (the key breaks ties), or by price / lead time / last change. */
export const offerPage = definePage<OfferFilters>({
  name: 'supplierOffers',
  from: `(SELECT sp.supplier_id AS "supplierId", sp.part_id AS "partId", sp.unit_price::text AS "unitPrice", sp.unit_price AS price, sp.lead_time_days AS "leadTimeDays",
      s.lead_time_days AS "supplierLeadTimeDays", coalesce(sp.lead_time_days, s.lead_time_days) AS lead, s.code AS "supplierCode", s.depot_station_id AS "depotStationId",
      sp.min_order_qty::float8 AS "minOrderQty", sp.pack_size::float8 AS "packSize", sp.preferred, sp.updated_at AS "updatedAt",
      sp.supplier_id::text || ':' || sp.part_id::text AS key
    FROM procurement.supplier_part sp JOIN procurement.supplier s ON s.id = sp.supplier_id)`,
  sorts: {
    supplier: { sql: 'q."supplierCode"', type: 'text', direction: 'ASC' },
    unitPrice: { sql: 'q.price', type: 'numeric', direction: 'ASC' },
    leadTimeDays: { sql: 'q.lead', type: 'int', direction: 'ASC' },
    updatedAt: { sql: 'q."updatedAt"', type: 'timestamptz', direction: 'DESC' },
  },
  defaultSort: { field: 'supplier' },
  ids: ['supplierId', 'partId'],
  id: { sql: 'q.key', type: 'text' },
  filters: {
    supplierId: (v, bind) => `q."supplierId" = ${bind(v)}::uuid`,
    partId: (v, bind) => `q."partId" = ${bind(v)}::uuid`,
    preferred: (v) => (v ? 'q.preferred' : 'NOT q.preferred'),
  },
});

export const supplierOfferRepository = {
  byParts(db: Db, partIds: readonly string[]): Promise<OfferRow[]> {
    return db.query(`${SELECT} WHERE sp.part_id = ANY($1::uuid[]) ${ORDER}`, [partIds]);
  },

  /** Every offer, or one supplier's, or one part's; at most `limit` (for lists and the export). */
  list(db: Db, f: { supplierId?: string | null; partId?: string | null; limit: number }): Promise<OfferRow[]> {
    return db.query(`${SELECT} WHERE ($1::uuid IS NULL OR sp.supplier_id = $1) AND ($2::uuid IS NULL OR sp.part_id = $2) ${ORDER} LIMIT $3`,
      [f.supplierId ?? null, f.partId ?? null, f.limit]);
  },

  async one(db: Db, supplierId: string, partId: string): Promise<OfferRow | null> {
    const [r] = await db.query(`${SELECT} WHERE sp.supplier_id = $1 AND sp.part_id = $2`, [supplierId, partId]);
    return r ?? null;
  },

  /** Serialises writers of one part's offers (the one-preferred rule spans rows). */
  async lockPart(tx: EntityManager, partId: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('supplier-offer:' || $1))`, [partId]);
  },

  /** Which of `ids` name a supplier (one that is not a UUID names none). */
  async existingSuppliers(db: Db, ids: string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await db.query(`SELECT id FROM procurement.supplier WHERE id = ANY($1::uuid[])`, [ids.filter(isUuid)]);
    return new Set(rows.map((r) => r.id));
  },

  /** Inserts or updates; answers whether a row was created, changed or left as it was. */
  async upsert(tx: EntityManager, o: OfferWrite, now: Date): Promise<'created' | 'updated' | 'unchanged'> {
    const [r] = await tx.query(
      `INSERT INTO procurement.supplier_part AS sp (supplier_id, part_id, unit_price, lead_time_days, min_order_qty, pack_size, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (supplier_id, part_id) DO UPDATE SET unit_price = EXCLUDED.unit_price, lead_time_days = EXCLUDED.lead_time_days,
         min_order_qty = EXCLUDED.min_order_qty, pack_size = EXCLUDED.pack_size, updated_at = EXCLUDED.updated_at
         WHERE (sp.unit_price, sp.lead_time_days, sp.min_order_qty, sp.pack_size) IS DISTINCT FROM (EXCLUDED.unit_price, EXCLUDED.lead_time_days, EXCLUDED.min_order_qty, EXCLUDED.pack_size)
       RETURNING (xmax = 0) AS created`,
      [o.supplierId, o.partId, o.unitPrice, o.leadTimeDays, o.minOrderQty, o.packSize, now]);
    return !r ? 'unchanged' : r.created ? 'created' : 'updated';
  },

  /** Makes this offer the part's one preferred offer. */
  async makePreferred(tx: EntityManager, supplierId: string, partId: string): Promise<boolean> {
    const [cur] = await tx.query(`SELECT supplier_id FROM procurement.supplier_part WHERE part_id = $1 AND preferred`, [partId]);
    if (cur?.supplier_id === supplierId) return false;
    await tx.query(`UPDATE procurement.supplier_part SET preferred = false WHERE part_id = $1 AND preferred`, [partId]);
    await tx.query(`UPDATE procurement.supplier_part SET preferred = true WHERE part_id = $1 AND supplier_id = $2`, [partId, supplierId]);
    return true;
  },

  async hasPreferred(tx: EntityManager, partId: string): Promise<boolean> {
    const [r] = await tx.query(`SELECT 1 FROM procurement.supplier_part WHERE part_id = $1 AND preferred`, [partId]);
    return !!r;
  },

  /** Deletes an offer; answers whether it existed and whether it was the preferred one. */
  async remove(tx: EntityManager, supplierId: string, partId: string): Promise<{ removed: boolean; wasPreferred: boolean }> {
    const rows = returned<{ preferred: boolean }>(await tx.query(`DELETE FROM procurement.supplier_part WHERE supplier_id = $1 AND part_id = $2 RETURNING preferred`, [supplierId, partId]));
    return { removed: rows.length > 0, wasPreferred: rows[0]?.preferred === true };
  },

  /** After the preferred offer went: the fastest remaining supplier, then the cheapest, becomes preferred. */
  async promoteBest(tx: EntityManager, partId: string): Promise<void> {
    await tx.query(
      `UPDATE procurement.supplier_part sp SET preferred = true FROM (
         SELECT x.supplier_id FROM procurement.supplier_part x JOIN procurement.supplier s ON s.id = x.supplier_id
          WHERE x.part_id = $1 ORDER BY coalesce(x.lead_time_days, s.lead_time_days), x.unit_price, s.code LIMIT 1) best
        WHERE sp.part_id = $1 AND sp.supplier_id = best.supplier_id`, [partId]);
  },

  /** Stops this offer being preferred (the best other offer takes over); false when it was not preferred. */
  async unprefer(tx: EntityManager, supplierId: string, partId: string): Promise<boolean> {
    const rows = returned(await tx.query(`UPDATE procurement.supplier_part SET preferred = false WHERE supplier_id = $1 AND part_id = $2 AND preferred RETURNING 1`, [supplierId, partId]));
    if (!rows.length) return false;
    await tx.query(
      `UPDATE procurement.supplier_part sp SET preferred = true FROM (
         SELECT x.supplier_id FROM procurement.supplier_part x JOIN procurement.supplier s ON s.id = x.supplier_id
          WHERE x.part_id = $1 AND x.supplier_id <> $2 ORDER BY coalesce(x.lead_time_days, s.lead_time_days), x.unit_price, s.code LIMIT 1) best
        WHERE sp.part_id = $1 AND sp.supplier_id = best.supplier_id`, [partId, supplierId]);
    return true;
  },

  /** Preferred offers of these parts (one per part at most). */
  preferredOf(db: Db, partIds: readonly string[]): Promise<OfferRow[]> {
    return db.query(`${SELECT} WHERE sp.part_id = ANY($1::uuid[]) AND sp.preferred`, [partIds]);
  },
};
