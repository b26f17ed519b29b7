/**
 * Damage claims (货损单): opened by receiving, then worked through
 * OPEN → SUBMITTED (sent to the supplier) → ACCEPTED / REJECTED (the
 * supplier's answer) → SETTLED. Reads are scoped to the caller's station.
 */
import { assertStationAccess, conflict, definePage, groupedByKey, scopeStation, type Context, type PageRequest, type PageResult, byId, rowOrRefuse } from '../../../shared/src';
import { ref, Part, Station } from '../stub/entity-stubs';
import { formatMoney } from '../../../shared/src/money';
import { DamageClaim, DamageClaimLine, DamageClaimStatus } from './damage-claim.type';
import { damageClaimRepository, type DamageClaimLineRow, type DamageClaimRow } from './damage-claim.repository';

export type ClaimAction = 'submit' | 'accept' | 'reject' | 'settle';

const MOVES: Record<ClaimAction, { from: DamageClaimStatus[]; to: DamageClaimStatus }> = {
  submit: { from: [DamageClaimStatus.OPEN], to: DamageClaimStatus.SUBMITTED },
  accept: { from: [DamageClaimStatus.SUBMITTED], to: DamageClaimStatus.ACCEPTED },
  reject: { from: [DamageClaimStatus.SUBMITTED], to: DamageClaimStatus.REJECTED },
  settle: { from: [DamageClaimStatus.ACCEPTED, DamageClaimStatus.REJECTED], to: DamageClaimStatus.SETTLED },
};

/** Pure: the status after `action`, or null when not allowed. */
export const nextClaimStatus = (from: DamageClaimStatus, action: ClaimAction): DamageClaimStatus | null =>
  MOVES[action].from.includes(from) ? MOVES[action].to : null;

export function toClaim(r: DamageClaimRow): DamageClaim {
  return Object.assign(new DamageClaim(), {
    id: r.id,
    number: r.number,
    status: r.status,
    amount: formatMoney(r.amount),
    station: ref(Station, r.station_id),
    resolutionNote: r.resolution_note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    returnedAt: r.returned_at ?? null,
    returnedBy: r.returned_at ? r.returned_by : null,
    supplierId: r.supplier_id,
    stationId: r.station_id,
    purchaseOrderId: r.purchase_order_id,
    replacementOrderId: r.replacement_order_id,
    goodsReceiptId: r.goods_receipt_id,
  });
}

export function toClaimLine(r: DamageClaimLineRow): DamageClaimLine {
  return Object.assign(new DamageClaimLine(), {
    id: r.id,
    damageClaimId: r.damage_claim_id,
    part: ref(Part, r.part_id),
    quantity: Number(r.quantity),
    unitPrice: formatMoney(r.unit_price),
    amount: formatMoney(r.amount),
    reason: r.reason,
  });
}

/** The refusal of a claim id that names no claim (or is no id). */
export const UNKNOWN_DAMAGE_CLAIM = { reason: 'DAMAGE_CLAIM_NOT_FOUND', what: 'Damage claim' } as const;

export const claimLoader = (ctx: Context) =>
  byId<DamageClaimRow>(ctx, 'damageClaim', (ids) => damageClaimRepository.byIds(ctx.db, ids), (r) => r.id);

export const claimLinesLoader = (ctx: Context) =>
  groupedByKey<string, DamageClaimLineRow>(ctx, 'damageClaimLines', (ids) => damageClaimRepository.linesOf(ctx.db, [...ids]), (r) => r.damage_claim_id);

export const claimsByOrderLoader = (ctx: Context) =>
  groupedByKey<string, DamageClaimRow>(ctx, 'damageClaimsByOrder', (ids) => damageClaimRepository.byOrders(ctx.db, [...ids]), (r) => r.purchase_order_id);

export interface DamageClaimFilters {
  stationId?: string | null;
  status?: DamageClaimStatus | null;
  supplierId?: string | null;
  /** Only claims with a line of this part. */
  partId?: string | null;
  /** Created from this instant (inclusive) / before this one (exclusive). */
  from?: Date | null;
  to?: Date | null;
  /** true: the goods went back to the supplier; false: still in quarantine. */
  returned?: boolean | null;
}

/** damageClaimsPage: newest first; ties by id. */
const claimPage = definePage<DamageClaimFilters>({
  name: 'damageClaims',
  from: 'procurement.damage_claim',
  sorts: {
    createdAt: { sql: 'q.created_at', type: 'timestamptz', direction: 'DESC' },
    number: { sql: 'q.number', type: 'text', direction: 'DESC' },
    status: { sql: 'q.status', type: 'text', direction: 'ASC' },
    amount: { sql: 'q.amount', type: 'numeric', direction: 'DESC' },
  },
  defaultSort: { field: 'createdAt' },
  ids: ['stationId', 'supplierId', 'partId'],
  filters: {
    stationId: (v, bind) => `q.station_id = ${bind(v)}::uuid`,
    status: (v, bind) => `q.status = ${bind(v)}`,
    supplierId: (v, bind) => `q.supplier_id = ${bind(v)}::uuid`,
    partId: (v, bind) => `EXISTS (SELECT 1 FROM procurement.damage_claim_line l WHERE l.damage_claim_id = q.id AND l.part_id = ${bind(v)}::uuid)`,
    from: (v, bind) => `q.created_at >= ${bind(v)}::timestamptz`,
    to: (v, bind) => `q.created_at < ${bind(v)}::timestamptz`,
    returned: (v) => (v ? 'q.returned_at IS NOT NULL' : 'q.returned_at IS NULL'),
  },
});

export const damageClaimService = {
  /** damageClaimsPage: the caller's station's claims (HQ: one station or all), filtered and sorted on the server. */
  async page(ctx: Context, a: DamageClaimFilters & { first?: number | null; after?: string | null; sort?: PageRequest<DamageClaimFilters>['sort'] }): Promise<PageResult<DamageClaim>> {
    const stationId = scopeStation(ctx, a.stationId);
    return claimPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId } }, toClaim);
  },

  async list(ctx: Context, stationId: string | null | undefined, status: DamageClaimStatus | null | undefined): Promise<DamageClaim[]> {
    const station = scopeStation(ctx, stationId);
    return (await damageClaimRepository.list(ctx.db, station, status ?? null)).map(toClaim);
  },

  async byId(ctx: Context, id: string): Promise<DamageClaim | null> {
    const row = await claimLoader(ctx).load(id);
    if (!row) return null;
    assertStationAccess(ctx, row.station_id);
    return toClaim(row);
  },

  async transition(ctx: Context, id: string, action: ClaimAction, note?: string | null): Promise<DamageClaim> {
    const row = await ctx.db.transaction(async (tx) => {
      const c = await rowOrRefuse(id, (id) => damageClaimRepository.lock(tx, id), UNKNOWN_DAMAGE_CLAIM);
      assertStationAccess(ctx, c.station_id);
      const to = nextClaimStatus(c.status, action);
      if (!to) throw conflict('WRONG_STATUS', `Damage claim ${c.number} is ${c.status}; it cannot be ${action === 'submit' ? 'submitted' : action + 'ed'}`, { number: c.number, status: c.status });
      return damageClaimRepository.setStatus(tx, id, to, note?.trim() || null, ctx.now());
    });
    return toClaim(row);
  },
};
