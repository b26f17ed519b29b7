/**
 * The API fuzz test (issue 16): hostile arguments to every query and mutation,
 * as HQ and station roles, fixed seed, bounded in time. `npm run fuzz -- --n
 * 20000` runs it longer (FUZZ_N / FUZZ_MS / FUZZ_SEED; FUZZ_ONLY=op1,op2 replays only those operations'
 * requests with the same arguments).
 */
import { startPlatform, type Platform } from '../helpers/platform';
import { fuzzApi } from './api-fuzz';

const N = Number(process.env.FUZZ_N ?? 4000);
const MS = Number(process.env.FUZZ_MS ?? (process.env.CI ? 60_000 : 75_000));
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const ONLY = process.env.FUZZ_ONLY ? process.env.FUZZ_ONLY.split(',') : undefined;

describe('API fuzz', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await startPlatform({ template: 'demo' });
  });
  afterAll(() => p?.stop());

  it(`no internal error, 5xx, leak, stray extension, reason-less refusal or state change by a refused call (seed ${SEED})`, async () => {
    const report = await fuzzApi(p, { seed: SEED, maxRequests: N, maxMs: MS, only: ONLY });
    // One line for CI logs and the issue: how much was tried and what was found.
    console.log(`fuzz: ${report.requests} requests over ${report.operations} operations in ${report.ms} ms; ${report.successes} answered, ${report.refusals} refused; ${report.defects.length} defects`, JSON.stringify(report.summary), JSON.stringify(report.defects.slice(0, 15), null, 1));
    expect(report.requests).toBeGreaterThan(ONLY ? 0 : 100);
    expect(report.defects).toEqual([]);
  }, MS + 120_000);
});
