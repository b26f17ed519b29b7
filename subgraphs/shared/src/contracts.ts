/**
 * The internal commands between subgraphs, declared once: who owns each, what
 * it takes and what it answers. The caller (`sendCommand`) and the owner's
 * handler (`commands: () => ({ … })`, checked against `CommandHandlers`) use
 * these same types, so the two sides cannot drift apart; each handler still
 * validates what arrives (a service token proves who calls, not that the body
 * is well formed). `docs/internal-contracts.md` describes each command in
 * words; test/contract/internal-contracts.test.ts checks that it names
 * exactly the commands of `COMMAND_OWNERS` and that every owner registers
 * exactly its own.
 *
 * Quantities are numbers (≤ 3 decimals), money a string "128.50", ids UUIDs,
 * times ISO-8601.
 */
import type { Context } from './context';
import type { SubgraphName } from './config';
import { callCommand, type InternalClientOptions } from './internal';
import type { User } from './auth';

// ---------------------------------------------------------------- catalog

export interface PartFactsInput { partIds: string[] }

export interface PartFacts {
  partId: string;
  partNo: string;
  name: string;
  category: string | null;
  unit: string;
  unitPrecision: number;
  barcode: string | null;
  hqCap: string | null;
  prices: { retail: string; wholesale: string; member: string; insurance: string; internal: string };
  packSize: number;
  minOrderQty: number;
  supersededById: string | null;
}

// ---------------------------------------------------------------- stock

export interface BinQuantity { binId: string; quantity: number }

export interface IssueLineInput {
  lineKey?: string;
  partId: string;
  quantity: number;
  warehouseId?: string | null;
  binId?: string | null;
  barcode?: string | null;
}

export interface IssueStockInput {
  idempotencyKey: string;
  stationId: string;
  reference?: string | null;
  allowPartial?: boolean;
  lines: IssueLineInput[];
}

export interface IssuedLine {
  lineKey: string;
  partId: string;
  requested: number;
  issued: number;
  shortfall: number;
  allocations: BinQuantity[];
}

export interface IssueStockResult {
  lines: IssuedLine[];
  /** When stock issued (ISO-8601, the ledger rows' time; the command's time when nothing was issued). A retry with the
   *  same key answers the first call's time. Absent in results stored before it was added. */
  issuedAt?: string;
}

export interface ReturnStockInput {
  idempotencyKey: string;
  stationId: string;
  reference?: string | null;
  partId: string;
  quantity: number;
  warehouseId?: string | null;
  binId?: string | null;
}

export interface ReturnStockResult { binId: string; quantity: number }

export interface ReturnToSupplierInput {
  idempotencyKey: string;
  stationId?: string;
  /** The document the goods go back on, e.g. the damage claim's number. */
  reference?: string | null;
  lines: { lineKey?: string; partId: string; binId: string; quantity: number }[];
}

export interface ReturnedToSupplierLine {
  lineKey: string;
  partId: string;
  binId: string;
  quantity: number;
}

export interface ReturnToSupplierResult { lines: ReturnedToSupplierLine[] }

export interface ReceiveLineInput {
  lineKey?: string;
  partId: string;
  quantity: number;
  binId?: string | null;
  quarantine?: boolean;
  barcode?: string | null;
}

export interface ReceiveStockInput {
  idempotencyKey: string;
  stationId?: string;
  warehouseId: string;
  reference?: string | null;
  lines: ReceiveLineInput[];
}

export interface ReceivedLine {
  lineKey: string;
  partId: string;
  binId: string;
  quantity: number;
  movementType: 'RECEIPT' | 'QUARANTINE';
}

export interface ReceiveStockResult { lines: ReceivedLine[] }

export interface StockSnapshotInput { stationId: string; partIds?: string[] }

/** A part's totals at a station: on hand everywhere, available outside quarantine, in transit towards it. */
export interface StationTotals {
  partId: string;
  stationId: string;
  onHand: number;
  available: number;
  inTransit: number;
}

export interface InventoryProfileInput {
  /** null/absent: every station (HQ and services only). */
  stationId?: string | null;
  /** First and last month of the window, "YYYY-MM". */
  fromMonth: string;
  toMonth: string;
}

export interface InventoryProfilePart {
  stationId: string;
  partId: string;
  onHand: number;
  /** Internal price; null when the catalog does not know the part (then value "0.00"). */
  unitCost: string | null;
  value: string;
  lastIssueAt: string | null;
  firstMovementAt: string | null;
}

export interface InventoryProfile {
  parts: InventoryProfilePart[];
  months: { month: string; issueQuantity: number; issueValue: string; netValue: string }[];
  /** Net movement value after the window's last month (to now), for walking today's value back. */
  netValueAfter: string;
}

export interface SurplusOfferedInput { stationId: string; partIds: string[] }

export interface DepotLine {
  /** The purchase order line the quantity is for. */
  lineKey: string;
  partId: string;
  quantity: number;
}

