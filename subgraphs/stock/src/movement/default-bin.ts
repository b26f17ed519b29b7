/** The remembered bin (货位自动记忆): where a part was last received or moved into, per warehouse. */
import type { Context, Tx } from '../../../shared/src';
import { loader } from '../../../shared/src';
import DataLoader from 'dataloader';

export async function rememberBin(tx: Tx, partId: string, warehouseId: string, binId: string): Promise<void> {
  await tx.query(
    `INSERT INTO stock.part_default_bin (part_id, warehouse_id, bin_id) VALUES ($1, $2, $3)
     ON CONFLICT (part_id, warehouse_id) DO UPDATE SET bin_id = EXCLUDED.bin_id, updated_at = now()`,
    [partId, warehouseId, binId],
  );
}

/** Per-request loader for Part.defaultBin: one statement for a page of parts. */
export const defaultBinLoader = (ctx: Context, warehouseId: string) =>
  loader(ctx, `defaultBin:${warehouseId}`, () => new DataLoader<string, string | null>(async (partIds) => {
    const rows: { part_id: string; bin_id: string }[] = await ctx.db.query(
      `SELECT part_id, bin_id FROM stock.part_default_bin WHERE warehouse_id = $1 AND part_id = ANY($2::uuid[])`, [warehouseId, partIds]);
    const map = new Map(rows.map((r) => [r.part_id, r.bin_id]));
    return partIds.map((p) => map.get(p) ?? null);
  }));
