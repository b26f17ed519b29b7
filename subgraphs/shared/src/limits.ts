/**
 * The input limits of API.md ("Refusals a person can read"), in one place:
 * the gateway's input guard applies them to every argument before a request
 * is planned, subgraphs apply the same functions (and the class-validator
 * decorators below) at their own edge. A value outside them is
 * BAD_USER_INPUT with a reason and params.field (or params.variable).
 */
import { badInput, type RefusalParams } from './errors';

export const LIMITS = {
  idempotencyKey: { min: 1, max: 200 },
  /** Names, codes, numbers, queries and other short strings. */
  shortText: 200,
  /** Notes, reasons, descriptions. */
  longText: 2000,
  /** Lines of one document (requisition, order, receipt, transfer…). */
  documentLines: 200,
  /** Rows of one import call. */
  importRows: 2000,
  money: { integerDigits: 12, decimals: 2 },
  quantity: { max: 1_000_000, decimals: 3 },
} as const;

/** Argument and input-field names whose strings are notes (newline and tab allowed, up to 2,000 characters). */
export const LONG_TEXT_FIELDS = new Set(['note', 'notes', 'reason', 'damageReason', 'description', 'remark', 'remarks', 'comment', 'explanation', 'spec', 'address']);
/** List names that are import rows (up to 2,000); every other list is up to 200 entries. */
export const IMPORT_LIST_FIELDS = new Set(['rows']);

// NUL and C0/C1 controls and DEL; \t and \n are allowed in notes only.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const CONTROL_IN_SHORT = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export type TextKind = 'short' | 'long' | 'idempotencyKey';

export function textKindOf(field: string): TextKind {
  if (field === 'idempotencyKey') return 'idempotencyKey';
  return LONG_TEXT_FIELDS.has(field) ? 'long' : 'short';
}

/** What is wrong with a text, if anything: [reason, params]. */
export function textProblem(value: string, kind: TextKind): [('INVALID_VALUE' | 'CONTROL_CHARACTER' | 'TOO_LONG' | 'IDEMPOTENCY_KEY_INVALID'), RefusalParams] | undefined {
  if (value.includes('\u0000') || LONE_SURROGATE.test(value)) return ['INVALID_VALUE', {}];
  if ((kind === 'long' ? CONTROL : CONTROL_IN_SHORT).test(value)) return ['CONTROL_CHARACTER', {}];
  if (kind === 'idempotencyKey') {
    if (value.trim().length < LIMITS.idempotencyKey.min || value.length > LIMITS.idempotencyKey.max) return ['IDEMPOTENCY_KEY_INVALID', { min: LIMITS.idempotencyKey.min, max: LIMITS.idempotencyKey.max, length: value.length }];
    return undefined;
  }
  const max = kind === 'long' ? LIMITS.longText : LIMITS.shortText;
  if (value.length > max) return ['TOO_LONG', { max, length: value.length }];
  return undefined;
}

/** Throws the refusal for a bad text (`field`: the input path, lines counted from 1). */
export function checkText(value: string, field: string, kind: TextKind = textKindOf(field.split('.').pop() ?? field)): string {
  const problem = textProblem(value, kind);
  if (problem) {
    const [reason, params] = problem;
    const what = reason === 'TOO_LONG' ? `is longer than ${params.max} characters` : reason === 'IDEMPOTENCY_KEY_INVALID' ? `must be ${LIMITS.idempotencyKey.min}–${LIMITS.idempotencyKey.max} characters` : reason === 'CONTROL_CHARACTER' ? 'contains a control character' : 'contains a NUL character or a broken character';
    throw badInput(reason, `${field} ${what}`, { field, ...params });
  }
  return value;
}

export function maxListLength(field: string): number {
  return IMPORT_LIST_FIELDS.has(field) ? LIMITS.importRows : LIMITS.documentLines;
}

export function checkListLength(length: number, field: string): void {
  const max = maxListLength(field.split('.').pop() ?? field);
  if (length > max) throw badInput('TOO_MANY_LINES', `${field} has ${length} entries; at most ${max} are allowed`, { field, max, length });
}

const MONEY = /^\d{1,12}(\.\d{1,2})?$/;
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** What is wrong with a money input, if anything (`Decimal`: ≥ 0, ≤ 12 integer digits, ≤ 2 decimals). */
export function moneyProblem(value: unknown): 'INVALID_VALUE' | 'MONEY_OUT_OF_RANGE' | undefined {
  const s = typeof value === 'number' && Number.isFinite(value) ? String(value) : typeof value === 'string' ? value.trim() : undefined;
  if (s === undefined || !NUMERIC.test(s)) return 'INVALID_VALUE';
  if (!MONEY.test(s)) return /[eE]/.test(s) ? 'INVALID_VALUE' : 'MONEY_OUT_OF_RANGE';
  return undefined;
}

/** A money input normalised to 2 decimals ("128.5" → "128.50"), or the refusal. */
export function parseMoney(value: unknown, field = 'amount'): string {
  const problem = moneyProblem(value);
  if (problem === 'INVALID_VALUE') throw badInput('INVALID_VALUE', `${field}: "${String(value).slice(0, 40)}" is not a decimal amount such as "128.50"`, { field });
  if (problem) throw badInput('MONEY_OUT_OF_RANGE', `${field}: ${String(value).slice(0, 40)} is outside what a money amount may hold (≥ 0, at most 12 integer digits and 2 decimals)`, { field, value: String(value).slice(0, 40), integerDigits: LIMITS.money.integerDigits, decimals: LIMITS.money.decimals });
  const [int, frac = ''] = String(value).trim().split('.');
  return `${String(BigInt(int))}.${frac.padEnd(2, '0')}`;
}

/** `DateTime` inputs: an ISO-8601 date-time that names a real instant. */
export function isDateTime(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (typeof value !== 'string' || value.length > 40) return false;
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return false;
  return !Number.isNaN(Date.parse(value));
}

