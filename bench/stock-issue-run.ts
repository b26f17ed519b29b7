/**
 * Runs the stock-issue benchmark on its own platform (own DATA_DIR
 * .data/bench-stock, ports 4400-4404, embedded Postgres on 54350), so it can
 * run next to other benchmarks or an `npm start`:
 *   npm run -s build && node dist/bench/stock-issue-run.js            (3,000 hot + 2,000 spread issues)
 *   npm run -s build && node dist/bench/stock-issue-run.js --quick    (1,000 hot + 2,000 spread issues)
 * `npm run bench -- --only stock-issue` runs the same module on the shared bench platform.
 */
import { runStandalone } from './lib/platform';
import { bench } from './stock-issue.bench';

runStandalone(bench, { dataDirName: 'bench-stock', dataset: { parts: 3000, stations: 3, months: 3 }, portBase: 4400, pgPort: 54350 }).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