export interface DepotStockInput {
  idempotencyKey: string;
  depotStationId: string;
  /** The order's number, for the ledger. */
  reference?: string | null;
  lines: DepotLine[];
}

export interface ReserveDepotStockResult {
  lines: { lineKey: string; partId: string; reserved: number; allocations: BinQuantity[] }[];
}

export interface ShipDepotStockResult {
  deliveryNoteNumber: string;
  lines: { lineKey: string; partId: string; shipped: number; allocations: BinQuantity[] }[];
}

export interface NetworkTotal { stationId: string; kind: 'STATION' | 'DEPOT'; onHand: number; available: number; inTransit: number }

// ---------------------------------------------------------------- procurement

export interface RecordShortageInput {
  idempotencyKey: string;
  stationId: string;
  partId: string;
  quantity: number;
  kind: 'REQUISITION_SHORTFALL';
  repairOrderId?: string | null;
  reference: string;
}

export interface DirectPurchaseInput {
  idempotencyKey: string;
  stationId: string;
  warehouseId: string;
  partId: string;
  quantity: number;
  repairOrderId: string;
  supplierId?: string | null;
  unitPrice?: string | null;
}

export interface DirectPurchaseResult { purchaseOrderId: string; purchaseOrderNumber: string; binId: string; unitPrice: string }

// ---------------------------------------------------------------- the table

/** Every internal command: its input and its result. */
export interface Commands {
  partFacts: { input: PartFactsInput; result: PartFacts[] };
  issueStock: { input: IssueStockInput; result: IssueStockResult };
  returnStock: { input: ReturnStockInput; result: ReturnStockResult };
  returnToSupplier: { input: ReturnToSupplierInput; result: ReturnToSupplierResult };
  receiveStock: { input: ReceiveStockInput; result: ReceiveStockResult };
  stockSnapshot: { input: StockSnapshotInput; result: StationTotals[] };
  inventoryProfile: { input: InventoryProfileInput; result: InventoryProfile };
  surplusOffered: { input: SurplusOfferedInput; result: { partId: string; quantity: number }[] };
  reserveDepotStock: { input: DepotStockInput; result: ReserveDepotStockResult };
  shipDepotStock: { input: DepotStockInput; result: ShipDepotStockResult };
  networkTotals: { input: { partId: string }; result: NetworkTotal[] };
  surplusValues: { input: { stationIds?: string[] | null }; result: { stationId: string; value: string }[] };
  recordShortage: { input: RecordShortageInput; result: { shortageId: string } };
  directPurchase: { input: DirectPurchaseInput; result: DirectPurchaseResult };
}

export type CommandName = keyof Commands;
export type CommandInput<N extends CommandName> = Commands[N]['input'];
export type CommandResult<N extends CommandName> = Commands[N]['result'];

/** Which subgraph answers each command. */
export const COMMAND_OWNERS = {
  partFacts: 'catalog',
  issueStock: 'stock',
  returnStock: 'stock',
  returnToSupplier: 'stock',
  receiveStock: 'stock',
  stockSnapshot: 'stock',
  inventoryProfile: 'stock',
  surplusOffered: 'stock',
  reserveDepotStock: 'stock',
  shipDepotStock: 'stock',
  networkTotals: 'stock',
  surplusValues: 'stock',
  recordShortage: 'procurement',
  directPurchase: 'procurement',
} as const satisfies Record<CommandName, SubgraphName>;

/** Commands that only read: after a reset on a pooled connection they are sent again even once written (http-fetcher.ts). */
const READ_ONLY_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(['partFacts', 'stockSnapshot']);

type Owner = (typeof COMMAND_OWNERS)[CommandName];
type OwnedBy<S extends Owner> = { [N in CommandName]: (typeof COMMAND_OWNERS)[N] extends S ? N : never }[CommandName];

/** What a subgraph's `commands` must register: a handler for each command it owns, typed by the contract. */
export type CommandHandlers<S extends Owner> = { [N in OwnedBy<S>]: (ctx: Context, input: CommandInput<N>) => Promise<CommandResult<N>> };

/**
 * Registers an owner's handlers, checked against the contracts (a missing, extra or mistyped handler does not compile).
 * Authorisation is not a handler's job: only services reach a command (signed service token), and the calling
 * subgraph authorised the person at its resolver (`@Authorized`). A handler scopes by the acting person's station
 * (`scopeStation`) and decides by the data; a role check in a handler could never fail, since the caller is a service.
 */
export const commandHandlers = <S extends Owner>(_owner: S, handlers: CommandHandlers<S>): CommandHandlers<S> => handlers;

/** Calls `name` on its owner as `actor` (a person's context: `ctx.user`). */
export function sendCommand<N extends CommandName>(
  rt: { urls: Record<string, string>; internal: InternalClientOptions }, name: N, input: CommandInput<N>, actor: User,
): Promise<CommandResult<N>> {
  return callCommand<CommandResult<N>>(rt.urls[COMMAND_OWNERS[name]], name, input, actor, rt.internal, READ_ONLY_COMMANDS.has(name));
}
