/** Bulk inserts for seed loaders and imports: one statement per chunk via unnest of typed arrays. */
import type { EntityManager, DataSource } from 'typeorm';

/**
 * Inserts `rows` into `table` with columns typed as given (`{ id: 'uuid', name: 'text' }`).
 * Arrays-of-arrays (e.g. text[] columns) are passed as JSON and cast by the caller's `casts`.
 */
export async function bulkInsert<R extends Record<string, unknown>>(
  db: EntityManager | DataSource,
  table: string,
  columns: Record<keyof R & string, string>,
  rows: R[],
  opts: { chunk?: number; onConflict?: string } = {},
): Promise<void> {
  const names = Object.keys(columns) as (keyof R & string)[];
  const chunk = opts.chunk ?? 5000;
  for (let i = 0; i < rows.length; i += chunk) {
    const slice = rows.slice(i, i + chunk);
    const params = names.map((n) => {
      const type = columns[n];
      // text[] columns travel as JSON text and are rebuilt per row.
      if (type.endsWith('[]')) return slice.map((r) => JSON.stringify(r[n] ?? []));
      return slice.map((r) => (r[n] === undefined ? null : r[n]));
    });
    const unnestArgs = names.map((n, j) => `$${j + 1}::${columns[n].endsWith('[]') ? 'text' : columns[n]}[]`).join(', ');
    const select = names
      .map((n) => {
        const type = columns[n];
        return type.endsWith('[]')
          ? `ARRAY(SELECT jsonb_array_elements_text(x."${n}"::jsonb))::${type}`
          : `x."${n}"`;
      })
      .join(', ');
    await db.query(
      `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')})
       SELECT ${select} FROM unnest(${unnestArgs}) AS x(${names.map((n) => `"${n}"`).join(', ')})
       ${opts.onConflict ?? ''}`,
      params,
    );
  }
}
