import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsAny } from './selection';

/** The info of the document's first top-level field, as graphql-js hands it to that field's resolver. */
function infoOf(source: string) {
  const doc = parse(source);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { fieldNodes: [op.selectionSet.selections[0] as FieldNode], fragments };
}

const TOTALS = ['estimatedTotal', 'estimatedTotalIsLowerBound'];

describe('selectsAny', () => {
  it.each([
    ['{ searchParts(query: "x") { hits { part { id } } pageInfo { hasNextPage } } }', false],
    ['{ searchParts(query: "x") { estimatedTotal hits { part { id } } } }', true],
    ['{ searchParts(query: "x") { ... on PartSearchResult { estimatedTotalIsLowerBound } } }', true],
    ['{ searchParts(query: "x") { ...A } } fragment A on PartSearchResult { ...B } fragment B on PartSearchResult { estimatedTotal }', true],
    ['{ searchParts(query: "x") { ...A } } fragment A on PartSearchResult { hits { score } }', false],
    // A field of that name deeper down is not the result's own.
    ['{ searchParts(query: "x") { hits { part { estimatedTotal: id } } } }', false],
    // A fragment that refers to itself (invalid, but must not loop) and one the document lacks (counts as selecting).
    ['{ searchParts(query: "x") { ...A } } fragment A on PartSearchResult { ...A }', false],
    ['{ searchParts(query: "x") { ...Missing } }', true],
  ])('%s → %p', (source, expected) => {
    expect(selectsAny(infoOf(source), TOTALS)).toBe(expected);
  });
});
