/** What the KPIs ask of the stock subgraph: its read-only `inventoryProfile` command (docs/internal-contracts.md). */
import { callCommand, type Context } from '../../../shared/src';

export interface InventoryProfile {
  parts: { stationId: string; partId: string; onHand: number; unitCost: string | null; value: string; lastIssueAt: string | null; firstMovementAt: string | null }[];
  months: { month: string; issueQuantity: number; issueValue: string; netValue: string }[];
  netValueAfter: string;
}

export const fetchInventoryProfile = (ctx: Context, stationId: string | null, fromMonth: string, toMonth: string) =>
  callCommand<InventoryProfile>(ctx.runtime.urls.stock, 'inventoryProfile', { stationId, fromMonth, toMonth }, ctx.user, ctx.runtime.internal);
