// npm run fuzz -- --n 20000 [--seed 7] [--minutes 30]: the API fuzz test, longer (see test/fuzz/api-fuzz.test.ts).
import { spawnSync } from 'node:child_process';
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
const n = opt('n', '20000');
const env = { ...process.env, FUZZ_N: n, FUZZ_SEED: opt('seed', process.env.FUZZ_SEED ?? '20261202'), FUZZ_MS: String(Number(opt('minutes', '60')) * 60_000) };
const r = spawnSync('npx', ['jest', 'test/fuzz/api-fuzz.test.ts'], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
