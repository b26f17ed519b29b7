/** Every GraphQL example in README.md is valid against the public API schema (the composed supergraph's API). */
import fs from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';

const root = path.resolve(__dirname, '..', '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);
const api = Supergraph.build(fs.readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();

describe('README examples', () => {
  it('has examples', () => expect(blocks.length).toBeGreaterThanOrEqual(4));

  const operations = blocks.flatMap((b) => b.split(/\n(?=(?:query|mutation|subscription)\b)/).map((op) => op.trim()).filter(Boolean));
  it.each(operations.map((op) => [op.split('\n')[0].slice(0, 70), op]))('%s', (_title, op) => {
    const errors = validate(api, parse(op));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
