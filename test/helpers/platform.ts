/**
 * The whole platform for an e2e test file: its own database (from a template),
 * the four subgraphs and the gateway on free ports — real HTTP servers, real
 * Postgres, in this process so that a test can also reach each runtime.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger, loadConfig, signToken, startSubgraph, SUBGRAPHS, type Config, type Logger, type Role, type RunningSubgraph, type SubgraphName } from '../../subgraphs/shared/src';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { definitions } from '../../scripts/subgraphs';
import { createTestDatabase, demoAsOf, type Template } from './database';
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
  /** A token for the given role(s) and station (HS256 with AUTH_JWT_SECRET, as scripts use). */
  token(roles: Role | Role[], stationId?: string, sub?: string): Promise<string>;
  /** A real person: created through createUser (by an HQ script token), first password set with the setup code, signed in. */
  user(o: { roles: Role | Role[]; stationId?: string; username?: string; password?: string }): Promise<SignedInUser>;
  /** `login` through the gateway. */
  signIn(username: string, password: string): Promise<GqlResponse<{ login: SessionResult }>>;
  /** Every log line every process of this platform wrote (when started with captureLogs). */
  logs: string[];
  /** Query the gateway. */
  query<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  /** Query one subgraph directly. */
  querySubgraph<T = any>(name: SubgraphName, query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

let demo: Dataset | undefined;
/** The demo dataset the `demo` template was seeded with (deterministic for its asOf, so ids and months match). */
export function demoData(): Dataset {
  return (demo ??= generateDataset({ asOf: demoAsOf() }));
}

export interface SessionResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: string;
  user: { id: string; username: string; roles: string[]; station: { id: string } | null };
}

export interface SignedInUser extends SessionResult {
  username: string;
  password: string;
}

const SESSION_FIELDS = 'accessToken refreshToken expiresAt user { id username roles station { id } }';
let userSeq = 0;

/** `supergraphSdl`: the gateway serves this supergraph instead of schema/supergraph.graphql (an older deployment, say). */
export async function startPlatform(opts: { template?: Template; only?: SubgraphName[]; env?: Record<string, string>; captureLogs?: boolean; supergraphSdl?: string } = {}): Promise<Platform> {
  const databaseUrl = await createTestDatabase(opts.template ?? 'demo');
  const secret = randomBytes(32).toString('base64url');
  // identity generates the platform's signing key here on its first start.
  const dataDir = fs.mkdtempSync(path.join(process.env.PARTSGRAPH_TEST_DIR ?? os.tmpdir(), 'platform-'));
  const ports = { gateway: await freePort(), catalog: await freePort(), stock: await freePort(), procurement: await freePort(), workshop: await freePort(), identity: await freePort() };
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PORT: String(ports.gateway),
    CATALOG_PORT: String(ports.catalog),
    STOCK_PORT: String(ports.stock),
    PROCUREMENT_PORT: String(ports.procurement),
    WORKSHOP_PORT: String(ports.workshop),
    IDENTITY_PORT: String(ports.identity),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    AUTH_JWT_SECRET: secret,
    // Tests share two cores with other test files: a generous deadline, unless a test sets its own (the resilience tests do).
    SUBGRAPH_TIMEOUT_MS: '20000',
    AUTH_SERVICE_SECRET: secret,
    ...(process.env.MEILI_HOST ? { MEILI_HOST: process.env.MEILI_HOST, MEILI_API_KEY: process.env.MEILI_API_KEY ?? '' } : {}),
    ...opts.env,
  });
  const names = opts.only ?? [...SUBGRAPHS];
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const logs: string[] = [];
  const logger = (name: string): Logger | undefined =>
    opts.captureLogs ? createLogger(name, 'debug', { write: (line: string) => void logs.push(line) }) : undefined;
  await Promise.all(
    definitions
      .filter((d) => names.includes(d.name))
      .map(async (def) => {
        subgraphs[def.name] = await startSubgraph(def, { config, secret, databaseUrl, migrate: false, log: logger(def.name) });
      }),
  );
  const gateway = await startGateway({ config, secret, log: logger('gateway'), supergraphSdl: opts.supergraphSdl });
  const gatewayUrl = `${gateway.url}/graphql`;
  const token = (roles: Role | Role[], stationId?: string, sub?: string) => {
    const list = Array.isArray(roles) ? roles : [roles];
    return signToken(secret, { sub: sub ?? `${list[0].toLowerCase()}-test`, roles: list, stationId }, '1h');
  };
  const signIn = (username: string, password: string) =>
    gql<{ login: SessionResult }>(gatewayUrl, `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { ${SESSION_FIELDS} } }`, { u: username, p: password });
  const user = async (o: { roles: Role | Role[]; stationId?: string; username?: string; password?: string }): Promise<SignedInUser> => {
    const roles = Array.isArray(o.roles) ? o.roles : [o.roles];
    const username = o.username ?? `${roles[0].toLowerCase().replace(/_/g, '.')}.${process.pid}.${++userSeq}`;
    const password = o.password ?? `Tr1cky-${randomBytes(6).toString('hex')}`;
    const hq = await token('HQ_ADMIN');
    const created = await gql<{ createUser: { setupCode: string } }>(gatewayUrl, `mutation($i: UserInput!) { createUser(input: $i) { setupCode } }`,
      { i: { username, displayName: username, roles, stationId: o.stationId ?? null } }, hq);
    if (!created.data) throw new Error(`createUser failed: ${JSON.stringify(created.errors)}`);
    const done = await gql<{ completeSetup: SessionResult }>(gatewayUrl, `mutation($u: String!, $c: String!, $p: String!) { completeSetup(username: $u, setupCode: $c, newPassword: $p) { ${SESSION_FIELDS} } }`,
      { u: username, c: created.data.createUser.setupCode, p: password });
    if (!done.data) throw new Error(`completeSetup failed: ${JSON.stringify(done.errors)}`);
    return { ...done.data.completeSetup, username, password };
  };
  return {
    config,
    secret,
    user,
    signIn,
    logs,
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
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
