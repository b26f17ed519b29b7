/**
 * `npm start`: the whole platform on one machine (see scripts/launcher.ts),
 * stopped — Postgres included — on Ctrl-C.
 */
import { loadConfig } from '../subgraphs/shared/src';
import { launchPlatform } from './launcher';
import { takeOverSignals } from './embedded-postgres';

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (msg: string) => console.log(`[partsgraph ${elapsed()}] ${msg}`);

async function main(): Promise<void> {
  const config = loadConfig();
  let stopping: Promise<void> | undefined;
  let stopPlatform: (() => Promise<void>) | undefined;
  const stopAll = (code: number) => {
    stopping ??= (async () => {
      say('stopping…');
      await stopPlatform?.();
      say('stopped');
      process.exit(code);
    })();
  };
  // Ctrl-C at any moment — during start-up too — stops what has started, Postgres last.
  takeOverSignals();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
  await launchPlatform({ config, seed: config.seedDemo ? {} : false, say, registerStop: (stop) => (stopPlatform = stop), onFatal: (reason) => { say(reason); stopAll(1); } });
  if (stopping) return;
  const base = `http://localhost:${config.ports.gateway}`;
  say(`healthy in ${elapsed()}`);
  console.log(`
  PartsGraph is up.
    GraphQL (HTTP + graphql-ws):  ${base}/graphql
    Console:                      ${base}/
    Health:                       ${base}/health
    Get a token:                  npm run token -- --role HQ_ADMIN
                                  npm run token -- --role PARTS_CLERK --station <stationId>
    Station ids:                  query { stations { id code name } } with an HQ_ADMIN token
  Ctrl-C stops everything.
`);
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
