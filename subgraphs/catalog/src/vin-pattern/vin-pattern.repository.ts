/** SQL of VIN patterns (catalog.vin_pattern). */
import type { DataSource, EntityManager } from 'typeorm';
import type { VinPatternRule } from '../domain/vin';

type Db = DataSource | EntityManager;

export interface VinPatternRow extends VinPatternRule {}

const COLUMNS = `id, prefix, vehicle_model_id AS "vehicleModelId", year_from AS "yearFrom", year_to AS "yearTo"`;

export const vinPatternRepository = {
  list(db: Db): Promise<VinPatternRow[]> {
    return db.query(`SELECT ${COLUMNS} FROM catalog.vin_pattern ORDER BY prefix, year_from NULLS FIRST, id`);
  },
  /** The patterns whose prefix is one of `prefixes` (every prefix of a VIN): one indexed lookup. */
  withPrefixIn(db: Db, prefixes: string[]): Promise<VinPatternRow[]> {
    return db.query(`SELECT ${COLUMNS} FROM catalog.vin_pattern WHERE prefix = ANY($1::text[])`, [prefixes]);
  },
  async byId(db: Db, id: string, lock = false): Promise<VinPatternRow | null> {
    const [row] = await db.query(`SELECT ${COLUMNS} FROM catalog.vin_pattern WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return row ?? null;
  },
  /** Another pattern with the same prefix and years (the unique index backs this up). */
  async same(db: Db, p: Omit<VinPatternRow, 'vehicleModelId'>): Promise<VinPatternRow | null> {
    const [row] = await db.query(
      `SELECT ${COLUMNS} FROM catalog.vin_pattern WHERE prefix = $1 AND coalesce(year_from, 0) = coalesce($2::int, 0) AND coalesce(year_to, 0) = coalesce($3::int, 0) AND id <> $4`,
      [p.prefix, p.yearFrom, p.yearTo, p.id],
    );
    return row ?? null;
  },
  async insert(db: Db, p: VinPatternRow): Promise<void> {
    await db.query(`INSERT INTO catalog.vin_pattern (id, prefix, vehicle_model_id, year_from, year_to) VALUES ($1, $2, $3, $4, $5)`, [p.id, p.prefix, p.vehicleModelId, p.yearFrom, p.yearTo]);
  },
  async update(db: Db, p: VinPatternRow): Promise<void> {
    await db.query(`UPDATE catalog.vin_pattern SET vehicle_model_id = $2, year_from = $3, year_to = $4, updated_at = now() WHERE id = $1`, [p.id, p.vehicleModelId, p.yearFrom, p.yearTo]);
  },
  async delete(db: Db, id: string): Promise<boolean> {
    // TypeORM answers a DELETE on PostgreSQL with [rows, affected count].
    const res = await db.query(`DELETE FROM catalog.vin_pattern WHERE id = $1 RETURNING id`, [id]);
    const rows = Array.isArray(res[0]) ? res[0] : res;
    return rows.length > 0;
  },
  async modelExists(db: Db, id: string): Promise<boolean> {
    return (await db.query(`SELECT 1 FROM catalog.vehicle_model WHERE id = $1`, [id])).length > 0;
  },
};
