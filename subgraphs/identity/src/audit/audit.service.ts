/** Reading the audit log: HQ everything, a station manager their own station's entries. */
import { ErrorCode, hasRole, isHq, refusal, type Context } from '../../../shared/src';
import { auditRepository, type AuditRow } from './audit.repository';

export interface AuditFilter {
  stationId?: string | null;
  userId?: string | null;
  from?: Date | null;
  to?: Date | null;
  outcome?: string | null;
  operation?: string | null;
  first?: number | null;
  after?: string | null;
}

export const auditService = {
  async page(ctx: Context, f: AuditFilter): Promise<AuditRow[]> {
    let stationId = f.stationId ?? null;
    if (!isHq(ctx.user)) {
      if (!hasRole(ctx.user, 'STATION_MANAGER')) throw refusal(ErrorCode.FORBIDDEN, 'AUDIT_LOG_FORBIDDEN', 'Only HQ administrators and station managers read the audit log');
      if (stationId && stationId !== ctx.user.stationId) throw refusal(ErrorCode.FORBIDDEN, 'OTHER_STATION_USER', "You may only read your own station's audit log", {});
      stationId = ctx.user.stationId;
    }
    if (f.after && !/^\d{1,18}$/.test(f.after)) throw refusal(ErrorCode.BAD_USER_INPUT, 'INVALID_VALUE', 'after is the id of an audit entry', { field: 'after' });
    const first = Math.min(Math.max(1, f.first ?? 50), 200);
    return auditRepository.page(ctx.db, { stationId, userId: f.userId ?? null, from: f.from ?? null, to: f.to ?? null, outcome: f.outcome ?? null, operation: f.operation ?? null, after: f.after ?? null, first });
  },
};
