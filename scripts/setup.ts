/**
 * Prepares a platform database: runs every subgraph's migrations (each into
 * its own schema) and loads the demo data into an empty database unless
 * SEED_DEMO=false. `npm start` calls it in-process; docker-compose runs it as
 * a one-shot service (`node dist/scripts/setup.js`) before the subgraphs.
 */
import { loadConfig, migrateSubgraph } from '../subgraphs/shared/src';
import { definitions } from './subgraphs';
import { isEmpty, seedDatabase } from './seed';
import { seedDemoUsers, type DemoUser } from './seed-users';
import type { GenerateOptions } from '../seeds/dataset';

export async function prepareDatabase(databaseUrl: string, seedDemo: boolean, say: (msg: string) => void = console.log, options: GenerateOptions = {}): Promise<{ demoUsers: DemoUser[] }> {
  let demoUsers: DemoUser[] = [];
  for (const def of definitions) {
    const ran = await migrateSubgraph(def, databaseUrl);
    if (ran.length) say(`${def.name}: applied ${ran.length} migration(s)`);
  }
  if (seedDemo && (await isEmpty(databaseUrl))) {
    say('loading demo data (first start)…');
    const data = await seedDatabase(databaseUrl, options);
    say(`demo data loaded: ${data.parts.length} parts, ${data.stations.length} stations, ${data.consumption.length} history rows`);
    // The demo's people, created like any user: each gets a one-time setup code, nobody a password.
    demoUsers = await seedDemoUsers(databaseUrl, data.stations);
  }
  return { demoUsers };
}

if (require.main === module) {
  const config = loadConfig();
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is required');
    process.exit(2);
  }
  prepareDatabase(config.databaseUrl, config.seedDemo).then(
    ({ demoUsers }) => {
      // docker-compose: `docker compose logs setup` shows the demo's first sign-ins (once: only on an empty database).
      if (demoUsers.length) {
        console.log('First sign-in (on the console choose "First sign-in" and set a password) / 首次登录：');
        for (const u of demoUsers) console.log(`  ${u.username.padEnd(18)} ${u.setupCode}  ${u.roles.join(',')}${u.station ? ' @ ' + u.station : ''}`);
      }
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
