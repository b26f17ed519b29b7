/**
 * `npm run compose`: prints each subgraph's SDL into schema/<name>.graphql and
 * composes them with @apollo/composition into schema/supergraph.graphql, the
 * file the gateway serves. A test fails when the checked-in files drift.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { definitions } from './subgraphs';
import { DEFAULT_PORTS } from '../subgraphs/shared/src/config';


export interface ComposedSchemas {
  subgraphs: Record<string, string>;
  supergraph: string;
}

export async function composeSchemas(): Promise<ComposedSchemas> {
  const subgraphs: Record<string, string> = {};
  for (const def of definitions) subgraphs[def.name] = (await def.buildSchema()).sdl;
  const result = composeServices(
    definitions.map((d) => ({ name: d.name, url: `http://127.0.0.1:${DEFAULT_PORTS[d.name]}/graphql`, typeDefs: parse(subgraphs[d.name]) })),
  );
  if (result.errors?.length) {
    throw new Error('Composition failed:\n' + result.errors.map((e) => `- ${e.message}`).join('\n'));
  }
  return { subgraphs, supergraph: result.supergraphSdl! };
}

export function schemaDir(): string {
  // Works from the TypeScript sources and from dist/.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return path.join(dir, 'schema');
}

async function main(): Promise<void> {
  const { subgraphs, supergraph } = await composeSchemas();
  const dir = schemaDir();
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, sdl] of Object.entries(subgraphs)) fs.writeFileSync(path.join(dir, `${name}.graphql`), sdl);
  fs.writeFileSync(path.join(dir, 'supergraph.graphql'), supergraph);
  console.log(`composed ${Object.keys(subgraphs).length} subgraphs into ${path.relative(process.cwd(), path.join(dir, 'supergraph.graphql'))}`);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}
