/**
 * Runs the shortage-alert benchmark on its own platform (own DATA_DIR,
 * ports 4300-4304, embedded Postgres on 54340), so it can run next to other
 * benchmarks or an `npm start`:
 *   npm run -s build && node dist/bench/alerts-run.js            (30 alerts × 1,000 subscribers)
 *   npm run -s build && node dist/bench/alerts-run.js --quick    (10 alerts)
 * `npm run bench -- --only alerts` runs the same module on the shared bench platform.
 */
import { runStandalone } from './lib/platform';
import { bench } from './alerts.bench';

runStandalone(bench, { dataDirName: 'bench-alerts', dataset: { parts: 2000, stations: 3, months: 3 }, portBase: 4300, pgPort: 54340 }).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
