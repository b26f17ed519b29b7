/**
 * `node dist/bench/lib/profile-summary.js <file.cpuprofile>… [--top 15] [--last <s> | --window <from>-<to>]` —
 * the top self-time functions of V8 CPU profiles (from `node --cpu-prof`),
 * with their share of the profile and where they live (package or file), so
 * a README table can say where a process's CPU goes.
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[]; startTime: number; endTime: number }

export interface SelfTime { fn: string; where: string; share: number; ms: number }

/** Where a frame lives: `pkg:<name>` for node_modules, `node:<module>` for Node's own, else the path under the project. */
export function frameLocation(url: string): string {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return `pkg:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (url.startsWith('node:')) return url;
  const dist = url.indexOf('/dist/');
  return dist >= 0 ? url.slice(dist + '/dist/'.length) : path.basename(url);
}

/** Keeps only the samples between `fromS` and `toS` seconds after the profile's start (one phase of a bench run, e.g. one row's load). */
export function between(profile: Profile, fromS: number, toS: number): Profile {
  const deltas = profile.timeDeltas ?? [];
  const samples = profile.samples ?? [];
  const times: number[] = [];
  let t = profile.startTime;
  for (const d of deltas) times.push((t += d));
  const from = profile.startTime + fromS * 1e6;
  const to = profile.startTime + toS * 1e6;
  const keep = times.map((x) => x >= from && x <= to);
  return { ...profile, samples: samples.filter((_, i) => keep[i]), timeDeltas: deltas.filter((_, i) => keep[i]), startTime: Math.max(profile.startTime, from), endTime: Math.min(profile.endTime, to) };
}

/**
 * Keeps only the samples of the profile's last `seconds` (the measured load,
 * which a bench run ends with), so start-up (module loading, schema building)
 * does not drown the request path.
 */
export function lastSeconds(profile: Profile, seconds: number): Profile {
  const length = (profile.endTime - profile.startTime) / 1e6;
  return between(profile, Math.max(0, length - seconds), length);
}

export function selfTimes(profile: Profile, top = 15): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const ticks = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => ticks.set(id, (ticks.get(id) ?? 0) + (deltas[i] ?? 0)));
  const agg = new Map<string, { fn: string; where: string; us: number }>();
  let total = 0;
  for (const [id, us] of ticks) {
    const n = byId.get(id)!;
    const fn = n.callFrame.functionName || '(anonymous)';
    if (fn === '(idle)' || fn === '(program)') continue;
    const where = frameLocation(n.callFrame.url);
    const key = `${fn}@${where}`;
    const a = agg.get(key) ?? { fn, where, us: 0 };
    a.us += us;
    agg.set(key, a);
    total += us;
  }
  return [...agg.values()].sort((a, b) => b.us - a.us).slice(0, top).map((a) => ({ fn: a.fn, where: a.where, share: a.us / total, ms: a.us / 1000 }));
}

/** The same, folded by location (package or file): which libraries the time goes to. */
export function selfTimeByLocation(profile: Profile, top = 10): { where: string; share: number }[] {
  const all = selfTimes(profile, Number.MAX_SAFE_INTEGER);
  const by = new Map<string, number>();
  for (const s of all) {
    const key = s.where.startsWith('pkg:') || s.where.startsWith('node:') ? s.where : s.where.split('/').slice(0, 3).join('/');
    by.set(key, (by.get(key) ?? 0) + s.share);
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([where, share]) => ({ where, share }));
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args[topAt + 1]) : 15;
  const lastAt = args.indexOf('--last');
  const windowAt = args.indexOf('--window'); // --window 65-95: seconds after each profile's start
  const files = args.filter((a, i) => a.endsWith('.cpuprofile') && i !== topAt + 1);
  for (const file of files) {
    const whole = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
    const [fromS, toS] = windowAt >= 0 ? args[windowAt + 1].split('-').map(Number) : [NaN, NaN];
    const profile = windowAt >= 0 ? between(whole, fromS, toS) : lastAt >= 0 ? lastSeconds(whole, Number(args[lastAt + 1])) : whole;
    console.log(`\n${file} (${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s)`);
    for (const s of selfTimes(profile, top)) console.log(`  ${(s.share * 100).toFixed(1).padStart(5)} %  ${s.fn}  ${s.where}`);
    console.log('  by location:');
    for (const l of selfTimeByLocation(profile)) console.log(`  ${(l.share * 100).toFixed(1).padStart(5)} %  ${l.where}`);
  }
}
