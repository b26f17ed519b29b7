/**
 * `npm start`: the whole platform on one machine (see scripts/launcher.ts),
 * stopped — Postgres included — on Ctrl-C.
 */
import { loadConfig } from '../subgraphs/shared/src';
import { launchPlatform } from './launcher';
import { takeOverSignals } from './embedded-postgres';
import { demoDayAtStart } from './demo-day';

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
  const platform = await launchPlatform({ config, seed: config.seedDemo ? {} : false, say, demoDay: config.demoDay, registerStop: (stop) => (stopPlatform = stop), onFatal: (reason) => { say(reason); stopAll(1); } });
  if (stopping) return;
  const base = `http://localhost:${config.ports.gateway}`;
  say(`healthy in ${elapsed()}`);
  // On the start that loaded the demo (or after one stopped during its demo day): a working day at every station, through the API.
  let demoDay = '';
  if (platform.demoDay) {
    try {
      demoDay = await demoDayAtStart({ config, gatewayUrl: platform.gatewayUrl, databaseUrl: platform.databaseUrl, pending: platform.demoDay, say, stopping: () => !!stopping });
    } catch (err) {
      say(`demo day: not finished — ${(err as Error).message}; the next start tries again`);
    }
    if (stopping) return;
  }
  const firstSignIn = platform.demoUsers.length
    ? `  First sign-in (shown once; on the console choose "First sign-in" and set a password):
${platform.demoUsers.map((u) => `    ${u.username.padEnd(18)} ${u.setupCode}  ${u.roles.join(',')}${u.station ? ' @ ' + u.station : ''}`).join('\n')}
  首次登录：在控制台选择“首次登录”，输入用户名和上面的一次性设置码并设定密码。
`
    : `  Sign in on the console with your username and password. No account yet, or a forgotten password:
    npm run user -- create --username <name> --role HQ_ADMIN      (prints a one-time setup code)
    npm run user -- reset --username hq.admin                      (a new setup code)
`;
  console.log(`
  PartsGraph is up.
    GraphQL (HTTP + graphql-ws):  ${base}/graphql
    Console:                      ${base}/
    Health:                       ${base}/health
    Public signing keys:          ${base}/.well-known/jwks.json
${demoDay ? `  ${demoDay}\n` : ''}${firstSignIn}    Script token:                 npm run token -- --role HQ_ADMIN   (signed with the platform key in ${config.dataDir})
  Ctrl-C stops everything.
`);
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
