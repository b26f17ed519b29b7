/** The checked-in schema files are what the code produces: `npm run compose` after any schema change. */
import fs from 'node:fs';
import path from 'node:path';
import { composeSchemas, schemaDir } from '../../scripts/compose';

describe('schema/ is up to date', () => {
  let composed: Awaited<ReturnType<typeof composeSchemas>>;
  beforeAll(async () => {
    composed = await composeSchemas();
  });

  it('composes without errors', () => {
    expect(composed.supergraph).toContain('join__Graph');
  });

  it.each(['catalog', 'stock', 'procurement', 'workshop'])('schema/%s.graphql matches the code', (name) => {
    const file = fs.readFileSync(path.join(schemaDir(), `${name}.graphql`), 'utf8');
    expect(file).toBe(composed.subgraphs[name]);
  });

  it('schema/supergraph.graphql matches the composition (run `npm run compose`)', () => {
    expect(fs.readFileSync(path.join(schemaDir(), 'supergraph.graphql'), 'utf8')).toBe(composed.supergraph);
  });
});
