/**
 * The input guard keeps the document's part of its check per parsed operation
 * (Apollo Server hands every request with the same query the same
 * DocumentNode): each request's variables are still checked, the literals'
 * refusal is still thrown every time, variables before literals.
 */
import { buildSchema, parse, type GraphQLError, type OperationDefinitionNode } from 'graphql';
import { checkOperationInput } from './input-guard';

const sdl = `
  scalar Decimal
  input LineInput { partNo: String!, note: String }
  type Query { part(partNo: String!): String, price(amount: Decimal!, partNo: String): String, lines(lines: [LineInput!]!): String }
`;
const schema = buildSchema(sdl);

function refusal(run: () => void): Record<string, unknown> | undefined {
  try {
    run();
    return undefined;
  } catch (err) {
    return (err as GraphQLError).extensions;
  }
}

const parsed = (query: string) => {
  const document = parse(query);
  return { document, operation: document.definitions[0] as OperationDefinitionNode };
};

describe('input guard on a document seen again', () => {
  it('checks each request\'s variables, not the first request\'s verdict', () => {
    const { document, operation } = parsed(`query($n: String!) { part(partNo: $n) }`);
    const check = (n: string) => refusal(() => checkOperationInput(schema, document, operation, { n }));
    expect(check('T11-100')).toBeUndefined();
    expect(check('T11\u0000')).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', params: { variable: 'n' } }));
    expect(check('x'.repeat(201))).toEqual(expect.objectContaining({ reason: 'TOO_LONG', params: { variable: 'n', max: 200, length: 201 } }));
    expect(check('T11-101')).toBeUndefined();
  });

  it('keeps where each variable goes (a note\'s limits, not a name\'s) and the nested path', () => {
    const { document, operation } = parsed(`query($l: [LineInput!]!) { lines(lines: $l) }`);
    const check = (l: unknown) => refusal(() => checkOperationInput(schema, document, operation, { l }));
    expect(check([{ partNo: 'A', note: 'line one\nline two' }])).toBeUndefined();
    expect(check([{ partNo: 'A' }, { partNo: 'B\u0007' }])).toEqual(expect.objectContaining({ reason: 'CONTROL_CHARACTER', params: { variable: 'l', field: '2.partNo' } }));
    expect(check([{ partNo: 'A', note: 'fine\ttoo' }])).toBeUndefined();
  });

  it('throws a refused literal on every request, after the variables\' refusals', () => {
    const { document, operation } = parsed(`query($n: String) { price(amount: "abc", partNo: $n) }`);
    const check = (n?: string) => refusal(() => checkOperationInput(schema, document, operation, n === undefined ? {} : { n }));
    expect(check()).toEqual(expect.objectContaining({ reason: 'INVALID_VALUE', params: { field: 'amount' } }));
    expect(check('ok')).toEqual(expect.objectContaining({ reason: 'INVALID_VALUE', params: { field: 'amount' } }));
    expect(check('bad\u0000')).toEqual(expect.objectContaining({ reason: 'INVALID_VALUE', params: { variable: 'n' } }));
  });

  it('works the document out again for another schema (a new supergraph)', () => {
    const { document, operation } = parsed(`query($a: Decimal!) { price(amount: $a) }`);
    expect(refusal(() => checkOperationInput(schema, document, operation, { a: 'abc' }))).toEqual(expect.objectContaining({ reason: 'INVALID_VALUE', params: { variable: 'a' } }));
    // A supergraph without the Decimal scalar: the variable's type is unknown to it, so the guard has no rule for it.
    const next = buildSchema(sdl.replace('scalar Decimal', '').replace('amount: Decimal!', 'amount: String!'));
    expect(refusal(() => checkOperationInput(next, document, operation, { a: 'abc' }))).toBeUndefined();
  });
});
