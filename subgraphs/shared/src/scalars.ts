/**
 * The scalars of API.md: DateTime (ISO-8601) and Decimal (money as a string
 * such as "128.50"). Quantities are Float with at most 3 decimals.
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { badInput } from './errors';

const DECIMAL = /^-?\d{1,12}(\.\d{1,4})?$/;

/** Normalises a money amount to a string with 2 decimals (4 kept when given). */
export function parseDecimal(value: unknown): string {
  const s = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (!DECIMAL.test(s)) throw badInput(`"${String(value).slice(0, 40)}" is not a decimal amount such as "128.50"`);
  const [int, frac = ''] = s.split('.');
  return `${int}.${frac.padEnd(2, '0')}`;
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'A money amount as a string with up to 4 decimals, e.g. "128.50".',
  serialize: (v) => (typeof v === 'string' || typeof v === 'number' ? parseDecimal(v) : v),
  parseValue: parseDecimal,
  parseLiteral(ast) {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw badInput('Decimal values are strings such as "128.50"');
  },
});

export const DateTimeScalar = DateTimeResolver;

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];

/** A quantity rounded to the 3 decimals quantities are stored with (drops float noise such as 0.1 + 0.2). */
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

/** Quantities: finite, at most 3 decimals, and whole when the part's unitPrecision is 0. */
export function checkQuantity(value: number, field: string, opts: { precision?: number; allowZero?: boolean; allowNegative?: boolean } = {}): number {
  const precision = Math.min(opts.precision ?? 3, 3);
  if (!Number.isFinite(value)) throw badInput(`${field} must be a number`, { [field]: 'not a finite number' });
  if (!opts.allowNegative && value < 0) throw badInput(`${field} must not be negative`, { [field]: 'negative' });
  if (!opts.allowZero && value === 0) throw badInput(`${field} must not be zero`, { [field]: 'zero' });
  const scaled = value * 10 ** precision;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) {
    throw badInput(precision === 0 ? `${field} must be a whole number for this part` : `${field} allows at most ${precision} decimals`, { [field]: 'precision' });
  }
  if (Math.abs(value) > 1e9) throw badInput(`${field} is too large`, { [field]: 'too large' });
  return Math.round(scaled) / 10 ** precision;
}
