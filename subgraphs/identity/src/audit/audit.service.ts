/** Reading the audit log: HQ everything, a station manager their own station's entries. */
import { ErrorCode, hasRole, isHq, refusal, type Context, type PageRequest, type PageResult } from '../../../shared/src';
import { auditPage, auditRepository, type AuditPageFilters, type AuditRow } from './audit.repository';

/** auditLog's arguments: the page's filters but the service, and its own id cursor. */
export interface AuditFilter extends Omit<AuditPageFilters, 'service'> {
  first?: number | null;
  after?: string | null;
}

/** The station whose entries the caller may read (null: all, HQ only); refuses everyone but HQ and station managers. */
function auditScope(ctx: Context, stationId: string | null | undefined): string | null {
  if (isHq(ctx.user)) return stationId ?? null;
  if (!hasRole(ctx.user, 'STATION_MANAGER')) throw refusal(ErrorCode.FORBIDDEN, 'AUDIT_LOG_FORBIDDEN', 'Only HQ administrators and station managers read the audit log');
  if (stationId && stationId !== ctx.user.stationId) throw refusal(ErrorCode.FORBIDDEN, 'OTHER_STATION_USER', "You may only read your own station's audit log", {});
  return ctx.user.stationId;
}

export const auditService = {
  async page(ctx: Context, f: AuditFilter): Promise<AuditRow[]> {
    const stationId = auditScope(ctx, f.stationId);
    if (f.after && !/^\d{1,18}$/.test(f.after)) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE', 'after is the id of an audit entry', { field: 'after' });
    const first = Math.min(Math.max(1, f.first ?? 50), 200);
    return auditRepository.page(ctx.db, { stationId, userId: f.userId ?? null, from: f.from ?? null, to: f.to ?? null, outcome: f.outcome ?? null, operation: f.operation ?? null, after: f.after ?? null, first });
  },
  /** auditLogPage: the same entries as `auditLog`, through the shared page builder (sorts, keyset cursor, totalCount). */
  pageOf<T>(ctx: Context, a: AuditPageFilters & { first?: number | null; after?: string | null; sort?: PageRequest<AuditPageFilters>['sort'] }, map: (r: AuditRow) => T): Promise<PageResult<T>> {
    const stationId = auditScope(ctx, a.stationId);
    return auditPage.run(ctx.db, { first: a.first, after: a.after, sort: a.sort, filters: { ...a, stationId } }, map);
  },
};
