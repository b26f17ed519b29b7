import { GraphQLError } from 'graphql';
import { badInput, conflict, formatError, refusal } from './errors';
import { checkQuantity, parseDecimal } from './scalars';
import { checkText, parseMoney } from './limits';

const format = (err: unknown) => formatError({ message: (err as Error).message, extensions: (err as GraphQLError).extensions }, err, () => undefined);

describe('formatError', () => {
  it('keeps public codes and messages', () => {
    expect(format(conflict('ORDER_SETTLED', 'already settled', { number: 'WO1' }))).toMatchObject({ message: 'already settled', extensions: { code: 'CONFLICT', reason: 'ORDER_SETTLED', params: { number: 'WO1' } } });
  });

  it('lets only code, reason and params out: serviceName and other keys move into params or go', () => {
    const err = new GraphQLError('x', { extensions: { code: 'CONFLICT', reason: 'ORDER_SETTLED', params: { a: 1 }, serviceName: 'workshop', short: [1], stacktrace: ['at'] } });
    expect(format(err).extensions).toEqual({ code: 'CONFLICT', reason: 'ORDER_SETTLED', params: { a: 1, short: [1] } });
  });

  it('gives a reason to a refusal that names none', () => {
    expect(format(new GraphQLError('nope', { extensions: { code: 'FORBIDDEN' } })).extensions).toEqual({ code: 'FORBIDDEN', reason: 'FORBIDDEN', params: {} });
  });

  it('keeps a subgraph\'s refusal that the gateway wrapped as an HTTP 400, naming the variable', () => {
    const wrapped = new GraphQLError('400: Bad Request', { extensions: { response: { status: 400, body: { errors: [{ message: 'Variable "$price" got invalid value "abc"; x', extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: {} } }] } } } });
    expect(format(wrapped)).toMatchObject({ message: expect.stringMatching(/price/), extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { variable: 'price' } } });
  });

  it('turns variable coercion failures into INVALID_VALUE with params.variable', () => {
    const err = new GraphQLError('Variable "$q" got invalid value 1.5; Float cannot represent');
    expect(format(err).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { variable: 'q' } });
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

  it('turns class-validator failures into BAD_USER_INPUT with a reason and the field (lines counted from 1)', () => {
    const err = new GraphQLError('Argument Validation Error', { extensions: { code: 'BAD_USER_INPUT', validationErrors: [{ property: 'input', children: [{ property: 'lines', children: [{ property: '0', children: [{ property: 'code', constraints: { length: 'code must be shorter than or equal to 20 characters' } }] }] }] }] } });
    const out = format(err);
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_LONG', params: { field: 'input.lines.1.code', fields: { 'input.lines.1.code': 'code must be shorter than or equal to 20 characters' } } });
  });

  it('badInput carries a reason and params', () => {
    expect(badInput('QUANTITY_OUT_OF_RANGE', 'quantity must not be negative', { field: 'quantity' }).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'QUANTITY_OUT_OF_RANGE', params: { field: 'quantity' } });
    expect(refusal('CONFLICT', 'ORDER_SETTLED', 'm').extensions).toEqual({ code: 'CONFLICT', reason: 'ORDER_SETTLED', params: {} });
  });

  it('maps a NUL byte that reached Postgres to INVALID_VALUE', () => {
    const err = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    expect(format(err).extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE' });
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

  it.each([
    ['12,50', 'INVALID_VALUE'],
    ['abc', 'INVALID_VALUE'],
    ['1e3', 'INVALID_VALUE'],
    ['99999999999999999999.99', 'MONEY_OUT_OF_RANGE'],
    ['-1.00', 'MONEY_OUT_OF_RANGE'],
    ['1.234', 'MONEY_OUT_OF_RANGE'],
  ])('money input %p is refused with %p', (input, reason) => {
    expect(() => parseMoney(input)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', reason }) }));
  });

  it.each([['128.5', '128.50'], ['0', '0.00'], ['007.10', '7.10'], ['999999999999.99', '999999999999.99']])('money input %p is %p', (input, out) => expect(parseMoney(input)).toBe(out));

  it.each([
    ['a\u0000b', 'name', 'INVALID_VALUE'],
    ['a\ud800b', 'name', 'INVALID_VALUE'],
    ['a\u0007b', 'note', 'CONTROL_CHARACTER'],
    ['a\nb', 'name', 'CONTROL_CHARACTER'],
    ['x'.repeat(201), 'name', 'TOO_LONG'],
    ['x'.repeat(2001), 'note', 'TOO_LONG'],
    ['x'.repeat(201), 'idempotencyKey', 'IDEMPOTENCY_KEY_INVALID'],
    ['', 'idempotencyKey', 'IDEMPOTENCY_KEY_INVALID'],
  ])('text %#: as %s is refused with %s', (value, field, reason) => {
    expect(() => checkText(value, field)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason, params: expect.objectContaining({ field }) }) }));
  });

  it.each([['a\nb\tc', 'note'], ['x'.repeat(2000), 'note'], ['x'.repeat(200), 'name'], ['汽车😀', 'name']])('text %#: accepted as %s', (value, field) => expect(checkText(value, field)).toBe(value));

  it.each([[1e308], [2 ** 53], [1_000_001]])('refuses quantity %p as out of range', (q) => expect(() => checkQuantity(q, 'quantity')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'QUANTITY_OUT_OF_RANGE' }) })));
  it('reads -0 as zero', () => expect(() => checkQuantity(-0, 'quantity')).toThrow(/zero/));
});
