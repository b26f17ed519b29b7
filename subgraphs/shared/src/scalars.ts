/**
 * The scalars of API.md: DateTime (ISO-8601) and Decimal (money as a string
 * such as "128.50"). Quantities are Float with at most 3 decimals.
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { badInput } from './errors';
import { LIMITS, parseMoney } from './limits';

const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

/** Normalises an amount the platform computed to a string with 2 decimals (4 kept when given); inputs go through parseMoney. */
export function parseDecimal(value: unknown): string {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!DECIMAL.test(s)) throw badInput('INVALID_VALUE', `"${String(value).slice(0, 40)}" is not a decimal amount such as "128.50"`);
  const [int, frac = ''] = s.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'A money amount as a string with up to 4 decimals, e.g. "128.50".',
  serialize: (v) => (typeof v === 'string' || typeof v === 'number' ? parseDecimal(v) : v),
  parseValue: (v) => parseMoney(v),
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseMoney(ast.value);
    throw badInput('INVALID_VALUE', 'Decimal values are strings such as "128.50"');
  },
});

export const DateTimeScalar = DateTimeResolver;

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];

/** A quantity rounded to the 3 decimals quantities are stored with (drops float noise such as 0.1 + 0.2). */
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Quantities: finite, > 0 (unless allowed), at most 1,000,000 and 3 decimals, and whole when the part's unitPrecision is 0. `field`: the input path, lines counted from 1. */
export function checkQuantity(value: number, field: string, opts: { precision?: number; allowZero?: boolean; allowNegative?: boolean; partNo?: string } = {}): number {
  const precision = Math.min(opts.precision ?? 3, 3);
  const max = LIMITS.quantity.max;
  const p = { field, ...(opts.partNo ? { partNo: opts.partNo } : {}) };
  if (typeof value !== 'number' || !Number.isFinite(value)) throw badInput('INVALID_VALUE', `${field} must be a number`, p);
  if (!opts.allowNegative && value < 0) throw badInput('QUANTITY_OUT_OF_RANGE', `${field} must not be negative`, { ...p, min: 0, max, value });
  if (!opts.allowZero && value === 0) throw badInput('QUANTITY_OUT_OF_RANGE', `${field} must not be zero`, { ...p, min: 0, max, value });
  if (Math.abs(value) > max) throw badInput('QUANTITY_OUT_OF_RANGE', `${field} is too large (at most ${max})`, { ...p, max, value });
  const scaled = value * 10 ** precision;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    if (precision === 0) throw badInput('QUANTITY_NOT_WHOLE', `${field} must be a whole number for this part`, { ...p, value });
    throw badInput('QUANTITY_TOO_PRECISE', `${field} allows at most ${precision} decimals`, { ...p, decimals: precision, value });
  }
  return Object.is(value, -0) ? 0 : Math.round(scaled) / 10 ** precision + 0;
}
