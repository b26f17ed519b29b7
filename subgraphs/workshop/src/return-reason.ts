/**
 * Why parts come back (退料 of a requisition line, 退货 of a counter-sale
 * line): one rule for both, printed on the 退料单. Trimmed; empty is none; up
 * to 2,000 characters, newline and tab allowed, no other control character.
 */
import { ErrorCode, refusal } from '../../shared/src';

export const RETURN_REASON_MAX = 2000;

/** The reason as stored (null when none), or the refusal (TOO_LONG, CONTROL_CHARACTER with params.field 'reason'). */
export function returnReason(reasonArg: string | null | undefined): string | null {
  const reason = reasonArg?.trim() || null;
  if (reason && reason.length > RETURN_REASON_MAX) throw refusal(ErrorCode.BAD_USER_INPUT, 'TOO_LONG', 'The reason is longer than 2,000 characters', { field: 'reason', max: RETURN_REASON_MAX });
  // eslint-disable-next-line no-control-regex
  if (reason && /[\u0000-\u0008\u000b-\u001f\u007f]/.test(reason)) throw refusal(ErrorCode.BAD_USER_INPUT, 'CONTROL_CHARACTER', 'The reason contains control characters', { field: 'reason' });
  return reason;
}
