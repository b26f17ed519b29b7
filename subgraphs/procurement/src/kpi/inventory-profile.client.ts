/** What the KPIs ask of the stock subgraph: its read-only `inventoryProfile` command (subgraphs/shared/src/contracts.ts). */
import { sendCommand, type Context } from '../../../shared/src';

export type { InventoryProfile } from '../../../shared/src';

export const fetchInventoryProfile = (ctx: Context, stationId: string | null, fromMonth: string, toMonth: string) =>
  sendCommand(ctx.runtime, 'inventoryProfile', { stationId, fromMonth, toMonth }, ctx.user);
