/**
 * When a station is short of a part, from its available stock and reorder
 * policy. Pure. OUT_OF_STOCK: nothing available (whatever the policy).
 * BELOW_REORDER_POINT: available < reorder point. Each resolves as soon as
 * its condition no longer holds. Quantity: the distance to the reorder point.
 */
export type LevelKind = 'BELOW_REORDER_POINT' | 'OUT_OF_STOCK';

export interface LevelVerdict {
  open: { kind: LevelKind; quantity: number }[];
  resolve: LevelKind[];
}

export function judgeLevel(available: number, policy: { reorderPoint: number } | null): LevelVerdict {
  const open: LevelVerdict['open'] = [];
  const resolve: LevelKind[] = [];
  const rp = policy?.reorderPoint ?? 0;
  const gap = Math.max(0, Math.round((rp - available) * 1000) / 1000);
  if (available <= 0) open.push({ kind: 'OUT_OF_STOCK', quantity: gap });
  else resolve.push('OUT_OF_STOCK');
  if (policy && available < rp) open.push({ kind: 'BELOW_REORDER_POINT', quantity: gap });
  else resolve.push('BELOW_REORDER_POINT');
  return { open, resolve };
}
