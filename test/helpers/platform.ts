/**
 * The whole platform for an e2e test file: its own database (from a template),
 * the four subgraphs and the gateway on free ports — real HTTP servers, real
 * Postgres, in this process so that a test can also reach each runtime.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig, signToken, startSubgraph, SUBGRAPHS, type Config, type Role, type RunningSubgraph, type SubgraphName } from '../../subgraphs/shared/src';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { definitions } from '../../scripts/subgraphs';
import { createTestDatabase, type Template } from './database';
import { freePort } from './ports';
import { gql, type GqlResponse } from './graphql';
import { generateDataset } from '../../seeds/generate';
import type { Dataset } from '../../seeds/dataset';

export interface Platform {
  config: Config;
  secret: string;
  databaseUrl: string;
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  gateway: RunningGateway;
  /** A token for the given role(s) and station. */
  token(roles: Role | Role[], stationId?: string, sub?: string): Promise<string>;
  /** Query the gateway. */
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  /** Query one subgraph directly. */
  querySubgraph<T = any>(name: SubgraphName, query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

let demo: Dataset | undefined;
/** The demo dataset the `demo` template was seeded with (deterministic, so ids match). */
export function demoData(): Dataset {
  return (demo ??= generateDataset());
}

export async function startPlatform(opts: { template?: Template; only?: SubgraphName[]; env?: Record<string, string> } = {}): Promise<Platform> {
  const databaseUrl = await createTestDatabase(opts.template ?? 'demo');
  const secret = randomBytes(32).toString('base64url');
  const ports = { gateway: await freePort(), catalog: await freePort(), stock: await freePort(), procurement: await freePort(), workshop: await freePort() };
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PORT: String(ports.gateway),
    CATALOG_PORT: String(ports.catalog),
    STOCK_PORT: String(ports.stock),
    PROCUREMENT_PORT: String(ports.procurement),
    WORKSHOP_PORT: String(ports.workshop),
    DATABASE_URL: databaseUrl,
    AUTH_JWT_SECRET: secret,
    ...(process.env.MEILI_HOST ? { MEILI_HOST: process.env.MEILI_HOST, MEILI_API_KEY: process.env.MEILI_API_KEY ?? '' } : {}),
    ...opts.env,
  });
  const names = opts.only ?? [...SUBGRAPHS];
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  await Promise.all(
    definitions
      .filter((d) => names.includes(d.name))
      .map(async (def) => {
        subgraphs[def.name] = await startSubgraph(def, { config, secret, databaseUrl, migrate: false });
      }),
  );
  const gateway = await startGateway({ config, secret });
  const gatewayUrl = `${gateway.url}/graphql`;
  const token = (roles: Role | Role[], stationId?: string, sub?: string) => {
    const list = Array.isArray(roles) ? roles : [roles];
    return signToken(secret, { sub: sub ?? `${list[0].toLowerCase()}-test`, roles: list, stationId }, '1h');
  };
  return {
    config,
    secret,
    databaseUrl,
    gatewayUrl,
    subgraphs,
    gateway,
    token,
    query: (q, v, t) => gql(gatewayUrl, q, v, t),
    querySubgraph: (name, q, v, t) => gql(`${subgraphs[name].url}/graphql`, q, v, t),
    async stop() {
      await gateway.stop();
      await Promise.all(Object.values(subgraphs).map((s) => s.stop()));
    },
  };
}
