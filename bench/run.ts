/**
 * `npm run bench` — starts the platform on the embedded default with a large
 * generated dataset (100k parts, 3 stations, 24 months; loaded once, kept in
 * .data/bench), runs every benchmark with a bounded number of requests
 * against localhost, and prints one table.
 *   npm run bench                 full run
 *   npm run bench -- --quick      ~1-minute smoke run (10k parts, fewer requests)
 *   npm run bench -- --only search,stock-issue
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import os from 'node:os';
import { startBenchPlatform } from './lib/platform';
import { formatTable, type Row } from './lib/report';
import type { Bench } from './lib/bench';

/** Every benchmark, in the order they run: `bench/<name>.bench.ts` exporting `bench: Bench`. */
const MODULES = ['search', 'counter-page', 'federated-page', 'stock-issue', 'receiving', 'depot-loop', 'reorder', 'alerts', 'cold-start', 'soak'];
const load = (name: string): Bench => (require(`./${name}.bench`) as { bench: Bench }).bench;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' } } });
  const quick = !!values.quick;
  const names = values.only ? values.only.split(',').map((s) => s.trim()) : MODULES;
  const unknown = names.filter((n) => !MODULES.includes(n));
  if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')}; have ${MODULES.join(', ')}`);

  const bar = new cliProgress.SingleBar({ format: 'bench [{bar}] {value}/{total} {name}', hideCursor: true }, cliProgress.Presets.shades_classic);
  const log: string[] = [];
  const say = (m: string) => {
    log.push(m);
    if (!bar.isActive) console.log(`[bench] ${m}`);
  };
  const env = await startBenchPlatform(quick, say);
  const rows: Row[] = [];
  const failures: string[] = [];
  bar.start(names.length, 0, { name: '' });
  try {
    for (const name of names) {
      bar.update({ name });
      try {
        rows.push(...(await load(name).run(env, { quick, say })));
      } catch (err) {
        failures.push(`${name}: ${(err as Error).message}`);
      }
      bar.increment();
    }
    // Peak resident memory of every process over the whole run (bench/lib/cpu.ts).
    const rss = env.cpu.peakRss();
    if (Object.keys(rss).length) {
      const platform = Object.entries(rss).filter(([n]) => n !== 'load').reduce((a, [, v]) => a + v, 0);
      rows.push({ benchmark: 'peak RSS per process', variant: `whole run (${names.join(', ')})`, target: '≤ 400 MiB each, ≤ 1.5 GiB in all',
        notes: `MiB: ${Object.entries(rss).map(([n, v]) => `${n} ${v.toFixed(0)}`).join(' · ')} · platform ${platform.toFixed(0)}` });
    }
  } finally {
    bar.stop();
    // The table first: a platform that stops badly must not take the measurements with it.
    const cpu = os.cpus();
    console.log(`\nPartsGraph benchmarks — ${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}${quick ? ', --quick' : ''}\n`);
    console.log(formatTable(rows));
    if (failures.length) {
      console.log('\nfailed:');
      for (const f of failures) console.log(`  ${f}`);
      process.exitCode = 1;
    }
    await env.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
