/**
 * Prepares a platform database: runs every subgraph's migrations (each into
 * its own schema) and loads the demo data into an empty database unless
 * SEED_DEMO=false. `npm start` calls it in-process; docker-compose runs it as
 * a one-shot service (`node dist/scripts/setup.js`) before the subgraphs.
 */
import { loadConfig, migrateSubgraph } from '../subgraphs/shared/src';
import { definitions } from './subgraphs';
import { dropDemo, historyEnd, isEmpty, loadedDemo, pendingDemoDay, recordDemo, seedDatabase } from './seed';
import { seedDemoUsers, type DemoUser } from './seed-users';
import { defaultAsOf, historyMonths, normaliseAsOf } from '../seeds/generate';
import type { Dataset, GenerateOptions } from '../seeds/dataset';

/** A demo day to run once the platform is up: the demo's asOf, and the dataset when this start loaded it. */
export interface PendingDemoDay { asOf: string; data?: Dataset }

const schemas = definitions.map((d) => d.name);
const lastMonth = (asOf: string) => historyMonths(asOf, 1)[0];

async function migrateAll(databaseUrl: string, say: (msg: string) => void): Promise<void> {
  for (const def of definitions) {
    const ran = await migrateSubgraph(def, databaseUrl);
    if (ran.length) say(`${def.name}: applied ${ran.length} migration(s)`);
  }
}

/**
 * The demo is dated as of the month it is loaded in (its history ends with
 * last month), and the loaded demo is kept for that month: a database still
 * holding an earlier month's demo that nobody has changed is loaded afresh
 * (a new month, a living demo — with new setup codes for its people); one
 * with changes of its own is kept as it is, and the start says so.
 *
 * `demoDay` (npm start, unless DEMO_DAY=false): a demo loaded now is noted as
 * waiting for its demo day, which the caller runs once the platform is
 * healthy (scripts/demo-day.ts); `demoDay` in the answer is that, or one a
 * start before stopped half-way through — never a demo whose day is done or
 * was not asked for.
 */
export async function prepareDatabase(databaseUrl: string, seedDemo: boolean, say: (msg: string) => void = console.log, options: GenerateOptions = {}, demoDay = false): Promise<{ demoUsers: DemoUser[]; demoDay: PendingDemoDay | null }> {
  let demoUsers: DemoUser[] = [];
  await migrateAll(databaseUrl, say);
  if (!seedDemo) return { demoUsers, demoDay: null };
  let loadedData: Dataset | undefined;
  const asOf = normaliseAsOf(options.asOf ?? defaultAsOf());
  let load = await isEmpty(databaseUrl);
  if (!load) {
    const loaded = await loadedDemo(databaseUrl, schemas);
    if (!loaded) {
      // Loaded before the demo's month was noted (its dates were fixed then): keep it, but say when its history ends.
      const end = await historyEnd(databaseUrl);
      if (end && end < lastMonth(asOf)) say(`the history in this database ends with ${end}; for a demo whose history ends with ${lastMonth(asOf)} point DATA_DIR at an empty directory.`);
    } else if (loaded.asOf !== asOf) {
      if (await loaded.untouched()) {
        say(`the demo data is as of ${loaded.asOf.slice(0, 7)} (history to ${lastMonth(loaded.asOf)}) and unchanged: loading it again as of ${asOf.slice(0, 7)}…`);
        await dropDemo(databaseUrl, schemas);
        await migrateAll(databaseUrl, () => undefined);
        load = true;
      } else {
        say(`the demo data is as of ${loaded.asOf.slice(0, 7)} (history to ${lastMonth(loaded.asOf)}) and has changes of yours: kept. For this month's demo point DATA_DIR at an empty directory.`);
      }
    }
  }
  if (load) {
    say(`loading demo data as of ${asOf} (history to ${lastMonth(asOf)})…`);
    const data = await seedDatabase(databaseUrl, { ...options, asOf });
    say(`demo data loaded: ${data.parts.length} parts, ${data.stations.length} stations, ${data.consumption.length} history rows`);
    // The demo's people, created like any user: each gets a one-time setup code, nobody a password.
    demoUsers = await seedDemoUsers(databaseUrl, data.stations);
    await recordDemo(databaseUrl, data.asOf, schemas, demoDay);
    loadedData = data;
  }
  const pending = demoDay ? await pendingDemoDay(databaseUrl) : null;
  return { demoUsers, demoDay: pending ? { asOf: pending, data: loadedData?.asOf === pending ? loadedData : undefined } : null };
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
