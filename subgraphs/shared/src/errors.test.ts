import { GraphQLError } from 'graphql';
import { badInput, conflict, formatError } from './errors';
import { checkQuantity, parseDecimal } from './scalars';

const format = (err: unknown) => formatError({ message: (err as Error).message, extensions: (err as GraphQLError).extensions }, err, () => undefined);

describe('formatError', () => {
  it('keeps public codes and messages', () => {
    expect(format(conflict('already settled'))).toMatchObject({ message: 'already settled', extensions: { code: 'CONFLICT' } });
  });

  it('hides unexpected errors: no message, no stack, no SQL', () => {
    const err = Object.assign(new Error('relation "stock.stock_level" does not exist'), { stack: 'at foo.js:1' });
    const out = format(err);
    expect(out).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, path: undefined, locations: undefined });
  });

  it('maps Postgres constraint errors to public codes without naming the constraint', () => {
    const err = Object.assign(new Error('new row violates check constraint "stock_level_on_hand_check"'), { code: '23514' });
    const out = format(err);
    expect(out.extensions?.code).toBe('CONFLICT');
    expect(out.message).not.toMatch(/stock_level/);
  });

  it('turns class-validator failures into BAD_USER_INPUT with field messages', () => {
    const err = new GraphQLError('Argument Validation Error', { extensions: { code: 'BAD_USER_INPUT', validationErrors: [{ property: 'input', children: [{ property: 'code', constraints: { length: 'code must be shorter than or equal to 20 characters' } }] }] } });
    const out = format(err);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { 'input.code': 'code must be shorter than or equal to 20 characters' } });
  });

  it('badInput carries field details', () => {
    expect(badInput('quantity must not be negative', { quantity: 'negative' }).extensions).toEqual({ code: 'BAD_USER_INPUT', fields: { quantity: 'negative' } });
  });
});

describe('quantities and money', () => {
  it.each([
    [2, 0, 2],
    [1.5, 1, 1.5],
    [0.125, 3, 0.125],
    [1.1 + 2.2, 1, 3.3],
  ])('accepts %p at precision %p', (q, precision, expected) => {
    expect(checkQuantity(q, 'quantity', { precision })).toBe(expected);
  });

  it.each([
    [1.5, 0, /whole number/],
    [0.1234, 3, /at most 3 decimals/],
    [-1, 0, /negative/],
    [0, 0, /zero/],
    [Number.NaN, 0, /number/],
    [Number.POSITIVE_INFINITY, 0, /number/],
  ])('refuses %p at precision %p', (q, precision, message) => {
    expect(() => checkQuantity(q, 'quantity', { precision })).toThrow(message);
  });

  it.each([
    ['128.5', '128.50'],
    ['128', '128.00'],
    [' 7.25 ', '7.25'],
    ['0.1234', '0.1234'],
  ])('normalises %p to %p', (input, out) => expect(parseDecimal(input)).toBe(out));

  it.each(['12,50', '1e3', 'abc', '', '1.23456', '--1'])('refuses %p as money', (input) => expect(() => parseDecimal(input)).toThrow(/decimal/));
});
